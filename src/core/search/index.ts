import type { SearchHit } from '../../shared/domain';
import { HIT_END, HIT_START } from '../../shared/snippet';
import { codeNumber } from '../domain/codes';
import { foldedWords, WORD } from './fold';
import { matchesAlternatives, wordAlternatives } from './forms';
import { digitAlternatives, phoneKeys, phoneRuns } from './phones';

/**
 * A query as the index reads it: per query word, the folded prefixes it stands for (the word as typed and its
 * word-form stems, see forms.ts); a phone number in the query is one word, its digits-only key (phones.ts).
 */
export interface ParsedQuery {
  readonly groups: readonly (readonly string[])[];
  /** The keys of the phone numbers in the query (each is also a group). */
  readonly phones: readonly string[];
}

export function parseQuery(query: string): ParsedQuery {
  const groups: string[][] = [];
  const phones: string[] = [];
  let rest = query;
  for (const run of phoneRuns(query)) {
    phones.push(run.keys[0]!);
    groups.push([run.keys[0]!]);
    rest = rest.slice(0, run.start) + ' '.repeat(run.end - run.start) + rest.slice(run.end);
  }
  for (const m of rest.matchAll(WORD)) {
    const alts = /^\d+$/.test(m[0]) ? digitAlternatives(m[0]) : wordAlternatives(m[0]);
    if (alts.length > 0) groups.push([...alts]);
  }
  const seen = new Set<string>();
  return { groups: groups.filter((g) => !seen.has(g.join(' ')) && seen.add(g.join(' '))), phones };
}

export interface IndexedDocument {
  readonly kind: SearchHit['kind'];
  readonly id: string;
  readonly code: string;
  readonly title: string;
  /** Every searchable text field of the record, joined. Used while indexing, not kept. */
  readonly text: string;
}

/** What the index keeps per document: no text (snippets fetch it on demand). */
export interface DocumentHead {
  readonly kind: SearchHit['kind'];
  readonly id: string;
  readonly code: string;
  readonly title: string;
}

/**
 * The frozen part of the index, as stored (encrypted) in the search cache: compressed sparse rows. Each term's
 * document numbers ascend and are stored as the differences between neighbours (the first as itself) in
 * LEB128 varints: most differences fit one byte, so the postings take about a third of four bytes each, and
 * the cache that must be decrypted at every unlock shrinks with them. A term's list is decoded when it is read.
 */
export interface FrozenIndex {
  readonly terms: TermList; // sorted
  readonly offsets: Uint32Array<ArrayBufferLike>; // byte offset of each term's list in postings; terms.length + 1
  readonly postings: Uint8Array<ArrayBufferLike>; // varint deltas of document numbers, per term
  readonly docs: DocumentList;
  /**
   * The highest code number of each kind among `docs` (highestCode), worked out when frozen so that an unlock
   * need not read every code. Absent in a cache written before it was kept: then the documents are read.
   */
  readonly highest?: HighestCodes;
}

/**
 * The documents of a frozen index by number: an array, or the search cache's columns, whose heads are made only
 * for the documents a search returns (an unlock need not make ten thousand objects for a search of twenty hits).
 */
export interface DocumentList {
  readonly length: number;
  at(n: number): DocumentHead | undefined;
  /** Document n's id alone, where the list can give it without making the whole head. */
  idAt?(n: number): string | undefined;
}

/** The highest code number of each kind of document (INT-0031: 31; W-017: 17), 0 when there is none. */
export interface HighestCodes {
  readonly interview: number;
  readonly person: number;
}

/** Sorted terms, read by position: an array, or the cache's terms left joined (PackedTerms). */
export interface TermList {
  readonly length: number;
  at(i: number): string | undefined;
}

/**
 * Terms end to end in one string, as the search cache stores them, read by position without splitting them into
 * a hundred thousand strings at every unlock (a search reads a few dozen of them). Term i is
 * joined.slice(bounds[i], bounds[i + 1] - sep): sep is 1 where the terms are separated by newlines (caches
 * written before the term ends were kept), 0 where the ends are stored.
 */
export class PackedTerms implements TermList {
  private constructor(
    private readonly joined: string,
    private readonly bounds: Uint32Array,
    private readonly sep: 0 | 1,
  ) {}

  /** Terms joined by newlines; null when `joined` does not hold exactly `count` terms. */
  static from(joined: string, count: number): PackedTerms | null {
    if (count === 0) return joined === '' ? new PackedTerms('', new Uint32Array(1), 1) : null;
    const bounds = new Uint32Array(count + 1);
    let at = 0;
    for (let i = 1; i < count; i++) {
      const nl = joined.indexOf('\n', at);
      if (nl < 0) return null;
      bounds[i] = at = nl + 1;
    }
    if (joined.indexOf('\n', at) >= 0) return null;
    bounds[count] = joined.length + 1;
    return new PackedTerms(joined, bounds, 1);
  }

  /**
   * Terms end to end with the end of each (no scan of the text: one pass over the ends); null when the ends do
   * not fit the text (another version's layout).
   */
  static fromEnds(text: string, ends: Uint32Array): PackedTerms | null {
    const bounds = new Uint32Array(ends.length + 1);
    let previous = 0;
    for (let i = 0; i < ends.length; i++) {
      const end = ends[i]!;
      if (end < previous) return null;
      bounds[i + 1] = previous = end;
    }
    return previous === text.length ? new PackedTerms(text, bounds, 0) : null;
  }

  get length(): number {
    return this.bounds.length - 1;
  }

  at(i: number): string | undefined {
    if (!Number.isInteger(i) || i < 0 || i >= this.length) return undefined;
    return this.joined.slice(this.bounds[i]!, this.bounds[i + 1]! - this.sep);
  }
}

/** Appends the ascending document numbers `list` to `out` at `at` as varint deltas; returns the new end. */
function writeDeltas(out: Uint8Array, at: number, list: readonly number[]): number {
  let prev = 0;
  for (const n of list) {
    let d = n - prev;
    prev = n;
    while (d >= 0x80) {
      out[at++] = (d & 0x7f) | 0x80;
      d >>>= 7;
    }
    out[at++] = d;
  }
  return at;
}

/** Bytes `writeDeltas` needs for `list`. */
function deltaBytes(list: readonly number[]): number {
  let bytes = 0;
  let prev = 0;
  for (const n of list) {
    const d = n - prev;
    prev = n;
    bytes += d < 0x80 ? 1 : d < 0x4000 ? 2 : d < 0x200000 ? 3 : d < 0x10000000 ? 4 : 5;
  }
  return bytes;
}

const KIND_ORDER: Record<SearchHit['kind'], number> = { interview: 0, person: 1 };

/**
 * In-memory inverted index over folded words. Two layers: a frozen base (sorted terms, typed arrays; loaded
 * from the encrypted search cache in milliseconds) and a small mutable delta for what changed since. Each
 * query word matches every term it is a prefix of; a document must match all query words. Updates tombstone
 * the old document number. freeze() merges both layers into a new base (done at lock, for the cache).
 */
export class SearchIndex {
  private baseTerms: TermList = [];
  private baseOffsets: Uint32Array<ArrayBufferLike> = new Uint32Array(1);
  private basePostings: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
  /** By number: null once removed; undefined while still only in baseList (made on first use, doc()). */
  private docs: (DocumentHead | null | undefined)[] = [];
  private baseList: DocumentList | null = null;
  /** The base's highest codes (documents before `baseDocs` are the base's), when the cache kept them. */
  private baseHighest: HighestCodes | null = null;
  private baseDocs = 0;
  /** Document number by id; null until first needed after a load (a search alone never needs it). */
  private byIdMap: Map<string, number> | null = new Map();
  private readonly delta = new Map<string, number[]>();
  private deltaTerms: string[] = [];
  private changed = false;

  private get byId(): Map<string, number> {
    if (!this.byIdMap) {
      // Ids only: making every head (a few objects each) for the map would cost more than the map.
      const map = new Map<string, number>();
      const base = this.baseList;
      for (let n = 0; n < this.docs.length; n++) {
        const d = this.docs[n];
        const id = d === undefined ? (base?.idAt ? base.idAt(n) : this.doc(n)?.id) : d?.id;
        if (id !== undefined) map.set(id, n);
      }
      this.byIdMap = map;
    }
    return this.byIdMap;
  }

  static fromFrozen(frozen: FrozenIndex): SearchIndex {
    const index = new SearchIndex();
    index.baseTerms = frozen.terms;
    index.baseOffsets = frozen.offsets;
    index.basePostings = frozen.postings;
    // Holes until each is read (doc()): the heads are made from the cache's columns on first use.
    index.docs = new Array<DocumentHead | null | undefined>(frozen.docs.length);
    index.baseList = frozen.docs;
    index.byIdMap = null;
    index.baseHighest = frozen.highest ?? null;
    index.baseDocs = frozen.highest ? frozen.docs.length : 0;
    return index;
  }

  /** Document n: its head, or null when it was removed. */
  private doc(n: number): DocumentHead | null {
    let d = this.docs[n];
    if (d === undefined) {
      d = this.baseList?.at(n) ?? null;
      this.docs[n] = d;
    }
    return d;
  }

  /**
   * The highest number among the codes of one kind (INT-0031, W-017: the digits after the last hyphen), or 0.
   * A document removed since the base was frozen still counts: a code is never handed out twice.
   */
  highestCode(kind: DocumentHead['kind']): number {
    let highest = this.baseHighest?.[kind] ?? 0;
    for (let n = this.baseDocs; n < this.docs.length; n++) {
      const d = this.doc(n);
      if (d && d.kind === kind) highest = Math.max(highest, codeNumber(d.code));
    }
    return highest;
  }

  get size(): number {
    // Until the map is made no document was added or removed: every loaded one is there.
    return this.byIdMap ? this.byIdMap.size : this.docs.length;
  }

  /** True when documents were added or removed since the index was loaded or frozen. */
  get isChanged(): boolean {
    return this.changed;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  upsert(doc: IndexedDocument): void {
    this.remove(doc.id);
    const n = this.docs.length;
    this.docs.push({ kind: doc.kind, id: doc.id, code: doc.code, title: doc.title });
    this.byId.set(doc.id, n);
    this.changed = true;
    const seen = new Set<string>();
    const all = `${doc.code} ${doc.title} ${doc.text}`;
    for (const term of [...foldedWords(all), ...phoneKeys(all)]) {
      if (seen.has(term)) continue;
      seen.add(term);
      let list = this.delta.get(term);
      if (!list) {
        list = [];
        this.delta.set(term, list);
        this.deltaTerms.push(term);
      }
      list.push(n);
    }
  }

  remove(id: string): void {
    const n = this.byId.get(id);
    if (n === undefined) return;
    this.docs[n] = null;
    this.byId.delete(id);
    this.changed = true;
  }

  clear(): void {
    this.baseTerms = [];
    this.baseOffsets = new Uint32Array(1);
    this.basePostings = new Uint8Array(0);
    this.docs = [];
    this.baseList = null;
    this.baseHighest = null;
    this.baseDocs = 0;
    this.byIdMap = new Map();
    this.delta.clear();
    this.deltaTerms = [];
    this.changed = false;
  }

  /** Merges base and delta, drops tombstones and renumbers documents. The result is what the cache stores. */
  freeze(): FrozenIndex {
    const renumber = new Int32Array(this.docs.length).fill(-1);
    const docs: DocumentHead[] = [];
    for (let n = 0; n < this.docs.length; n++) {
      const d = this.doc(n);
      if (d) {
        renumber[n] = docs.length;
        docs.push(d);
      }
    }
    const merged = new Map<string, number[]>();
    const add = (term: string, n: number) => {
      const m = renumber[n]!;
      if (m < 0) return;
      let list = merged.get(term);
      if (!list) merged.set(term, (list = []));
      list.push(m);
    };
    for (let t = 0; t < this.baseTerms.length; t++) {
      const term = this.baseTerms.at(t)!;
      this.eachBasePosting(t, (n) => add(term, n));
    }
    for (const [term, list] of this.delta) for (const n of list) add(term, n);
    const terms = [...merged.keys()].sort();
    const offsets = new Uint32Array(terms.length + 1);
    let total = 0;
    terms.forEach((t, i) => {
      offsets[i] = total;
      total += deltaBytes(merged.get(t)!);
    });
    offsets[terms.length] = total;
    const postings = new Uint8Array(total);
    terms.forEach((t, i) => writeDeltas(postings, offsets[i]!, merged.get(t)!));
    const highest = { interview: 0, person: 0 };
    for (const d of docs) highest[d.kind] = Math.max(highest[d.kind], codeNumber(d.code));
    const frozen: FrozenIndex = { terms, offsets, postings, docs, highest };
    this.baseTerms = terms;
    this.baseOffsets = offsets;
    this.basePostings = postings;
    this.baseHighest = highest;
    this.baseDocs = docs.length;
    this.docs = [...docs];
    this.baseList = null;
    this.byIdMap = null;
    this.delta.clear();
    this.deltaTerms = [];
    this.changed = false;
    return frozen;
  }

  /** Calls `f` with each document number of base term `t`, in ascending order. */
  private eachBasePosting(t: number, f: (n: number) => void): void {
    const bytes = this.basePostings;
    const end = this.baseOffsets[t + 1]!;
    let n = 0;
    for (let i = this.baseOffsets[t]!; i < end; ) {
      let b = bytes[i++]!;
      let d = b & 0x7f;
      for (let shift = 7; b & 0x80; shift += 7) {
        b = bytes[i++]!;
        d += (b & 0x7f) * 2 ** shift;
      }
      n += d;
      f(n);
    }
  }

  /** First index of a sorted array whose term is >= prefix. */
  private lowerBound(prefix: string): number {
    let lo = 0;
    let hi = this.baseTerms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.baseTerms.at(mid)! < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Documents matching every query word, newest first, as document heads. */
  match(
    query: string,
    options: { readonly limit?: number; readonly kinds?: readonly SearchHit['kind'][]; readonly accept?: (head: DocumentHead) => boolean } = {},
  ): { heads: DocumentHead[]; words: ParsedQuery } {
    const words = parseQuery(query);
    const groups = words.groups;
    if (groups.length === 0) return { heads: [], words };
    const limit = options.limit ?? 50;
    // stamp[n] = how many query words document n has matched so far (each word counted once, whichever of its
    // alternatives matched).
    const stamp = new Uint16Array(this.docs.length);
    groups.forEach((alternatives, i) => {
      const mark = (n: number) => {
        if (stamp[n] === i) stamp[n] = i + 1;
      };
      for (const w of alternatives) {
        for (let t = this.lowerBound(w); t < this.baseTerms.length && this.baseTerms.at(t)!.startsWith(w); t++) {
          this.eachBasePosting(t, mark);
        }
        for (const term of this.deltaTerms) if (term.startsWith(w)) for (const n of this.delta.get(term)!) mark(n);
      }
    });
    const heads: DocumentHead[] = [];
    for (let n = this.docs.length - 1; n >= 0 && heads.length < limit; n--) {
      if (stamp[n] !== groups.length) continue;
      const d = this.doc(n);
      if (!d) continue;
      if (options.kinds && !options.kinds.includes(d.kind)) continue;
      if (options.accept && !options.accept(d)) continue;
      heads.push(d);
    }
    heads.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
    return { heads, words };
  }
}

const MARKERS = new RegExp(`[${HIT_START}${HIT_END}]`, 'gu');

type Span = { start: number; end: number };

/** WORD for scanning from an offset (module-level: compiling a Unicode-property pattern per snippet costs). */
const SPAN_WORD = new RegExp(WORD.source, 'gu');

/** The words query words stand for (phone keys apart). */
function wordAlternativesOf(query: ParsedQuery): string[] {
  return query.groups.filter((g) => !(g.length === 1 && query.phones.includes(g[0]!))).flat();
}

/**
 * The spans of text[from, to) that match a query: words that are a form of a query word, and the query's phone
 * numbers (each number one span); with `first`, only the earliest.
 */
function matchSpans(text: string, query: ParsedQuery, alternatives: readonly string[], from: number, to: number, first: boolean): Span[] {
  const spans: Span[] = [];
  if (alternatives.length > 0) {
    const re = SPAN_WORD;
    re.lastIndex = from;
    for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
      if (!matchesAlternatives(m[0], alternatives)) continue;
      spans.push({ start: m.index, end: Math.min(to, m.index + m[0].length) });
      if (first) break;
    }
  }
  if (query.phones.length > 0) {
    for (const run of phoneRuns(text)) {
      if (run.end <= from || run.start >= to) continue;
      if (!run.keys.some((k) => query.phones.some((p) => k.startsWith(p)))) continue;
      // The whole number is one highlight: drop the digit groups already marked inside it.
      for (let i = spans.length - 1; i >= 0; i--) if (spans[i]!.start < run.end && spans[i]!.end > run.start) spans.splice(i, 1);
      spans.push({ start: Math.max(from, run.start), end: Math.min(to, run.end) });
    }
    spans.sort((a, b) => a.start - b.start);
  }
  return first ? spans.slice(0, 1) : spans;
}

/**
 * A short excerpt of the text (as written: quotation marks and punctuation kept, runs of white space made one
 * space) around the first match of the query, with every matching word in it between HIT_START and HIT_END
 * (src/shared/snippet.ts). Null when nothing in the text matches.
 */
export function snippet(text: string, query: ParsedQuery, radius = 60): string | null {
  const alternatives = wordAlternativesOf(query);
  const [first] = matchSpans(text, query, alternatives, 0, text.length, true);
  if (first === undefined) return null;
  let start = Math.max(0, first.start - radius);
  let end = Math.min(text.length, first.end + radius);
  // Never cut a word in two at the edges, nor leave a few characters out.
  if (start <= 10) start = 0;
  if (text.length - end <= 10) end = text.length;
  while (start > 0 && /[\p{L}\p{N}\p{M}]/u.test(text[start - 1]!) && first.start - start < radius + 20) start--;
  while (end < text.length && /[\p{L}\p{N}\p{M}]/u.test(text[end]!) && end - first.end < radius + 20) end++;
  const clean = (s: string) => s.replace(MARKERS, '').replace(/\s+/g, ' ');
  let body = '';
  let at = start;
  for (const span of matchSpans(text, query, alternatives, start, end, false)) {
    if (span.start < at) continue;
    body += clean(text.slice(at, span.start)) + HIT_START + clean(text.slice(span.start, span.end)) + HIT_END;
    at = span.end;
  }
  body = (body + clean(text.slice(at, end))).trim();
  return `${start > 0 ? '…' : ''}${body}${end < text.length ? '…' : ''}`;
}

/** The opening of a text, for a hit whose match is not in it (as written, no highlight). */
export function opening(text: string, length = 120): string {
  const cut = text.replace(MARKERS, '').replace(/\s+/g, ' ').trim();
  if (cut.length <= length) return cut;
  const end = cut.lastIndexOf(' ', length);
  return `${cut.slice(0, end > length / 2 ? end : length).trimEnd()}…`;
}
