/** Ctrl+K and Ctrl+F open Search from anywhere, the note editor included, with the cursor in the search field. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreviewServer, type PreviewServer } from '../../src/preview/server';
import { buildRenderer, CHEAP_KDF, hasChromium, launchChromium, skipNotice } from './support';

skipNotice();

const PASS = 'shortcut lantern copper river';

describe.skipIf(!hasChromium)('the search shortcut in Debian Chromium', () => {
  let server: PreviewServer;
  let browser: Browser;
  let page: Page;
  let workDir: string;
  const searchField = () => page.getByRole('searchbox', { name: 'Search the vault' });
  const focusedIsSearch = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type === 'search');

  beforeAll(async () => {
    const rendererDir = await buildRenderer();
    workDir = mkdtempSync(join(tmpdir(), 'fv-shortcut-'));
    server = await startPreviewServer({ rendererDir, kdf: CHEAP_KDF });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' })).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Create a vault' }).click();
    await page.getByLabel('Location', { exact: true }).fill(join(workDir, 'Shortcut.fieldvault'));
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

  it('Ctrl+K from the interview list and Ctrl+F from inside the title field both land in the search field', async () => {
    await page.keyboard.press('Control+k');
    await searchField().waitFor();
    await expect.poll(focusedIsSearch).toBe(true);
    await searchField().fill('detention');

    await page.getByRole('navigation', { name: 'Vault sections' }).getByRole('button', { name: 'Interviews' }).click();
    await page.getByRole('button', { name: /New interview/ }).first().click();
    const title = page.getByRole('textbox', { name: 'Title' });
    await title.click();
    await page.keyboard.type('A title being typed');
    await page.keyboard.press('Control+f');
    await searchField().waitFor();
    await expect.poll(focusedIsSearch).toBe(true);
    // Pressed again while Search is open: the field keeps the focus and what was typed is selected.
    await page.keyboard.press('Control+k');
    await expect.poll(focusedIsSearch).toBe(true);
  });
});
