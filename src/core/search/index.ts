import type { SearchHit } from '../../shared/domain';
import { foldedWords, foldWord, WORD } from './fold';

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

/** The frozen part of the index, as stored (encrypted) in the search cache: compressed sparse rows. */
export interface FrozenIndex {
  readonly terms: readonly string[]; // sorted
  readonly offsets: Uint32Array<ArrayBufferLike>; // terms.length + 1
  readonly postings: Uint32Array<ArrayBufferLike>; // document numbers, per term
  readonly docs: readonly DocumentHead[];
}

const KIND_ORDER: Record<SearchHit['kind'], number> = { interview: 0, person: 1 };

/**
 * In-memory inverted index over folded words. Two layers: a frozen base (sorted terms, typed arrays; loaded
 * from the encrypted search cache in milliseconds) and a small mutable delta for what changed since. Each
 * query word matches every term it is a prefix of; a document must match all query words. Updates tombstone
 * the old document number. freeze() merges both layers into a new base (done at lock, for the cache).
 */
export class SearchIndex {
  private baseTerms: readonly string[] = [];
  private baseOffsets: Uint32Array<ArrayBufferLike> = new Uint32Array(1);
  private basePostings: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
  private docs: (DocumentHead | null)[] = [];
  private readonly byId = new Map<string, number>();
  private readonly delta = new Map<string, number[]>();
  private deltaTerms: string[] = [];
  private changed = false;

  static fromFrozen(frozen: FrozenIndex): SearchIndex {
    const index = new SearchIndex();
    index.baseTerms = frozen.terms;
    index.baseOffsets = frozen.offsets;
    index.basePostings = frozen.postings;
    index.docs = [...frozen.docs];
    frozen.docs.forEach((d, n) => index.byId.set(d.id, n));
    return index;
  }

  get size(): number {
    return this.byId.size;
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
    for (const term of foldedWords(`${doc.code} ${doc.title} ${doc.text}`)) {
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
    this.basePostings = new Uint32Array(0);
    this.docs = [];
    this.byId.clear();
    this.delta.clear();
    this.deltaTerms = [];
    this.changed = false;
  }

  /** Merges base and delta, drops tombstones and renumbers documents. The result is what the cache stores. */
  freeze(): FrozenIndex {
    const renumber = new Int32Array(this.docs.length).fill(-1);
    const docs: DocumentHead[] = [];
    this.docs.forEach((d, n) => {
      if (d) {
        renumber[n] = docs.length;
        docs.push(d);
      }
    });
    const merged = new Map<string, number[]>();
    const add = (term: string, n: number) => {
      const m = renumber[n]!;
      if (m < 0) return;
      let list = merged.get(term);
      if (!list) merged.set(term, (list = []));
      list.push(m);
    };
    this.baseTerms.forEach((term, t) => {
      for (let i = this.baseOffsets[t]!; i < this.baseOffsets[t + 1]!; i++) add(term, this.basePostings[i]!);
    });
    for (const [term, list] of this.delta) for (const n of list) add(term, n);
    const terms = [...merged.keys()].sort();
    const offsets = new Uint32Array(terms.length + 1);
    let total = 0;
    terms.forEach((t, i) => {
      offsets[i] = total;
      total += merged.get(t)!.length;
    });
    offsets[terms.length] = total;
    const postings = new Uint32Array(total);
    terms.forEach((t, i) => postings.set(merged.get(t)!, offsets[i]));
    const frozen: FrozenIndex = { terms, offsets, postings, docs };
    this.baseTerms = terms;
    this.baseOffsets = offsets;
    this.basePostings = postings;
    this.docs = [...docs];
    this.byId.clear();
    docs.forEach((d, n) => this.byId.set(d.id, n));
    this.delta.clear();
    this.deltaTerms = [];
    this.changed = false;
    return frozen;
  }

  /** First index of a sorted array whose term is >= prefix. */
  private lowerBound(prefix: string): number {
    let lo = 0;
    let hi = this.baseTerms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.baseTerms[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Documents matching every query word, newest first, as document heads. */
  match(
    query: string,
    options: { readonly limit?: number; readonly kinds?: readonly SearchHit['kind'][]; readonly accept?: (head: DocumentHead) => boolean } = {},
  ): { heads: DocumentHead[]; words: string[] } {
    const words = [...new Set(foldedWords(query))].filter((w) => w.length > 0);
    if (words.length === 0) return { heads: [], words };
    const limit = options.limit ?? 50;
    // stamp[n] = how many query words document n has matched so far (each word counted once).
    const stamp = new Uint16Array(this.docs.length);
    words.forEach((w, i) => {
      const mark = (n: number) => {
        if (stamp[n] === i) stamp[n] = i + 1;
      };
      for (let t = this.lowerBound(w); t < this.baseTerms.length && this.baseTerms[t]!.startsWith(w); t++) {
        for (let p = this.baseOffsets[t]!; p < this.baseOffsets[t + 1]!; p++) mark(this.basePostings[p]!);
      }
      for (const term of this.deltaTerms) if (term.startsWith(w)) for (const n of this.delta.get(term)!) mark(n);
    });
    const heads: DocumentHead[] = [];
    for (let n = this.docs.length - 1; n >= 0 && heads.length < limit; n--) {
      if (stamp[n] !== words.length) continue;
      const d = this.docs[n];
      if (!d) continue;
      if (options.kinds && !options.kinds.includes(d.kind)) continue;
      if (options.accept && !options.accept(d)) continue;
      heads.push(d);
    }
    heads.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
    return { heads, words };
  }
}

/** A short excerpt around the first word that matches the query; «» marks the match for highlighting. */
export function snippet(text: string, words: readonly string[], radius = 60): string {
  for (const m of text.matchAll(WORD)) {
    const folded = foldWord(m[0]);
    if (!words.some((w) => folded.startsWith(w))) continue;
    const start = Math.max(0, m.index - radius);
    const end = Math.min(text.length, m.index + m[0].length + radius);
    const before = text.slice(start, m.index).replace(/\s+/g, ' ').trimStart();
    const after = text.slice(m.index + m[0].length, end).replace(/\s+/g, ' ').trimEnd();
    return `${start > 0 ? '…' : ''}${before}«${m[0]}»${after}${end < text.length ? '…' : ''}`;
  }
  return text.slice(0, radius * 2).replace(/\s+/g, ' ').trim();
}
