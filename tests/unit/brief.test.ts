/**
 * Briefs (issue 11): many interviews in one redacted document, through the same engine, consent rules and
 * fail-closed leak check as a single export; the leak check reads the finished file back.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { textOfDocx, textOfPdf, allText } from '../../src/core/brief/index';
import { createRouter } from '../../src/core/router';
import type { VaultService } from '../../src/core/service';
import type { BriefFormat, BriefRequest, BriefReview } from '../../src/shared/brief';
import type { Interview, Person } from '../../src/shared/domain';
import { vaultPaths } from '../../src/core/vault/layout';
import { cheapService, copyVault, errorCode, PROJECT_ROOT, removeDir, tempDir } from '../fixtures/vault-helpers';

const PASS = 'brief test passphrase';
const consentOk = { givenOn: '2026-01-10', method: 'oral' as const, allowsQuote: true, allowsName: false, allowsAudio: false, shareWith: [], withdrawnOn: '' };
/** Every written form of the register's names and contacts that the texts below use. */
const REGISTER_FORMS = /Айгул|Султанал|Aigul|Sultanal|Зарин|Холов|Zarina|Kholova|555|123|aigul@|@aigul/;

let dir: string;
let vault: string;
let svc: VaultService;
let aigul: Person;
let zarina: Person;
let osh: Interview;
let bishkek: Interview;
let undated: Interview;
let files = 0;
/** A fresh file name of letters only (digits could read as a phone number; the name is checked). */
const outName = () => join(dir, `brief-${String.fromCharCode(97 + (files++ % 26))}${String.fromCharCode(97 + Math.floor(files / 26))}`);

const request = (over: Partial<BriefRequest> = {}): BriefRequest => ({
  title: 'Detentions in the south, spring 2026',
  method: 'Interviews in person and by phone.\n\nNames were checked against the register.',
  selection: { filter: {} },
  content: 'summary-and-quotes',
  personMode: 'redacted',
  language: 'en',
  ...over,
});

beforeAll(async () => {
  dir = tempDir('fv-brief-');
  vault = join(dir, 'v');
  svc = cheapService();
  await svc.create(vault, PASS);
  await svc.verify();
  aigul = svc.createPerson({
    pseudonym: 'Gulya',
    given: { latin: 'Aigul', cyrillic: 'Айгуль' },
    family: { latin: 'Sultanalieva', cyrillic: 'Султаналиева' },
    contacts: [{ kind: 'phone', value: '+996 555 123 456' }, { kind: 'email', value: 'aigul@example.kg' }],
    consent: consentOk,
  });
  zarina = svc.createPerson({
    pseudonym: 'Witness Z',
    given: { latin: 'Zarina', cyrillic: 'Зарина' },
    family: { latin: 'Kholova', cyrillic: 'Холова' },
    consent: consentOk,
  });
  const types = svc.taxonomy().groups.flatMap((g) => g.types);
  bishkek = svc.createInterview({
    title: 'Interview with Zarina Kholova',
    date: '2026-04-20',
    place: { country: 'Kyrgyzstan', city: 'Bishkek', district: 'Sverdlovsky' },
    incidentTypes: [types[0]!.id],
    summary: 'Zarina Kholova was held overnight. Her phone was taken.',
    body: 'Notes.\n\n> They kept Зарина Холова in the cold room,\n> she said.\n',
    people: [zarina.id],
  });
  osh = svc.createInterview({
    title: 'Интервью с Айгуль Султаналиевой',
    date: '2026-03-02',
    place: { country: 'Kyrgyzstan', city: 'Osh', district: 'Zapad' },
    incidentTypes: [types[0]!.id, types[1]!.id],
    summary: 'Мы говорили с **Айгуль Султаналиевой** (тел. 0555 123-456, aigul@example.kg).\n\nShe was held for six hours.',
    body: 'First meeting.\n\n> Меня держали шесть часов, — сказала Айгуль.\n\nMore notes.\n\n> Second quotation, about W-001.\n',
    people: [aigul.id],
  });
  undated = svc.createInterview({ title: 'Undated note', summary: '', place: { country: 'Kazakhstan', city: 'Almaty', district: '' } });
});

afterAll(() => {
  svc.lock();
  removeDir(dir);
});

beforeEach(() => {
  // each test starts from full consent (the command-line tests run with the vault locked here)
  if (svc.status().state !== 'unlocked') return;
  aigul = svc.updatePerson(aigul.id, svc.getPerson(aigul.id).revision, { consent: consentOk });
  zarina = svc.updatePerson(zarina.id, svc.getPerson(zarina.id).revision, { consent: consentOk });
});

const found = (review: BriefReview, code: string, field: string) => {
  const i = review.interviews.find((x) => x.briefCode === code)!;
  return i.findings
    .filter((f) => f.field === field && f.certainty === 'auto')
    .map((f) => [f.kind, i.fields.find((t) => t.field === f.field && t.index === f.index)!.original.slice(f.start, f.end)]);
};

describe('brief.review', () => {
  it('orders the filter’s matches by date (undated last), gives brief-local codes and the period', () => {
    const review = svc.briefReview(request());
    expect(review.interviews.map((i) => [i.briefCode, i.vaultCode])).toEqual([
      ['B-1', osh.code],
      ['B-2', bishkek.code],
      ['B-3', undated.code],
    ]);
    expect(review.period).toEqual({ from: '2026-03-02', to: '2026-04-20' });
    // the month spelled out, the place without its district, incident types by their labels
    const details = review.interviews[0]!.fields.filter((f) => f.field === 'details').map((f) => f.original);
    const labels = svc.taxonomy().groups.flatMap((g) => g.types);
    expect(details).toEqual(['March 2026', 'Osh, Kyrgyzstan', `${labels[0]!.label}, ${labels[1]!.label}`]);
    expect(JSON.stringify(review)).not.toContain('Zapad');
  });

  it('orders interviews of the same day by code', () => {
    const same = svc.createInterviews([
      { title: 'Second', date: '2026-02-01', tags: ['same-day'] },
      { title: 'Third', date: '2026-02-01', tags: ['same-day'] },
    ]);
    try {
      const review = svc.briefReview(request({ selection: { filter: { tag: 'same-day' } } }));
      expect(review.interviews.map((i) => i.vaultCode)).toEqual(same.map((i) => i.code));
      expect(review.period).toEqual({ from: '2026-02-01', to: '2026-02-01' });
    } finally {
      for (const i of same) svc.deleteInterview(i.id);
    }
  });

  it('keeps the order of interviews chosen by hand and refuses an unknown one', async () => {
    const review = svc.briefReview(request({ selection: { ids: [bishkek.id, osh.id] } }));
    expect(review.interviews.map((i) => [i.briefCode, i.interviewId])).toEqual([
      ['B-1', bishkek.id],
      ['B-2', osh.id],
    ]);
    const dispatch = createRouter(svc);
    const unknown = await dispatch('brief.review', request({ selection: { ids: [osh.id, 'f'.repeat(32)] } }));
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const empty = await dispatch('brief.review', request({ selection: { filter: { from: '2030-01-01' } } }));
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(!empty.ok && empty.error.message).toMatch(/No interviews/);
    // the contract's bounds: at most 500 chosen, a title
    expect(await dispatch('brief.review', request({ selection: { ids: Array.from({ length: 501 }, () => osh.id) } }))).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await dispatch('brief.review', request({ title: '  ' }))).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('finds register names and contacts in headings, summaries, quotations, the title and the method', () => {
    const review = svc.briefReview(request({ title: 'What Aigul Sultanalieva saw', method: 'Zarina Kholova helped us find witnesses.' }));
    expect(found(review, 'B-1', 'heading')).toEqual([['person', 'Айгуль Султаналиевой']]);
    expect(found(review, 'B-1', 'summary')).toEqual(
      expect.arrayContaining([
        ['person', 'Айгуль Султаналиевой'],
        ['phone', '0555 123-456'],
        ['email', 'aigul@example.kg'],
      ]),
    );
    expect(found(review, 'B-1', 'quote')).toEqual([
      ['person', 'Айгуль'],
      ['person', 'W-001'],
    ]);
    expect(found(review, 'B-2', 'quote')).toEqual([['person', 'Зарина Холова']]);
    expect(found(review, 'B-2', 'heading')).toEqual([['person', 'Zarina Kholova']]);
    const front = review.frontFindings.map((f) => [f.field, review.front.find((t) => t.field === f.field)!.original.slice(f.start, f.end)]);
    expect(front).toEqual([
      ['title', 'Aigul Sultanalieva'],
      ['method', 'Zarina Kholova'],
    ]);
    // the summary is plain text (Markdown marks gone); an empty summary is there, empty
    expect(review.interviews[0]!.fields.find((f) => f.field === 'summary')!.original).not.toContain('**');
    expect(review.interviews[2]!.fields.find((f) => f.field === 'summary')!.original).toBe('');
    // quotations: consecutive "> " lines are one
    expect(review.interviews[1]!.fields.filter((f) => f.field === 'quote').map((f) => f.original)).toEqual(['They kept Зарина Холова in the cold room,\nshe said.']);
  });

  it('leaves quotations out when someone the interview concerns did not allow quotation, and counts them', () => {
    aigul = svc.updatePerson(aigul.id, aigul.revision, { consent: { ...consentOk, allowsQuote: false } });
    const review = svc.briefReview(request());
    const b1 = review.interviews[0]!;
    expect(b1.quotesLeftOut).toBe(2);
    expect(b1.fields.some((f) => f.field === 'quote')).toBe(false);
    expect(b1.findings.some((f) => f.field === 'quote')).toBe(false);
    expect(b1.consent).toEqual([]);
    expect(review.interviews[1]!.quotesLeftOut).toBe(0);
    // without quotations asked for, none are counted as left out
    expect(svc.briefReview(request({ content: 'summary' })).interviews[0]!.quotesLeftOut).toBe(0);
  });

  it('builds the incidents table by type, place and month', () => {
    const review = svc.briefReview(request());
    const labels = svc.taxonomy().groups.flatMap((g) => g.types);
    const first = labels[0]!.label;
    const second = labels[1]!.label;
    const expected = [
      { type: first, place: 'Bishkek, Kyrgyzstan', month: '2026-04', count: 1 },
      { type: first, place: 'Osh, Kyrgyzstan', month: '2026-03', count: 1 },
      { type: second, place: 'Osh, Kyrgyzstan', month: '2026-03', count: 1 },
    ].sort((a, b) => a.type.localeCompare(b.type) || a.place.localeCompare(b.place));
    expect(review.incidents).toEqual(expected);
  });
});

async function readBack(path: string, format: BriefFormat): Promise<string> {
  const bytes = new Uint8Array(readFileSync(path));
  if (format === 'docx') return allText(await textOfDocx(bytes));
  if (format === 'pdf') return allText(await textOfPdf(bytes));
  return new TextDecoder().decode(bytes);
}

describe('brief.write', () => {
  it.each(['md', 'txt', 'docx', 'pdf'] as const)('writes %s with no register form, contact or vault code in what is read back', async (format) => {
    const review = svc.briefReview(request({ personMode: 'pseudonym' }));
    const out = outName();
    const result = await svc.briefWrite({ request: request({ personMode: 'pseudonym' }), format, decisions: {}, path: out, reviewed: review.revision });
    expect(result.path).toBe(`${out}.${format}`);
    expect(result.interviews).toBe(3);
    expect(result.redactions).toMatchObject({ person: expect.any(Number), phone: 1, email: 1 });
    const text = await readBack(result.path, format);
    expect(text).not.toMatch(REGISTER_FORMS);
    expect(text).not.toMatch(/INT-\d/);
    expect(text).not.toContain('Zapad');
    for (const code of ['B-1', 'B-2', 'B-3']) expect(text).toContain(code);
    expect(text).toContain('Gulya');
    expect(text).toContain('Witness Z');
    expect(text).toContain('six hours');
    const entry = svc.auditLog().at(-1)!;
    expect(entry).toMatchObject({ action: 'brief exported', subject: '3 interviews' });
    expect(entry.detail).toContain(format);
    expect(entry.detail).toContain(result.sha256);
  });

  it('writes Markdown with headings, the incidents table and quotations', async () => {
    const result = await svc.briefWrite({ request: request({ title: 'Spring | 2026' }), format: 'md', decisions: {}, path: outName() });
    const md = readFileSync(result.path, 'utf8');
    expect(md.startsWith('# Spring \\| 2026\n')).toBe(true);
    expect(md).toMatch(/^## Method$/m);
    expect(md).toMatch(/^\| Type of incident \| Place \| Month \| Cases \|$/m);
    expect(md).toMatch(/^### B-1 · Интервью с \[REDACTED\]$/m);
    expect(md).toMatch(/^> “Меня держали шесть часов, — сказала \[REDACTED\]\.”$/m);
    expect(md).not.toMatch(REGISTER_FORMS);
  });

  it('applies the reviewer’s decisions per interview: a kept name passes, a span selected by hand is redacted', async () => {
    const review = svc.briefReview(request());
    const b2 = review.interviews[1]!;
    const summary = b2.fields.find((f) => f.field === 'summary')!.original;
    const start = summary.indexOf('overnight');
    const result = await svc.briefWrite({
      request: request(),
      format: 'txt',
      decisions: { [bishkek.id]: { keep: ['Zarina Kholova'], redact: [{ field: 'summary', index: 0, start, end: start + 'overnight'.length }] } },
      path: outName(),
      reviewed: review.revision,
    });
    const txt = readFileSync(result.path, 'utf8');
    expect(txt).toContain('B-2 · Interview with Zarina Kholova');
    expect(txt).toContain('was held [REDACTED].');
    // kept in B-2 only: B-1 and the rest are untouched by B-2's decisions
    expect(txt).not.toMatch(/Айгул|Султанал|555/);
    expect(result.redactions.manual).toBe(1);
  });

  it('fails closed when the final text still identifies someone: a kept contact detail, a vault code', async () => {
    const out = outName();
    // a reviewer cannot keep a contact detail: the engine found it, the decision let it through, the check stops it
    const code = await errorCode(() =>
      svc.briefWrite({ request: request(), format: 'pdf', decisions: { [osh.id]: { keep: ['0555 123-456'], redact: [] } }, path: out }),
    );
    expect(code).toBe('conflict');
    expect(existsSync(`${out}.pdf`)).toBe(false);
    const dispatch = createRouter(svc);
    const r = await dispatch('brief.write', { request: request(), format: 'docx', decisions: { [osh.id]: { keep: ['0555 123-456'], redact: [] } }, path: out });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // kinds and places only: the message never quotes what it found
    expect(!r.ok && r.error.message).toMatch(/phone in B-1 summary/);
    expect(!r.ok && r.error.message).not.toMatch(/555|123/);
    expect(existsSync(`${out}.docx`)).toBe(false);
    // a vault code typed into a title would tell which interview of the vault this is
    const named = svc.createInterview({ title: `Follow-up to ${osh.code}`, date: '2026-05-01', summary: 'Nothing new.' });
    try {
      const leak = await dispatch('brief.write', { request: request({ selection: { ids: [named.id] } }), format: 'md', decisions: {}, path: out });
      expect(leak).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(!leak.ok && leak.error.message).toMatch(/vault code in B-1 heading/);
      expect(existsSync(`${out}.md`)).toBe(false);
    } finally {
      svc.deleteInterview(named.id);
    }
  });

  it('writes code names in code mode, and withholds a place the engine flags, in the table and under the heading', async () => {
    const flagged = svc.createInterview({
      title: 'Raid',
      date: '2026-03-15',
      place: { country: 'Kyrgyzstan', city: 'Zarina Kholova street', district: '' },
      incidentTypes: [svc.taxonomy().groups[0]!.types[0]!.id],
      summary: 'Police searched the house of Zarina Kholova (W-002).',
    });
    try {
      const req = request({ selection: { ids: [flagged.id, osh.id] }, personMode: 'code' });
      const review = svc.briefReview(req);
      expect(review.incidents.map((r) => r.place)).toContain('[REDACTED]');
      expect(review.incidents.map((r) => r.place).join()).not.toContain('Kholova');
      const result = await svc.briefWrite({ request: req, format: 'pdf', decisions: {}, path: outName(), reviewed: review.revision });
      const text = await readBack(result.path, 'pdf');
      expect(text).not.toMatch(REGISTER_FORMS);
      // the register's codes stand in for the people (what code mode is for); the vault's interview codes never do
      expect(text).toContain(zarina.code);
      expect(text).toContain(aigul.code);
      expect(text).not.toMatch(/INT-\d/);
    } finally {
      svc.deleteInterview(flagged.id);
    }
  });

  it('refuses on withdrawn or missing consent, naming the brief code and the person’s code', async () => {
    const dispatch = createRouter(svc);
    for (const [consent, reason] of [
      [{ ...consentOk, withdrawnOn: '2026-04-01' }, 'withdrew consent on 2026-04-01'],
      [{ ...consentOk, givenOn: '', method: '' as const }, 'has no recorded consent'],
    ] as const) {
      zarina = svc.updatePerson(zarina.id, svc.getPerson(zarina.id).revision, { consent });
      const review = svc.briefReview(request());
      expect(review.interviews[1]!.consent.map((c) => c.reason)).toEqual([`${zarina.code} ${reason}.`]);
      const out = outName();
      const r = await dispatch('brief.write', { request: request(), format: 'md', decisions: {}, path: out });
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
      expect(!r.ok && r.error.message).toContain(`B-2: ${zarina.code} ${reason}`);
      expect(existsSync(`${out}.md`)).toBe(false);
    }
  });

  it('refuses a stale review and a file name that names someone', async () => {
    const review = svc.briefReview(request());
    const changed = svc.updateInterview(undated.id, svc.getInterview(undated.id).revision, { summary: 'Added later.' });
    const out = outName();
    const stale = await errorCode(() => svc.briefWrite({ request: request(), format: 'md', decisions: {}, path: out, reviewed: review.revision }));
    expect(stale).toBe('invalid-request');
    expect(existsSync(`${out}.md`)).toBe(false);
    // a different request is a different review too
    const fresh = svc.briefReview(request());
    expect(await errorCode(() => svc.briefWrite({ request: request({ content: 'summary' }), format: 'md', decisions: {}, path: out, reviewed: fresh.revision }))).toBe('invalid-request');
    expect(await errorCode(() => svc.briefWrite({ request: request(), format: 'md', decisions: {}, path: join(dir, 'Kholova-brief'), reviewed: fresh.revision }))).toBe('invalid-request');
    expect(existsSync(join(dir, 'Kholova-brief.md'))).toBe(false);
    expect(await errorCode(() => svc.briefWrite({ request: request(), format: 'md', decisions: {}, path: join(dir, `brief-${osh.code}`), reviewed: fresh.revision }))).toBe('invalid-request');
    svc.updateInterview(undated.id, changed.revision, { summary: '' });
  });

  it('refuses while the vault’s records are not all checked', async () => {
    svc.lock();
    await svc.unlock(vault, PASS);
    const out = outName();
    // until the background pass has checked every record, nothing leaves
    expect(await errorCode(() => svc.briefWrite({ request: request(), format: 'md', decisions: {}, path: out }))).toBe('integrity');
    expect(existsSync(`${out}.md`)).toBe(false);
    await svc.verify();
    await svc.briefWrite({ request: request(), format: 'md', decisions: {}, path: out });
    expect(existsSync(`${out}.md`)).toBe(true);
  });
});

describe('fieldvault brief', () => {
  it('writes a brief from the filters, with automatic findings only', () => {
    const second = svc.taxonomy().groups.flatMap((g) => g.types)[1]!.label;
    svc.lock();
    const built = spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts/build-cli.mjs'), '--quiet'], { encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    const cli = (args: string[]) =>
      spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin/fieldvault.mjs'), 'brief', vault, ...args], {
        encoding: 'utf8',
        env: { ...process.env, FIELDVAULT_PASSPHRASE: PASS },
      });
    const out = join(dir, 'cli-brief.pdf');
    const r = cli(['--from', '2026-03-01', '--to', '2026-03-31', '--place', 'osh', '--title', 'Osh, March', '--quotes', '--format', 'pdf', '--out', out, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { path: string; interviews: number; redactions: Record<string, number> };
    expect(result).toMatchObject({ path: out, interviews: 1 });
    expect(result.redactions.phone).toBe(1);
    const plain = cli(['--incident', second, '--format', 'txt', '--out', join(dir, 'cli-brief.txt')]);
    expect(plain.status, plain.stderr).toBe(0);
    expect(plain.stdout).toMatch(/^Wrote a brief of 1 interview to .*cli-brief\.txt \(redactions: /);
    const txt = readFileSync(join(dir, 'cli-brief.txt'), 'utf8');
    expect(txt).not.toMatch(REGISTER_FORMS);
    expect(txt).toContain('B-1');
    // usage errors before the vault is opened; nothing matching is an error
    expect(cli(['--format', 'odt', '--out', out]).status).toBe(2);
    expect(cli(['--from', 'March', '--format', 'md', '--out', out]).status).toBe(2);
    const none = cli(['--from', '2030-01-01', '--format', 'md', '--out', join(dir, 'none.md')]);
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/No interviews/);
    expect(existsSync(join(dir, 'none.md'))).toBe(false);
  });

  it('refuses a damaged vault with exit code 3 and writes nothing', () => {
    const damaged = copyVault(vault);
    const db = new Database(vaultPaths(damaged).database);
    try {
      const row = db.prepare('SELECT box FROM records WHERE id = ?').get(Buffer.from(zarina.id, 'hex')) as { box: Buffer };
      row.box[40]! ^= 1;
      db.prepare('UPDATE records SET box = ? WHERE id = ?').run(row.box, Buffer.from(zarina.id, 'hex'));
    } finally {
      db.close();
    }
    const out = join(dir, 'damaged.md');
    const r = spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin/fieldvault.mjs'), 'brief', damaged, '--format', 'md', '--out', out], {
      encoding: 'utf8',
      env: { ...process.env, FIELDVAULT_PASSPHRASE: PASS },
    });
    removeDir(join(damaged, '..'));
    expect(r.status, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/no brief was written/);
    expect(existsSync(out)).toBe(false);
  });
});
