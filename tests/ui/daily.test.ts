import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreviewServer, type PreviewServer } from '../../src/preview/server';
import { buildRenderer, CHEAP_KDF, hasChromium, launchChromium, shoot, skipNotice } from './support';

skipNotice();

const PASS = 'lantern copper river mosque';
/** Text entered through the UI that must never be in the page once it is locked. */
const CANARIES = ['Returnees at the Dostuk crossing', 'Султаналиева', 'Sultanalieva', 'Bishkek', 'Бишкек', '+996 555 123 456', 'Aigul', 'Asel', 'border-police'];

describe.skipIf(!hasChromium)('daily work in Debian Chromium: interviews, the register, search, locking', () => {
  let server: PreviewServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let workDir: string;
  let vaultPath: string;
  const consoleErrors: string[] = [];

  const nav = (name: string) => page.getByRole('navigation', { name: 'Vault sections' }).getByRole('button', { name });
  const saved = () => page.locator('.save-status--saved');
  const notesBox = () => page.getByRole('textbox', { name: 'Notes' });
  /** The focused element's label, looking into shadow roots (the Markdown editors live in one). */
  const focused = () =>
    page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.getAttribute('aria-label') ?? el?.textContent ?? '';
    });

  /** Scrolls the main area to the top and drops focus, for a screenshot of the screen as it opens. */
  async function toTop(): Promise<void> {
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      document.getElementById('main')?.scrollTo(0, 0);
    });
  }

  async function unlock(): Promise<void> {
    await page.getByLabel('Passphrase', { exact: true }).fill(PASS);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByRole('banner').getByText('Unlocked').waitFor();
  }

  async function expectLockedAndClean(): Promise<void> {
    await page.getByRole('heading', { name: 'Unlock your vault' }).waitFor();
    const html = await page.content();
    const text = await page.evaluate(() => document.body.innerText);
    for (const canary of CANARIES) {
      expect(html, canary).not.toContain(canary);
      expect(text, canary).not.toContain(canary);
    }
  }

  beforeAll(async () => {
    const rendererDir = await buildRenderer();
    workDir = mkdtempSync(join(tmpdir(), 'fv-daily-'));
    vaultPath = join(workDir, 'Daily.fieldvault');
    server = await startPreviewServer({ rendererDir, kdf: CHEAP_KDF });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light', reducedMotion: 'reduce' });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    // a controllable clock: time flows normally, and the tests jump over the 30-second and idle timers
    await page.clock.install();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Create a vault' }).click();
    await page.getByLabel('Location', { exact: true }).fill(vaultPath);
    await page.getByLabel('Passphrase', { exact: true }).fill(PASS);
    await page.getByLabel('Confirm passphrase', { exact: true }).fill(PASS);
    await page.getByRole('button', { name: 'Create vault' }).click();
    await page.getByRole('heading', { name: 'Interviews', exact: true }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('keeps a person in the register with hidden names, auto-hide, clipboard clearing and consent', async () => {
    await nav('People').click();
    await page.getByRole('button', { name: 'Add person' }).first().click();
    await page.getByLabel('Pseudonym', { exact: true }).fill('Asel');
    // a new person joins the register, with a code, at the first edit
    await page.getByText('W-001').first().waitFor();

    await page.getByRole('button', { name: 'Add Given name (Latin)' }).click();
    await page.getByLabel('Given name (Latin)', { exact: true }).fill('Aigul');
    await page.getByRole('button', { name: 'Add Family name (Cyrillic)' }).click();
    await page.getByLabel('Family name (Cyrillic)', { exact: true }).fill('Султаналиева');
    await page.getByRole('button', { name: 'Add Patronymic (Cyrillic)' }).click();
    await page.getByLabel('Patronymic (Cyrillic)', { exact: true }).fill('Нурлан кызы');
    await page.getByRole('button', { name: 'Add contact' }).click();
    await page.getByLabel('Phone 1', { exact: true }).fill('+996 555 123 456');

    // consent
    await page.getByLabel('Consent given on').fill('2026-03-02');
    await page.getByRole('radio', { name: 'Oral' }).check();
    await page.getByRole('checkbox', { name: 'Quoting what they said' }).check();
    await page.getByLabel('May be shared with').fill('Partner Org');
    await page.keyboard.press('Enter');
    await page.getByText('Allows quotes; share with Partner Org').waitFor();
    await saved().waitFor();
    await toTop();
    await shoot(page, '20-person-revealed');

    // 30 seconds later every revealed field has hidden itself, and the values are gone from the page
    await page.clock.fastForward(31_000);
    await page.getByRole('button', { name: 'Reveal Family name (Cyrillic)' }).waitFor();
    await page.getByRole('button', { name: 'Reveal Phone 1' }).waitFor();
    let html = await page.content();
    for (const secret of ['Султаналиева', 'Aigul', '+996 555 123 456', 'Нурлан']) expect(html).not.toContain(secret);
    await page.getByText('W-001').first().waitFor();
    await toTop();
    await shoot(page, '21-person-hidden');

    // reveal one field explicitly; it hides again by itself
    await page.getByRole('button', { name: 'Reveal Family name (Cyrillic)' }).click();
    expect(await page.getByLabel('Family name (Cyrillic)', { exact: true }).inputValue()).toBe('Султаналиева');
    html = await page.content();
    expect(html).not.toContain('Aigul'); // only the one field
    await page.clock.fastForward(31_000);
    await page.getByRole('button', { name: 'Reveal Family name (Cyrillic)' }).waitFor();
    expect(await page.content()).not.toContain('Султаналиева');

    // copying puts the value on the clipboard for 30 seconds
    await page.getByRole('button', { name: 'Copy Phone 1' }).click();
    await page.getByText('Copied. The clipboard will be cleared in 30 seconds.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('+996 555 123 456');
    await page.clock.fastForward(31_000);
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('');

    // the list shows code, pseudonym, role and consent, never a name
    await page.getByRole('button', { name: 'People' }).first().click();
    const row = page.getByRole('row').filter({ hasText: 'W-001' });
    await row.getByText('Asel').waitFor();
    await row.getByText('Consent given').waitFor();
    expect(await page.content()).not.toContain('Султаналиева');
    await shoot(page, '22-people-list');
  });

  it('creates an interview with fields and taxonomy, mentions a person by @, and autosaves', async () => {
    await nav('Interviews').click();
    await page.getByRole('heading', { name: 'Interviews', exact: true }).click(); // focus outside any field
    await page.keyboard.press('Control+n');
    const title = page.getByLabel('Title', { exact: true });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('interview-title');
    await page.keyboard.type('Returnees at the Dostuk crossing');
    await page.getByLabel('Date', { exact: true }).fill('2026-03-02');
    await page.getByLabel('Interviewer', { exact: true }).fill('Researcher A');
    await page.getByRole('radio', { name: 'Phone' }).check();
    await page.getByLabel('Country', { exact: true }).fill('Kyrgyzstan');
    await page.getByLabel('City', { exact: true }).fill('Osh');
    await page.getByLabel('Languages', { exact: true }).fill('Russian');
    await page.keyboard.press('Enter');
    await page.getByLabel('Tags', { exact: true }).fill('border-police');
    await page.keyboard.press('Enter');

    await page.getByRole('button', { name: 'Choose' }).click();
    await page.getByLabel('Filter incident types').fill('border');
    await page.getByRole('checkbox', { name: 'Unlawful search at the border' }).check();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Remove Unlawful search at the border' }).waitFor();

    await notesBox().click();
    await page.keyboard.type('# Account\n\n- Stopped near Бишкек by border guards\nWitness ');
    await page.keyboard.type('@W-0');
    const option = page.locator('.cm-tooltip-autocomplete li').filter({ hasText: 'W-001' });
    await option.waitFor();
    expect(await option.textContent()).toContain('Asel');
    expect(await page.locator('.cm-tooltip-autocomplete').textContent()).not.toContain('Султаналиева');
    await shoot(page, '23-interview-mention');
    // CodeMirror ignores Enter on a completion list younger than its interactionDelay (75 ms).
    await page.waitForTimeout(150);
    await page.keyboard.press('Enter');
    await page.keyboard.type(' saw it.');
    await expect.poll(() => notesBox().textContent()).toContain('Witness W-001 saw it.');
    expect(await notesBox().textContent()).not.toContain('@');

    // saved within 2 s, and the core linked W-001 from the code in the notes, with consent shown
    await saved().waitFor({ timeout: 3000 });
    const linked = page.getByRole('list', { name: 'Linked people' });
    await linked.getByText('W-001').waitFor();
    await linked.getByText('Consent given').waitFor();
    expect(await title.inputValue()).toBe('Returnees at the Dostuk crossing');
    await page.getByRole('button', { name: 'Preview' }).first().click();
    await page.getByRole('region', { name: 'Notes preview' }).getByRole('heading', { name: 'Account' }).waitFor();
    await toTop();
    await shoot(page, '24-interview-editor');
    await page.getByRole('button', { name: 'Write' }).first().click();
  });

  it('keeps the text across a reload, and the person lists the interview', async () => {
    await notesBox().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Added just before reload.');
    await saved().waitFor({ timeout: 3000 });
    await page.reload();
    await unlock();
    await page.getByRole('button', { name: 'Returnees at the Dostuk crossing' }).click();
    await expect.poll(() => notesBox().textContent()).toContain('Added just before reload.');
    await page.getByRole('list', { name: 'Linked people' }).getByRole('button', { name: 'W-001' }).click();
    const mentions = page.getByRole('list', { name: 'Interviews mentioning W-001' });
    await mentions.getByText('Returnees at the Dostuk crossing').waitFor();
    await mentions.getByRole('button').first().click();
    await page.getByLabel('Title', { exact: true }).waitFor();
  });

  it('keeps the text before a large deletion as a version, restores it, and can restore back', async () => {
    await notesBox().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' They asked about relatives in Russia and kept the phones overnight.'.repeat(4));
    await saved().waitFor({ timeout: 3000 });
    // a large deletion: the text before it becomes a kept version (what the researcher wrote, not the empty start)
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await saved().waitFor({ timeout: 3000 });
    expect(await notesBox().textContent()).not.toContain('Witness');
    await page.getByRole('button', { name: 'Earlier versions' }).click();
    const dialog = page.getByRole('dialog', { name: 'Earlier versions' });
    const versions = dialog.getByRole('list', { name: 'Kept versions' }).getByRole('button');
    await versions.first().waitFor();
    expect(await versions.count()).toBe(1);
    await versions.first().click();
    await dialog.getByRole('region', { name: 'Version preview' }).getByText('Witness W-001 saw it.', { exact: false }).waitFor();
    await shoot(page, '25-revisions');
    await dialog.getByRole('button', { name: 'Restore this version' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => notesBox().textContent()).toContain('Witness W-001 saw it.');
    expect(await notesBox().textContent()).toContain('kept the phones overnight.');

    // the restore kept what it replaced (the emptied notes): restore that, then the full text again
    await page.getByRole('button', { name: 'Earlier versions' }).click();
    await expect.poll(() => versions.count()).toBe(2);
    await versions.first().click();
    await dialog.getByRole('button', { name: 'Restore this version' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => notesBox().textContent()).not.toContain('Witness');
    // newest first: the full text as the first restore brought it back
    await page.getByRole('button', { name: 'Earlier versions' }).click();
    await expect.poll(() => versions.count()).toBe(3);
    await versions.first().click();
    await dialog.getByRole('region', { name: 'Version preview' }).getByText('Witness W-001 saw it.', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Restore this version' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByLabel('Title', { exact: true }).inputValue()).toBe('Returnees at the Dostuk crossing');
    await expect.poll(() => notesBox().textContent()).toContain('Witness W-001 saw it.');
  });

  it('lists, sorts and filters interviews', async () => {
    // a second interview, reviewed, in another country
    await page.keyboard.press('Escape');
    await nav('Interviews').click();
    await page.getByRole('button', { name: 'New interview' }).first().click();
    await page.getByLabel('Title', { exact: true }).fill('Wages withheld on a building site');
    await page.getByLabel('Date', { exact: true }).fill('2026-01-15');
    await page.getByLabel('Country', { exact: true }).fill('Kazakhstan');
    await page.getByLabel('City', { exact: true }).fill('Almaty');
    await page.getByRole('radio', { name: 'Reviewed' }).check();
    await saved().waitFor({ timeout: 3000 });
    await page.getByRole('button', { name: 'Interviews', exact: true }).first().click();

    const rows = page.getByRole('table', { name: /Interviews/ }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByRole('button', { name: 'Filters' }).click();
    await page.getByLabel('Country', { exact: true }).selectOption('Kyrgyzstan');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Returnees at the Dostuk crossing');
    await page.getByLabel('Incident type', { exact: true }).selectOption({ label: 'Unlawful search at the border' });
    await page.getByLabel('Person', { exact: true }).selectOption({ label: 'W-001 · Asel' });
    await expect.poll(() => rows.count()).toBe(1);
    await shoot(page, '26-interviews-filtered');
    await page.getByRole('button', { name: 'Clear all' }).click();
    await page.getByLabel('Status', { exact: true }).selectOption('reviewed');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Wages withheld');
    await page.getByRole('button', { name: 'Clear all' }).click();
    await page.getByLabel('From', { exact: true }).fill('2026-02-01');
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByRole('button', { name: 'Clear all' }).click();

    await page.getByLabel('Sort by').selectOption('date');
    const order = async () => (await rows.allTextContents()).map((t) => (t.includes('Wages') ? 'W' : 'R')).join('');
    const first = await order();
    await page.getByRole('button', { name: /switch to/ }).click();
    await expect.poll(order).not.toBe(first);
    await page.getByRole('button', { name: 'Filters' }).click();
    await shoot(page, '27-interviews-list');
  });

  it('searches both scripts with transliteration, highlights matches, and opens results', async () => {
    await nav('Search').click();
    const box = page.getByRole('searchbox', { name: 'Search the vault' });
    await box.fill('Bishkek');
    const results = page.locator('.search-results__item');
    await results.filter({ hasText: 'Returnees at the Dostuk crossing' }).waitFor();
    expect(await page.locator('.search-results mark').first().textContent()).toBe('Бишкек');
    await shoot(page, '28-search-transliterated');

    // people only when asked for; person hits show code, pseudonym and consent, never the name
    await box.fill('Sultanalieva');
    await page.getByText('No matches').waitFor();
    await page.getByRole('switch', { name: 'Include people' }).check();
    const person = results.filter({ hasText: 'W-001' });
    await person.waitFor();
    await person.getByText('Consent given').waitFor();
    expect(await page.locator('.search-outcome').textContent()).not.toContain('Султаналиева');
    await shoot(page, '28-search-people');

    // filters apply to search too
    await box.fill('Бишкек');
    await results.filter({ hasText: 'Returnees' }).waitFor();
    await page.getByRole('button', { name: 'Filters' }).click();
    await page.getByLabel('Status', { exact: true }).selectOption('reviewed');
    await page.getByText('No matches').waitFor();
    await page.getByLabel('Status', { exact: true }).selectOption('draft');
    await results.filter({ hasText: 'Returnees' }).getByRole('button').click();
    await page.getByLabel('Title', { exact: true }).waitFor();
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe('Returnees at the Dostuk crossing');
  });

  it('edits settings: auto-lock time and the taxonomy', async () => {
    await nav('Settings').click();
    await page.getByLabel('New type in Borders and removal').waitFor();
    await page.getByLabel('New type in Borders and removal').fill('Pushback at sea');
    await page.keyboard.press('Enter');
    await page.getByLabel('New group').fill('Housing and land');
    await page.keyboard.press('Enter');
    await page.getByLabel('New type in Housing and land').fill('Forced eviction');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Incident types saved.').waitFor();
    await page.getByLabel('Lock after inactivity').selectOption('1');
    await page.getByText('Saved.', { exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Settings', exact: true }).scrollIntoViewIfNeeded();
    await toTop();
    await shoot(page, '29-settings');
  });

  it('saves pending edits, then locks after the idle time, leaving no content in the page', async () => {
    await nav('Interviews').click();
    await page.getByRole('button', { name: 'Returnees at the Dostuk crossing' }).click();
    await notesBox().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Typed right before the idle lock.');
    // jump past the 1-minute idle time at once: the unsaved text must be saved before the lock
    await page.clock.fastForward(61_000);
    await expectLockedAndClean();
    await page.getByText('locked after a period of inactivity').waitFor();
    await shoot(page, '30-locked-after-idle');
    await unlock();
    await page.getByRole('button', { name: 'Returnees at the Dostuk crossing' }).click();
    await expect.poll(() => notesBox().textContent()).toContain('Typed right before the idle lock.');

    // Ctrl+L with unsaved text in the editor: saved too
    await notesBox().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' And before Ctrl+L.');
    await page.keyboard.press('Control+l');
    await expectLockedAndClean();
    await unlock();
    await page.getByRole('button', { name: 'Returnees at the Dostuk crossing' }).click();
    await expect.poll(() => notesBox().textContent()).toContain('And before Ctrl+L.');
  });

  it('works from the keyboard only: new interview, fields, @ mention, incident type, delete', async () => {
    await nav('Interviews').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Interviews', exact: true }).waitFor();
    await page.keyboard.press('Control+n');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('interview-title');
    await page.keyboard.type('Keyboard only');
    // Tab through to the notes editor
    for (let i = 0; i < 12 && (await focused()) !== 'Notes'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('Notes');
    await page.keyboard.type('Met @W-00');
    await page.locator('.cm-tooltip-autocomplete').waitFor();
    // CodeMirror ignores Enter on a completion list younger than its interactionDelay (75 ms).
    await page.waitForTimeout(150);
    await page.keyboard.press('Enter');
    await expect.poll(() => notesBox().textContent()).toContain('Met W-001');
    // Tab leaves the editor (not captured)
    await page.keyboard.press('Tab');
    expect(await focused()).not.toBe('Notes');
    await saved().waitFor({ timeout: 3000 });

    // choose an incident type with the keyboard
    await page.getByRole('button', { name: 'Choose' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type('extortion');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /^Remove Extortion/ }).waitFor();

    // delete with the confirmation dialog, from the keyboard
    await page.getByRole('button', { name: 'Delete' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('alertdialog', { name: /Delete INT-/ });
    await dialog.waitFor();
    expect(await focused()).toBe('Cancel');
    await shoot(page, '31-delete-dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Delete' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Delete interview');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Interviews', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Keyboard only' }).count()).toBe(0);
    await nav('Audit log').click();
    await page.getByRole('cell', { name: 'Interview deleted' }).first().waitFor();
  });

  it('logged no errors and no CSP violations in the page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
