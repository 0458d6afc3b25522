/**
 * A small page-flow engine over pdfkit: A4 pages with fixed margins, text wrapped into lines by measured width,
 * page breaks where a line would cross the bottom margin. Lines are placed one by one (pdfkit never breaks
 * pages itself: its pages have no margins), so every decoration (a quotation's bar, a table's header on the next
 * page) knows exactly where its text went.
 */
export const A4 = { width: 595.28, height: 841.89 } as const;
export const MARGIN = { top: 62, bottom: 74, left: 64, right: 64 } as const;
export const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
export const BOTTOM = A4.height - MARGIN.bottom;

export type FontName = 'regular' | 'bold' | 'italic';

/**
 * The text as the font is given it: ligature characters (ﬁ, ﬂ, pasted from other PDFs) as their letters, so that
 * their glyphs always read back as the letters (see fonts.ts).
 */
export function shapeable(text: string): string {
  return text.replace(/[\uFB00-\uFB4F]/g, (c) => c.normalize('NFKC'));
}

export interface TextStyle {
  readonly font: FontName;
  readonly size: number;
  /** Distance between baselines. */
  readonly leading: number;
  readonly color: string;
}

/** The part of pdfkit the flow uses. */
export interface Canvas {
  font(name: string): Canvas;
  fontSize(size: number): Canvas;
  fillColor(color: string): Canvas;
  widthOfString(text: string): number;
  /** The height of a line of the current font at its size (ascender to descender). */
  currentLineHeight(): number;
  text(text: string, x: number, y: number, options: { lineBreak: false }): Canvas;
  addPage(options: { size: [number, number]; margin: number }): Canvas;
}

export class Flow {
  /** Where the next line goes, from the top of the page. */
  y: number = MARGIN.top;
  private readonly onPage: (() => void)[] = [];

  constructor(private readonly canvas: Canvas) {}

  /** Space left on this page. */
  get room(): number {
    return BOTTOM - this.y;
  }

  newPage(): void {
    this.canvas.addPage({ size: [A4.width, A4.height], margin: 0 });
    this.y = MARGIN.top;
    for (const f of this.onPage) f();
  }

  /** Starts a new page unless `height` still fits on this one (a heading with its first lines, a table row). */
  keep(height: number): void {
    if (height > this.room && this.y > MARGIN.top) this.newPage();
  }

  /** Runs `f` after every page break until the returned function is called (a table repeats its header). */
  whileOnNewPage(f: () => void): () => void {
    this.onPage.push(f);
    return () => {
      const i = this.onPage.indexOf(f);
      if (i >= 0) this.onPage.splice(i, 1);
    };
  }

  gap(height: number): void {
    this.y = Math.min(this.y + height, BOTTOM);
  }

  use(style: TextStyle): void {
    this.canvas.font(style.font).fontSize(style.size).fillColor(style.color);
  }

  width(text: string, style: TextStyle): number {
    this.use(style);
    return this.canvas.widthOfString(shapeable(text).replace(/\n/g, ' '));
  }

  /** The text broken into lines no wider than `width`: at spaces, inside a word only if the word alone is wider. */
  wrap(text: string, style: TextStyle, width: number): string[] {
    this.use(style);
    const space = this.canvas.widthOfString(' ');
    const lines: string[] = [];
    for (const hard of shapeable(text).replace(/\r\n?/g, '\n').split('\n')) {
      let line = '';
      let lineWidth = 0;
      for (const word of hard.split(/[ \t\u00A0]+/).filter(Boolean)) {
        const w = this.canvas.widthOfString(word);
        if (line && lineWidth + space + w <= width) {
          line += ` ${word}`;
          lineWidth += space + w;
          continue;
        }
        if (line) lines.push(line);
        if (w <= width) {
          line = word;
          lineWidth = w;
          continue;
        }
        // a word wider than the column (a long link or number): broken where it reaches the edge
        line = '';
        lineWidth = 0;
        for (const ch of word) {
          const cw = this.canvas.widthOfString(ch);
          if (line && lineWidth + cw > width) {
            lines.push(line);
            line = '';
            lineWidth = 0;
          }
          line += ch;
          lineWidth += cw;
        }
      }
      lines.push(line);
    }
    return lines;
  }

  /** Draws one line with its top at `y` (a line break in the text is a space here). */
  line(text: string, style: TextStyle, x: number, y: number = this.y): void {
    this.use(style);
    // pdfkit places text by the top of its line box; the line box is centred in the leading
    this.canvas.text(shapeable(text).replace(/\n/g, ' '), x, y + (style.leading - this.canvas.currentLineHeight()) / 2, { lineBreak: false });
  }

  /**
   * A paragraph: wrapped, flowed over pages, never leaving a single line of it alone at the foot of a page.
   * `onSegment` hears where each page's part of it went (for a quotation's bar).
   */
  paragraph(text: string, style: TextStyle, options: { indent?: number; width?: number; onSegment?: (top: number, bottom: number) => void } = {}): void {
    const x = MARGIN.left + (options.indent ?? 0);
    const lines = this.wrap(text, style, options.width ?? CONTENT_WIDTH - (options.indent ?? 0));
    this.keep(Math.min(lines.length, 2) * style.leading);
    let top = this.y;
    lines.forEach((l, i) => {
      const left = lines.length - i;
      // no widow: the last line does not go over alone if the page can give it company
      const need = left === 2 && lines.length > 3 ? 2 * style.leading : style.leading;
      if (need > this.room) {
        options.onSegment?.(top, this.y);
        this.newPage();
        top = this.y;
      }
      this.line(l, style, x);
      this.y += style.leading;
    });
    options.onSegment?.(top, this.y);
  }
}
