import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportFields, leaks, render } from '../../src/core/export/review';
import { markdownToText } from '../../src/core/export/plain-text';
import { compileRedactor } from '../../src/core/redaction';
import { VaultService } from '../../src/core/service';
import type { ExportFormat, Interview } from '../../src/shared/domain';

/**
 * What a reader sees is the rendered text, not the source. A red-team note, "Call +996 772 **44** 55 66 or
 * a*i*gul@exa*m*ple.org.", went out as .md unredacted: in the source the emphasis marks split the number and the
 * address, in any Markdown viewer they are whole. Each note here must leave either redacted (nothing identifying in
 * the file as written, as rendered, or as read through its marks) or not at all (refused, nothing written).
 */

const KDF = { opsLimit: 1, memLimitKiB: 8192 };
const consentOk = { givenOn: '2026-01-10', method: 'oral' as const, allowsQuote: true, allowsName: false, allowsAudio: false, shareWith: [], withdrawnOn: '' };
let dir: string;
let svc: VaultService;

// A viewer that renders raw HTML too (the app's own does not, but an export is opened elsewhere).
const viewer = new MarkdownIt({ html: true });
/** The text a Markdown viewer shows: rendered to HTML, tags out, entities decoded. */
function shown(markdown: string): string {
  return viewer.render(markdown).replace(/<[^>]*>/g, '').replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d))).replace(/&amp;/g, '&').replace(/&quot;/g, '"');
}
/** The file as written, its entities and percent-escapes decoded: what a link or a tag reveals when followed. */
function revealed(markdown: string): string {
  const decoded = markdown.replace(/&#[xX]([0-9a-fA-F]+);/g, (_m, h: string) => String.fromCodePoint(parseInt(h, 16))).replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)));
  return decoded.replace(/%([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}
/** Digits and letters only: "+996 772 44-55-66" and "+996772445566" compare alike. */
const squeeze = (s: string) => s.replace(/[^\p{L}\p{N}@.]/gu, '').toLowerCase();

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fv-export-md-'));
  svc = new VaultService({ kdf: KDF });
  await svc.create(join(dir, 'v'), 'export markdown passphrase');
  svc.createPerson({
    pseudonym: 'Gulya',
    given: { latin: 'Aigul', cyrillic: 'Айгуль' },
    family: { latin: 'Sultanalieva', cyrillic: 'Султаналиева' },
    contacts: [],
    consent: consentOk,
  });
});
afterEach(() => {
  svc.lock();
  rmSync(dir, { recursive: true, force: true });
});

function note(body: string): Interview {
  return svc.createInterview({ title: 'Interview', date: '2026-03-02', place: { country: 'Kyrgyzstan', city: 'Osh', district: '' }, summary: '', body });
}

/** Exports the note; either it is written and nothing of `secrets` can be read in it, or it is refused and nothing is written. */
function exportsSafely(i: Interview, format: ExportFormat, secrets: readonly string[], mode: 'redacted' | 'pseudonym' = 'redacted'): string | null {
  const out = join(dir, `out-${format}-${Math.random().toString(36).slice(2)}.${format}`);
  let written: string;
  try {
    written = readFileSync(svc.exportWrite(i.id, 'notes', mode, format, { keep: [], redact: [] }, out).path, 'utf8');
  } catch (e) {
    expect(String(e)).toMatch(/identif/);
    expect(existsSync(out)).toBe(false);
    return null;
  }
  for (const reading of [written, shown(written), markdownToText(written), revealed(written)]) {
    for (const secret of secrets) expect(squeeze(reading)).not.toContain(squeeze(secret));
  }
  return written;
}

const PHONE = '+996772445566';
const EMAIL = 'aigul@example.org';

describe('a Markdown export is redacted as it is read, not only as it is written', () => {
  it('the red-team note: a phone number and an e-mail split by emphasis are redacted in .md and .txt', () => {
    const i = note('# Leak test\n\nCall +996 772 **44** 55 66 or a*i*gul@exa*m*ple.org.\n');
    for (const format of ['md', 'txt'] as const) {
      const written = exportsSafely(i, format, [PHONE, EMAIL, '772 44 55 66', 'gul@exa']);
      expect(written).toContain(`Call [REDACTED] or [REDACTED].`);
    }
  });

  it('a register name split by emphasis is the person: redacted whole, marks inside it included, in every mode', () => {
    const i = note('Ай**гуль** Султан*алиева* пришла.');
    expect(exportsSafely(i, 'md', ['Айгуль', 'Султаналиева', 'гуль', 'алиева'])).toContain('[REDACTED] пришла.');
    expect(exportsSafely(i, 'txt', ['Айгуль', 'Султаналиева', 'гуль', 'алиева'])).toContain('[REDACTED] пришла.');
    expect(exportsSafely(i, 'md', ['Айгуль', 'Султаналиева', 'гуль', 'алиева'], 'pseudonym')).toContain('Gulya пришла.');
    // The review shows it as one finding of the person, at the source offsets of the whole split name.
    const review = svc.exportReview(i.id, 'notes', 'redacted');
    const person = review.findings.filter((f) => f.field === 'text' && f.kind === 'person' && f.certainty === 'auto');
    expect(person.map((f) => i.body.slice(f.start, f.end))).toEqual(['Ай**гуль** Султан*алиева*']);
  });

  // The zero-width space alone was already seen through by the normaliser; with emphasis and an entity it was not.
  it.each(['Call +996\\-772\\-44\\-55\\-66 today.', 'Call &#43;996 &#55;72 &#52;4 55 66 today.', 'Call +996 772\u200b44 55 66 today.', 'Call +996 772 **4\u200b4** 55 6&#54; today.'])(
    'a phone number written with backslash escapes, HTML entities or a zero-width space: %j',
    (body) => {
      const i = note(body);
      for (const format of ['md', 'txt'] as const) expect(exportsSafely(i, format, [PHONE, '772 44 55 66', '44 55 66'])).toContain('Call [REDACTED] today.');
    },
  );

  // A plain address in a link target or an autolink was already found in the source; these two pin that it still is.
  it.each([
    'Write [to her](mailto:aigul@example.org) today.',
    'Write <aigul@example.org> today.',
    'Write <mailto:aigul%40example.org> today.',
    'Write <a href="mailto:aigul&#64;example.org">to her</a> today.',
    'Write <a href="mailto:aigul@example.org">aigul&#64;example&#46;org</a> today.',
  ])('an e-mail in a link, an autolink or an HTML anchor (its address encoded) never leaves: %j', (body) => {
    {
      const i = note(body);
      for (const format of ['md', 'txt'] as const) {
        const written = exportsSafely(i, format, [EMAIL]);
        // A .txt keeps a link's text, not its target; a .md keeps the link, its target redacted.
        if (written !== null && format === 'md') expect(written).toContain('[REDACTED]');
      }
    }
  });
});

describe('a brief reads its texts as a reader does too', () => {
  it('a summary and a quotation whose marks split a phone number, an e-mail and a name are redacted, or the brief refused', async () => {
    svc.createInterview({
      title: 'Interview',
      date: '2026-03-02',
      place: { country: 'Kyrgyzstan', city: 'Osh', district: '' },
      summary: 'Call +996 772 **44** 55 66 or a*i*gul@exa*m*ple.org.',
      body: 'Notes.\n\n> Ай**гуль** Султан*алиева* пришла.\n',
      tags: ['marks'],
    });
    const request = { title: 'Spring', method: 'Interviews.', selection: { filter: { tag: 'marks' } }, content: 'summary-and-quotes' as const, personMode: 'redacted' as const, language: 'en' as const };
    for (const format of ['md', 'txt'] as const) {
      const out = join(dir, `brief-${format === 'md' ? 'a' : 'b'}`);
      let written: string;
      try {
        written = readFileSync((await svc.briefWrite({ request, format, decisions: {}, path: out })).path, 'utf8');
      } catch (e) {
        expect(String(e)).toMatch(/identif|leak|remain/i);
        expect(existsSync(out) || existsSync(`${out}.${format}`)).toBe(false);
        continue;
      }
      for (const reading of [written, shown(written), markdownToText(written)]) {
        for (const secret of [PHONE, EMAIL, '772 44 55 66', 'Айгуль', 'гуль', 'алиева']) expect(squeeze(reading), format).not.toContain(squeeze(secret));
      }
    }
  });
});

describe('the final leak check reads the output as a reader does', () => {
  const redactor = compileRedactor({ people: [] });
  const fields = (text: string) =>
    exportFields({ title: 'Interview', date: '2026-03-02', place: { country: '', city: '', district: '' }, summary: '', body: text } as unknown as Interview, 'notes');

  it('refuses a .md whose rendered text holds a phone number or an e-mail, whatever the source shows', () => {
    for (const text of ['Call +996 772 **44** 55 66.', 'Mail a*i*gul@exa*m*ple.org.', 'Call &#43;996 772 44&#53;5 66.', 'Call +996 772 4<b>4</b> 55 66.']) {
      // Nothing was found or decided: the check alone must stop it.
      const out = render(fields(text), [], { keep: [], redact: [] }, 'md');
      expect(leaks(redactor, out, [], 'redacted').length, text).toBeGreaterThan(0);
    }
  });

  it('refuses a .txt whose text, read through marks left in it, holds an e-mail', () => {
    // markdownToText keeps marks inside a word ("a*i*gul"), so the .txt holds them; a reader reads through them.
    const out = render(fields('Mail a*i*gul@exa*m*ple.org.'), [], { keep: [], redact: [] }, 'txt');
    expect(out.text).toContain('a*i*gul@exa*m*ple.org');
    expect(leaks(redactor, out, [], 'redacted').map((l) => l.kind)).toContain('email');
  });
});
