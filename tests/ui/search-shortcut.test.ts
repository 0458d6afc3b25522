/** Ctrl+K and Ctrl+F open Search from anywhere, the note editor included, with the cursor in the search field. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRenderer, createVaultThroughUi, hasChromium, openPreviewPage, skipNotice, type PreviewPage } from './support';

skipNotice();

const PASS = 'shortcut lantern copper river';

describe.skipIf(!hasChromium)('the search shortcut in Debian Chromium', () => {
  let preview: PreviewPage;
  let page: Page;
  let workDir: string;
  const searchField = () => page.getByRole('searchbox', { name: 'Search the vault' });
  const focusedIsSearch = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type === 'search');

  beforeAll(async () => {
    const rendererDir = await buildRenderer();
    workDir = mkdtempSync(join(tmpdir(), 'fv-shortcut-'));
    preview = await openPreviewPage(rendererDir);
    page = preview.page;
    await createVaultThroughUi(page, join(workDir, 'Shortcut.fieldvault'), PASS);
  });

  afterAll(async () => {
    await preview?.close();
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
