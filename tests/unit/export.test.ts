import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/core/router';
import { VaultService } from '../../src/core/service';
import { markdownToText } from '../../src/core/export/plain-text';
import type { Interview, Person } from '../../src/shared/domain';

const KDF = { opsLimit: 1, memLimitKiB: 8192 };
const PASS = 'export test passphrase';
let dir: string;
let vault: string;
let svc: VaultService;
let aigul: Person;
let interview: Interview;

const consentOk = { givenOn: '2026-01-10', method: 'oral' as const, allowsQuote: true, allowsName: false, allowsAudio: false, shareWith: [], withdrawnOn: '' };

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fv-export-'));
  vault = join(dir, 'v');
  svc = new VaultService({ kdf: KDF });
  await svc.create(vault, PASS);
  aigul = svc.createPerson({
    pseudonym: 'Gulya',
    given: { latin: 'Aigul', cyrillic: 'Айгуль' },
    family: { latin: 'Sultanalieva', cyrillic: 'Султаналиева' },
    contacts: [{ kind: 'phone', value: '+996 555 123 456' }],
    consent: consentOk,
  });
  interview = svc.createInterview({
    title: 'Интервью с Айгуль Султаналиевой',
    date: '2026-03-02',
    place: { country: 'Kyrgyzstan', city: 'Osh', district: '' },
    summary: 'Мы говорили с Айгуль Султаналиевой (тел. 0555 123-456). Her colleague Bakyt Usenov was also there. Write to aigul [at] mail [dot] ru.',
    body: 'Full notes about W-001.',
  });
});
afterEach(() => {
  svc.lock();
  rmSync(dir, { recursive: true, force: true });
});

const none = { keep: [], redact: [] };

describe('export review', () => {
  it('finds the person in any case form, the contacts in any formatting, across title and text; unknown names are suggestions', () => {
    const review = svc.exportReview(interview.id, 'summary', 'redacted');
    const text = review.fields.find((f) => f.field === 'text')!.original;
    const auto = review.findings.filter((f) => f.certainty === 'auto');
    const found = (field: string) => auto.filter((f) => f.field === field).map((f) => [f.kind, (review.fields.find((x) => x.field === field)!.original).slice(f.start, f.end)]);
    expect(found('title')).toEqual([['person', 'Айгуль Султаналиевой']]);
    expect(found('text')).toEqual(expect.arrayContaining([['person', 'Айгуль Султаналиевой'], ['phone', '0555 123-456']]));
    expect(auto.some((f) => f.kind === 'email')).toBe(true);
    const suggestion = review.findings.find((f) => f.certainty === 'suggestion' && text.slice(f.start, f.end).includes('Usenov'));
    expect(suggestion).toBeDefined();
    expect(review.consent).toEqual([]);
  });
});

describe('export write', () => {
  it('in code-name mode writes the person’s code, which the leak check knows is the export’s own', () => {
    const out = join(dir, 'INT-0001-codes');
    const result = svc.exportWrite(interview.id, 'summary', 'code', 'txt', { keep: [], redact: [] }, out);
    const written = readFileSync(result.path, 'utf8');
    expect(written).toContain(aigul.code);
    expect(written).not.toMatch(/Айгул|Султанал|Aigul|Sultanal|Gulya|555 123/);
    // The code passes only as the replacement: the person's real name next to it would still stop the export.
    expect(() => svc.exportWrite(interview.id, 'summary', 'code', 'txt', { keep: [], redact: [] }, join(dir, 'Aigul'))).toThrow(/file name/);
  });

  it('writes only redacted content, applies the person mode and the reviewer’s decisions, and audits it', () => {
    const review = svc.exportReview(interview.id, 'summary', 'pseudonym');
    const text = review.fields.find((f) => f.field === 'text')!.original;
    const start = text.indexOf('Bakyt Usenov');
    const out = join(dir, 'INT-0001-summary');
    const result = svc.exportWrite(interview.id, 'summary', 'pseudonym', 'md', { keep: [], redact: [{ field: 'text', start, end: start + 'Bakyt Usenov'.length }] }, out);
    expect(result.path).toBe(`${out}.md`);
    const written = readFileSync(result.path, 'utf8');
    expect(written).not.toMatch(/Айгул|Султанал|Aigul|Sultanal|555|123|Usenov|Bakyt|mail/);
    expect(written).toContain('Gulya');
    expect(written).toContain('[REDACTED]');
    expect(written.startsWith('# Интервью с Gulya\n\n2026-03-02 · Osh, Kyrgyzstan\n\n')).toBe(true);
    // The accepted suggestion counts under its own kind (person).
    expect(result.redactions).toEqual({ person: 3, phone: 1, email: 1 });
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
    const entry = svc.auditLog().at(-1)!;
    expect(entry).toMatchObject({ action: 'exported', subject: 'INT-0001' });
    expect(entry.detail).toContain(result.sha256);
    // No temp file is left beside it.
    expect(readdirSync(dir).filter((f) => f.includes('tmp'))).toEqual([]);
  });

  it('fails closed: a kept contact detail stops the export and nothing is written', () => {
    const out = join(dir, 'INT-0001.txt');
    expect(() => svc.exportWrite(interview.id, 'summary', 'redacted', 'txt', { keep: ['0555 123-456'], redact: [] }, out)).toThrow(/still identifies someone/);
    // An allow-listed value is a deliberate decision and passes.
    expect(existsSync(out)).toBe(false);
    // A name the reviewer keeps (a namesake, say) is a judgement the review may make; it passes.
    const kept = svc.exportWrite(interview.id, 'summary', 'redacted', 'txt', { keep: ['Айгуль Султаналиевой'], redact: [] }, out);
    expect(readFileSync(kept.path, 'utf8')).toContain('Айгуль Султаналиевой');
  });

  it('counts text selected by hand as manual', () => {
    const text = svc.exportReview(interview.id, 'notes', 'redacted').fields.find((f) => f.field === 'text')!.original;
    const start = text.indexOf('notes');
    const result = svc.exportWrite(interview.id, 'notes', 'redacted', 'txt', { keep: [], redact: [{ field: 'text', start, end: start + 5 }] }, join(dir, 'notes.txt'));
    // The register code in the text follows the chosen replacement like the name does: [REDACTED] here.
    expect(result.redactions).toEqual({ person: 2, manual: 1 });
    expect(readFileSync(result.path, 'utf8')).toContain('Full [REDACTED] about [REDACTED].');
  });

  it('keeps what the reviewer rejected when the leak check agrees it is not identifying', () => {
    svc.updateSettings({ allowList: ['Bakyt Usenov'] });
    const out = join(dir, 'allowed.txt');
    svc.exportWrite(interview.id, 'summary', 'redacted', 'txt', none, out);
    expect(readFileSync(out, 'utf8')).toContain('Bakyt Usenov');
  });

  it('enforces consent: withdrawn, no quotation, none recorded', async () => {
    const dispatch = createRouter(svc);
    for (const [consent, reason] of [
      [{ ...consentOk, withdrawnOn: '2026-04-01' }, 'withdrew consent on 2026-04-01'],
      [{ ...consentOk, allowsQuote: false }, 'did not allow quotation'],
      [{ ...consentOk, givenOn: '', method: '' as const }, 'has no recorded consent'],
    ] as const) {
      aigul = svc.updatePerson(aigul.id, aigul.revision, { consent });
      expect(svc.exportReview(interview.id, 'summary', 'redacted').consent.map((c) => c.reason)).toEqual([`W-001 ${reason}.`]);
      const r = await dispatch('export.write', { interviewId: interview.id, part: 'summary', personMode: 'redacted', format: 'md', decisions: none, path: join(dir, 'x.md') });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
      expect(!r.ok && r.error.message).toContain(reason);
    }
    expect(existsSync(join(dir, 'x.md'))).toBe(false);
  });

  it('refuses a file name that names someone', () => {
    expect(() => svc.exportWrite(interview.id, 'summary', 'redacted', 'md', none, join(dir, 'Sultanalieva.md'))).toThrow(/file name/);
  });
});

describe('fieldvault export', () => {
  it('runs the same engine, consent rules and leak check from the command line', () => {
    svc.lock();
    const out = join(dir, 'cli-export.md');
    const r = spawnSync(process.execPath, [join(__dirname, '../../bin/fieldvault.mjs'), 'export', vault, 'INT-0001', '--format', 'md', '--out', out], {
      encoding: 'utf8',
      env: { ...process.env, FIELDVAULT_PASSPHRASE: PASS },
    });
    expect(r.status, r.stderr).toBe(0);
    const written = readFileSync(out, 'utf8');
    expect(written).not.toMatch(/Айгул|Султанал|555/);
    expect(r.stderr).toMatch(/Exported INT-0001/);
    svc = new VaultService();
  });
});

describe('plain-text export layout', () => {
  it('keeps paragraph breaks, list items and headings on their own lines, still redacted', () => {
    const note = [
      '## Первая встреча',
      '',
      'Мы встретились с **Айгуль Султаналиевой** во дворе.',
      'Она говорила _тихо_.',
      '',
      'Что она видела:',
      '',
      '- обыск ночью',
      '* её номер +996 555 123 456 забрали',
      '1. допрос утром',
      '2. [протокол](https://example.org/a) не выдали',
      '',
      'Third paragraph, about [REDACTED](later) and W-001.',
    ].join('\n');
    const i = svc.createInterview({ title: 'Layout', summary: note });
    const out = join(dir, 'layout.txt');
    svc.exportWrite(i.id, 'summary', 'redacted', 'txt', none, out);
    const written = readFileSync(out, 'utf8');
    expect(written).not.toMatch(/Айгул|Султанал|555|123 456|W-001/);
    expect(written).toBe(
      [
        'Layout',
        '',
        'Первая встреча',
        '',
        'Мы встретились с [REDACTED] во дворе.',
        'Она говорила тихо.',
        '',
        'Что она видела:',
        '',
        '- обыск ночью',
        '- её номер [REDACTED] забрали',
        '1. допрос утром',
        '2. протокол не выдали',
        '',
        'Third paragraph, about [REDACTED](later) and [REDACTED].',
        '',
      ].join('\n'),
    );
  });
});

describe('markdownToText', () => {
  it('drops Markdown marks but keeps the layout: setext headings, quotes, rules, code blocks, escapes', () => {
    const md = ['Title', '=====', '', '> quoted *line*', '', '***', '', '```', 'code *stays*', '```', '', 'snake_case_word and 2*3*4 and \\*not emphasis\\*', '', '', '', 'end  '].join('\n');
    expect(markdownToText(md)).toBe(['Title', '', 'quoted line', '', 'code *stays*', '', 'snake_case_word and 2*3*4 and *not emphasis*', '', 'end'].join('\n'));
  });
});
