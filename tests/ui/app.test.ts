import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreviewServer, type PreviewServer } from '../../src/preview/server';
import { buildRenderer, CHEAP_KDF, hasChromium, launchChromium, shoot, skipNotice } from './support';

skipNotice();

const FIRST = 'lantern copper river mosque';
const SECOND = 'orchard violin glacier tundra';

describe.skipIf(!hasChromium)('Fieldvault UI in Debian Chromium (preview against the real core)', () => {
  let server: PreviewServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let workDir: string;
  let vaultPath: string;
  const consoleErrors: string[] = [];

  const passphraseInput = () => page.getByLabel('Passphrase', { exact: true });
  const locationInput = () => page.getByLabel('Vault location', { exact: true });
  const unlockHeading = () => page.getByRole('heading', { name: 'Unlock your vault' });

  async function unlock(passphrase: string): Promise<void> {
    await passphraseInput().fill(passphrase);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByRole('banner').getByText('Unlocked').waitFor();
  }

  async function expectLockedAndClean(): Promise<void> {
    await unlockHeading().waitFor();
    const html = await page.content();
    for (const leftover of ['Vault created', 'Audit log', 'No interviews yet', 'Unlocked', 'Chain verified', 'Passphrase changed']) {
      expect(html, leftover).not.toContain(leftover);
    }
    expect(await passphraseInput().inputValue()).toBe('');
  }

  beforeAll(async () => {
    const rendererDir = await buildRenderer();
    workDir = mkdtempSync(join(tmpdir(), 'fv-ui-'));
    vaultPath = join(workDir, 'Fieldwork.fieldvault');
    server = await startPreviewServer({ rendererDir, kdf: CHEAP_KDF });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light', reducedMotion: 'reduce' });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('opens on the unlock screen and takes the token out of the address bar', async () => {
    await unlockHeading().waitFor();
    expect(page.url()).not.toContain('token');
    expect(await locationInput().inputValue()).toBe('~/Documents/Fieldwork.fieldvault');
    // no native dialog in a browser tab
    expect(await page.getByRole('button', { name: 'Browse…' }).count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('passphrase');
    await shoot(page, '01-unlock');
  });

  it('creates a vault: strength meter, minimum strength, mismatch message', async () => {
    await page.getByRole('button', { name: 'Create a vault' }).click();
    await page.getByRole('heading', { name: 'Create a vault' }).waitFor();
    await page.getByLabel('Location', { exact: true }).fill(vaultPath);
    const meter = page.getByRole('meter', { name: 'Passphrase strength' });
    await shoot(page, '02-create-empty');

    await passphraseInput().fill('password123');
    // The core's policy answers about 150 ms after typing stops (passphrase.assess); its first answer also loads
    // the dictionaries in the vault worker, over a second on a busy two-core machine.
    await expect.poll(() => meter.getAttribute('aria-valuetext'), { timeout: 10_000 }).toMatch(/^(Very weak|Weak), not accepted$/);
    await page.getByText(/commonly used password/).waitFor();
    await page.getByRole('button', { name: 'Create vault' }).click();
    await page.getByText('Not strong enough yet').waitFor();
    await shoot(page, '03-create-weak');

    await passphraseInput().fill(FIRST);
    await expect.poll(() => meter.getAttribute('aria-valuetext'), { timeout: 10_000 }).toMatch(/^(Good|Strong), accepted$/);
    await page.getByLabel('Confirm passphrase', { exact: true }).fill('lantern copper river mosquito');
    await page.getByText('The passphrases do not match.').waitFor();
    await shoot(page, '04-create-mismatch');

    await page.getByLabel('Confirm passphrase', { exact: true }).fill(FIRST);
    expect(await page.getByText('The passphrases do not match.').count()).toBe(0);
    await page.getByRole('button', { name: 'Create vault' }).click();

    await page.getByRole('heading', { name: 'Interviews', exact: true }).waitFor();
    await expect.poll(() => page.getByRole('banner').textContent()).toContain('Fieldwork');
    await page.getByText('No interviews yet').waitFor();
    await shoot(page, '05-interviews-empty');
  });

  it('shows the other sections, with a real audit log', async () => {
    const nav = page.getByRole('navigation', { name: 'Vault sections' });
    await nav.getByRole('button', { name: 'People' }).click();
    await page.getByText('No people yet').waitFor();
    await shoot(page, '06-people-empty');

    await nav.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('searchbox', { name: 'Search the vault' }).fill('Azimjon');
    await page.getByRole('search').getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('No matches').waitFor();
    await shoot(page, '07-search');

    await nav.getByRole('button', { name: 'Audit log' }).click();
    const table = page.getByRole('table', { name: 'Audit log, newest first' });
    await table.getByRole('cell', { name: 'Vault created' }).waitFor();
    await page.getByText('Chain verified').waitFor();
    expect(await nav.getByRole('button', { name: 'Audit log' }).getAttribute('aria-current')).toBe('page');
    await shoot(page, '08-audit-log');

    await nav.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Change passphrase', exact: true }).waitFor();
    await shoot(page, '09-settings');
  });

  it('locks with the Lock button and leaves nothing behind', async () => {
    await page.getByRole('button', { name: /^Lock/ }).click();
    await expectLockedAndClean();
    expect(await locationInput().inputValue()).toBe(vaultPath);
  });

  it('explains a wrong passphrase and other unlock errors', async () => {
    await passphraseInput().fill('definitely not it');
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    const message = page.getByText('That passphrase does not open this vault.');
    await message.waitFor();
    expect(await passphraseInput().getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('passphrase');
    await shoot(page, '10-unlock-wrong-passphrase');

    await locationInput().fill(join(workDir, 'missing.fieldvault'));
    await passphraseInput().fill(FIRST);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByText('There is no vault at this location.').waitFor();

    const plainFolder = join(workDir, 'just-a-folder');
    mkdirSync(plainFolder, { recursive: true });
    await locationInput().fill(plainFolder);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByText('This is not a Fieldvault vault.').waitFor();
    await locationInput().fill(vaultPath);
  });

  it('shows a busy state while the key is derived', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    await page.route('**/api/vault.unlock', async (route) => {
      await gate;
      await route.continue();
    });
    await passphraseInput().fill(FIRST);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    const busy = page.getByRole('button', { name: 'Unlocking…' });
    await busy.waitFor();
    expect(await busy.isDisabled()).toBe(true);
    await page.getByText('Deriving the key from your passphrase').waitFor();
    await shoot(page, '11-unlock-busy');
    release();
    await page.getByRole('banner').getByText('Unlocked').waitFor();
    await page.unroute('**/api/vault.unlock');
  });

  it('locks with Ctrl+L from anywhere, even inside a text field', async () => {
    await page.getByRole('navigation', { name: 'Vault sections' }).getByRole('button', { name: 'Search' }).click();
    await page.getByRole('searchbox', { name: 'Search the vault' }).fill('border');
    await page.keyboard.press('Control+l');
    await expectLockedAndClean();
  });

  it('unlocks and moves around with the keyboard only', async () => {
    // focus lands in the passphrase field; Shift+Tab reaches the location, Tab comes back
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('passphrase');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('vault-path');
    await page.keyboard.press('Tab');
    await page.keyboard.type(FIRST);
    await page.keyboard.press('Tab'); // show/hide toggle
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Show passphrase');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Unlock');
    await page.keyboard.press('Enter');
    await page.getByRole('banner').getByText('Unlocked').waitFor();

    // Tab to the section list, arrows to move, Enter to open
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Interviews') break;
    }
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Interviews');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Brief');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Received');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Colleagues');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Audit log');
    await page.keyboard.press('Enter');
    await page.getByRole('table', { name: 'Audit log, newest first' }).getByRole('cell', { name: 'Vault unlocked' }).first().waitFor();
    await shoot(page, '12-keyboard-focus');

    await page.keyboard.press('Control+l');
    await expectLockedAndClean();
    // Enter in the passphrase field submits too
    await page.keyboard.type(FIRST);
    await page.keyboard.press('Enter');
    await page.getByRole('banner').getByText('Unlocked').waitFor();
  });

  it('changes the passphrase; only the new one unlocks afterwards', async () => {
    await page.getByRole('navigation', { name: 'Vault sections' }).getByRole('button', { name: 'Settings' }).click();
    const current = page.getByLabel('Current passphrase', { exact: true });
    const next = page.getByLabel('New passphrase', { exact: true });
    const confirm = page.getByLabel('Confirm new passphrase', { exact: true });
    const submit = page.getByRole('button', { name: 'Change passphrase' });

    await current.fill('not the current one');
    await next.fill(SECOND);
    await confirm.fill(SECOND);
    await submit.click();
    await page.getByText('This is not the current passphrase.').waitFor();

    await current.fill(FIRST);
    await next.fill('qwerty123456');
    await confirm.fill('qwerty123456');
    await submit.click();
    await page.getByText('Not strong enough yet').waitFor();
    await shoot(page, '13-settings-weak');

    await next.fill(SECOND);
    await confirm.fill(SECOND);
    await submit.click();
    await page.getByText('Passphrase changed').waitFor();
    expect(await current.inputValue()).toBe('');
    await shoot(page, '14-settings-changed');

    await page.keyboard.press('Control+l');
    await expectLockedAndClean();
    await passphraseInput().fill(FIRST);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByText('That passphrase does not open this vault.').waitFor();
    await unlock(SECOND);
    await page.getByRole('button', { name: /^Lock/ }).click();
    await expectLockedAndClean();
  });

  it('warns after unlock when records are damaged, the seal is broken or the audit chain is cut', async () => {
    const db = new Database(join(vaultPath, 'fieldvault.db'));
    const audit = db.prepare('SELECT id FROM records WHERE kind = 3').all() as { id: Buffer }[];
    expect(audit.length).toBeGreaterThan(2);
    db.prepare('DELETE FROM records WHERE id = ?').run(audit[1]!.id);
    db.prepare('UPDATE records SET box = zeroblob(length(box)) WHERE id = ?').run(audit[2]!.id);
    db.close();

    await unlock(SECOND);
    const banner = page.getByRole('status').filter({ hasText: 'This vault may have been tampered with or damaged' });
    await banner.waitFor();
    // the seal is checked at unlock; damaged records may be found by the background check a moment later
    // the deleted audit entry is named by kind (by the last session's copy, or by the seal's count of audit
    // entries when the copy did not cover it), the zeroed one cannot be read
    await banner.getByText(/audit entry\) is missing from the database|The seal counts \d+ audit entries/).waitFor();
    await banner.getByText(/audit entry\) cannot be read/).waitFor();
    await banner.getByText(/Exports are refused/).waitFor();
    await page.getByText('Checking every record…').waitFor({ state: 'detached' });
    await shoot(page, '15-unlock-warnings');

    await page.getByRole('navigation', { name: 'Vault sections' }).getByRole('button', { name: 'Audit log' }).click();
    await shoot(page, '16-audit-log-after-tampering');

    await banner.getByRole('button', { name: 'Dismiss' }).click();
    expect(await banner.count()).toBe(0);
    await page.keyboard.press('Control+l');
    await expectLockedAndClean();
  });

  it('logged no errors and no CSP violations in the page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
