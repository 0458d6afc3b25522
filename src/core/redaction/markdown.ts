import type { DetectedSpan, Detection, RedactionPolicy, Redactor } from './engine';
import { markdownView, viewToSource, type MarkdownView } from './markdown-view';
import type { Suggestion } from './types';

/**
 * Detection on a Markdown text, as written and as read. A reader sees the rendered text, not the source: emphasis,
 * escapes, entities, code ticks, links and HTML can split or disguise a name, a phone number or an e-mail in the
 * source (`+996 772 **44** 55 66`, `a*i*gul@exa*m*ple.org`, `Ай**гуль** Султан*алиева*`). So the source is searched
 * (what the file holds, link targets included) and so is its rendered view (markdown-view.ts), whose findings are
 * mapped back to the source range they come from, the marks inside them included. The two are merged: overlapping
 * findings become one span; a contact detail wins over a name, and a span that cannot be one person for sure
 * (people: []) stays that way.
 */
export function detectMarkdown(redactor: Redactor, source: string, policy?: RedactionPolicy): Detection {
  const written = redactor.detect(source, policy);
  const view = markdownView(source);
  if (view.text === source) return written;
  const changes = viewChanges(source, view);
  if (changes.length === 0) return written;
  // Where the view is the source copied, the engine finds there what it found in the source: it reads the view only
  // around the places where the two differ (detectAround).
  const read = detectAround(redactor, view.text, changes, policy);
  const fromView: DetectedSpan[] = read.spans.map((s) => ({ ...s, ...balance(source, viewToSource(view, s.start, s.end)) }));
  const spans = mergeSpans([...written.spans, ...fromView]);
  const seen = new Set<string>();
  const suggestions: Suggestion[] = [];
  // The merged spans are sorted and disjoint: whether one overlaps a suggestion is a binary search, not a scan of all.
  const overlaps = (start: number, end: number): boolean => {
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid]!.end <= start) lo = mid + 1;
      else hi = mid;
    }
    return lo < spans.length && spans[lo]!.start < end;
  };
  for (const g of [...written.suggestions, ...read.suggestions.map((g) => ({ ...g, ...viewToSource(view, g.start, g.end) }))].sort((a, b) => a.start - b.start)) {
    if (g.end <= g.start || overlaps(g.start, g.end)) continue;
    const key = `${g.start}:${g.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    suggestions.push(g);
  }
  return { spans, suggestions };
}

/**
 * The texts a reader of a Markdown document can take in: the document as written and as rendered. A final leak check
 * scans both (a .txt file is read as it is, and read through its leftover marks as well).
 */
export function markdownReadings(text: string): string[] {
  const view = markdownView(text).text;
  return view === text ? [text] : [text, view];
}

/** One reading of a text and what the engine finds in it (see markdownReadingSpans). */
export interface ReadingSpans {
  readonly text: string;
  readonly spans: readonly DetectedSpan[];
}

/**
 * What the engine finds in each reading of a Markdown text (markdownReadings): in the text as written, searched
 * whole, or only around `changed` ranges of it when the rest was searched already (the rest is the same characters
 * in the same context, so it holds the same findings), and in the rendered view around the places where it differs
 * from the text as written. The fail-closed scans use this: it finds what scanning both readings whole finds.
 */
export function markdownReadingSpans(redactor: Redactor, text: string, changed?: readonly Range[]): ReadingSpans[] {
  const written = changed === undefined ? redactor.detect(text).spans : changed.length === 0 ? [] : detectAround(redactor, text, changed).spans;
  const out: ReadingSpans[] = [{ text, spans: written }];
  const view = markdownView(text);
  if (view.text === text) return out;
  const changes = viewChanges(text, view);
  if (changes.length > 0) out.push({ text: view.text, spans: detectAround(redactor, view.text, changes).spans });
  return out;
}

/** A half-open range [start, end). */
export type Range = readonly [number, number];

/**
 * Ranges of the view where it is not the source copied unit for unit: a unit that stands for other source
 * characters (an entity, an escape, a stretch placed whole, a separator the source does not have), or the place
 * where the view skips source characters (marks, bullets, a heading's hashes, a link's target). Between two
 * ranges the view is one stretch of the source, character for character. A blank line between blocks counts as
 * copied where the source has that blank line there.
 */
export function viewChanges(source: string, v: MarkdownView): Range[] {
  const out: [number, number][] = [];
  const text = v.text;
  const n = text.length;
  const starts = v.starts;
  const ends = v.ends;
  const mark = (a: number, b: number) => {
    const last = out[out.length - 1];
    if (last !== undefined && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  };
  let expect = 0;
  let k = 0;
  while (k < n) {
    const s = starts[k]!;
    const e = ends[k]!;
    if (s === expect && e === s + 1 && text.charCodeAt(k) === source.charCodeAt(s)) {
      expect = e;
      k++;
      continue;
    }
    if (s === e && s === expect) {
      // a separator the view adds: copied if the source has the same characters there
      let j = k + 1;
      while (j < n && starts[j] === s && ends[j] === s) j++;
      let same = expect + (j - k) <= source.length;
      for (let c = 0; same && c < j - k; c++) same = text.charCodeAt(k + c) === source.charCodeAt(expect + c);
      if (same) {
        expect += j - k;
        k = j;
        continue;
      }
      mark(k, j);
      k = j;
      continue;
    }
    // a unit that is not a copy, or a copy after skipped (or repeated) source: the boundary before it changed too
    mark(Math.max(0, k - 1), k + 1);
    expect = e;
    k++;
  }
  if (expect !== source.length && n > 0) mark(n - 1, n);
  return out;
}

/**
 * Context read on each side of a changed range: a finding that takes in a change is whole inside it (names, phone
 * numbers, addresses and e-mails are far shorter), and what the recognisers look at around a finding kept (NEAR a
 * change; a label before a number, a street word, the words before a street: at most 80 characters back) is inside
 * it too.
 */
const WINDOW = 200;
/** A finding this near a change may read differently there than in the source; farther ones were found already. */
const NEAR = 96;
/**
 * Between two windows searched as one text: a blank line, a mark no recogniser takes in, a blank line. A finding
 * that runs across it anyway is cut at it (each piece kept if near a change): more redacted, never less.
 */
const SEPARATOR = '\n\n\u00b6\n\n';

/**
 * The engine on the stretches of `text` around `changed` ranges (sorted, disjoint), each with WINDOW characters of
 * context on both sides, cut at whitespace; what it finds within NEAR of a change, in `text`'s offsets. Elsewhere
 * `text` is the same characters in the same context as a text already searched, with the same findings. The
 * stretches are searched as one text (apart by SEPARATOR): one engine run, not one per stretch. (Suggested names
 * seeded by the same name elsewhere in the text come from the search of that other text.)
 */
export function detectAround(redactor: Redactor, text: string, changed: readonly Range[], policy?: RedactionPolicy): Detection {
  const n = text.length;
  const isSpace = (i: number) => {
    const c = text.charCodeAt(i);
    return c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0;
  };
  // windows: [from, to) of `text`, the changes [first, last] inside, and where the window starts in the joined text
  const windows: { from: number; to: number; first: number; last: number; at: number }[] = [];
  const parts: string[] = [];
  let joined = 0;
  let i = 0;
  while (i < changed.length) {
    let from = Math.max(0, changed[i]![0] - WINDOW);
    let j = i;
    let to = Math.min(n, changed[j]![1] + WINDOW);
    // windows closer than their cuts at whitespace could reach are one window: no two overlap
    while (j + 1 < changed.length && changed[j + 1]![0] - WINDOW <= to + 128) {
      j++;
      to = Math.min(n, changed[j]![1] + WINDOW);
    }
    // out to whitespace, so that the window's edges do not cut a word
    for (let c = 0; c < 64 && from > 0 && !isSpace(from - 1); c++) from--;
    for (let c = 0; c < 64 && to < n && !isSpace(to); c++) to++;
    if (parts.length > 0) {
      parts.push(SEPARATOR);
      joined += SEPARATOR.length;
    }
    windows.push({ from, to, first: i, last: j, at: joined });
    parts.push(text.slice(from, to));
    joined += to - from;
    i = j + 1;
  }
  const d = redactor.detect(parts.join(''), policy);
  /** Each piece of joined range [start, end) inside a window and NEAR a change there, in `text`'s offsets. */
  const place = (start: number, end: number, out: (s: number, e: number) => void) => {
    let lo = 0;
    let hi = windows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (windows[mid]!.at + (windows[mid]!.to - windows[mid]!.from) <= start) lo = mid + 1;
      else hi = mid;
    }
    for (let w = lo; w < windows.length && windows[w]!.at < end; w++) {
      const win = windows[w]!;
      const s = Math.max(start, win.at) - win.at + win.from;
      const e = Math.min(end, win.at + (win.to - win.from)) - win.at + win.from;
      if (e <= s) continue;
      for (let c = win.first; c <= win.last; c++) {
        if (s < changed[c]![1] + NEAR && changed[c]![0] - NEAR < e) {
          out(s, e);
          break;
        }
      }
    }
  };
  const spans: DetectedSpan[] = [];
  const suggestions: Suggestion[] = [];
  for (const x of d.spans) place(x.start, x.end, (s, e) => spans.push({ ...x, start: s, end: e }));
  for (const g of d.suggestions) place(g.start, g.end, (s, e) => suggestions.push({ ...g, start: s, end: e }));
  return { spans, suggestions };
}

const MARKS = new Set(['*', '_', '~']);

/**
 * A span that takes an emphasis mark but not its partner ("Султан*алиева" of "Султан*алиева*") takes the partner
 * too, so the redacted source does not keep a lone mark beside "[REDACTED]".
 */
function balance(source: string, span: { start: number; end: number }): { start: number; end: number } {
  let { start, end } = span;
  const odd = (ch: string) => [...source.slice(start, end)].filter((c) => c === ch).length % 2 === 1;
  while (end < source.length && MARKS.has(source[end]!) && odd(source[end]!)) end++;
  while (start > 0 && MARKS.has(source[start - 1]!) && odd(source[start - 1]!)) start--;
  return { start, end };
}

function mergeSpans(spans: readonly DetectedSpan[]): DetectedSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: DetectedSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last === undefined || s.start >= last.end) {
      out.push(s);
      continue;
    }
    const kind = last.kind !== 'person' ? last.kind : s.kind;
    // A name span with no one person (a relative, a mixed span) keeps the whole merged span from naming anyone.
    const unsure = (x: DetectedSpan) => x.kind === 'person' && x.people.length === 0;
    const people = unsure(last) || unsure(s) ? [] : [...new Set([...last.people, ...s.people])];
    const reason = last.reason ?? s.reason;
    out[out.length - 1] = { start: last.start, end: Math.max(last.end, s.end), kind, people, ...(reason === undefined ? {} : { reason }) };
  }
  return out;
}
