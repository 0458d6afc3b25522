import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Brief, BriefBlock, BriefLanguage, BriefSection } from '../../shared/brief';
import { printableBrief } from './clean';
import { cleanDocxPackage } from './docx-package';
import { formatPeriod, labelsFor, quoted, type BriefLabels } from './labels';
import { incidentTable } from './table';

export interface BriefDocxOptions {
  readonly language: BriefLanguage;
}

/**
 * A font every Word and LibreOffice install has (LibreOffice maps it to the metric-compatible Liberation Sans),
 * with the Kazakh, Kyrgyz, Tajik and Uzbek Cyrillic letters. The PDF embeds Noto Sans instead.
 */
const FONT = 'Arial';
const ACCENT = '1F3A5F';
const MUTED = '5A6270';
const RULE = 'C9CED6';
/** A4 in twentieths of a point, 2.2 cm margins (2.5 cm at the foot, for the footer). */
const PAGE = { width: 11906, height: 16838, margin: 1247, bottom: 1418, footer: 624 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;

/** The brief as a Word document. Its properties name no one and carry no time (docx-package.ts). */
export async function writeDocx(given: Brief, options: BriefDocxOptions): Promise<Uint8Array> {
  const brief = printableBrief(given);
  const l = labelsFor(options.language);
  const doc = new Document({
    // the package's properties are rewritten afterwards: only the title and the app's name stay
    title: brief.title,
    styles: styles(options.language),
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.bottom, left: PAGE.margin, right: PAGE.margin, footer: PAGE.footer } } },
        footers: { default: footer(brief, l) },
        children: [...cover(brief, options.language, l), ...method(brief, l), ...incidents(brief, options.language, l), ...sections(brief, options.language, l)],
      },
    ],
  });
  const packed = await Packer.toBuffer(doc);
  return cleanDocxPackage(new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength), brief.title);
}

function styles(language: BriefLanguage) {
  const lang = { value: language === 'ru' ? 'ru-RU' : 'en-GB' };
  return {
    default: {
      document: {
        run: { font: FONT, size: 21, language: lang },
        // widow and orphan control, as in Word's own Normal style
        paragraph: { widowControl: true, spacing: { after: 140, line: 288, lineRule: LineRuleType.AUTO } },
      },
      title: { run: { font: FONT, size: 44, bold: true, color: ACCENT }, paragraph: { spacing: { after: 120 } } },
      heading1: {
        run: { font: FONT, size: 30, bold: true, color: ACCENT },
        paragraph: { spacing: { before: 480, after: 160 }, keepNext: true, border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: RULE, space: 4 } } },
      },
      heading2: { run: { font: FONT, size: 25, bold: true, color: '1A1A1A' }, paragraph: { spacing: { before: 360, after: 80 }, keepNext: true } },
    },
    paragraphStyles: [
      {
        // Word's own name for the style, so that Word lists these paragraphs as quotations
        id: 'Quote',
        name: 'Quote',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        run: { italics: true, color: '2B2B2B' },
        paragraph: {
          indent: { left: 454, right: 454 },
          spacing: { before: 120, after: 200 },
          border: { left: { style: BorderStyle.SINGLE, size: 18, color: ACCENT, space: 10 } },
        },
      },
      { id: 'Details', name: 'Brief details', basedOn: 'Normal', next: 'Normal', run: { size: 18, color: MUTED }, paragraph: { spacing: { after: 160 }, keepNext: true } },
      { id: 'Note', name: 'Brief note', basedOn: 'Normal', next: 'Normal', run: { size: 18, color: MUTED } },
    ],
  };
}

function cover(brief: Brief, language: BriefLanguage, l: BriefLabels): Paragraph[] {
  const period = formatPeriod(brief.period, language);
  const facts = [period ? `${l.period}: ${period}` : '', l.interviews(brief.sections.length)].filter(Boolean).join('   ·   ');
  return [
    new Paragraph({ spacing: { after: 60 }, children: [new TextRun({ text: l.documentKind.toUpperCase(), bold: true, size: 17, color: MUTED, characterSpacing: 10 })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(brief.title)] }),
    new Paragraph({ style: 'Details', children: [new TextRun({ text: facts, size: 21 })] }),
    new Paragraph({
      style: 'Note',
      spacing: { before: 120, after: 240 },
      border: { top: { style: BorderStyle.SINGLE, size: 4, color: RULE, space: 6 } },
      children: [new TextRun(l.anonymity)],
    }),
  ];
}

function method(brief: Brief, l: BriefLabels): Paragraph[] {
  if (brief.method.length === 0) return [];
  return [heading1(l.method), ...brief.method.map((text) => new Paragraph({ children: [new TextRun(text)] }))];
}

function incidents(brief: Brief, language: BriefLanguage, l: BriefLabels): (Paragraph | Table)[] {
  if (brief.incidents.length === 0) return [heading1(l.incidents), new Paragraph({ style: 'Note', children: [new TextRun(l.noIncidents)] })];
  const t = incidentTable(brief, language);
  const widths = [0.38, 0.3, 0.2, 0.12].map((f) => Math.round(f * CONTENT_WIDTH));
  const cell = (text: string, i: number, kind: 'head' | 'body' | 'total') =>
    new TableCell({
      width: { size: widths[i] ?? 0, type: WidthType.DXA },
      margins: { top: 60, bottom: 60, left: 100, right: 100 },
      shading: kind === 'head' ? { type: ShadingType.CLEAR, fill: 'E8ECF2', color: 'auto' } : undefined,
      children: [
        new Paragraph({
          spacing: { after: 0 },
          alignment: i === 3 ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [
            new TextRun({
              text,
              bold: kind !== 'body',
              italics: text === l.notStated,
              size: kind === 'head' ? 18 : 20,
              color: kind === 'head' ? ACCENT : text === l.notStated ? MUTED : undefined,
            }),
          ],
        }),
      ],
    });
  const line = { style: BorderStyle.SINGLE, size: 4, color: RULE };
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const table = new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: line, bottom: line, left: none, right: none, insideHorizontal: line, insideVertical: none },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: t.header.map((h, i) => cell(h, i, 'head')) }),
      ...t.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i, 'body')) })),
      new TableRow({ cantSplit: true, children: [cell(t.total[0], 0, 'total'), cell('', 1, 'total'), cell('', 2, 'total'), cell(t.total[1], 3, 'total')] }),
    ],
  });
  return [heading1(l.incidents), table];
}

function sections(brief: Brief, language: BriefLanguage, l: BriefLabels): Paragraph[] {
  if (brief.sections.length === 0) return [];
  return [heading1(l.sections), ...brief.sections.flatMap((s) => section(s, language))];
}

function section(s: BriefSection, language: BriefLanguage): Paragraph[] {
  const out = [
    new Paragraph({
      heading: HeadingLevel.HEADING_2,
      children: [new TextRun({ text: s.code, color: ACCENT }), new TextRun({ text: s.heading ? `  ${s.heading}` : '' })],
    }),
  ];
  if (s.details.length > 0) out.push(new Paragraph({ style: 'Details', children: [new TextRun(s.details.join('  ·  '))] }));
  out.push(...s.blocks.map((b) => block(b, language)));
  return out;
}

function block(b: BriefBlock, language: BriefLanguage): Paragraph {
  switch (b.kind) {
    case 'paragraph':
      return new Paragraph({ children: [new TextRun(b.text)] });
    case 'quote':
      return new Paragraph({ style: 'Quote', children: [new TextRun(quoted(b.text, language))] });
  }
}

function heading1(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(text)] });
}

function footer(brief: Brief, l: BriefLabels): Footer {
  const [before, between, after] = l.pageOf;
  return new Footer({
    children: [
      new Paragraph({
        border: { top: { style: BorderStyle.SINGLE, size: 4, color: RULE, space: 4 } },
        children: [new TextRun({ text: brief.title, size: 16, color: MUTED }), new TextRun({ children: ['\t', before, PageNumber.CURRENT, between, PageNumber.TOTAL_PAGES, after], size: 16, color: MUTED })],
        tabStops: [{ type: 'right', position: CONTENT_WIDTH }],
      }),
    ],
  });
}
