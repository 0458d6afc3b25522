import { strFromU8, unzipSync } from 'fflate';
import type { ExtractedText } from './read-back';

/**
 * All text in a .docx, read from its XML as a tool would, not from what the writer was given. The body is every
 * WordprocessingML part (document, headers, footers, footnotes, endnotes, comments, and any other part with text
 * runs), a paragraph on a line; field codes, deleted text, drawing text and image descriptions are included,
 * since a reader or a tool can reach them. The properties are every text in docProps/ and customXml/.
 */
export async function textOfDocx(bytes: Uint8Array): Promise<ExtractedText> {
  const files = unzipSync(bytes);
  const names = Object.keys(files).filter((n) => /\.xml$/i.test(n));
  const body: string[] = [];
  const properties: string[] = [];
  for (const name of names.sort(byReadingOrder)) {
    const xml = strFromU8(files[name]!);
    if (/^(docProps|customXml)\//i.test(name)) properties.push(...textNodes(xml));
    else {
      const text = runText(xml);
      if (text.trim()) body.push(text);
    }
  }
  return { body: body.join('\n').replace(/\n{3,}/g, '\n\n').trim(), properties: properties.join('\n') };
}

/** The document first, then headers, footers, notes and comments, then anything else. */
function byReadingOrder(a: string, b: string): number {
  const rank = (n: string) => {
    const i = [/^word\/document\.xml$/i, /^word\/header/i, /^word\/footer/i, /^word\/footnotes/i, /^word\/endnotes/i, /^word\/comments/i].findIndex((r) => r.test(n));
    return i < 0 ? 99 : i;
  };
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Elements whose content is text a reader sees or a tool extracts. */
const TEXT_ELEMENTS = new Set(['w:t', 'w:delText', 'w:instrText', 'w:delInstrText', 'a:t', 'm:t']);
/** Attributes holding descriptions a screen reader or a tool shows. */
const TEXT_ATTRIBUTES = /\s(?:descr|title|w:alias|w:tag)="([^"]*)"/g;

function runText(xml: string): string {
  let out = '';
  let depth = 0;
  for (const t of tokens(xml)) {
    switch (t.kind) {
      case 'text':
        if (depth > 0) out += t.text;
        break;
      case 'open':
        if (TEXT_ELEMENTS.has(t.name)) {
          if (t.name.endsWith('instrText')) out += ' ';
          if (!t.selfClosing) depth++;
        } else if (t.name === 'w:tab' || t.name === 'w:ptab') out += '\t';
        else if (t.name === 'w:br' || t.name === 'w:cr') out += '\n';
        for (const m of t.attributes.matchAll(TEXT_ATTRIBUTES)) if (m[1]) out += `\n${decode(m[1])}\n`;
        break;
      case 'close':
        if (TEXT_ELEMENTS.has(t.name)) depth = Math.max(0, depth - 1);
        if (t.name === 'w:p' || t.name === 'a:p') out += '\n';
        break;
    }
  }
  return out;
}

function textNodes(xml: string): string[] {
  const out: string[] = [];
  for (const t of tokens(xml)) if (t.kind === 'text' && t.text.trim()) out.push(t.text.trim());
  return out;
}

type Token =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'open'; readonly name: string; readonly attributes: string; readonly selfClosing: boolean }
  | { readonly kind: 'close'; readonly name: string };

/** A forgiving XML tokenizer: enough for reading text out of Office parts, never throws. */
function* tokens(xml: string): Generator<Token> {
  const re = /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!(?:[^>]*)>|<\/\s*([^\s>]+)\s*>|<([^\s/>]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|([^<]+)/g;
  for (const m of xml.matchAll(re)) {
    if (m[1] !== undefined) yield { kind: 'text', text: m[1] };
    else if (m[2] !== undefined) yield { kind: 'close', name: m[2] };
    else if (m[3] !== undefined) yield { kind: 'open', name: m[3], attributes: m[4] ?? '', selfClosing: m[5] === '/' };
    else if (m[6] !== undefined) yield { kind: 'text', text: decode(m[6]) };
  }
}

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (all, e: string) => {
    const lower = e.toLowerCase();
    if (lower.startsWith('#x')) return codePoint(parseInt(lower.slice(2), 16), all);
    if (lower.startsWith('#')) return codePoint(parseInt(lower.slice(1), 10), all);
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[lower] ?? all;
  });
}

function codePoint(n: number, fallback: string): string {
  return Number.isInteger(n) && n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : fallback;
}
