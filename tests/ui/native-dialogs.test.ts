import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreviewServer, type PreviewServer } from '../../src/preview/server';
import { buildRenderer, callPreview, CHEAP_KDF, hasChromium, launchChromium, shoot, skipNotice } from './support';

skipNotice();

/**
 * The screens as they are inside the app, where paths come from the system's dialogs: the page runs in Chromium
 * with a stand-in for the Electron preload (installed before the page's scripts, so the preview bridge stays out).
 * The stand-in forwards every operation to the preview server's real core, and answers the dialogs with the paths
 * the test puts in `window.__fv.next`; it also lets the test push clipboard statuses as main would.
 */
type StandIn = {
  next: { vault: string | null; exportFile: string | null; file?: string | null };
  chosen: { modes: string[]; exports: unknown[]; files?: unknown[] };
  clipboard: ((status: string) => void)[];
};

function installElectronStandIn({ token }: { token: string }) {
  const fv: StandIn = { next: { vault: null, exportFile: null }, chosen: { modes: [], exports: [] }, clipboard: [] };
  (window as unknown as { __fv: StandIn }).__fv = fv;
  const send = async (operation: string, payload: unknown) => {
    const res = await fetch(`/api/${encodeURIComponent(operation)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Fieldvault-Token': token },
      body: JSON.stringify(payload ?? {}),
      cache: 'no-store',
      credentials: 'omit',
    });
    return res.json();
  };
  const api: Record<string, unknown> = {
    platform: 'electron',
    chooseVaultLocation: async (mode: string) => {
      fv.chosen.modes.push(mode);
      return fv.next.vault;
    },
    chooseExportFile: async (request: unknown) => {
      fv.chosen.exports.push(request);
      return fv.next.exportFile;
    },
    chooseFile: async (request: unknown) => {
      (fv.chosen.files ??= []).push(request);
      return fv.next.file ?? null;
    },
    onClipboardStatus: (listener: (status: string) => void) => {
      fv.clipboard.push(listener);
      return () => fv.clipboard.splice(fv.clipboard.indexOf(listener), 1);
    },
    onLocked: () => () => undefined,
    onLockRequested: () => () => undefined,
    setNativeText: async () => undefined,
    copySecret: async () => undefined,
  };
  const bridge = new Proxy(api, {
    get: (target, name) => (typeof name === 'string' && /^[a-z]+\.[A-Za-z]+$/.test(name) ? (payload: unknown) => send(name, payload) : typeof name === 'string' ? target[name] : undefined),
  });
  Object.defineProperty(window, 'fieldvault', { value: bridge, writable: false, configurable: false });
}

const PASS = 'lantern copper river mosque';

describe.skipIf(!hasChromium)('native dialogs in the app: read-only paths chosen with Choose…, the clipboard notice', () => {
  let server: PreviewServer;
  let browser: Browser;
  let page: Page;
  let workDir: string;
  const consoleErrors: string[] = [];
  const standIn = () => page.evaluate(() => (window as unknown as { __fv: StandIn }).__fv);

  beforeAll(async () => {
    const rendererDir = await buildRenderer();
    workDir = mkdtempSync(join(tmpdir(), 'fv-native-'));
    mkdirSync(join(workDir, 'out'));
    server = await startPreviewServer({ rendererDir, kdf: CHEAP_KDF });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light', reducedMotion: 'reduce' });
    await context.addInitScript(installElectronStandIn, { token: server.token });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(server.url.replace(/#.*$/, ''));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('takes the vault location from the Open and Save dialogs, not from typing', async () => {
    const unlockLocation = page.getByLabel('Vault location', { exact: true });
    await unlockLocation.waitFor();
    expect(await unlockLocation.isEditable()).toBe(false);
    await page.evaluate(() => {
      (window as unknown as { __fv: StandIn }).__fv.next.vault = null;
    });
    const before = await unlockLocation.inputValue();
    await page.getByRole('button', { name: 'Choose…' }).click();
    // cancelled: the location stays
    await expect.poll(async () => (await standIn()).chosen.modes).toEqual(['open']);
    expect(await unlockLocation.inputValue()).toBe(before);

    await page.getByRole('button', { name: 'Create a vault' }).click();
    const location = page.getByLabel('Location', { exact: true });
    await location.waitFor();
    expect(await location.isEditable()).toBe(false);
    const vaultDir = join(workDir, 'Native.fieldvault');
    await page.evaluate((dir) => {
      (window as unknown as { __fv: StandIn }).__fv.next.vault = dir;
    }, vaultDir);
    await page.getByRole('button', { name: 'Choose…' }).click();
    await expect.poll(() => location.inputValue()).toBe(vaultDir);
    expect((await standIn()).chosen.modes).toEqual(['open', 'create']);
    await page.getByLabel('Passphrase', { exact: true }).fill(PASS);
    await page.getByLabel('Confirm passphrase', { exact: true }).fill(PASS);
    await shoot(page, 'native-dialogs-create');
    await page.getByRole('button', { name: 'Create vault' }).click();
    await page.getByRole('heading', { name: 'Interviews', exact: true }).waitFor();
    expect(existsSync(vaultDir)).toBe(true);
  });

  it('exports only to the file chosen in the Save dialog, offered under a name without anyone in it', async () => {
    await page.getByRole('button', { name: 'New interview' }).first().click();
    await page.getByLabel('Title', { exact: true }).fill('Night search');
    await page.getByRole('textbox', { name: 'Summary' }).click();
    await page.keyboard.insertText('We met in the yard of the house.');
    await page.locator('.save-status--saved').waitFor({ timeout: 5000 });
    await page.getByRole('button', { name: 'Export…' }).click();
    await page.getByRole('heading', { name: /Export INT-0001/ }).waitFor();

    const saveAs = page.getByLabel('Save as');
    const exportButton = page.getByRole('button', { name: 'Export', exact: true });
    expect(await saveAs.isEditable()).toBe(false);
    expect(await saveAs.inputValue()).toBe('');
    expect(await saveAs.getAttribute('placeholder')).toBe('No file chosen yet');
    await expect.poll(() => exportButton.isDisabled()).toBe(true);
    await page.getByText('Choose where to save the file.').waitFor();

    const target = join(workDir, 'out', 'chosen-summary.md');
    await page.evaluate((file) => {
      (window as unknown as { __fv: StandIn }).__fv.next.exportFile = file;
    }, target);
    await page.getByRole('button', { name: 'Choose…' }).click();
    await expect.poll(() => saveAs.inputValue()).toBe(target);
    expect((await standIn()).chosen.exports).toEqual([{ name: 'INT-0001-summary-redacted.md', format: 'md' }]);
    await expect.poll(() => exportButton.isDisabled()).toBe(false);
    await shoot(page, 'native-dialogs-export');
    await exportButton.click();
    await expect.poll(() => existsSync(target)).toBe(true);
    expect(readFileSync(target, 'utf8')).toContain('We met in the yard of the house.');

    // Another format is another file: choose again (main would refuse the old one for it anyway).
    await page.getByRole('radio', { name: 'Plain text' }).check();
    await expect.poll(() => saveAs.inputValue()).toBe('');
    await expect.poll(() => exportButton.isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Choose…' }).click();
    await expect.poll(async () => (await standIn()).chosen.exports).toEqual([
      { name: 'INT-0001-summary-redacted.md', format: 'md' },
      { name: 'INT-0001-summary-redacted.txt', format: 'txt' },
    ]);
  });

  it('writes a brief only to the file chosen in the Save dialog, offered under a dated name, chosen again for another format', async () => {
    await page.getByRole('navigation', { name: 'Vault sections' }).getByRole('button', { name: 'Brief', exact: true }).click();
    await page.getByLabel('Title', { exact: true }).fill('Night searches');
    await page.getByRole('button', { name: 'Review the brief' }).click();
    await page.getByRole('heading', { name: 'Review the brief', level: 1 }).waitFor();
    const saveAs = page.getByLabel('Save as');
    const write = page.getByRole('button', { name: 'Write PDF' });
    expect(await saveAs.isEditable()).toBe(false);
    expect(await saveAs.inputValue()).toBe('');
    await expect.poll(() => write.isDisabled()).toBe(true);
    await page.getByText('Choose where to save the file.').waitFor();

    const target = join(workDir, 'out', 'chosen-brief.pdf');
    await page.evaluate((file) => {
      (window as unknown as { __fv: StandIn }).__fv.next.exportFile = file;
    }, target);
    const before = (await standIn()).chosen.exports.length;
    await page.getByRole('button', { name: 'Choose…' }).click();
    await expect.poll(() => saveAs.inputValue()).toBe(target);
    const asked = (await standIn()).chosen.exports.slice(before) as { name: string; format: string }[];
    expect(asked).toHaveLength(1);
    expect(asked[0]!.format).toBe('pdf');
    expect(asked[0]!.name).toMatch(/^brief-\d{4}-\d{2}-\d{2}\.pdf$/);
    await expect.poll(() => write.isEnabled()).toBe(true);
    await write.click();
    await page.getByRole('status').filter({ hasText: 'Brief written' }).waitFor({ timeout: 30_000 });
    expect(readFileSync(target).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // Word is another file: the PDF chosen is not offered for it
    await page.getByRole('button', { name: "Back to the brief's setup" }).click();
    await page.getByRole('radio', { name: 'Word' }).check();
    await page.getByRole('button', { name: 'Review the brief' }).click();
    await expect.poll(() => saveAs.inputValue()).toBe('');
    await expect.poll(() => page.getByRole('button', { name: 'Write Word' }).isDisabled()).toBe(true);
  });

  it('says when a copied field may still be on the clipboard, until the app reports it gone', async () => {
    const pending = page.getByText('The clipboard may still hold the copied field; Fieldvault will clear it when its window is focused.');
    expect(await pending.count()).toBe(0);
    await page.evaluate(() => (window as unknown as { __fv: StandIn }).__fv.clipboard.forEach((l) => l('pending')));
    await pending.waitFor();
    await shoot(page, 'clipboard-notice');
    // over the lock screen too (a lock clears the clipboard, so that is where it is most often seen)
    await page.getByRole('button', { name: /^Lock/ }).click();
    await page.getByLabel('Vault location', { exact: true }).waitFor();
    await pending.waitFor();
    await shoot(page, 'clipboard-notice-locked');
    await page.evaluate(() => (window as unknown as { __fv: StandIn }).__fv.clipboard.forEach((l) => l('resolved')));
    await pending.waitFor({ state: 'detached' });
    await page.evaluate(() => (window as unknown as { __fv: StandIn }).__fv.clipboard.forEach((l) => l('failed')));
    const failed = page.getByText(/could not check the clipboard/);
    await failed.waitFor();
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await failed.waitFor({ state: 'detached' });
    expect(consoleErrors).toEqual([]);
  });

  it('backs up, opens a bundle and restores only through the dialogs: no path fields to type in', async () => {
    const next = (file: string | null) =>
      page.evaluate((f) => {
        (window as unknown as { __fv: StandIn }).__fv.next.file = f;
      }, file);
    await page.getByLabel('Passphrase', { exact: true }).fill(PASS);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByRole('heading', { name: 'Interviews', exact: true }).waitFor();

    // a backup: the Save dialog offers a dated name; the file chosen there is written
    const backup = join(workDir, 'out', 'vault.fvbackup');
    await next(backup);
    await page.getByRole('navigation', { name: 'Vault sections' }).getByRole('button', { name: 'Settings', exact: true }).click();
    const section = page.locator('.backup-section');
    await section.getByRole('button', { name: 'Back up now…' }).click();
    await section.getByText('Backup written and verified').waitFor();
    expect(await section.getByLabel('Backup file').count()).toBe(0);
    expect(existsSync(backup)).toBe(true);
    expect((await standIn()).chosen.files).toEqual([{ purpose: 'backup-create', name: expect.stringMatching(/^fieldvault-backup-\d{4}-\d{2}-\d{2}\.fvbackup$/) }]);

    // Received: one button, the Open dialog; a file that is no bundle is refused by its own message
    const notes = join(workDir, 'out', 'notes.fvb');
    writeFileSync(notes, 'notes\n');
    await next(notes);
    await page.getByRole('navigation', { name: 'Vault sections' }).getByRole('button', { name: 'Received', exact: true }).click();
    expect(await page.getByLabel('Bundle file (.fvb)').count()).toBe(0);
    await page.getByRole('button', { name: 'Open a bundle…' }).click();
    await page.getByText('This file is not a Fieldvault bundle (.fvb). Nothing was changed.').waitFor();
    expect((await standIn()).chosen.files?.at(-1)).toEqual({ purpose: 'received-open' });
    await shoot(page, 'native-dialogs-received');

    // Restore: the backup from the Open dialog, the new folder from the folder dialog
    await page.getByRole('button', { name: /^Lock/ }).click();
    await page.getByRole('button', { name: 'Restore from a backup…' }).click();
    const file = page.getByLabel('Backup file');
    const folder = page.getByLabel('New vault folder');
    expect(await file.isEditable()).toBe(false);
    expect(await folder.isEditable()).toBe(false);
    await next(backup);
    await page.getByRole('button', { name: 'Choose…' }).first().click();
    await expect.poll(() => file.inputValue()).toBe(backup);
    expect((await standIn()).chosen.files?.at(-1)).toEqual({ purpose: 'backup-open' });
    const restored = join(workDir, 'Restored vault');
    await page.evaluate((v) => {
      (window as unknown as { __fv: StandIn }).__fv.next.vault = v;
    }, restored);
    await page.getByRole('button', { name: 'Choose…' }).nth(1).click();
    await expect.poll(() => folder.inputValue()).toBe(restored);
    await shoot(page, 'native-dialogs-restore');
    await page.getByLabel('The vault’s passphrase', { exact: true }).fill(PASS);
    await page.getByRole('button', { name: 'Restore', exact: true }).click();
    await page.getByText(/^Restored, as a rollback/).waitFor();
    expect(await page.getByLabel('Vault location', { exact: true }).inputValue()).toBe(restored);
    expect(consoleErrors).toEqual([]);
  });

  it('sends the register away to the package chosen in the Save dialog and brings it back from the one chosen to open', async () => {
    const next = (file: string | null) =>
      page.evaluate((f) => {
        (window as unknown as { __fv: StandIn }).__fv.next.file = f;
      }, file);
    await page.getByLabel('Passphrase', { exact: true }).fill(PASS);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByRole('heading', { name: 'Interviews', exact: true }).waitFor();
    await page.getByRole('navigation', { name: 'Vault sections' }).getByRole('button', { name: 'Travel', exact: true }).click();
    const file = page.getByLabel('Package file');
    await file.waitFor();
    expect(await file.isEditable()).toBe(false);
    // nothing chosen yet: the review asks for the file first
    await page.getByRole('button', { name: 'Review and send away…' }).click();
    await page.getByText('Choose where to save the package first.').waitFor();
    // cancelled: still nothing
    await next(null);
    await page.getByRole('button', { name: 'Choose where to save the package…' }).click();
    await expect.poll(async () => (await standIn()).chosen.files?.at(-1)).toEqual({ purpose: 'travel-create', name: expect.stringMatching(/^fieldvault-travel-\d{4}-\d{2}-\d{2}\.fvtravel$/) });
    expect(await file.inputValue()).toBe('');
    const pkg = join(workDir, 'out', 'trip.fvtravel');
    await next(pkg);
    await page.getByRole('button', { name: 'Choose where to save the package…' }).click();
    await expect.poll(() => file.inputValue()).toBe(pkg);

    // an empty register and no tagged interview: refused in plain words before any code is shown, nothing written
    await page.getByRole('button', { name: 'Review and send away…' }).click();
    await page.getByText('There is nothing to take away: the register is empty and no interview carries the ticked tags.').waitFor();
    expect(existsSync(pkg)).toBe(false);

    await callPreview(server, 'people.create', { fields: { pseudonym: 'Asel', given: { latin: 'Aigul', cyrillic: 'Айгуль' } } });
    await page.getByRole('navigation', { name: 'Vault sections' }).getByRole('button', { name: 'People', exact: true }).click();
    await page.getByRole('navigation', { name: 'Vault sections' }).getByRole('button', { name: 'Travel', exact: true }).click();
    await next(pkg);
    await page.getByRole('button', { name: 'Choose where to save the package…' }).click();
    await expect.poll(() => file.inputValue()).toBe(pkg);
    await page.getByRole('button', { name: 'Review and send away…' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Continue' }).click();
    const words = page.locator('.recovery__text');
    await expect.poll(() => words.count(), { timeout: 30_000 }).toBe(12);
    const code = (await words.allInnerTexts()).join(' ');
    expect(existsSync(pkg)).toBe(false);
    // the three words asked, typed back (as from the paper)
    for (const label of await page.locator('.recovery__input label').allInnerTexts()) {
      await page.getByLabel(label, { exact: true }).fill(code.split(' ')[Number(label.replace(/\D/g, '')) - 1]!);
    }
    await page.getByRole('button', { name: 'Move the register out now' }).click();
    await page.getByRole('heading', { name: 'The register has left the vault' }).waitFor({ timeout: 30_000 });
    expect(existsSync(pkg)).toBe(true);
    await page.getByRole('button', { name: 'Done', exact: true }).click();

    // back: the package from the Open dialog (no path to type), the code typed
    const opened = page.getByLabel('Travel package');
    expect(await opened.isEditable()).toBe(false);
    await next(pkg);
    await page.getByRole('button', { name: 'Choose the package…' }).click();
    await expect.poll(() => opened.inputValue()).toBe(pkg);
    expect((await standIn()).chosen.files?.at(-1)).toEqual({ purpose: 'travel-open' });
    await page.getByLabel('Recovery code').fill(code);
    await shoot(page, 'native-dialogs-travel-end');
    await page.getByRole('button', { name: 'Bring the register back' }).click();
    await page.getByText('The register is back', { exact: true }).waitFor({ timeout: 30_000 });
    expect(consoleErrors).toEqual([]);
  });
});
