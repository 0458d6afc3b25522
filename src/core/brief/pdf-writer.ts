import PDFDocument from 'pdfkit';
import type { Brief, BriefBlock, BriefLanguage, BriefSection } from '../../shared/brief';
import { printableBrief } from './clean';
import { parsedBriefFont, type BriefFontStyle } from './fonts';
import { formatPeriod, labelsFor, pageLabel, quoted, type BriefLabels } from './labels';
import { A4, BOTTOM, CONTENT_WIDTH, Flow, MARGIN, type TextStyle } from './pdf-layout';
import { incidentTable } from './table';

export interface BriefPdfOptions {
  readonly language: BriefLanguage;
}

const INK = '#1A1A1A';
const ACCENT = '#1F3A5F';
const MUTED = '#5A6270';
const RULE = '#C9CED6';
const SHADE = '#E8ECF2';

const S = {
  kind: { font: 'bold', size: 8.5, leading: 12, color: MUTED },
  title: { font: 'bold', size: 23, leading: 29, color: ACCENT },
  facts: { font: 'regular', size: 10.5, leading: 15, color: MUTED },
  note: { font: 'regular', size: 8.5, leading: 12, color: MUTED },
  h1: { font: 'bold', size: 14.5, leading: 20, color: ACCENT },
  h2: { font: 'bold', size: 12, leading: 16.5, color: INK },
  code: { font: 'bold', size: 12, leading: 16.5, color: ACCENT },
  details: { font: 'regular', size: 8.5, leading: 12.5, color: MUTED },
  body: { font: 'regular', size: 10.5, leading: 15.5, color: INK },
  quote: { font: 'italic', size: 10.5, leading: 15.5, color: '#2B2B2B' },
  th: { font: 'bold', size: 8.5, leading: 12, color: ACCENT },
  td: { font: 'regular', size: 9.5, leading: 13, color: INK },
  tdMissing: { font: 'italic', size: 9.5, leading: 13, color: MUTED },
  total: { font: 'bold', size: 9.5, leading: 13, color: INK },
  footer: { font: 'regular', size: 8, leading: 11, color: MUTED },
} as const satisfies Record<string, TextStyle>;

/** Space under a level-1 heading's rule. */
const H1_GAP = 9;
/** A section's heading stays with its details line and its first two lines of text. */
const SECTION_HEAD_KEEP = S.h2.leading + S.details.leading + 2 * S.body.leading + 8;
const FIRST_SECTION_GAP = 4;

/**
 * The brief as a PDF: A4, Noto Sans embedded as subsets, page numbers, the incidents table repeating its header
 * across pages. The document information holds only the title and the app's name: no author, no dates (a fixed
 * creation date is hidden from it, see below), no XMP (PDF 1.3, which pdfkit writes without a metadata stream),
 * and the trailer's /ID is derived from that information alone, so the same brief always gives the same bytes.
 */
export async function writePdf(given: Brief, options: BriefPdfOptions): Promise<Uint8Array> {
  const brief = printableBrief(given);
  const l = labelsFor(options.language);
  const doc = new PDFDocument({
    size: [A4.width, A4.height],
    margin: 0,
    bufferPages: true,
    pdfVersion: '1.3',
    lang: options.language,
    displayTitle: true,
    // pdfkit hashes this into the /ID when the document is created: fixed values only
    info: { Title: brief.title, Producer: 'Fieldvault', Creator: 'Fieldvault', CreationDate: new Date(0) },
    // the default would load Helvetica's metrics from a file; the body font is registered below
    font: fontSource('regular') as unknown as string,
  });
  // pdfkit needs info.CreationDate to exist but writes only the enumerable keys of info: this keeps it out
  Object.defineProperty(doc.info, 'CreationDate', { value: new Date(0), enumerable: false });
  for (const style of ['regular', 'bold', 'italic'] as const) doc.registerFont(style, fontSource(style));

  const chunks: Uint8Array[] = [];
  const done = new Promise<void>((resolve, reject) => {
    doc.on('data', (c: Uint8Array) => chunks.push(c));
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  const flow = new Flow(doc);
  cover(flow, doc, brief, options.language, l);
  method(flow, doc, brief, l);
  incidents(flow, doc, brief, options.language, l);
  sections(flow, doc, brief, options.language, l);
  footers(flow, doc, brief, l);
  doc.end();
  await done;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

type Doc = InstanceType<typeof PDFDocument>;

/**
 * pdfkit takes an already parsed fontkit font as well as a file (PDFFontFactory.open: anything with `layout`);
 * its types list only files and bytes.
 */
function fontSource(style: BriefFontStyle): Uint8Array {
  return parsedBriefFont(style) as unknown as Uint8Array;
}

function rule(doc: Doc, y: number, color: string = RULE, width = 0.75, x0: number = MARGIN.left, x1: number = A4.width - MARGIN.right): void {
  doc.save().lineWidth(width).strokeColor(color).moveTo(x0, y).lineTo(x1, y).stroke().restore();
}

function cover(flow: Flow, doc: Doc, brief: Brief, language: BriefLanguage, l: BriefLabels): void {
  // a band across the top of the first page
  doc.save().rect(0, 0, A4.width, 10).fill(ACCENT).restore();
  flow.gap(6);
  flow.line(l.documentKind.toUpperCase(), S.kind, MARGIN.left);
  flow.gap(S.kind.leading + 4);
  flow.paragraph(brief.title, S.title);
  flow.gap(4);
  const period = formatPeriod(brief.period, language);
  const facts = [period ? `${l.period}: ${period}` : '', l.interviews(brief.sections.length)].filter(Boolean).join('   ·   ');
  flow.paragraph(facts, S.facts);
  flow.gap(10);
  rule(doc, flow.y);
  flow.gap(8);
  flow.paragraph(l.anonymity, S.note);
  flow.gap(6);
}

/** A section heading; `following` is the height of what must stay on its page with it. */
function heading1(flow: Flow, doc: Doc, text: string, following: number = 3 * S.body.leading): void {
  flow.gap(18);
  // a heading never ends a page: it keeps the first lines of what follows
  flow.keep(S.h1.leading + H1_GAP + following);
  flow.paragraph(text, S.h1);
  rule(doc, flow.y + 1, RULE, 0.75);
  flow.gap(H1_GAP);
}

function method(flow: Flow, doc: Doc, brief: Brief, l: BriefLabels): void {
  if (brief.method.length === 0) return;
  heading1(flow, doc, l.method);
  for (const p of brief.method) {
    flow.paragraph(p, S.body);
    flow.gap(6);
  }
}

function incidents(flow: Flow, doc: Doc, brief: Brief, language: BriefLanguage, l: BriefLabels): void {
  heading1(flow, doc, l.incidents, S.th.leading + 2 * S.td.leading + 20);
  if (brief.incidents.length === 0) {
    flow.paragraph(l.noIncidents, S.note);
    return;
  }
  const t = incidentTable(brief, language);
  const fractions = [0.38, 0.3, 0.2, 0.12];
  const widths = fractions.map((f) => f * CONTENT_WIDTH);
  const xs = widths.map((_, i) => MARGIN.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const padX = 6;
  const padY = 4.5;

  const row = (cells: readonly string[], style: TextStyle, shade: boolean): void => {
    const wrapped = cells.map((c, i) => atMost(MAX_CELL_LINES, flow.wrap(c, style, (widths[i] ?? 0) - 2 * padX)));
    const height = Math.max(...wrapped.map((w) => w.length)) * style.leading + 2 * padY;
    if (height > flow.room) flow.newPage();
    if (shade) doc.save().rect(MARGIN.left, flow.y, CONTENT_WIDTH, height).fill(SHADE).restore();
    wrapped.forEach((lines, i) => {
      lines.forEach((text, k) => {
        const y = flow.y + padY + k * style.leading;
        // the count column is right-aligned, so the numbers line up
        const x = i === 3 ? (xs[i] ?? 0) + (widths[i] ?? 0) - padX - flow.width(text, style) : (xs[i] ?? 0) + padX;
        flow.line(text, cells[i] === l.notStated ? S.tdMissing : style, x, y);
      });
    });
    flow.y += height;
    rule(doc, flow.y, RULE, 0.5);
  };
  const header = (): void => row(t.header, S.th, true);

  flow.keep(S.th.leading + 2 * S.td.leading + 4 * padY);
  header();
  const stop = flow.whileOnNewPage(header);
  for (const r of t.rows) row(r, S.td, false);
  stop();
  if (S.total.leading + 2 * padY > flow.room) flow.newPage();
  rule(doc, flow.y, ACCENT, 1);
  row([t.total[0], '', '', t.total[1]], S.total, false);
}

/** A row stays shorter than a page: a cell is a label (a type of incident, a place), not a paragraph. */
const MAX_CELL_LINES = 8;

function atMost(n: number, lines: string[]): string[] {
  return lines.length <= n ? lines : [...lines.slice(0, n - 1), `${lines[n - 1] ?? ''}…`];
}

function sections(flow: Flow, doc: Doc, brief: Brief, language: BriefLanguage, l: BriefLabels): void {
  if (brief.sections.length === 0) return;
  heading1(flow, doc, l.sections, FIRST_SECTION_GAP + SECTION_HEAD_KEEP);
  brief.sections.forEach((s, i) => section(flow, doc, s, language, i === 0));
}

function section(flow: Flow, doc: Doc, s: BriefSection, language: BriefLanguage, first: boolean): void {
  flow.gap(first ? FIRST_SECTION_GAP : 16);
  const codeWidth = flow.width(s.code, S.code) + 10;
  const headLines = flow.wrap(s.heading, S.h2, CONTENT_WIDTH - codeWidth);
  flow.keep(SECTION_HEAD_KEEP + (headLines.length - 1) * S.h2.leading);
  flow.line(s.code, S.code, MARGIN.left);
  for (const h of headLines) {
    flow.line(h, S.h2, MARGIN.left + codeWidth);
    flow.y += S.h2.leading;
  }
  if (headLines.length === 0) flow.y += S.h2.leading;
  if (s.details.length > 0) {
    flow.gap(1);
    flow.paragraph(s.details.join('  ·  '), S.details);
  }
  flow.gap(6);
  for (const b of s.blocks) block(flow, doc, b, language);
}

function block(flow: Flow, doc: Doc, b: BriefBlock, language: BriefLanguage): void {
  switch (b.kind) {
    case 'paragraph':
      flow.paragraph(b.text, S.body);
      flow.gap(7);
      return;
    case 'quote':
      flow.gap(3);
      flow.paragraph(quoted(b.text, language), S.quote, {
        indent: 16,
        width: CONTENT_WIDTH - 32,
        onSegment: (top, bottom) => {
          if (bottom > top) doc.save().rect(MARGIN.left + 2, top + 2, 2.2, bottom - top - 4).fill(ACCENT).restore();
        },
      });
      flow.gap(10);
      return;
  }
}

function footers(flow: Flow, doc: Doc, brief: Brief, l: BriefLabels): void {
  const range = doc.bufferedPageRange();
  const y = BOTTOM + 30;
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    rule(doc, y - 6, RULE, 0.5);
    const number = pageLabel(l, i + 1, range.count);
    const numberWidth = flow.width(number, S.footer);
    // the title first, so that the drawing order is the reading order for tools that follow it
    flow.line(fit(flow, brief.title, CONTENT_WIDTH - numberWidth - 24), S.footer, MARGIN.left, y);
    flow.line(number, S.footer, A4.width - MARGIN.right - numberWidth, y);
  }
}

/** The title cut to fit the footer, with an ellipsis. */
function fit(flow: Flow, text: string, width: number): string {
  if (flow.width(text, S.footer) <= width) return text;
  const chars = [...text];
  while (chars.length > 0 && flow.width(`${chars.join('').trimEnd()}…`, S.footer) > width) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}
