import { REDACTED } from '../redaction';

/**
 * Markdown as plain text for a .txt export: the layout a reader relies on stays — blank lines between
 * paragraphs, each list item on its own line (with its bullet or number), headings as lines of their own, the
 * lines of a code block — while the marks that only mean something to a Markdown reader go (heading hashes,
 * emphasis, code ticks, quote marks, link targets, rules, fences, backslash escapes).
 *
 * It runs on text that is already redacted, so the placeholder "[REDACTED]" is kept as it is even where
 * Markdown would read it as part of a link ("[REDACTED](…)").
 */
export function markdownToText(markdown: string): string {
  // U+E000..U+E001, private use: never in a note, so safe as a stand-in for the placeholder
  const guard = '\uE000REDACTED\uE001';
  const lines = markdown.replace(/\r\n?/g, '\n').split(REDACTED).join(guard).split('\n');
  const out: string[] = [];
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fenceMark = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence !== null) {
      if (fenceMark && fenceMark[1]![0] === fence[0] && fenceMark[1]!.length >= fence.length) fence = null;
      else out.push(line); // code keeps its characters
      continue;
    }
    if (fenceMark) {
      fence = fenceMark[1]!;
      continue;
    }
    // a setext underline ("Title" then "====="): the underline goes, the title stays a line
    if (/^\s{0,3}(=+|-+)\s*$/.test(line) && i > 0 && lines[i - 1]!.trim() !== '' && !isListItem(lines[i - 1]!)) continue;
    // a thematic break: an empty line stands in for it
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      out.push('');
      continue;
    }
    out.push(inline(block(line)));
  }
  return out
    .map((l) => l.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '')
    .split(guard)
    .join(REDACTED);
}

function isListItem(line: string): boolean {
  return /^\s*([-*+]|\d+[.)])\s+/.test(line);
}

/** Block marks at the start of a line: quote marks go, heading hashes go, list bullets become "- ". */
function block(line: string): string {
  let l = line.replace(/^(\s{0,3}>\s?)+/, '');
  const heading = /^\s{0,3}#{1,6}(?:\s+|$)(.*?)(?:\s+#+)?\s*$/.exec(l);
  if (heading) return heading[1]!;
  l = l.replace(/^(\s*)[-*+]\s+(\[[ xX]\]\s+)?/, (_m, indent: string, task: string | undefined) => `${indent}- ${task ? `${task.trim()} ` : ''}`);
  return l;
}

/** Inline marks: links and images keep their text, emphasis and code ticks go, escapes are undone. */
function inline(line: string): string {
  return line
    .replace(/!?\[([^\]\n]*)\]\([^)\s]*(?:\s+"[^"]*")?\)/g, '$1')
    .replace(/<(https?:\/\/[^>\s]+|[^>\s@]+@[^>\s]+)>/g, '$1')
    // Emphasis only at word edges: snake_case_word and 2*3*4 keep their characters.
    .replace(/(^|[^\p{L}\p{N}\\])(\*\*|__|\*|_|~~|`+)(?=\S)(.*?\S)\2(?![\p{L}\p{N}])/gu, '$1$3')
    .replace(/(^|[^\p{L}\p{N}\\])(\*\*|__|\*|_|~~)(?=\S)(.*?\S)\2(?![\p{L}\p{N}])/gu, '$1$3')
    .replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, '$1');
}
