/**
 * The theme choice in Settings: light, dark or the system's. It is a vault setting: the vault's choice holds
 * while it is open, whatever the system says, and the system's applies again after lock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreviewServer, type PreviewServer } from '../../src/preview/server';
import { buildRenderer, CHEAP_KDF, hasChromium, launchChromium, shoot, skipNotice } from './support';

skipNotice();

const PASS = 'theme lantern copper river';

describe.skipIf(!hasChromium)('theme choice in Debian Chromium', () => {
  let server: PreviewServer;
  let browser: Browser;
  let page: Page;
  let workDir: string;
  const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  beforeAll(async () => {
    const rendererDir = await buildRenderer();
    workDir = mkdtempSync(join(tmpdir(), 'fv-theme-'));
    server = await startPreviewServer({ rendererDir, kdf: CHEAP_KDF });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light', reducedMotion: 'reduce' });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('follows the system until a vault chooses; the choice holds while it is open and is kept in the vault', async () => {
    expect(await theme()).toBe('light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(theme).toBe('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(theme).toBe('light');
    const lightBackground = await background();

    await page.getByRole('button', { name: 'Create a vault' }).click();
    await page.getByLabel('Location', { exact: true }).fill(join(workDir, 'Theme.fieldvault'));
    await page.getByLabel('Passphrase', { exact: true }).fill(PASS);
    await page.getByLabel('Confirm passphrase', { exact: true }).fill(PASS);
    await page.getByRole('button', { name: 'Create vault' }).click();
    await page.getByRole('heading', { name: 'Interviews', exact: true }).waitFor();
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
