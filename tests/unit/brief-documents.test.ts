import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Document, Footer, Header, Packer, Paragraph, TextRun } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Brief, BriefLanguage } from '../../src/shared/brief';
import { allText, charactersWithoutGlyph, textOfDocx, textOfPdf, writeDocx, writePdf } from '../../src/core/brief';
import { BRIEF_FONT_FILES, findFontDirectory } from '../../src/core/brief/fonts';
import { A4, MARGIN } from '../../src/core/brief/pdf-layout';
import { briefEn, briefRu, CENTRAL_ASIAN_LETTERS } from './brief-samples';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const screenshots = join(repoRoot, 'test-artifacts', 'screenshots');
const hasPoppler = existsSync('/usr/bin/pdftotext') && existsSync('/usr/bin/pdftoppm') && existsSync('/usr/bin/pdfinfo');

const RUSSIAN = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ';
const samples: readonly [BriefLanguage, Brief][] = [
  ['ru', briefRu],
  ['en', briefEn],
];

/** Every piece of text the brief hands the writers. */
function textsOf(brief: Brief): string[] {
  return [
    brief.title,
    ...brief.method,
    ...brief.incidents.flatMap((r) => [r.type, r.place].filter(Boolean)),
    ...brief.sections.flatMap((s) => [s.code, s.heading, ...s.details, ...s.blocks.map((b) => b.text)]),
  ];
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Poppler reads the PDF from standard input: nothing is written to disk. */
function poppler(tool: string, args: readonly string[], pdf: Uint8Array): string {
  return execFileSync(tool, [...args], { input: pdf, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** The text, squashed, without the running footers (title and page number), which interrupt a paragraph that crosses a page. */
function bodyOf(text: string, brief: Brief): string {
  const footer = new RegExp(`${squash(brief.title).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} (Page \\d+ of \\d+|Стр\\. \\d+ из \\d+)`, 'g');
  return squash(squash(text).replace(footer, ' '));
}

interface PlacedText {
  readonly str: string;
  /** Left end and baseline, in PDF units from the page's lower left corner. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
}

/** Each page's size and the text drawn on it, where it was drawn (PDF.js). */
async function pdfPages(pdf: Uint8Array): Promise<{ size: number[]; text: string; items: PlacedText[] }[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({ data: pdf.slice(), useWasm: false, useSystemFonts: false, disableFontFace: true });
  try {
    const doc = await task.promise;
    const pages = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const items: PlacedText[] = [];
      for (const i of (await page.getTextContent()).items) {
        if ('str' in i && i.str.trim()) items.push({ str: i.str, x: Number(i.transform[4]), y: Number(i.transform[5]), width: i.width });
      }
      pages.push({ size: [page.view[2] ?? 0, page.view[3] ?? 0].map(Math.round), text: items.map((i) => i.str).join(' '), items });
    }
    return pages;
  } finally {
    await task.destroy();
  }
}

/**
 * Text drawn where it should not be: beyond the left or right margin, above the top one, or below the body's
 * last line anywhere but on the footer's line.
 */
function outsideMargins(pages: readonly { items: readonly PlacedText[] }[]): string[] {
  const bad: string[] = [];
  pages.forEach((p, n) =>
    p.items.forEach((i) => {
      const footer = i.y > 30 && i.y < 40;
      const body = i.y >= MARGIN.bottom && i.y <= A4.height - MARGIN.top;
      const inside = i.x >= MARGIN.left - 0.5 && i.x + i.width <= A4.width - MARGIN.right + 0.5 && (footer || body);
      if (!inside) bad.push(`page ${n + 1} at (${i.x.toFixed(1)}, ${i.y.toFixed(1)}) width ${i.width.toFixed(1)}: ${i.str.slice(0, 40)}`);
    }),
  );
  return bad;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the brief font', () => {
  it('ships Noto Sans in resources/fonts with its licence, covering every letter of the region', () => {
    const dir = findFontDirectory();
    expect(dir).toBe(join(repoRoot, 'resources', 'fonts'));
    const licence = readFileSync(join(dir!, 'OFL.txt'), 'utf8');
    expect(licence).toContain('SIL OPEN FONT LICENSE Version 1.1');
    for (const file of Object.values(BRIEF_FONT_FILES)) {
      const font = fontkit.create(readFileSync(join(dir!, file)));
      expect('familyName' in font && font.familyName).toBe('Noto Sans');
      if (!('hasGlyphForCodePoint' in font)) throw new Error('a font collection');
      const missing = [...(CENTRAL_ASIAN_LETTERS + RUSSIAN + '«»“”–—…·№')].filter((c) => !font.hasGlyphForCodePoint(c.codePointAt(0)!));
      expect(missing, file).toEqual([]);
    }
  });

  it('is found beside app.asar in a packaged app', () => {
    // macOS names the folder Contents/Resources: only the app.asar rule finds it there (on a case-sensitive disk)
    const app = mkdtempSync(join(tmpdir(), 'fieldvault-fonts-'));
    try {
      const resources = join(app, 'Contents', 'Resources');
      mkdirSync(join(resources, 'fonts'), { recursive: true });
      writeFileSync(join(resources, 'fonts', BRIEF_FONT_FILES.regular), '');
      const worker = pathToFileURL(join(resources, 'app.asar', 'out', 'main', 'worker.js')).href;
      expect(findFontDirectory(worker)).toBe(join(resources, 'fonts'));
      // without the folder, nothing is found (and briefFont then says the installation lacks the font)
      rmSync(join(resources, 'fonts'), { recursive: true });
      expect(findFontDirectory(worker)).toBeNull();
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  });

  it('the samples carry every letter, small and capital', () => {
    for (const [, brief] of samples) {
      const all = textsOf(brief).join(' ');
      expect([...CENTRAL_ASIAN_LETTERS].filter((c) => !all.includes(c))).toEqual([]);
    }
  });
});

describe.each(samples)('a brief in %s', (language, brief) => {
  it('as PDF: pdftotext and textOfPdf read back every letter and every text', { skip: !hasPoppler }, async () => {
    const pdf = await writePdf(brief, { language });
    const popplerText = poppler('pdftotext', ['-enc', 'UTF-8', '-', '-'], pdf);
    const ours = await textOfPdf(pdf);
    for (const [name, text] of [
      ['pdftotext', popplerText],
      ['textOfPdf', ours.body],
    ] as const) {
      expect([...CENTRAL_ASIAN_LETTERS].filter((c) => !text.includes(c)), name).toEqual([]);
      const body = bodyOf(text, brief);
      const missing = textsOf(brief).filter((t) => !body.includes(squash(t)));
      expect(missing, name).toEqual([]);
    }
    // the same words, as often, from both readers (the order of a table's cells is each tool's guess)
    const words = (t: string) => squash(t).split(' ').sort();
    expect(words(ours.body)).toEqual(words(popplerText));
  });

  it('as PDF: A4 pages, numbered, text within the margins, nothing but the embedded subsets of Noto Sans', async () => {
    const pdf = await writePdf(brief, { language });
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((p, n) => {
      expect(p.size).toEqual([Math.round(A4.width), Math.round(A4.height)]);
      expect(p.text).toContain(language === 'ru' ? `Стр. ${n + 1} из ${pages.length}` : `Page ${n + 1} of ${pages.length}`);
    });
    expect(outsideMargins(pages)).toEqual([]);
    if (hasPoppler) {
      const fonts = poppler('pdffonts', ['-'], pdf).trim().split('\n').slice(2);
      expect(fonts.length).toBe(3);
      for (const line of fonts) expect(line).toMatch(/^[A-Z]{6}\+NotoSans-(Regular|Bold|Italic)\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    }
  });

  it('as PDF: no author, no dates, no XMP; the producer is Fieldvault; the same bytes at any time in any zone', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const zone = process.env.TZ;
    try {
      vi.setSystemTime(new Date('2021-02-03T04:05:06Z'));
      process.env.TZ = 'Asia/Bishkek';
      const first = await writePdf(brief, { language });
      vi.setSystemTime(new Date('2031-11-12T13:14:15Z'));
      process.env.TZ = 'America/Los_Angeles';
      const second = await writePdf(brief, { language });
      expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);

      const raw = Buffer.from(first).toString('latin1');
      for (const key of ['/Author', '/CreationDate', '/ModDate', '/Metadata', '/Subject', '/Keywords', 'xmpmeta', 'x:xmpmeta', '2021', '2031']) expect(raw, key).not.toContain(key);
      expect(raw).toMatch(/^%PDF-1\.3/);
      const id = /\/ID \[<([0-9a-f]{32})> <([0-9a-f]{32})>\]/.exec(raw);
      expect(id).not.toBeNull();

      const { properties } = await textOfPdf(first);
      expect(properties.split('\n').sort()).toEqual([`Creator: Fieldvault`, `Producer: Fieldvault`, `Title: ${brief.title}`].sort());
      if (hasPoppler) {
        const info = poppler('pdfinfo', ['-'], first);
        expect(info).toMatch(/^Producer:\s+Fieldvault$/m);
        expect(info).toMatch(/^Creator:\s+Fieldvault$/m);
        expect(info).toMatch(/^Metadata Stream:\s+no$/m);
        expect(info).not.toMatch(/^(Author|CreationDate|ModDate):/m);
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('as DOCX: textOfDocx finds every text, in the body', async () => {
    const docx = await writeDocx(brief, { language });
    const { body } = await textOfDocx(docx);
    const flat = squash(body);
    const missing = textsOf(brief).filter((t) => !flat.includes(squash(t)));
    expect(missing).toEqual([]);
    // paragraphs stay whole: each quotation is one line of the read-back, with its quotation marks
    const lines = body.split('\n');
    for (const s of brief.sections) for (const b of s.blocks) expect(lines.some((l) => l.includes(b.text))).toBe(true);
    expect(body).toContain(language === 'ru' ? '«' : '“');
    expect([...CENTRAL_ASIAN_LETTERS].filter((c) => !body.includes(c))).toEqual([]);
  });

  it('as DOCX: no creator, no times, no revision, no custom properties; the same bytes at any time in any zone', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const zone = process.env.TZ;
    try {
      vi.setSystemTime(new Date('2021-02-03T04:05:06Z'));
      process.env.TZ = 'Asia/Bishkek';
      const first = await writeDocx(brief, { language });
      vi.setSystemTime(new Date('2031-11-12T13:14:15Z'));
      process.env.TZ = 'America/Los_Angeles';
      const second = await writeDocx(brief, { language });
      expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);

      const files = unzipSync(first);
      const names = Object.keys(files);
      expect(names[0]).toBe('[Content_Types].xml');
      expect(names).not.toContain('docProps/custom.xml');
      const all = names.map((n) => strFromU8(files[n]!)).join('\n');
      for (const bad of ['custom-properties', 'custom.xml', 'dc:creator', 'lastModifiedBy', 'cp:revision', 'dcterms:created', 'dcterms:modified', 'Un-named', '<Template', 'TotalTime', '<Company', '<Manager', 'w:rsid', '2021', '2031']) {
        expect(all, bad).not.toContain(bad);
      }
      expect(strFromU8(files['docProps/app.xml']!)).toContain('<Application>Fieldvault</Application>');
      const { properties } = await textOfDocx(first);
      expect(properties.split('\n').sort()).toEqual([brief.title, 'Fieldvault'].sort());

      // every zip entry's date and time (local and central headers) is 1980-01-01 00:00
      const zip = Buffer.from(first);
      let entries = 0;
      for (let at = zip.indexOf('PK\x01\x02', 0, 'latin1'); at >= 0; at = zip.indexOf('PK\x01\x02', at + 4, 'latin1')) {
        expect([zip.readUInt16LE(at + 12), zip.readUInt16LE(at + 14)]).toEqual([0, (0 << 9) | (1 << 5) | 1]);
        const local = zip.readUInt32LE(at + 42);
        expect([zip.readUInt16LE(local + 10), zip.readUInt16LE(local + 12)]).toEqual([0, (0 << 9) | (1 << 5) | 1]);
        entries++;
      }
      expect(entries).toBe(names.length);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('renders its first page to PNG for a look', { skip: !hasPoppler }, async () => {
    const pdf = await writePdf(brief, { language });
    mkdirSync(screenshots, { recursive: true });
    execFileSync('pdftoppm', ['-r', '110', '-f', '1', '-l', '1', '-singlefile', '-png', '-', join(screenshots, `brief-${language}-p1`)], { input: pdf });
    const png = readFileSync(join(screenshots, `brief-${language}-p1.png`));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // 110 dpi A4: 910 × 1287 pixels
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([910, 1287]);
  });
});

describe('layout at the edges', () => {
  const empty: Brief = { title: 'Empty', period: { from: '', to: '' }, method: [], incidents: [], sections: [] };

  it('writes a brief with nothing in it', async () => {
    const pdf = await textOfPdf(await writePdf(empty, { language: 'en' }));
    expect(pdf.body).toContain('No incidents recorded');
    expect(pdf.body).toContain('0 interviews');
    const docx = await textOfDocx(await writeDocx(empty, { language: 'ru' }));
    expect(docx.body).toContain('нарушения не отмечены');
  });

  it('flows a long brief over many pages: long words broken, the table header repeated, every page numbered', async () => {
    const longWord = 'Ҳ'.repeat(40) + 'ӯ'.repeat(40) + 'ң'.repeat(40);
    const brief: Brief = {
      ...briefRu,
      incidents: Array.from({ length: 60 }, (_, i) => ({ type: `Вид ${i + 1}`, place: 'Бишкек', month: '2026-04', count: i + 1 })),
      sections: Array.from({ length: 40 }, (_, i) => ({
        code: `B-${i + 1}`,
        heading: `Интервью номер ${i + 1}`,
        details: ['апрель 2026'],
        blocks: [
          { kind: 'paragraph' as const, text: `Абзац ${i + 1}. ${'Текст интервью с подробностями. '.repeat(25)}` },
          { kind: 'quote' as const, text: i === 7 ? longWord : `Цитата ${i + 1}. ${'Слова собеседника. '.repeat(30)}` },
        ],
      })),
    };
    const pdf = await writePdf(brief, { language: 'ru' });
    expect(outsideMargins(await pdfPages(pdf))).toEqual([]);
    const { body } = await textOfPdf(pdf);
    const pages = body.split('\f');
    expect(pages.length).toBeGreaterThan(10);
    pages.forEach((p, i) => expect(p).toContain(`Стр. ${i + 1} из ${pages.length}`));
    // the table's header is on every page the table reaches
    const tablePages = pages.filter((p) => /Вид \d+/.test(p));
    expect(tablePages.length).toBeGreaterThan(1);
    for (const p of tablePages) expect(p).toContain('Вид нарушения');
    expect(body).toContain('Итого');
    expect(body).toContain(String((60 * 61) / 2));
    // the word wider than a line arrives whole, in pieces
    expect(body.replace(/\s+/g, '')).toContain(longWord);
    for (let i = 1; i <= 40; i++) expect(body).toContain(`Абзац ${i}.`);
  });

  it('reads back text from parts and properties this app never writes (headers, comments, custom properties, author, XMP)', async () => {
    const doc = new Document({
      creator: 'Jane Researcher',
      customProperties: [{ name: 'Source', value: 'ivanov@example.org' }],
      comments: { children: [{ id: 0, author: 'Reviewer', date: new Date(0), children: [new Paragraph('Comment text +996 555 123 456')] }] },
      footnotes: { 1: { children: [new Paragraph('Footnote text')] } },
      sections: [
        {
          headers: { default: new Header({ children: [new Paragraph('Header text')] }) },
          footers: { default: new Footer({ children: [new Paragraph('Footer text')] }) },
          children: [new Paragraph({ children: [new TextRun('Body & <text>')] })],
        },
      ],
    });
    const docx = await textOfDocx(new Uint8Array(await Packer.toBuffer(doc)));
    for (const t of ['Body & <text>', 'Header text', 'Footer text', 'Footnote text', 'Comment text +996 555 123 456']) expect(docx.body).toContain(t);
    for (const t of ['Jane Researcher', 'ivanov@example.org']) expect(docx.properties).toContain(t);

    const pdf = new PDFDocument({ pdfVersion: '1.4', info: { Author: 'Jane Researcher', Subject: 'Рустам Маматов' } });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise((r) => pdf.on('end', r));
    pdf.text('Hello');
    pdf.end();
    await ended;
    const read = await textOfPdf(new Uint8Array(Buffer.concat(chunks)));
    expect(read.body).toContain('Hello');
    expect(read.properties).toContain('Author: Jane Researcher');
    expect(read.properties).toContain('Subject: Рустам Маматов');
    expect(read.properties).toContain('xmpmeta');
    expect(allText(read)).toContain('Jane Researcher');
  });

  it('gives every PDF its letters back, whatever the process wrote before', async () => {
    const letters = `${RUSSIAN} ${CENTRAL_ASIAN_LETTERS} ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz`;
    const alphabet: Brief = { ...empty, title: 'Alphabet', method: [letters], sections: [{ code: 'B-1', heading: letters, details: [], blocks: [{ kind: 'quote', text: letters }] }] };
    // fresh font caches, as in a new vault worker: first the alphabet alone
    vi.resetModules();
    const alone = await (await import('../../src/core/brief')).writePdf(alphabet, { language: 'ru' });
    // then after the English brief, whose subset is made first (its Ӣ and Ў are drawn from И and У)
    vi.resetModules();
    const fresh = await import('../../src/core/brief');
    await fresh.writePdf(briefEn, { language: 'en' });
    const after = await fresh.writePdf(alphabet, { language: 'ru' });
    expect(Buffer.from(after).equals(Buffer.from(alone))).toBe(true);
    const { body } = await fresh.textOfPdf(after);
    expect([...letters.replace(/\s/g, '')].filter((c) => !body.includes(c))).toEqual([]);
    // ligatures read back as their letters, also where the text had the ligature character (pasted "ﬁ")
    const ligatures: Brief = { ...alphabet, method: ['The officer’s ﬁnal ﬂight was off.'] };
    for (const pdf of [await fresh.writePdf(ligatures, { language: 'en' }), await writePdf(ligatures, { language: 'en' })]) {
      const texts = [(await fresh.textOfPdf(pdf)).body, ...(hasPoppler ? [poppler('pdftotext', ['-enc', 'UTF-8', '-', '-'], pdf)] : [])];
      for (const t of texts) expect(t).toContain('The officer’s final flight was off.');
    }
  });

  it('keeps a table row shorter than a page, however long a cell', async () => {
    const brief: Brief = { ...empty, incidents: [{ type: 'Очень длинное описание '.repeat(200), place: 'Ош', month: '2026-05', count: 1 }] };
    const pdf = await writePdf(brief, { language: 'ru' });
    const pages = await pdfPages(pdf);
    expect(outsideMargins(pages)).toEqual([]);
    expect(pages.length).toBe(1);
    expect(pages[0]!.text).toContain('…');
  });

  it('writes text pasted from anywhere: control characters, broken UTF-16, letters the font lacks', async () => {
    const odd = 'Иван\u0000Петров\u0007звонил\u000Bиз\r\nОша \uD800 мир 😀 سلام';
    const brief: Brief = { ...empty, title: `Title\u0001 ${odd}`, method: [odd], sections: [{ code: 'B-1', heading: odd, details: [odd], blocks: [{ kind: 'quote', text: odd }] }] };
    const docx = await writeDocx(brief, { language: 'ru' });
    const files = unzipSync(docx);
    for (const [name, data] of Object.entries(files)) {
      // nothing XML 1.0 forbids: Word would refuse the file
      expect(strFromU8(data), name).not.toMatch(/(?![\t\n\r])\p{Cc}|[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u);
    }
    const readDocx = await textOfDocx(docx);
    expect(readDocx.body).toContain('Иван Петров звонил из\nОша');
    expect(readDocx.body).toContain('😀 سلام');
    const pdf = await writePdf(brief, { language: 'ru' });
    const readPdf = await textOfPdf(pdf);
    expect(squash(readPdf.body)).toContain('Иван Петров звонил из Оша');
    // the review can warn about what the PDF cannot show
    expect(charactersWithoutGlyph(odd).sort()).toEqual(['😀', 'س', 'ل', 'ا', 'م', '\uD800'].sort());
  });

  it('refuses what it cannot read, so a leak check fails closed', async () => {
    const junk = new Uint8Array(Buffer.from('not a document at all'));
    await expect(textOfDocx(junk)).rejects.toThrow();
    await expect(textOfPdf(junk)).rejects.toThrow();
    const pdf = await writePdf(briefEn, { language: 'en' });
    await expect(textOfPdf(pdf.subarray(0, 2000))).rejects.toThrow();
  });
});
