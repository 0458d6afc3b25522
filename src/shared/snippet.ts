/**
 * The search snippet format: the note's own text (quotation marks and all) with each matched word between
 * HIT_START and HIT_END. The markers are control characters (STX, ETX) that a note never shows, so a quotation in
 * the note («…», "…", „…“) is never mistaken for a highlight; the core removes them from the quoted text.
 */
export const HIT_START = '\u0002';
export const HIT_END = '\u0003';

const MARKERS = new RegExp(`[${HIT_START}${HIT_END}]`, 'gu');

export interface SnippetPart {
  readonly text: string;
  readonly hit: boolean;
}

/** Splits a snippet into plain and highlighted parts (for the renderer and the CLI). */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const re = new RegExp(`${HIT_START}([^${HIT_START}${HIT_END}]*)${HIT_END}`, 'gu');
  let last = 0;
  for (let m = re.exec(snippet); m; m = re.exec(snippet)) {
    if (m.index > last) parts.push({ text: snippet.slice(last, m.index).replace(MARKERS, ''), hit: false });
    parts.push({ text: m[1] ?? '', hit: true });
    last = m.index + m[0].length;
  }
  if (last < snippet.length) parts.push({ text: snippet.slice(last).replace(MARKERS, ''), hit: false });
  return parts;
}

/** A snippet with its highlights shown as «…» (CLI and tests; not for the screen, where a note's « » would collide). */
export function snippetAsText(snippet: string, open = '«', close = '»'): string {
  return snippetParts(snippet)
    .map((p) => (p.hit ? `${open}${p.text}${close}` : p.text))
    .join('');
}
