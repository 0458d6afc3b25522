import { deserialize, serialize } from 'node:v8';
import type { AuditEntry, MissingRecord, Person, Taxonomy, VaultSettings } from '../../shared/domain';
import { joinTerms, PackedTerms, type DocumentHead, type FrozenIndex } from '../search/index';
import type { ColleagueHead, ReceivedHead } from '../delivery/records';
import type { InterviewHead } from './heads';

/**
 * The search cache: everything unlock needs to show lists and answer searches without decrypting every
 * record. Stored encrypted (search cache key) in the `cache` table, in two parts sealed separately (store.ts
 * writeCache); rebuilt from the records when missing.
 *   core     = "FVC6" | u32 length A | A | zero padding to 4 | offsets (u32 LE) | postings (varint deltas)
 *   register = B
 * A and B are in V8's structured serialisation (node:v8), not JSON: read back several times faster, and nothing
 * else reads this copy. A holds what every unlock needs (rows, index, audit, counters, settings, the ids of the
 * interviews and the ids and codes of the register); B holds the interview heads and the register themselves,
 * decrypted and decoded only when something uses them (LazyRegister): an unlock that only searches never does.
 * The bytes are authenticated before they are decoded; a runtime that cannot read them (another V8 serialisation
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
  /**
   * Sealed delivery: the identity record's id (never its keys), the colleagues' cards and the received briefs'
   * heads (never their files). Absent in a cache written before schema 5: its rows do not cover those kinds,
   * so they are read from their records at unlock.
   */
  readonly delivery?: {
    readonly identityId: string;
    readonly colleagues: readonly ColleagueHead[];
    readonly received: readonly ReceivedHead[];
  };
  readonly index: FrozenIndex;
  /**
   * While a seal mismatch is unresolved: what was found missing and the copies of people that can be put back,
   * so the next session can still say which records they were (the rows themselves are gone).
   */
  readonly unresolved?: { readonly missing: readonly MissingRecord[]; readonly recoverable: readonly Person[] };
}

// "FVC6": the register part sealed on its own, postings as varints; "FVC5" had both parts in one box; "FVC4" was
// one part; "FVC3" was JSON; an FVC2 cache lacks phone keys (search/phones.ts).
const MAGIC = 0x46564336; // "FVC6" (a cache of another version is simply rebuilt)

/** Part A as stored: the index's words joined by newlines and its documents without their numbers. */
interface StoredCore extends Omit<Snapshot, 'index' | 'interviews' | 'people'> {
  readonly terms: string;
  readonly docs: readonly DocumentHead[];
  readonly termCount: number;
  readonly postingBytes: number;
  readonly interviewIds: readonly string[];
  readonly personKeys: readonly (readonly [id: string, code: string])[];
}

/** Part B as stored. */
interface StoredRegister {
  readonly interviews: readonly InterviewHead[];
  readonly people: readonly Person[];
}

/** The two plaintexts of the cache: what every unlock reads, and the register read on first use. */
export interface EncodedSnapshot {
  readonly core: Uint8Array;
  readonly register: Uint8Array;
}

export function encodeSnapshot(s: Snapshot): EncodedSnapshot {
  const { index, interviews, people, ...rest } = s;
  const core: StoredCore = {
    ...rest,
    terms: joinTerms(index.terms),
    docs: index.docs.map((d) => ({ kind: d.kind, id: d.id, code: d.code, title: d.title })),
    termCount: index.terms.length,
    postingBytes: index.postings.length,
    interviewIds: interviews.map((h) => h.id),
    personKeys: people.map((p) => [p.id, p.code] as const),
  };
  const a = serialize(core);
  const binStart = Math.ceil((8 + a.length) / 4) * 4;
  const out = new Uint8Array(binStart + index.offsets.length * 4 + index.postings.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC);
  view.setUint32(4, a.length);
  out.set(a, 8);
  let o = binStart;
  for (const v of index.offsets) view.setUint32((o += 4) - 4, v, true);
  out.set(index.postings, o);
  a.fill(0);
  return { core: out, register: serialize({ interviews, people } satisfies StoredRegister) };
}

/**
 * The interview heads and the register of a decoded cache, decrypted and decoded on first use (`open` gives the
 * plaintext of the register part, or null if it does not authenticate). load() returns null when the part cannot
 * be read: the caller then rebuilds from the records. discard() drops it unread.
 */
export class LazyRegister {
  private open: (() => Uint8Array | null) | null;
  private decoded: StoredRegister | null = null;

  constructor(open: () => Uint8Array | null) {
    this.open = open;
  }

  load(): StoredRegister | null {
    if (this.decoded) return this.decoded;
    const open = this.open;
    this.open = null;
    const bytes = open?.() ?? null;
    if (!bytes) return null;
    let value: unknown;
    try {
      value = deserialize(bytes);
    } catch {
      value = null;
    } finally {
      bytes.fill(0);
    }
    const r = value as Partial<StoredRegister> | null;
    if (!r || !Array.isArray(r.interviews) || !Array.isArray(r.people)) return null;
    this.decoded = { interviews: r.interviews, people: r.people };
    return this.decoded;
  }

  discard(): void {
    this.open = null;
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

/** `core`: the core part's plaintext (wiped by the caller after this returns); `register`: opens the other part. */
export function decodeSnapshot(core: Uint8Array, register: () => Uint8Array | null): DecodedSnapshot | null {
  try {
    const view = new DataView(core.buffer, core.byteOffset, core.byteLength);
    if (core.length < 8 || view.getUint32(0) !== MAGIC) return null;
    const aLength = view.getUint32(4);
    if (8 + aLength > core.length) return null;
    const parsed = deserialize(core.subarray(8, 8 + aLength)) as StoredCore;
    if (!isStoredCore(parsed)) return null;
    const binStart = Math.ceil((8 + aLength) / 4) * 4;
    const offsetsEnd = binStart + (parsed.termCount + 1) * 4;
    if (core.length < offsetsEnd + parsed.postingBytes) return null;
    // Copies (the decrypted plaintext is wiped after this returns, and its offset need not be a multiple of 4).
    // The format is little-endian: on a little-endian machine (all Fieldvault runs on) one copy of the bytes.
    const offsets = new Uint32Array(parsed.termCount + 1);
    if (LITTLE_ENDIAN) new Uint8Array(offsets.buffer).set(core.subarray(binStart, offsetsEnd));
    else for (let i = 0; i < offsets.length; i++) offsets[i] = view.getUint32(binStart + i * 4, true);
    if (offsets[parsed.termCount] !== parsed.postingBytes) return null;
    const terms = PackedTerms.from(parsed.terms, parsed.termCount);
    if (!terms) return null;
    return {
      rows: parsed.rows,
      interviewIds: parsed.interviewIds,
      personKeys: parsed.personKeys,
      register: new LazyRegister(register),
      audit: parsed.audit,
      countersId: parsed.countersId,
      counters: parsed.counters,
      histories: parsed.histories ?? [],
      taxonomy: parsed.taxonomy ?? null,
      settings: parsed.settings ?? null,
      ...(isDelivery(parsed.delivery) ? { delivery: parsed.delivery } : {}),
      ...(parsed.unresolved ? { unresolved: parsed.unresolved } : {}),
      index: { terms, offsets, postings: new Uint8Array(core.subarray(offsetsEnd, offsetsEnd + parsed.postingBytes)), docs: parsed.docs },
    };
  } catch {
    return null;
  }
}

function isDelivery(v: unknown): v is NonNullable<Snapshot['delivery']> {
  if (typeof v !== 'object' || v === null) return false;
  const d = v as Record<string, unknown>;
  return typeof d.identityId === 'string' && Array.isArray(d.colleagues) && Array.isArray(d.received);
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
    Number.isInteger(f.postingBytes) &&
    (f.termCount as number) >= 0 &&
    (f.postingBytes as number) >= 0
  );
}
