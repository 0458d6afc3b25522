import type { SearchHit } from '../../shared/domain';
import { foldedWords, foldWord, WORD } from './fold';

export interface IndexedDocument {
  readonly kind: SearchHit['kind'];
  readonly id: string;
  readonly code: string;
  readonly title: string;
  /** Every text field of the record, joined; kept only in memory, dropped on lock. */
  readonly text: string;
}

/**
 * In-memory inverted index, built at unlock and dropped on lock; never written to disk.
 * Terms are folded words; each query word matches every term it is a prefix of; documents must match all
 * query words. Updates tombstone the old document number and append a new one.
 */
export class SearchIndex {
  private docs: (IndexedDocument | null)[] = [];
  private readonly byId = new Map<string, number>();
  private readonly postings = new Map<string, number[]>();
  private terms: string[] = [];
  private tombstones = 0;

  get size(): number {
    return this.byId.size;
  }

  upsert(doc: IndexedDocument): void {
    this.remove(doc.id);
    const n = this.docs.length;
    this.docs.push(doc);
    this.byId.set(doc.id, n);
    const seen = new Set<string>();
    for (const term of foldedWords(`${doc.code} ${doc.title} ${doc.text}`)) {
      if (seen.has(term)) continue;
      seen.add(term);
      let list = this.postings.get(term);
      if (!list) {
        list = [];
        this.postings.set(term, list);
        this.terms.push(term);
      }
      list.push(n);
    }
  }

  remove(id: string): void {
    const n = this.byId.get(id);
    if (n === undefined) return;
    this.docs[n] = null;
    this.byId.delete(id);
    this.tombstones++;
    if (this.tombstones > 1000 && this.tombstones > this.docs.length / 4) this.compact();
  }

  private compact(): void {
    const live = this.docs.filter((d): d is IndexedDocument => d !== null);
    this.clear();
    for (const d of live) this.upsert(d);
  }

  clear(): void {
    this.docs = [];
    this.byId.clear();
    this.postings.clear();
    this.terms = [];
    this.tombstones = 0;
  }

  search(query: string, options: { readonly limit?: number; readonly kinds?: readonly SearchHit['kind'][] } = {}): SearchHit[] {
    const words = [...new Set(foldedWords(query))].filter((w) => w.length > 0);
    if (words.length === 0) return [];
    const limit = options.limit ?? 50;
    // Longest word first: it usually has the fewest matching terms and so the smallest candidate set.
    words.sort((a, b) => b.length - a.length);
    let candidates: Set<number> | null = null;
    for (const w of words) {
      const matched = new Set<number>();
      for (const term of this.terms) {
        if (!term.startsWith(w)) continue;
        for (const n of this.postings.get(term)!) {
          if (candidates === null || candidates.has(n)) matched.add(n);
        }
      }
      candidates = matched;
      if (candidates.size === 0) return [];
    }
    const hits: SearchHit[] = [];
    // Newest documents were appended last: show them first.
    const ordered = [...candidates!].sort((a, b) => b - a);
    for (const n of ordered) {
      const doc = this.docs[n];
      if (!doc) continue;
      if (options.kinds && !options.kinds.includes(doc.kind)) continue;
      hits.push({ kind: doc.kind, id: doc.id, code: doc.code, title: doc.title, snippet: snippet(doc.text, words) });
      if (hits.length >= limit) break;
    }
    return hits;
  }
}

/** A short excerpt around the first word that matches the query; «» marks the match for highlighting. */
export function snippet(text: string, words: readonly string[], radius = 60): string {
  for (const m of text.matchAll(WORD)) {
    const folded = foldWord(m[0]);
    if (!words.some((w) => folded.startsWith(w))) continue;
    const start = Math.max(0, m.index - radius);
    const end = Math.min(text.length, m.index + m[0].length + radius);
    const before = text.slice(start, m.index).replace(/\s+/g, ' ');
    const after = text.slice(m.index + m[0].length, end).replace(/\s+/g, ' ');
    return `${start > 0 ? '…' : ''}${before}«${m[0]}»${after}${end < text.length ? '…' : ''}`;
  }
  return text.slice(0, radius * 2).replace(/\s+/g, ' ');
}
