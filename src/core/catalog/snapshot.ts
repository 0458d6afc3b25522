import { deserialize, serialize } from 'node:v8';
import type { AuditEntry, MissingRecord, Person, Taxonomy, VaultSettings } from '../../shared/domain';
import type { DocumentHead, FrozenIndex } from '../search/index';
import type { InterviewHead } from './heads';

/**
 * The search cache: everything unlock needs to show lists and answer searches without decrypting every
 * record. Stored encrypted (search cache key) in the `cache` table; rebuilt from the records when missing.
 *   "FVC4" | u32 length | fields | zero padding to 4 | offsets (u32 LE) | postings (u32 LE)
 * The fields are in V8's structured serialisation (node:v8), not JSON: reading them back at unlock is about
 * three times faster (10,000 interviews: 60 ms against 200 ms cold), and nothing else reads this copy. The
 * bytes are authenticated before they are decoded; a runtime that cannot read them (another V8 serialisation
 * version) decodes nothing and the cache is rebuilt.
 */
export interface Snapshot {
  /** Every row this snapshot reflects: [id, kind, revision]. Rows that differ are re-read at unlock. */
  readonly rows: readonly (readonly [string, number, number])[];
  readonly interviews: readonly InterviewHead[];
  readonly people: readonly Person[];
  readonly audit: readonly (readonly [string, AuditEntry])[];
  readonly countersId: string;
  readonly counters: { readonly interview: number; readonly person: number };
  /** interview id -> [history record id, when its newest kept version was saved] */
  readonly histories: readonly (readonly [string, string, string])[];
  readonly taxonomy: { readonly id: string; readonly value: Taxonomy } | null;
  readonly settings: { readonly id: string; readonly value: VaultSettings } | null;
  readonly index: FrozenIndex;
  /**
   * While a seal mismatch is unresolved: what was found missing and the copies of people that can be put back,
   * so the next session can still say which records they were (the rows themselves are gone).
   */
  readonly unresolved?: { readonly missing: readonly MissingRecord[]; readonly recoverable: readonly Person[] };
}

// "FVC4": V8 serialisation; "FVC3" held the same fields as JSON; an FVC2 cache lacks phone keys (search/phones.ts).
const MAGIC = 0x46564334; // "FVC4" (a cache of another version is simply rebuilt)

/** The fields as stored: the index's words joined by newlines and its documents without their numbers. */
interface StoredFields extends Omit<Snapshot, 'index'> {
  readonly terms: string;
  readonly docs: readonly DocumentHead[];
  readonly termCount: number;
  readonly postingCount: number;
}

export function encodeSnapshot(s: Snapshot): Uint8Array {
  const { index, ...rest } = s;
  const stored: StoredFields = {
    ...rest,
    terms: index.terms.join('\n'),
    docs: index.docs.map((d) => ({ kind: d.kind, id: d.id, code: d.code, title: d.title })),
    termCount: index.terms.length,
    postingCount: index.postings.length,
  };
  const fields = serialize(stored);
  const fieldsEnd = 8 + fields.length;
  const binStart = Math.ceil(fieldsEnd / 4) * 4;
  const out = new Uint8Array(binStart + (index.offsets.length + index.postings.length) * 4);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC);
  view.setUint32(4, fields.length);
  out.set(fields, 8);
  let o = binStart;
  for (const v of index.offsets) view.setUint32((o += 4) - 4, v, true);
  for (const v of index.postings) view.setUint32((o += 4) - 4, v, true);
  fields.fill(0);
  return out;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export function decodeSnapshot(bytes: Uint8Array): Snapshot | null {
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.length < 8 || view.getUint32(0) !== MAGIC) return null;
    const fieldsLength = view.getUint32(4);
    if (8 + fieldsLength > bytes.length) return null;
    const parsed = deserialize(bytes.subarray(8, 8 + fieldsLength)) as StoredFields;
    if (!isStoredFields(parsed)) return null;
    const binStart = Math.ceil((8 + fieldsLength) / 4) * 4;
    const need = binStart + (parsed.termCount + 1 + parsed.postingCount) * 4;
    if (bytes.length < need) return null;
    // Copy into aligned typed arrays (the decrypted buffer's offset need not be a multiple of 4). The format is
    // little-endian: on a little-endian machine (all Fieldvault runs on) that is one copy of the bytes.
    const ints = new Uint32Array(parsed.termCount + 1 + parsed.postingCount);
    if (LITTLE_ENDIAN) new Uint8Array(ints.buffer).set(bytes.subarray(binStart, binStart + ints.length * 4));
    else for (let i = 0; i < ints.length; i++) ints[i] = view.getUint32(binStart + i * 4, true);
    const terms = parsed.termCount === 0 ? [] : parsed.terms.split('\n');
    if (terms.length !== parsed.termCount) return null;
    return {
      rows: parsed.rows,
      interviews: parsed.interviews,
      people: parsed.people,
      audit: parsed.audit,
      countersId: parsed.countersId,
      counters: parsed.counters,
      histories: parsed.histories ?? [],
      taxonomy: parsed.taxonomy ?? null,
      settings: parsed.settings ?? null,
      ...(parsed.unresolved ? { unresolved: parsed.unresolved } : {}),
      index: {
        terms,
        offsets: ints.subarray(0, parsed.termCount + 1),
        postings: ints.subarray(parsed.termCount + 1),
        docs: parsed.docs,
      },
    };
  } catch {
    return null;
  }
}

/** The shape decode relies on (the bytes were authenticated; this catches another version's fields). */
function isStoredFields(v: unknown): v is StoredFields {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  return (
    Array.isArray(f.rows) &&
    Array.isArray(f.interviews) &&
    Array.isArray(f.people) &&
    Array.isArray(f.audit) &&
    Array.isArray(f.docs) &&
    typeof f.terms === 'string' &&
    typeof f.countersId === 'string' &&
    typeof f.counters === 'object' &&
    f.counters !== null &&
    Number.isInteger(f.termCount) &&
    Number.isInteger(f.postingCount) &&
    (f.termCount as number) >= 0 &&
    (f.postingCount as number) >= 0
  );
}
