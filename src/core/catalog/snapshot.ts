import { deserialize, serialize } from 'node:v8';
import type { AuditEntry, MissingRecord, Person, Taxonomy, VaultSettings } from '../../shared/domain';
import type { DocumentHead, FrozenIndex } from '../search/index';
import type { InterviewHead } from './heads';

/**
 * The search cache: everything unlock needs to show lists and answer searches without decrypting every
 * record. Stored encrypted (search cache key) in the `cache` table; rebuilt from the records when missing.
 *   "FVC5" | u32 length A | u32 length B | A | B | zero padding to 4 | offsets (u32 LE) | postings (u32 LE)
 * A and B are in V8's structured serialisation (node:v8), not JSON: read back several times faster, and nothing
 * else reads this copy. A holds what every unlock needs (rows, index, audit, counters, settings, the ids of the
 * interviews and the ids and codes of the register); B holds the interview heads and the register themselves,
 * decoded only when something uses them (LazyRegister): an unlock that only searches never does. The bytes are
 * authenticated before they are decoded; a runtime that cannot read them (another V8 serialisation version)
 * decodes nothing and the cache is rebuilt.
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

// "FVC5": split in two parts; "FVC4" was one part; "FVC3" was JSON; an FVC2 cache lacks phone keys (search/phones.ts).
const MAGIC = 0x46564335; // "FVC5" (a cache of another version is simply rebuilt)

/** Part A as stored: the index's words joined by newlines and its documents without their numbers. */
interface StoredCore extends Omit<Snapshot, 'index' | 'interviews' | 'people'> {
  readonly terms: string;
  readonly docs: readonly DocumentHead[];
  readonly termCount: number;
  readonly postingCount: number;
  readonly interviewIds: readonly string[];
  readonly personKeys: readonly (readonly [id: string, code: string])[];
}

/** Part B as stored. */
interface StoredRegister {
  readonly interviews: readonly InterviewHead[];
  readonly people: readonly Person[];
}

export function encodeSnapshot(s: Snapshot): Uint8Array {
  const { index, interviews, people, ...rest } = s;
  const core: StoredCore = {
    ...rest,
    terms: index.terms.join('\n'),
    docs: index.docs.map((d) => ({ kind: d.kind, id: d.id, code: d.code, title: d.title })),
    termCount: index.terms.length,
    postingCount: index.postings.length,
    interviewIds: interviews.map((h) => h.id),
    personKeys: people.map((p) => [p.id, p.code] as const),
  };
  const a = serialize(core);
  const b = serialize({ interviews, people } satisfies StoredRegister);
  const binStart = Math.ceil((12 + a.length + b.length) / 4) * 4;
  const out = new Uint8Array(binStart + (index.offsets.length + index.postings.length) * 4);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC);
  view.setUint32(4, a.length);
  view.setUint32(8, b.length);
  out.set(a, 12);
  out.set(b, 12 + a.length);
  let o = binStart;
  for (const v of index.offsets) view.setUint32((o += 4) - 4, v, true);
  for (const v of index.postings) view.setUint32((o += 4) - 4, v, true);
  a.fill(0);
  b.fill(0);
  return out;
}

/**
 * The interview heads and the register of a decoded cache, decoded on first use from a private copy of their
 * bytes (the decrypted cache itself is wiped right after decoding). discard() wipes the copy unread.
 */
export class LazyRegister {
  private bytes: Uint8Array | null;
  private decoded: StoredRegister | null = null;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  load(): StoredRegister {
    if (this.decoded) return this.decoded;
    const bytes = this.bytes;
    if (!bytes) return { interviews: [], people: [] };
    let value: unknown;
    try {
      value = deserialize(bytes);
    } finally {
      bytes.fill(0);
      this.bytes = null;
    }
    const r = value as Partial<StoredRegister> | null;
    // Authenticated and written by this version (part A decoded): anything else is a fault, not a vault problem.
    if (!r || !Array.isArray(r.interviews) || !Array.isArray(r.people)) throw new Error('The search cache’s register part is unreadable.');
    this.decoded = { interviews: r.interviews, people: r.people };
    return this.decoded;
  }

  discard(): void {
    this.bytes?.fill(0);
    this.bytes = null;
    this.decoded = null;
  }
}

/** A search cache as read back: part A decoded, part B (heads and register) waiting in `register`. */
export interface DecodedSnapshot extends Omit<Snapshot, 'interviews' | 'people'> {
  readonly interviewIds: readonly string[];
  readonly personKeys: readonly (readonly [id: string, code: string])[];
  readonly register: LazyRegister;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export function decodeSnapshot(bytes: Uint8Array): DecodedSnapshot | null {
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.length < 12 || view.getUint32(0) !== MAGIC) return null;
    const aLength = view.getUint32(4);
    const bLength = view.getUint32(8);
    if (12 + aLength + bLength > bytes.length) return null;
    const parsed = deserialize(bytes.subarray(12, 12 + aLength)) as StoredCore;
    if (!isStoredCore(parsed)) return null;
    const binStart = Math.ceil((12 + aLength + bLength) / 4) * 4;
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
      interviewIds: parsed.interviewIds,
      personKeys: parsed.personKeys,
      // a copy (a Buffer's slice() is a view): the decrypted cache is wiped right after this returns
      register: new LazyRegister(new Uint8Array(bytes.subarray(12 + aLength, 12 + aLength + bLength))),
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
function isStoredCore(v: unknown): v is StoredCore {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  return (
    Array.isArray(f.rows) &&
    Array.isArray(f.interviewIds) &&
    Array.isArray(f.personKeys) &&
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
