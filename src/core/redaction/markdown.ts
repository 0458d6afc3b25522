import type { DetectedSpan, Detection, RedactionPolicy, Redactor } from './engine';
import { markdownView, viewToSource } from './markdown-view';
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
  const read = redactor.detect(view.text, policy);
  const fromView: DetectedSpan[] = read.spans.map((s) => ({ ...s, ...balance(source, viewToSource(view, s.start, s.end)) }));
  const spans = mergeSpans([...written.spans, ...fromView]);
  const seen = new Set<string>();
  const suggestions: Suggestion[] = [];
  for (const g of [...written.suggestions, ...read.suggestions.map((g) => ({ ...g, ...viewToSource(view, g.start, g.end) }))].sort((a, b) => a.start - b.start)) {
    if (g.end <= g.start || spans.some((s) => s.start < g.end && g.start < s.end)) continue;
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
