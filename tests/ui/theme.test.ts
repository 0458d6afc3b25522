/**
 * The theme choice in Settings: light, dark or the system's. It is a vault setting: the vault's choice holds
 * while it is open, whatever the system says, and the system's applies again after lock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRenderer, createVaultThroughUi, hasChromium, openPreviewPage, shoot, skipNotice, type PreviewPage } from './support';

skipNotice();

const PASS = 'theme lantern copper river';

describe.skipIf(!hasChromium)('theme choice in Debian Chromium', () => {
  let preview: PreviewPage;
  let page: Page;
  let workDir: string;
  const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  beforeAll(async () => {
    const rendererDir = await buildRenderer();
    workDir = mkdtempSync(join(tmpdir(), 'fv-theme-'));
    preview = await openPreviewPage(rendererDir);
    page = preview.page;
  });

  afterAll(async () => {
    await preview?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('follows the system until a vault chooses; the choice holds while it is open and is kept in the vault', async () => {
    expect(await theme()).toBe('light');
    // Read while nothing is changing (the page has been open a while): read just after a switch, a loaded
    // machine could still give the previous theme's colour.
    const lightBackground = await background();
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(theme).toBe('dark');
    await expect.poll(background).not.toBe(lightBackground);
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(theme).toBe('light');
    await expect.poll(background).toBe(lightBackground);

    await createVaultThroughUi(page, join(workDir, 'Theme.fieldvault'), PASS);
    await page.getByRole('navigation', { name: 'Vault sections' }).getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('combobox', { name: 'Appearance' }).selectOption('dark');
    await expect.poll(theme).toBe('dark');
    await expect.poll(background).not.toBe(lightBackground);
    // The system saying light does not override the vault's choice.
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await theme()).toBe('dark');
    await page.screenshot({ path: `${join(process.cwd(), 'test-artifacts', 'screenshots')}/76-settings-theme-dark-chosen.png` });

    // After lock the system's theme applies; the next unlock brings the vault's choice back.
    await page.keyboard.press('Control+l');
    await page.getByRole('button', { name: 'Unlock', exact: true }).waitFor();
    await expect.poll(theme).toBe('light');
    await page.getByLabel('Passphrase', { exact: true }).fill(PASS);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByRole('heading', { name: 'Interviews', exact: true }).waitFor();
    await expect.poll(theme).toBe('dark');
    await page.getByRole('navigation', { name: 'Vault sections' }).getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('combobox', { name: 'Appearance' }).selectOption('system');
    await expect.poll(theme).toBe('light');
    await shoot(page, '77-settings-theme-system');
  });
});
