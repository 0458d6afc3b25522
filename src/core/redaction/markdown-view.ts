import { createRequire } from 'node:module';
import type MarkdownIt from 'markdown-it';

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

/**
 * A note as a reader of its Markdown sees it, with a map back to the source.
 *
 * The redaction engine reads characters; a Markdown viewer shows something else. `+996 772 **44** 55 66` and
 * `a*i*gul@exa*m*ple.org` are, in the source, a number and an address split by emphasis marks, and on screen a whole
 * phone number and a whole e-mail. The same goes for backslash escapes (`772\-44`), HTML entities (`&#43;996`), inline
 * code, raw HTML tags (`Ай<b>гуль</b>`), link texts and autolinks. So detection and the final leak check also read
 * this view: the text a viewer renders, parsed by markdown-it (the parser the app's own renderer uses), with raw
 * HTML enabled because the viewer an export is opened in may render it even though the app does not.
 *
 * What is in the view, in source order: the visible text of every block (paragraphs, headings, list items, table
 * cells, code; tags of raw HTML taken out and its entities decoded), blocks apart by a blank line, a soft line break
 * as a line break. After them, apart by blank lines, what a viewer reveals without showing it as text: link and
 * image targets and raw HTML tags with their entities decoded (`<a href="mailto:aigul&#64;example.org">`).
 *
 * For each UTF-16 unit of the view, `starts`/`ends` give the source range it comes from (an escape `\-` or an entity
 * `&#43;` is one unit from several source characters). A range in the view maps back to the source range from its
 * first unit's start to its last unit's end, so it takes in the marks inside it (`Ай**гуль**` is one span). Where
 * the parser's text cannot be found in the source character for character, its units map to the whole stretch of
 * source it came from: a redaction then takes more than needed, never less.
 */

export interface MarkdownView {
  readonly text: string;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly originalLength: number;
}

let parser: InstanceType<typeof MarkdownIt> | null = null;

/**
 * markdown-it, loaded on first use (createRequire, as for the other libraries only redaction needs): a command
 * that only searches never parses Markdown, and the command line's start does not pay for loading it.
 */
function md(): InstanceType<typeof MarkdownIt> {
  if (parser) return parser;
  const Parser = createRequire(import.meta.url)('markdown-it') as typeof MarkdownIt;
  parser = new Parser({ html: true, linkify: false, typographer: false });
  // Escapes and entities stay tokens of their own (their source form is in `markup`): joined into the
  // neighbouring text, their decoded characters could not be found in the source.
  parser.core.ruler.disable('text_join');
  return parser;
}

/** HTML elements shown inline: a tag of one of these joins the text around it ("Ай<b>гуль</b>" reads "Айгуль"). */
const INLINE_TAGS = new Set(['a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'kbd', 'mark', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr']);
const TAG = /<\/?([A-Za-z][A-Za-z0-9-]*)\b[^>]*>|<!--[\s\S]*?-->|<![^>]*>|<\?[\s\S]*?\?>/g;
const ENTITY = /&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});/g;

/** The view under construction: units and their source ranges in typed arrays that grow by doubling. */
class Builder {
  private codes = new Uint16Array(1024);
  private s = new Int32Array(1024);
  private e = new Int32Array(1024);
  private n = 0;

  private room(more: number): void {
    if (this.n + more <= this.codes.length) return;
    let size = this.codes.length * 2;
    while (size < this.n + more) size *= 2;
    const codes = new Uint16Array(size);
    codes.set(this.codes.subarray(0, this.n));
    const s = new Int32Array(size);
    s.set(this.s.subarray(0, this.n));
    const e = new Int32Array(size);
    e.set(this.e.subarray(0, this.n));
    this.codes = codes;
    this.s = s;
    this.e = e;
  }

  /** `text` whose units are the source's from `at` on, one for one. */
  exact(text: string, at: number): void {
    this.room(text.length);
    for (let k = 0; k < text.length; k++) this.put(text.charCodeAt(k), at + k, at + k + 1);
  }

  /** `text` that stands for the source range [start, end) as a whole. */
  whole(text: string, start: number, end: number): void {
    this.room(text.length);
    for (let k = 0; k < text.length; k++) this.put(text.charCodeAt(k), start, end);
  }

  /** `text` whose unit c comes from source offset at[from + c]. */
  exactAt(text: string, at: Int32Array, from: number): void {
    this.room(text.length);
    for (let k = 0; k < text.length; k++) {
      const p = at[from + k]!;
      this.put(text.charCodeAt(k), p, p + 1);
    }
  }

  push(code: number, start: number, end: number): void {
    this.room(1);
    this.put(code, start, end);
  }

  private put(code: number, start: number, end: number): void {
    const n = this.n++;
    this.codes[n] = code;
    this.s[n] = start;
    this.e[n] = end;
  }

  get length(): number {
    return this.n;
  }

  /** A separator (blank line) that stands for no source: an empty range where the previous unit ended. */
  gap(text: string): void {
    const at = this.n > 0 ? this.e[this.n - 1]! : 0;
    this.whole(text, at, at);
  }

  append(other: Builder): void {
    this.room(other.n);
    this.codes.set(other.codes.subarray(0, other.n), this.n);
    this.s.set(other.s.subarray(0, other.n), this.n);
    this.e.set(other.e.subarray(0, other.n), this.n);
    this.n += other.n;
  }

  view(originalLength: number): MarkdownView {
    const parts: string[] = [];
    for (let k = 0; k < this.n; k += 8192) parts.push(String.fromCharCode.apply(null, this.codes.subarray(k, Math.min(this.n, k + 8192)) as unknown as number[]));
    return { text: parts.join(''), starts: this.s.slice(0, this.n), ends: this.e.slice(0, this.n), originalLength };
  }
}

/** Maps offsets of the parser's input (CRLF and CR made LF, as markdown-it does) back to the original text. */
function lineEndings(source: string): { src: string; orig: (i: number) => number; identity: boolean } {
  if (!source.includes('\r')) return { src: source, orig: (i) => i, identity: true };
  const map: number[] = [];
  let src = '';
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '\r' && source[i + 1] === '\n') continue;
    map.push(i);
    src += source[i] === '\r' ? '\n' : source[i];
  }
  map.push(source.length);
  return { src, orig: (i) => map[Math.max(0, Math.min(i, map.length - 1))]!, identity: false };
}

/** The original offset just after parser offset `i - 1` (an exclusive end). */
function endOf(orig: (i: number) => number, i: number): number {
  return i <= 0 ? orig(0) : orig(i - 1) + 1;
}

export function markdownView(source: string): MarkdownView {
  const { src, orig, identity } = lineEndings(source);
  // markdown-it replaces NUL by U+FFFD; the view keeps the source's length per unit either way.
  const tokens = md().parse(src, {});
  const lineStarts = [0];
  for (let i = src.indexOf('\n'); i >= 0; i = src.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineEnd = (l: number) => (l + 1 < lineStarts.length ? lineStarts[l + 1]! - 1 : src.length);
  const visible = new Builder();
  const hidden = new Builder();
  // Where in the source the next block text is looked for: [line, column].
  let line = 0;
  let column = 0;

  /**
   * For each unit of a block's text (a paragraph's inline content, a code block's lines), its offset in the parser's
   * input, or -1. Each line of the block text is found in the source from the current place on (a line is the
   * source line less its quote marks, list bullet and indentation); the place moves on, so table cells on one row
   * are found in order.
   */
  const locate = (content: string, first: number, last: number): Int32Array => {
    const at = new Int32Array(content.length).fill(-1);
    if (first > line) {
      line = first;
      column = 0;
    }
    let k = 0;
    for (const part of content.split('\n')) {
      for (let l = line; l < Math.max(last, line + 1) && l < lineStarts.length; l++) {
        const from = l === line ? column : 0;
        // most often the part is where the search starts (a paragraph's line after its quote marks or indentation)
        const here = lineStarts[l]! + from + part.length <= lineEnd(l) && src.startsWith(part, lineStarts[l]! + from);
        const p = here ? from : src.slice(lineStarts[l]!, lineEnd(l)).indexOf(part, from);
        if (p < 0) continue;
        for (let c = 0; c < part.length; c++) at[k + c] = lineStarts[l]! + p + c;
        if (k + part.length < content.length) at[k + part.length] = lineEnd(l);
        line = l;
        column = p + part.length;
        break;
      }
      k += part.length + 1;
    }
    return at;
  };

  /** The source range of the block's text [from, to) in content offsets, for units that cannot be placed exactly. */
  const span = (at: Int32Array, from: number, to: number, first: number, last: number): [number, number] => {
    let s = -1;
    let e = -1;
    for (let k = Math.max(0, from); k < Math.min(at.length, to); k++) {
      if (at[k]! < 0) continue;
      if (s < 0 || at[k]! < s) s = at[k]!;
      if (at[k]! + 1 > e) e = at[k]! + 1;
    }
    if (s < 0) return [lineStarts[Math.min(first, lineStarts.length - 1)]!, lineEnd(Math.min(Math.max(first, last - 1), lineStarts.length - 1))];
    return [s, e];
  };

  const emitExact = (out: Builder, text: string, at: Int32Array, from: number, first: number, last: number) => {
    let contiguous = true;
    for (let c = 0; c < text.length; c++) if (at[from + c]! < 0) contiguous = false;
    if (contiguous && identity) out.exactAt(text, at, from);
    else if (contiguous) for (let c = 0; c < text.length; c++) out.push(text.charCodeAt(c), orig(at[from + c]!), orig(at[from + c]!) + 1);
    else {
      const [s, e] = span(at, from, from + text.length, first, last);
      out.whole(text, orig(s), endOf(orig, e));
    }
  };

  const emitWhole = (out: Builder, text: string, at: Int32Array, from: number, to: number, first: number, last: number) => {
    const [s, e] = span(at, from, to, first, last);
    out.whole(text, orig(s), endOf(orig, e));
  };

  /** What a viewer reveals (a link's target): exactly where it is written as it is, else the whole stretch. */
  const revealed = (text: string, at: Int32Array, from: number, to: number, first: number, last: number) => {
    if (!text) return;
    if (hidden.length > 0) hidden.gap('\n\n');
    const p = placed(at, from, to).indexOf(text);
    if (p >= 0) emitExact(hidden, text, at, from + p, first, last);
    else emitWhole(hidden, text, at, from, to, first, last);
  };

  /** The parser's input behind block-text offsets [from, to), as far as they are placed. */
  const placed = (at: Int32Array, from: number, to: number): string => {
    let out = '';
    for (let k = Math.max(0, from); k < Math.min(at.length, to); k++) out += at[k]! < 0 ? '\uFFFF' : src[at[k]!];
    return out;
  };

  /** Raw HTML: its text (tags out, entities decoded) to the view, its tags (entities decoded) to what a viewer reveals. */
  const html = (content: string, at: Int32Array, base: number, first: number, last: number, inline: boolean) => {
    let k = 0;
    const text = (to: number) => {
      while (k < to) {
        ENTITY.lastIndex = k;
        const m = ENTITY.exec(content);
        const next = m !== null && m.index < to ? m.index : to;
        emitExact(visible, content.slice(k, next), at, base + k, first, last);
        if (m === null || m.index >= to) {
          k = to;
          break;
        }
        emitWhole(visible, md().utils.unescapeAll(m[0]), at, base + m.index, base + m.index + m[0].length, first, last);
        k = m.index + m[0].length;
      }
    };
    TAG.lastIndex = 0;
    for (let m = TAG.exec(content); m !== null; m = TAG.exec(content)) {
      text(m.index);
      const name = m[1]?.toLowerCase();
      if (!inline && name !== undefined && !INLINE_TAGS.has(name)) visible.gap('\n');
      // A tag's attributes (a link's target, a title) are there for the asking: those of a tag that has any.
      if (m[0].includes('=')) revealed(md().utils.unescapeAll(m[0]), at, base + m.index, base + m.index + m[0].length, first, last);
      k = m.index + m[0].length;
    }
    text(content.length);
  };

  /** A link's or image's target, after its text: "](dest "title")", "][label]", "[]" or nothing. Returns where it ends. */
  const tail = (content: string, from: number): number => {
    const close = content.indexOf(']', from);
    if (close < 0) return from;
    let pos = close + 1;
    if (content[pos] === '(') {
      pos++;
      while (pos < content.length && /\s/.test(content[pos]!)) pos++;
      const dest = md().helpers.parseLinkDestination(content, pos, content.length);
      if (dest.ok) pos = dest.pos;
      while (pos < content.length && /\s/.test(content[pos]!)) pos++;
      const title = md().helpers.parseLinkTitle(content, pos, content.length);
      if (title.ok) pos = title.pos;
      while (pos < content.length && /\s/.test(content[pos]!)) pos++;
      return content[pos] === ')' ? pos + 1 : pos;
    }
    if (content[pos] === '[') {
      const end = content.indexOf(']', pos + 1);
      return end < 0 ? pos : end + 1;
    }
    return pos;
  };


  /** The visible text of inline tokens; `cursor` walks the block text, each token's source found after the last. */
  const inline = (children: readonly Token[], content: string, at: Int32Array, first: number, last: number, start: number): number => {
    let cursor = start;
    let link: Token | undefined;
    for (let i = 0; i < children.length; i++) {
      const t = children[i]!;
      switch (t.type) {
        case 'text': {
          if (!t.content) break;
          const p = content.indexOf(t.content, cursor);
          if (p < 0) emitWhole(visible, t.content, at, cursor, content.length, first, last);
          else {
            emitExact(visible, t.content, at, p, first, last);
            cursor = p + t.content.length;
          }
          break;
        }
        case 'text_special': {
          const p = content.indexOf(t.markup, cursor);
          if (p < 0) emitWhole(visible, t.content, at, cursor, content.length, first, last);
          else {
            emitWhole(visible, t.content, at, p, p + t.markup.length, first, last);
            cursor = p + t.markup.length;
          }
          break;
        }
        case 'code_inline': {
          const open = content.indexOf(t.markup, cursor);
          const close = open < 0 ? -1 : content.indexOf(t.markup, open + t.markup.length);
          const p = open < 0 ? -1 : content.indexOf(t.content, open + t.markup.length);
          if (p >= 0 && (close < 0 || p + t.content.length <= close)) emitExact(visible, t.content, at, p, first, last);
          else emitWhole(visible, t.content, at, Math.max(cursor, open), close < 0 ? content.length : close + t.markup.length, first, last);
          if (close >= 0) cursor = close + t.markup.length;
          break;
        }
        case 'softbreak':
        case 'hardbreak': {
          const p = content.indexOf('\n', cursor);
          if (p < 0) visible.gap('\n');
          else {
            emitWhole(visible, '\n', at, p, p + 1, first, last);
            cursor = p + 1;
          }
          break;
        }
        case 'html_inline': {
          // A tag: nothing to see (a <br> aside), its attributes revealed; walked like an HTML block.
          const p = content.indexOf(t.content, cursor);
          const sub = p < 0 ? new Int32Array(t.content.length).fill(-1) : at.slice(p, p + t.content.length);
          if (/^<br\b/i.test(t.content)) visible.gap('\n');
          html(t.content, sub, 0, first, last, true);
          if (p >= 0) cursor = p + t.content.length;
          break;
        }
        case 'link_open': {
          const href = t.attrGet('href') ?? '';
          link = t;
          if (t.markup === 'autolink') {
            const open = content.indexOf('<', cursor);
            const close = open < 0 ? -1 : content.indexOf('>', open);
            const text = children[i + 1]?.type === 'text' ? children[i + 1]!.content : '';
            if (open >= 0 && close >= 0) {
              const p = content.indexOf(text, open);
              if (text && p >= 0 && p + text.length <= close) emitExact(visible, text, at, p, first, last);
              else emitWhole(visible, text, at, open, close + 1, first, last);
              revealed(decodeURIComponentSafe(href), at, open, close + 1, first, last);
              cursor = close + 1;
            } else {
              emitWhole(visible, text, at, cursor, content.length, first, last);
              revealed(decodeURIComponentSafe(href), at, cursor, content.length, first, last);
            }
            // the text and the closing token are done
            while (i + 1 < children.length && children[i]!.type !== 'link_close') i++;
          }
          break;
        }
        case 'link_close': {
          const end = tail(content, cursor);
          revealed(decodeURIComponentSafe(link?.attrGet('href') ?? ''), at, cursor, end, first, last);
          cursor = end;
          break;
        }
        case 'image': {
          cursor = inline(t.children ?? [], content, at, first, last, cursor);
          const end = tail(content, cursor);
          revealed(decodeURIComponentSafe(t.attrGet('src') ?? ''), at, cursor, end, first, last);
          cursor = end;
          break;
        }
        default:
          break; // emphasis, strong, strikethrough marks: nothing to see, and the next text is found after them
      }
    }
    return cursor;
  };

  // Lines of the innermost block seen: a table cell's text has none of its own, its row has.
  let block: [number, number] = [0, 1];
  for (const t of tokens) {
    if (t.map) block = [t.map[0], t.map[1]];
    const [first, last] = block;
    switch (t.type) {
      case 'inline': {
        if (visible.length > 0) visible.gap('\n\n');
        const at = locate(t.content, first, last);
        inline(t.children ?? [], t.content, at, first, last, 0);
        break;
      }
      case 'fence':
      case 'code_block': {
        if (visible.length > 0) visible.gap('\n\n');
        const content = t.content.replace(/\n$/, '');
        const at = locate(content, t.type === 'fence' ? first + 1 : first, last);
        emitExact(visible, content, at, 0, first, last);
        break;
      }
      case 'html_block': {
        if (visible.length > 0) visible.gap('\n\n');
        const content = t.content.replace(/\n$/, '');
        const at = locate(content, first, last);
        html(content, at, 0, first, last, false);
        break;
      }
      default:
        break;
    }
  }
  if (hidden.length > 0) {
    visible.gap('\n\n');
    visible.append(hidden);
  }
  return visible.view(source.length);
}

function decodeURIComponentSafe(value: string | number): string {
  const s = String(value);
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Maps a half-open range of the view back to a half-open range of the source. */
export function viewToSource(v: MarkdownView, start: number, end: number): { start: number; end: number } {
  if (end <= start) {
    const at = start < v.starts.length ? v.starts[start]! : v.originalLength;
    return { start: at, end: at };
  }
  let s = v.starts[start]!;
  let e = v.ends[end - 1]!;
  // Units in between may come from further out (an entity decoded, a stretch placed as a whole).
  for (let k = start; k < end; k++) {
    if (v.starts[k]! < s) s = v.starts[k]!;
    if (v.ends[k]! > e) e = v.ends[k]!;
  }
  return { start: s, end: e };
}
