/**
 * The forensic canary test, through the UI: what a seized laptop shows after a day of work in the window.
 *
 * A researcher creates a vault and, with the keyboard and the mouse only, fills every field the UI offers with
 * unique canaries (random Latin tokens, random Cyrillic words, a Cyrillic name, a phone number, dates): the
 * taxonomy and the allow-list in Settings, two people with every identity field, contacts, consent with partner
 * organisations and risk notes (one of them deleted), three interviews with every field, Markdown notes and
 * summary typed into the CodeMirror editors and an @ mention (one edited, with kept versions restored back and
 * forth, one deleted), reveals and copies an identity field, searches for canaries, and locks with Ctrl+L while
 * an edit is still unsaved.
 *
 * Then no canary may be in the page, in what the page keeps in browser storage, or on disk: in UTF-8 and
 * UTF-16LE, as typed, lowercased, uppercased, search-folded (which also transliterates) and URL-encoded, in the
 * vault folder (WAL included), in Chromium's own profile folder (--user-data-dir, owned by this test), in every
 * file created or changed in the temp folder and in the home folder's .cache/.config/.local/.pki during the
 * test, in test-artifacts (except screenshots) and in the project's log files. Checked twice: right after the
 * lock with Chromium still running, and after Chromium and the preview server have shut down (when Chromium
 * has flushed everything it keeps). A positive control plants canaries where the scan must find them, and the
 * vault is opened with the core at the end to prove the canaries were really saved (encrypted).
 */
import { randomBytes, randomInt } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldWord } from '../../src/core/search/fold';
import { VaultService } from '../../src/core/service';
import { startPreviewServer, type PreviewServer } from '../../src/preview/server';
import { changedFiles, fileSnapshot, walk } from '../fixtures/disk-scan';
import { buildRenderer, CHEAP_KDF, hasChromium, launchChromiumWithProfile, repoRoot, skipNotice } from './support';

skipNotice();

// ---------------------------------------------------------------------------------------------- canaries

const CYRILLIC_LOWER = 'абвгдежзиклмнопрстуфхцчшщэюя';
const canaries: string[] = [];
const add = <T extends string>(c: T): T => (canaries.push(c), c);
/** A random Latin token, e.g. TitleCnry3FA29B0C81D4. */
const latin = (label: string) => add(`${label}Cnry${randomBytes(6).toString('hex').toUpperCase()}`);
/** A random Cyrillic word of 12 letters, capitalised like a name. */
function cyr(): string {
  let c = 'Ж';
  for (let i = 0; i < 11; i++) c += CYRILLIC_LOWER[randomInt(CYRILLIC_LOWER.length)];
  return add(c);
}
const pad = (n: number) => String(n).padStart(2, '0');
/** A date no real record here would have. */
const date = () => add(`${randomInt(2200, 2900)}-${pad(randomInt(1, 13))}-${pad(randomInt(1, 29))}`);
/** A Kyrgyz mobile number, as a researcher would type it. */
const phone = () => add(`+996 7${randomInt(10, 100)} ${randomInt(100, 1000)} ${randomInt(100, 1000)}`);

const PASS = `${latin('Pass')} lantern copper river`;
const VAULT_NAME = 'Forensic.fieldvault'; // a folder name, not content: not a canary

/** Every form of every canary a forensic search would try, as strings (for the page) and bytes (for files). */
interface Needle {
  readonly label: string;
  readonly text: string;
  readonly bytes: Buffer;
}
function forms(c: string): Set<string> {
  const out = new Set([c, c.toLowerCase(), c.toUpperCase()]);
  for (const w of c.split(/[^\p{L}\p{N}]+/u)) {
    // words of a canary (folded: lowercased, transliterated to Latin); short runs of digits are everywhere
    if (w.length >= 4 && !/^\d{1,8}$/.test(w)) out.add(foldWord(w));
  }
  const digits = c.replace(/\D/g, '');
  if (/^\+[\d ]+$/.test(c)) {
    out.add(digits); // 996712345678, also inside +996712345678
    out.add(digits.slice(3)); // the national number
  }
  return out;
}
function needles(list: readonly string[] = canaries): Needle[] {
  const out: Needle[] = [];
  for (const c of list) {
    for (const f of forms(c)) {
      out.push({ label: `${c} as "${f}" utf8`, text: f, bytes: Buffer.from(f, 'utf8') });
      out.push({ label: `${c} as "${f}" utf16le`, text: f, bytes: Buffer.from(f, 'utf16le') });
      const url = encodeURIComponent(f);
      if (url !== f) out.push({ label: `${c} as "${url}" url-encoded`, text: url, bytes: Buffer.from(url, 'utf8') });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------- the scanner

/**
 * Finds every needle in a buffer in one pass: needles are bucketed by their first four bytes, each position's
 * four bytes are looked up, and only candidates are compared in full. (Buffer.includes per needle would read
 * every file about two thousand times.)
 */
function matcher(list: readonly Needle[]): (buf: Buffer) => Needle[] {
  const buckets = new Map<number, Needle[]>();
  for (const n of list) {
    if (n.bytes.length < 4) throw new Error(`needle too short: ${n.label}`);
    const key = n.bytes.readUInt32LE(0);
    const bucket = buckets.get(key);
    if (bucket) bucket.push(n);
    else buckets.set(key, [n]);
  }
  return (buf) => {
    const found = new Set<Needle>();
    for (let i = 0; i + 4 <= buf.length; i++) {
      const bucket = buckets.get(buf.readUInt32LE(i));
      if (!bucket) continue;
      for (const n of bucket) {
        if (i + n.bytes.length <= buf.length && buf.compare(n.bytes, 0, n.bytes.length, i, i + n.bytes.length) === 0) found.add(n);
      }
    }
    return [...found];
  };
}

function scanFiles(files: readonly string[], list: readonly Needle[] = needles()): string[] {
  const find = matcher(list);
  const hits: string[] = [];
  for (const file of files) {
    let buf: Buffer;
    try {
      buf = readFileSync(file);
    } catch {
      continue; // removed meanwhile (a lock file, another test's temp file)
    }
    for (const n of find(buf)) hits.push(`${file}: ${n.label}`);
  }
  return hits;
}

const HOME_DIRS = ['.cache', '.config', '.local', '.pki'].map((d) => join(homedir(), d));
/** Size and mtime of every file in the temp folder and the home folder's app-data folders. */
const snapshot = () => fileSnapshot([tmpdir(), ...HOME_DIRS], 8);
const changedSince = (before: Map<string, string>) => changedFiles(before, [tmpdir(), ...HOME_DIRS], 8);

function projectFiles(): string[] {
  const artifacts = walk(join(repoRoot, 'test-artifacts'), 8, (p) => /[\\/]test-artifacts[\\/]screenshots$/.test(p));
  const logs = walk(repoRoot, 8, (p) => /[\\/](node_modules|\.git|test-artifacts)$/.test(p)).filter((f) => f.endsWith('.log'));
  return [...artifacts, ...logs];
}

// ---------------------------------------------------------------------------------------------- the test

describe.skipIf(!hasChromium)('forensic canaries entered through the UI: nothing in the page or on disk after lock', () => {
  let server: PreviewServer | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let workDir = '';
  let profileDir = '';
  let vaultPath = '';
  let before = new Map<string, string>();
  const consoleErrors: string[] = [];

  // what is typed where (kept to check the vault really holds it at the end)
  const T = {
    taxGroup: latin('TaxGroup'),
    taxTypeDraft: latin('TaxTypo'),
    taxType: latin('TaxType'),
    allow: latin('AllowOfficial'),
    // person 1 (kept)
    p1: {
      pseudonym: latin('Pseudonym'),
      givenLatin: latin('Given'),
      givenCyr: cyr(),
      familyLatin: latin('Family'),
      familyCyr: `${cyr()}ова`,
      patronymicLatin: `${latin('Patronymic')} uulu`,
      patronymicCyr: `${cyr()} кызы`,
      spellings: [latin('Spelling'), cyr()],
      phone: phone(),
      email: `${latin('Mail')}@example.org`,
      telegram: `@${latin('Tg')}`,
      consentOn: date(),
      partners: [latin('PartnerOrg'), `${cyr()} Фонд`],
      birth: date(),
      age: `${randomInt(20, 80)} ${add(`Age${randomBytes(5).toString('hex').toUpperCase()}`)}`, // the core takes 20 characters
      gender: latin('Gender'),
      nationality: latin('Nationality'),
      ethnicity: cyr(),
      location: `${latin('Village')} ${cyr()}`,
      risk: `${latin('Risk')} ${cyr()} near ${latin('Landmark')}`,
    },
    // person 2 (deleted)
    p2: {
      pseudonym: latin('GonePseudonym'),
      givenCyr: cyr(),
      phone: phone(),
      partner: latin('GonePartner'),
      withdrawn: date(),
      risk: `${latin('GoneRisk')} ${cyr()}`,
    },
    // interview 1 (kept, versions restored back and forth, locked with an unsaved edit)
    i1: {
      title: `${latin('Title')} ${cyr()}`,
      date: date(),
      interviewer: latin('Interviewer'),
      language: latin('Lang'),
      country: latin('Country'),
      city: cyr(),
      district: latin('District'),
      tags: [latin('Tag'), cyr()],
      heading: latin('Heading'),
      body: `${latin('Body')} ${cyr()}`,
      name: `${cyr()} ${cyr()}ева`,
      phoneInNotes: phone(),
      summary: `${latin('Summary')} ${cyr()}`,
      editedTitle: `${latin('EditedTitle')} ${cyr()}`,
      beforeLock: latin('TypedBeforeLock'),
    },
    // interview 2 (deleted)
    i2: { title: latin('GoneTitle'), body: `${latin('GoneBody')} ${cyr()}`, tag: latin('GoneTag'), city: cyr() },
    // interview 3 (kept)
    i3: { title: latin('ThirdTitle'), body: `${latin('ThirdBody')} ${cyr()}`, summary: latin('ThirdSummary'), place: latin('ThirdCountry') },
  };

  const nav = (name: string) => page.getByRole('navigation', { name: 'Vault sections' }).getByRole('button', { name });
  const saved = () => page.locator('.save-status--saved');
  const label = (name: string) => page.getByLabel(name, { exact: true });
  const editorBox = (name: 'Notes' | 'Summary') => page.getByRole('textbox', { name });

  /** Types as a person would: key by key. */
  async function typeInto(name: string, text: string): Promise<void> {
    await label(name).click();
    await page.keyboard.type(text);
  }
  async function chip(name: string, text: string): Promise<void> {
    // the chip list has the same accessible name as its input
    await page.locator('input.chips__input').and(label(name)).click();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  }
  async function waitSaved(): Promise<void> {
    try {
      await saved().waitFor({ timeout: 4000 });
    } catch (err) {
      const status = await page.locator('.save-status').first().textContent().catch(() => null);
      throw new Error(`not saved; the status says: ${status ?? '(none)'}`, { cause: err });
    }
  }

  beforeAll(async () => {
    before = snapshot();
    workDir = mkdtempSync(join(tmpdir(), 'fv-forensic-ui-'));
    profileDir = join(workDir, 'chromium-profile');
    vaultPath = join(workDir, VAULT_NAME);
    // a renderer build of its own: other UI tests rebuild test-artifacts/renderer (emptying it) meanwhile
    const rendererDir = await buildRenderer(join(workDir, 'renderer'));
    server = await startPreviewServer({ rendererDir, kdf: CHEAP_KDF });
    context = await launchChromiumWithProfile(profileDir);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(10_000);
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(server.url);
  });

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await server?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('a day of work through the UI: every field of every screen carries a canary', async () => {
    // create the vault
    await page.getByRole('button', { name: 'Create a vault' }).click();
    await label('Location').fill(vaultPath);
    await typeInto('Passphrase', PASS);
    await typeInto('Confirm passphrase', PASS);
    await page.getByRole('button', { name: 'Create vault' }).click();
    await page.getByRole('heading', { name: 'Interviews', exact: true }).waitFor();

    // settings: auto-lock time, the allow-list, a taxonomy group and type of our own
    await nav('Settings').click();
    await label('Lock after inactivity').selectOption('15');
    await page.getByText('Saved.', { exact: true }).waitFor();
    await typeInto('Never redact', T.allow);
    await page.keyboard.press('Enter');
    await page.getByText(`Added “${T.allow}”.`).waitFor();
    await typeInto('New group', T.taxGroup);
    await page.keyboard.press('Enter');
    await typeInto(`New type in ${T.taxGroup}`, T.taxTypeDraft);
    await page.keyboard.press('Enter');
    // a typo fixed in place
    await label(`Type name: ${T.taxTypeDraft}`).click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type(T.taxType);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Incident types saved.').waitFor();

    // person 1: every identity field, contacts, consent, about, risk notes
    const p1 = T.p1;
    await nav('People').click();
    await page.getByRole('button', { name: 'Add person' }).first().click();
    await typeInto('Pseudonym', p1.pseudonym);
    // a new person joins the register, with a code, at the first edit
    await page.getByText('W-001').first().waitFor();
    for (const [part, latinValue, cyrValue] of [
      ['Given name', p1.givenLatin, p1.givenCyr],
      ['Family name', p1.familyLatin, p1.familyCyr],
      ['Patronymic', p1.patronymicLatin, p1.patronymicCyr],
    ] as const) {
      await page.getByRole('button', { name: `Add ${part} (Latin)` }).click();
      await typeInto(`${part} (Latin)`, latinValue);
      await page.getByRole('button', { name: `Add ${part} (Cyrillic)` }).click();
      await typeInto(`${part} (Cyrillic)`, cyrValue);
    }
    await page.getByRole('button', { name: 'Add Other spellings' }).click();
    await typeInto('Other spellings', p1.spellings.join(', '));
    await page.getByRole('button', { name: 'Add contact' }).click();
    await typeInto('Phone 1', p1.phone);
    await page.getByRole('button', { name: 'Add contact' }).click();
    await label('Contact 2 kind').selectOption('email');
    await typeInto('Email 2', p1.email);
    await page.getByRole('button', { name: 'Add contact' }).click();
    await label('Contact 3 kind').selectOption('telegram');
    await typeInto('Telegram 3', p1.telegram);
    await label('Consent given on').fill(p1.consentOn);
    await page.getByRole('radio', { name: 'Written' }).check();
    await page.getByRole('checkbox', { name: 'Quoting what they said' }).check();
    await page.getByRole('checkbox', { name: 'Audio recording' }).check();
    for (const org of p1.partners) await chip('May be shared with', org);
    await label('Role').selectOption('victim');
    await label('Birth date').fill(p1.birth);
    await typeInto('Age', p1.age);
    await typeInto('Gender', p1.gender);
    await typeInto('Nationality', p1.nationality);
    await typeInto('Ethnicity', p1.ethnicity);
    await typeInto('Location', p1.location);
    await typeInto('Risk notes', p1.risk);
    await waitSaved();
    // the researcher reads it over: long enough for Chromium to sync the page's form state (session restore)
    await page.waitForTimeout(2500);

    // person 2, deleted afterwards
    const p2 = T.p2;
    await page.getByRole('button', { name: 'People', exact: true }).first().click();
    await page.getByRole('button', { name: 'Add person' }).first().click();
    await typeInto('Pseudonym', p2.pseudonym);
    await page.getByText('W-002').first().waitFor();
    await page.getByRole('button', { name: 'Add Given name (Cyrillic)' }).click();
    await typeInto('Given name (Cyrillic)', p2.givenCyr);
    await page.getByRole('button', { name: 'Add contact' }).click();
    await typeInto('Phone 1', p2.phone);
    await chip('May be shared with', p2.partner);
    await label('Consent withdrawn on').fill(p2.withdrawn);
    await typeInto('Risk notes', p2.risk);
    await waitSaved();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('alertdialog', { name: /Delete W-002/ }).getByRole('button', { name: 'Delete person' }).click();
    await page.getByRole('heading', { name: 'People', exact: true }).waitFor();
    expect(await page.getByText(p2.pseudonym).count()).toBe(0);

    // interview 1: every field, Markdown notes and summary, an @ mention, our own incident type
    const i1 = T.i1;
    await nav('Interviews').click();
    await page.getByRole('button', { name: 'New interview' }).first().click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('interview-title');
    await page.keyboard.type(i1.title);
    await label('Date').fill(i1.date);
    await typeInto('Interviewer', i1.interviewer);
    await page.getByRole('radio', { name: 'Remote' }).check();
    await page.getByRole('radio', { name: 'Reviewed' }).check();
    await chip('Languages', i1.language);
    await typeInto('Country', i1.country);
    await typeInto('City', i1.city);
    await typeInto('District', i1.district);
    await page.getByRole('button', { name: 'Choose' }).click();
    await page.getByLabel('Filter incident types').fill(T.taxType);
    await page.getByRole('checkbox', { name: T.taxType }).check();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: `Remove ${T.taxType}` }).waitFor();
    for (const tag of i1.tags) await chip('Tags', tag);
    await editorBox('Notes').click();
    await page.keyboard.type(`# ${i1.heading}\n\n- ${i1.body}\n- Named ${i1.name}, phone ${i1.phoneInNotes}\nWitness `);
    await page.keyboard.type('@W-0');
    await page.locator('.cm-tooltip-autocomplete li').filter({ hasText: 'W-001' }).waitFor();
    // CodeMirror ignores Enter on a completion list younger than its interactionDelay (75 ms).
    await page.waitForTimeout(150);
    await page.keyboard.press('Enter');
    await page.keyboard.type(' saw it.');
    await expect.poll(() => editorBox('Notes').textContent()).toContain('Witness W-001 saw it.');
    await editorBox('Summary').click();
    await page.keyboard.type(i1.summary);
    await waitSaved();
    await page.getByRole('list', { name: 'Linked people' }).getByText('W-001').waitFor();

    // edit: a new title, then a large deletion of the notes (the text before it is kept as a version, encrypted),
    // then restore that version
    await label('Title').click();
    await page.keyboard.press('Control+a');
    await page.keyboard.type(i1.editedTitle);
    await waitSaved();
    await editorBox('Notes').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n\nThey asked about relatives abroad and kept the phones overnight. '.repeat(4));
    await waitSaved();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await waitSaved();
    expect(await editorBox('Notes').textContent()).not.toContain(i1.heading);
    await page.getByRole('button', { name: 'Earlier versions' }).click();
    const dialog = page.getByRole('dialog', { name: 'Earlier versions' });
    const versions = dialog.getByRole('list', { name: 'Kept versions' }).getByRole('button');
    await versions.first().waitFor();
    await dialog.getByRole('list', { name: 'Kept versions' }).getByRole('button', { name: new RegExp(T.i1.editedTitle.split(' ')[0]!) }).first().click();
    await dialog.getByRole('region', { name: 'Version preview' }).getByText(i1.heading).waitFor();
    await dialog.getByRole('button', { name: 'Restore this version' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => editorBox('Notes').textContent()).toContain(i1.heading);
    await expect.poll(() => label('Title').inputValue()).toBe(i1.editedTitle);

    // interview 2, deleted afterwards
    const i2 = T.i2;
    await page.getByRole('button', { name: 'Interviews', exact: true }).first().click();
    await page.getByRole('button', { name: 'New interview' }).first().click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('interview-title');
    await page.keyboard.type(i2.title);
    await typeInto('City', i2.city);
    await chip('Tags', i2.tag);
    await editorBox('Notes').click();
    await page.keyboard.type(i2.body);
    await waitSaved();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('alertdialog', { name: /Delete INT-/ }).getByRole('button', { name: 'Delete interview' }).click();
    await page.getByRole('heading', { name: 'Interviews', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: i2.title }).count()).toBe(0);

    // interview 3
    const i3 = T.i3;
    await page.getByRole('button', { name: 'New interview' }).first().click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('interview-title');
    await page.keyboard.type(i3.title);
    await typeInto('Country', i3.place);
    await editorBox('Notes').click();
    await page.keyboard.type(i3.body);
    await editorBox('Summary').click();
    await page.keyboard.type(i3.summary);
    await waitSaved();

    // the list, filtered by a country and a tag (the filter stays on while the researcher reads the list)
    await page.getByRole('button', { name: 'Interviews', exact: true }).first().click();
    const rows = page.getByRole('table', { name: /Interviews/ }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByRole('button', { name: 'Filters' }).click();
    await label('Country').selectOption(i1.country);
    await label('Tag').selectOption(i1.tags[1]!);
    await label('Incident type').selectOption({ label: T.taxType });
    await label('City or district').click();
    await page.keyboard.type(i1.district);
    await expect.poll(() => rows.count()).toBe(1);
    await page.waitForTimeout(2500);
    await page.getByRole('button', { name: 'Clear all' }).click();
    await expect.poll(() => rows.count()).toBe(2);

    // reveal and copy identity fields
    await nav('People').click();
    await page.getByRole('button', { name: new RegExp(`^Open W-001`) }).click();
    await page.getByRole('button', { name: 'Reveal Family name (Cyrillic)' }).click();
    expect(await label('Family name (Cyrillic)').inputValue()).toBe(p1.familyCyr);
    await page.getByRole('button', { name: 'Copy Phone 1' }).click();
    await page.getByText('Copied. The clipboard will be cleared in 30 seconds.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(p1.phone);

    // search: a Latin token, and a Cyrillic name found by its transliteration, people included
    await nav('Search').click();
    const box = page.getByRole('searchbox', { name: 'Search the vault' });
    await box.click();
    await page.keyboard.type(i1.body.split(' ')[0]!);
    await page.keyboard.press('Enter');
    const results = page.locator('.search-results__item');
    await results.filter({ hasText: 'INT-0001' }).waitFor();
    await page.getByRole('switch', { name: 'Include people' }).check();
    await box.fill('');
    await box.click();
    await page.keyboard.type(foldWord(p1.givenCyr));
    await page.keyboard.press('Enter');
    await results.filter({ hasText: 'W-001' }).waitFor();

    // back to interview 1, an edit that is not yet saved, and Ctrl+L
    await nav('Interviews').click();
    await page.getByRole('button', { name: i1.editedTitle }).click();
    await editorBox('Notes').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(` ${i1.beforeLock}`);
    await page.keyboard.press('Control+l');
    await page.getByRole('heading', { name: 'Unlock your vault' }).waitFor();
  }, 300_000); // a whole day of work through every screen: about 80 s alone on a slow 2-CPU host, more beside other tests

  it('after lock: no canary in the page, in its storage or on the clipboard', async () => {
    const html = await page.content();
    const text = await page.evaluate(() => document.body.innerText);
    for (const n of needles()) {
      expect(html, n.label).not.toContain(n.text);
      expect(text, n.label).not.toContain(n.text);
    }
    // the clipboard was cleared on lock (it still held the copied phone number)
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('');
    // what the page keeps in the browser: only the preview's access token, in sessionStorage; nothing else
    const stored = await page.evaluate(async () => ({
      local: Object.keys(localStorage),
      session: Object.keys(sessionStorage),
      sessionValues: Object.values(sessionStorage).join('\n'),
      cookies: document.cookie,
      caches: await caches.keys(),
      idb: (await indexedDB.databases()).map((d) => d.name ?? ''),
    }));
    expect(stored).toMatchObject({ local: [], session: ['fieldvault.preview.token'], cookies: '', caches: [], idb: [] });
    expect(stored.sessionValues).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the scanner finds canaries planted where it looks (positive control)', () => {
    const plantedDir = join(profileDir, 'Default', 'Planted Storage', 'leveldb');
    mkdirSync(plantedDir, { recursive: true });
    const inProfile = join(plantedDir, '000003.log');
    const inTmp = join(workDir, 'planted.bin');
    const inVault = join(vaultPath, 'planted.tmp');
    writeFileSync(inProfile, Buffer.concat([randomBytes(5000), Buffer.from(T.p1.familyCyr, 'utf16le'), randomBytes(3)]));
    writeFileSync(inTmp, Buffer.concat([randomBytes(100), Buffer.from(T.i1.title.toLowerCase(), 'utf8')]));
    writeFileSync(inVault, Buffer.from(`tel:${T.p1.phone.replace(/\D/g, '')};`, 'utf8'));
    try {
      const hits = scanFiles(collect());
      expect(hits.some((h) => h.startsWith(`${inProfile}: `) && h.endsWith('utf16le'))).toBe(true);
      expect(hits.some((h) => h.startsWith(`${inTmp}: `) && h.endsWith('utf8'))).toBe(true);
      expect(hits.some((h) => h.startsWith(`${inVault}: ${T.p1.phone} as`))).toBe(true);
      expect(hits.filter((h) => !h.startsWith(inProfile) && !h.startsWith(inTmp) && !h.startsWith(inVault)).join('\n')).toBe('');
      // folded (transliterated) forms too
      writeFileSync(inTmp, Buffer.from(` ${foldWord(T.p1.givenCyr)} `, 'utf8'));
      expect(scanFiles([inTmp]).length).toBeGreaterThan(0);
    } finally {
      rmSync(join(profileDir, 'Default', 'Planted Storage'), { recursive: true, force: true });
      rmSync(inTmp, { force: true });
      rmSync(inVault, { force: true });
    }
  });

  /** Every file a forensic examiner would look at. */
  function collect(): string[] {
    return [...new Set([...walk(vaultPath, 4), ...walk(profileDir, 12), ...changedSince(before), ...projectFiles()])];
  }

  it('with Chromium still running: no canary in the vault folder, the browser profile, temp, home or test-artifacts', () => {
    const files = collect();
    expect(files.filter((f) => f.startsWith(vaultPath)).length).toBeGreaterThan(1);
    expect(files.some((f) => f.startsWith(profileDir))).toBe(true);
    expect(scanFiles(files).join('\n')).toBe('');
  });

  it('after Chromium and the server shut down (everything flushed): still no canary anywhere', async () => {
    await context?.close();
    context = undefined;
    await server?.close();
    server = undefined;
    const files = collect();
    const profileFiles = files.filter((f) => f.startsWith(profileDir));
    expect(profileFiles.length).toBeGreaterThan(10);
    expect(scanFiles(files).join('\n')).toBe('');
  });

  it('the vault really holds what was typed, encrypted (the scan did not pass because nothing was saved)', async () => {
    const svc = new VaultService({ kdf: CHEAP_KDF });
    const report = await svc.unlock(vaultPath, PASS);
    try {
      expect(report).toMatchObject({ interviews: 2, people: 1, damaged: [], sealIntact: true });
      const rows = svc.listInterviews();
      const first = svc.getInterview(rows.find((r) => r.title === T.i1.editedTitle)!.id);
      expect(first).toMatchObject({ interviewer: T.i1.interviewer, summary: T.i1.summary, tags: T.i1.tags, languages: [T.i1.language] });
      expect(first.body).toContain(T.i1.name);
      expect(first.body).toContain('Witness W-001 saw it.');
      expect(first.body).toContain(T.i1.beforeLock); // saved before the lock took effect
      expect(svc.revisions(first.id).length).toBeGreaterThanOrEqual(2);
      const [person] = svc.listPeople();
      expect(person).toMatchObject({ pseudonym: T.p1.pseudonym, riskNotes: T.p1.risk, ethnicity: T.p1.ethnicity, otherSpellings: T.p1.spellings });
      expect(person!.family.cyrillic).toBe(T.p1.familyCyr);
      expect(person!.contacts.map((c) => c.value)).toEqual([T.p1.phone, T.p1.email, T.p1.telegram]);
      expect(person!.consent.shareWith).toEqual(T.p1.partners);
      expect(svc.settings()).toMatchObject({ autoLockMinutes: 15, allowList: [T.allow] });
      expect(JSON.stringify(svc.taxonomy())).toContain(T.taxType);
    } finally {
      svc.lock();
    }
  });

  it('logged no errors in the page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
