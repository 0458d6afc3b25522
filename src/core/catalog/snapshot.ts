import type { AuditEntry, MissingRecord, Person, Taxonomy, VaultSettings } from '../../shared/domain';
import type { DocumentHead, FrozenIndex } from '../search/index';
import type { InterviewHead } from './heads';

/**
 * The search cache: everything unlock needs to show lists and answer searches without decrypting every
 * record. Stored encrypted (search cache key) in the `cache` table; rebuilt from the records when missing.
 *   "FVC3" | u32 JSON length | JSON | zero padding to 4 | offsets (u32 LE) | postings (u32 LE)
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

// "FVC3": the index also holds digits-only keys of phone numbers (search/phones.ts); an FVC2 cache lacks them.
const MAGIC = 0x46564333; // "FVC3" (a cache of another version is simply rebuilt)

export function encodeSnapshot(s: Snapshot): Uint8Array {
  const { index, ...rest } = s;
  const json = Buffer.from(
    JSON.stringify({
      ...rest,
      terms: index.terms.join('\n'),
      docs: index.docs.map((d) => [d.kind, d.id, d.code, d.title]),
      termCount: index.terms.length,
      postingCount: index.postings.length,
    }),
    'utf8',
  );
  const jsonEnd = 8 + json.length;
  const binStart = Math.ceil(jsonEnd / 4) * 4;
  const out = new Uint8Array(binStart + (index.offsets.length + index.postings.length) * 4);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC);
  view.setUint32(4, json.length);
  out.set(json, 8);
  let o = binStart;
  for (const v of index.offsets) view.setUint32((o += 4) - 4, v, true);
  for (const v of index.postings) view.setUint32((o += 4) - 4, v, true);
  json.fill(0);
  return out;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export function decodeSnapshot(bytes: Uint8Array): Snapshot | null {
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.length < 8 || view.getUint32(0) !== MAGIC) return null;
    const jsonLength = view.getUint32(4);
    const parsed = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + 8, jsonLength).toString('utf8')) as Omit<Snapshot, 'index'> & {
      terms: string;
      docs: [DocumentHead['kind'], string, string, string][];
      termCount: number;
      postingCount: number;
    };
    const binStart = Math.ceil((8 + jsonLength) / 4) * 4;
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
        docs: parsed.docs.map(([kind, id, code, title]) => ({ kind, id, code, title })),
      },
    };
  } catch {
    return null;
  }
}
