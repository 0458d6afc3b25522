import { deserialize, serialize } from 'node:v8';
import type { AuditEntry, MissingRecord, Person, Taxonomy, VaultSettings } from '../../shared/domain';
import { PackedTerms, type DocumentHead, type DocumentList, type FrozenIndex, type HighestCodes } from '../search/index';
import type { ColleagueHead, ReceivedHead } from '../delivery/records';
import type { InterviewHead } from './heads';

/**
 * The search cache: everything unlock needs to show lists and answer searches without decrypting every
 * record. Stored encrypted (search cache key) in the `cache` table, in two parts sealed separately (store.ts
 * writeCache); rebuilt from the records when missing.
 *   core     = "FVC7" | u32 length A | A | zero padding to 4 | offsets (u32 LE) | postings (varint deltas)
 *   register = B
 * A and B are in V8's structured serialisation (node:v8), not JSON: read back several times faster, and nothing
 * else reads this copy. A holds what every unlock needs (rows, index, audit, counters, settings, the ids of the
 * interviews and the ids and codes of the register); B holds the interview heads and the register themselves,
 * decrypted and decoded only when something uses them (LazyRegister): an unlock that only searches never does.
 * In A the per-row and per-document lists are stored by column (all ids in one string, kinds and revisions in
 * typed arrays) rather than as tens of thousands of small arrays and objects: reading them back is a few copies
 * instead of one allocation per value, which every unlock pays. The index's terms are kept the same way (their
 * text end to end and the end of each).
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

// "FVC7": rows, documents and register keys by column; later also the index's terms by column (termEnds), so
// that unlock does not scan them for newlines (an FVC7 cache without termEnds has them joined by newlines and is
// read that way); "FVC6": the register part sealed on its own, postings as varints; "FVC5" had both parts in one box; "FVC4" was one part; "FVC3" was JSON; an FVC2 cache lacks phone
// keys (search/phones.ts).
const MAGIC = 0x46564337; // "FVC7" (a cache of another version is simply rebuilt)

/** Strings end to end, with the end offset of each. */
interface Column {
  readonly text: string;
  readonly ends: Uint32Array;
}

function toColumn(values: readonly string[]): Column {
  const ends = new Uint32Array(values.length);
  let at = 0;
  values.forEach((v, i) => (ends[i] = at += v.length));
  return { text: values.join(''), ends };
}

/** The strings of a column, or null when its offsets do not fit its text (another version's layout). */
function fromColumn(c: unknown, count: number): string[] | null {
  if (typeof c !== 'object' || c === null) return null;
  const { text, ends } = c as Partial<Column>;
  if (typeof text !== 'string' || !(ends instanceof Uint32Array) || ends.length !== count) return null;
  const out = new Array<string>(count);
  let start = 0;
  for (let i = 0; i < count; i++) {
    const end = ends[i]!;
    if (end < start || end > text.length) return null;
    out[i] = text.slice(start, end);
    start = end;
  }
  return start === text.length ? out : null;
}

/** A column whose ends are its own copy (see decodeSnapshot); a malformed one is passed on for the checks. */
function ownColumn(c: Column): Column {
  return isColumn(c) ? { text: c.text, ends: c.ends.slice() } : c;
}

/** Whether a column's ends fit its text and it holds `count` strings (checked without slicing any). */
function columnFits(c: unknown, count: number): c is Column {
  if (!isColumn(c) || c.ends.length !== count) return false;
  let start = 0;
  for (let i = 0; i < count; i++) {
    const end = c.ends[i]!;
    if (end < start) return false;
    start = end;
  }
  return start === c.text.length;
}

/** String i of a column that fits (columnFits). */
function columnAt(c: Column, i: number): string {
  return c.text.slice(i === 0 ? 0 : c.ends[i - 1]!, c.ends[i]!);
}

/** The index's documents read from the cache's columns, each head made when first asked for. */
class ColumnDocuments implements DocumentList {
  constructor(
    private readonly kinds: Uint8Array,
    private readonly ids: Column,
    private readonly codes: Column,
    private readonly titles: Column,
  ) {}

  get length(): number {
    return this.kinds.length;
  }

  at(n: number): DocumentHead | undefined {
    if (!Number.isInteger(n) || n < 0 || n >= this.kinds.length) return undefined;
    return { kind: this.kinds[n] === 1 ? 'interview' : 'person', id: columnAt(this.ids, n), code: columnAt(this.codes, n), title: columnAt(this.titles, n) };
  }

  idAt(n: number): string | undefined {
    return Number.isInteger(n) && n >= 0 && n < this.kinds.length ? columnAt(this.ids, n) : undefined;
  }
}

/** Part A as stored: the index's words joined by newlines; rows, documents and register keys by column. */
interface StoredCore extends Omit<Snapshot, 'index' | 'interviews' | 'people' | 'rows'> {
  readonly rowIds: Column;
  readonly rowKinds: Uint32Array;
  readonly rowRevisions: Float64Array;
  /** The index's terms end to end; termEnds the end of each (absent: joined by newlines, an older cache). */
  readonly terms: string;
  readonly termEnds?: Uint32Array;
  readonly termCount: number;
  readonly postingBytes: number;
  /** 1: interview, 2: person (DocumentHead.kind). */
  readonly docKinds: Uint8Array;
  readonly docIds: Column;
  readonly docCodes: Column;
  readonly docTitles: Column;
  readonly interviewIds: Column;
  readonly personIds: Column;
  readonly personCodes: Column;
  /** The index's highest codes (FrozenIndex.highest); absent in a cache written before they were kept. */
  readonly highestCodes?: HighestCodes;
}

/** The rows a decoded snapshot reflects, by column: row i is ids[i], kinds[i], revisions[i]. */
export interface SnapshotRows {
  readonly ids: readonly string[];
  readonly kinds: Uint32Array;
  readonly revisions: Float64Array;
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
  const { index, interviews, people, rows, ...rest } = s;
  const terms = toColumn(Array.from({ length: index.terms.length }, (_, i) => index.terms.at(i)!));
  const docs = Array.from({ length: index.docs.length }, (_, n) => index.docs.at(n)!);
  const core: StoredCore = {
    ...rest,
    rowIds: toColumn(rows.map((r) => r[0])),
    rowKinds: Uint32Array.from(rows, (r) => r[1]),
    rowRevisions: Float64Array.from(rows, (r) => r[2]),
    terms: terms.text,
    termEnds: terms.ends,
    termCount: index.terms.length,
    postingBytes: index.postings.length,
    docKinds: Uint8Array.from(docs, (d) => (d.kind === 'interview' ? 1 : 2)),
    docIds: toColumn(docs.map((d) => d.id)),
    docCodes: toColumn(docs.map((d) => d.code)),
    docTitles: toColumn(docs.map((d) => d.title)),
    interviewIds: toColumn(interviews.map((h) => h.id)),
    personIds: toColumn(people.map((p) => p.id)),
    personCodes: toColumn(people.map((p) => p.code)),
    ...(index.highest ? { highestCodes: index.highest } : {}),
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
export interface DecodedSnapshot extends Omit<Snapshot, 'interviews' | 'people' | 'rows'> {
  readonly rows: SnapshotRows;
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
    const stored = deserialize(core.subarray(8, 8 + aLength)) as StoredCore;
    if (!isStoredCore(stored)) return null;
    // node:v8 hands back typed arrays as views into the bytes it read where their alignment allows, and the caller
    // wipes those bytes once this returns: every typed array kept must be a copy.
    const parsed: StoredCore = {
      ...stored,
      rowIds: ownColumn(stored.rowIds),
      rowKinds: stored.rowKinds.slice(),
      rowRevisions: stored.rowRevisions.slice(),
      docKinds: stored.docKinds.slice(),
      docIds: ownColumn(stored.docIds),
      docCodes: ownColumn(stored.docCodes),
      docTitles: ownColumn(stored.docTitles),
      interviewIds: ownColumn(stored.interviewIds),
      personIds: ownColumn(stored.personIds),
      personCodes: ownColumn(stored.personCodes),
      ...(stored.termEnds instanceof Uint32Array ? { termEnds: stored.termEnds.slice() } : {}),
    };
    const binStart = Math.ceil((8 + aLength) / 4) * 4;
    const offsetsEnd = binStart + (parsed.termCount + 1) * 4;
    if (core.length < offsetsEnd + parsed.postingBytes) return null;
    // Copies (the decrypted plaintext is wiped after this returns, and its offset need not be a multiple of 4).
    // The format is little-endian: on a little-endian machine (all Fieldvault runs on) one copy of the bytes.
    const offsets = new Uint32Array(parsed.termCount + 1);
    if (LITTLE_ENDIAN) new Uint8Array(offsets.buffer).set(core.subarray(binStart, offsetsEnd));
    else for (let i = 0; i < offsets.length; i++) offsets[i] = view.getUint32(binStart + i * 4, true);
    if (offsets[parsed.termCount] !== parsed.postingBytes) return null;
    const terms =
      parsed.termEnds instanceof Uint32Array && parsed.termEnds.length === parsed.termCount
        ? PackedTerms.fromEnds(parsed.terms, parsed.termEnds)
        : PackedTerms.from(parsed.terms, parsed.termCount);
    if (!terms) return null;
    const rowCount = parsed.rowKinds.length;
    const rowIds = fromColumn(parsed.rowIds, rowCount);
    const docCount = parsed.docKinds.length;
    const docsFit = columnFits(parsed.docIds, docCount) && columnFits(parsed.docCodes, docCount) && columnFits(parsed.docTitles, docCount);
    const interviewIds = fromColumn(parsed.interviewIds, parsed.interviewIds.ends.length);
    const personIds = fromColumn(parsed.personIds, parsed.personIds.ends.length);
    const personCodes = fromColumn(parsed.personCodes, parsed.personIds.ends.length);
    if (!rowIds || parsed.rowRevisions.length !== rowCount || !docsFit || !interviewIds || !personIds || !personCodes) return null;
    const docs = new ColumnDocuments(parsed.docKinds, parsed.docIds, parsed.docCodes, parsed.docTitles);
    return {
      rows: { ids: rowIds, kinds: parsed.rowKinds, revisions: parsed.rowRevisions },
      interviewIds,
      personKeys: personIds.map((id, i) => [id, personCodes[i]!] as const),
      register: new LazyRegister(register),
      audit: parsed.audit,
      countersId: parsed.countersId,
      counters: parsed.counters,
      histories: parsed.histories ?? [],
      taxonomy: parsed.taxonomy ?? null,
      settings: parsed.settings ?? null,
      ...(isDelivery(parsed.delivery) ? { delivery: parsed.delivery } : {}),
      ...(parsed.unresolved ? { unresolved: parsed.unresolved } : {}),
      index: {
        terms,
        offsets,
        postings: new Uint8Array(core.subarray(offsetsEnd, offsetsEnd + parsed.postingBytes)),
        docs,
        ...(isHighestCodes(parsed.highestCodes) ? { highest: parsed.highestCodes } : {}),
      },
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

function isHighestCodes(v: unknown): v is HighestCodes {
  if (typeof v !== 'object' || v === null) return false;
  const h = v as Record<string, unknown>;
  return Number.isSafeInteger(h.interview) && Number.isSafeInteger(h.person) && (h.interview as number) >= 0 && (h.person as number) >= 0;
}

/** The shape decode relies on (the bytes were authenticated; this catches another version's fields). */
function isColumn(v: unknown): v is Column {
  return typeof v === 'object' && v !== null && typeof (v as Column).text === 'string' && (v as Column).ends instanceof Uint32Array;
}

function isStoredCore(v: unknown): v is StoredCore {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  return (
    f.rowKinds instanceof Uint32Array &&
    f.rowRevisions instanceof Float64Array &&
    f.docKinds instanceof Uint8Array &&
    isColumn(f.rowIds) &&
    isColumn(f.docIds) &&
    isColumn(f.interviewIds) &&
    isColumn(f.personIds) &&
    Array.isArray(f.audit) &&
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
