/**
 * The shell never scrolls, only content panes: with long content (a long interview, a long audit log, the
 * export review) the window stays put under the wheel and the keyboard — the document's scroll position stays
 * 0, the top bar stays at y=0, and no element outside the main pane scrolls.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VaultService } from '../../src/core/service';
import { buildRenderer, CHEAP_KDF, hasChromium, openPreviewPage, repoRoot, shoot, skipNotice, unlockThroughUi, type PreviewPage } from './support';

skipNotice();

const PASS = 'shell scroll lantern copper';
const LONG_TITLE = 'A long account of the border crossing';

/** A vault with one very long interview and enough others that the audit log and the list run long. */
async function makeVault(dir: string): Promise<string> {
  const vault = join(dir, 'Scroll.fieldvault');
  const svc = new VaultService({ kdf: CHEAP_KDF });
  await svc.create(vault, PASS);
  const paragraphs = Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1}. The group waited at the crossing through the night; the guards changed at dawn and the questions began again.`);
  svc.createInterview({ title: LONG_TITLE, body: paragraphs.join('\n\n'), summary: paragraphs.slice(0, 12).join('\n\n') });
  for (let i = 0; i < 40; i++) svc.createInterview({ title: `Interview number ${i + 1}` });
  // people make the editor show its (visually hidden) "link a person" label, low in the side column
  svc.createPeople([{ pseudonym: 'Witness One' }, { pseudonym: 'Witness Two' }]);
  svc.lock();
  return vault;
}

interface ScrollState {
  readonly documentTop: number;
  readonly documentLeft: number;
  readonly topBarY: number;
  readonly sidebarY: number;
  readonly mainTop: number;
  /** Elements outside #main that are scrolled (by tag.class), which must be none. */
  readonly strays: readonly string[];
}

async function scrollState(page: Page): Promise<ScrollState> {
  return page.evaluate(() => {
    const main = document.getElementById('main')!;
    const strays: string[] = [];
    for (const el of [document.documentElement, document.body, ...Array.from(document.querySelectorAll('*'))]) {
      if (main.contains(el)) continue;
      if (el.scrollTop !== 0 || el.scrollLeft !== 0) strays.push(`${el.tagName.toLowerCase()}.${el.className}`);
    }
    return {
      documentTop: document.scrollingElement!.scrollTop,
      documentLeft: document.scrollingElement!.scrollLeft,
      topBarY: document.querySelector('.topbar')!.getBoundingClientRect().top,
      sidebarY: document.querySelector('.sidebar')!.getBoundingClientRect().top,
      mainTop: main.scrollTop,
      strays,
    };
  });
}

describe.skipIf(!hasChromium)('the shell never scrolls in Debian Chromium, only the main pane', () => {
  let preview: PreviewPage;
  let page: Page;
  let workDir: string;

  const nav = (name: string) => page.getByRole('navigation', { name: 'Vault sections' }).getByRole('button', { name });

  beforeAll(async () => {
    const rendererDir = await buildRenderer(`${repoRoot}test-artifacts/renderer-shell-scroll`);
    workDir = mkdtempSync(join(tmpdir(), 'fv-scroll-'));
    const vault = await makeVault(workDir);
    preview = await openPreviewPage(rendererDir);
    page = preview.page;
    await unlockThroughUi(page, vault, PASS);
  });

  afterAll(async () => {
    await preview?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  const settle = () => page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 150)))));

  /**
   * Tries every way a window scrolls: the wheel over the sidebar and the top bar (nothing there scrolls, so the
   * wheel would chain to the page), End and PageDown with focus on the page, then the wheel and the keyboard on
   * the main pane. The shell is checked before and after the main pane moves.
   */
  async function scrollHard(): Promise<void> {
    await page.mouse.move(100, 560);
    await page.mouse.wheel(0, 2000);
    await page.mouse.move(600, 20);
    await page.mouse.wheel(0, 2000);
    // a click on the sidebar's empty part puts keyboard scrolling on the page, not on the main pane
    await page.mouse.click(100, 560);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('End');
    await page.keyboard.press('PageDown');
    await settle();
    await expectShellFixed();
    await page.mouse.move(700, 500);
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, 2000);
    await page.keyboard.press('End');
    await page.keyboard.press('PageDown');
    await settle();
  }

  async function expectShellFixed(): Promise<ScrollState> {
    const state = await scrollState(page);
    expect(state.documentTop).toBe(0);
    expect(state.documentLeft).toBe(0);
    expect(state.topBarY).toBe(0);
    expect(state.sidebarY).toBeGreaterThan(0);
    expect(state.strays).toEqual([]);
    // nothing escapes the panes: the document is exactly the window, so there is nothing to scroll
    expect(await page.evaluate(() => document.scrollingElement!.scrollHeight - window.innerHeight)).toBe(0);
    return state;
  }

  it('a long interview: the main pane scrolls, the window does not', async () => {
    await page.getByText(LONG_TITLE).first().click();
    await page.getByLabel('Title', { exact: true }).waitFor();
    await expectShellFixed();
    await expect.poll(() => page.getByRole('textbox', { name: 'Summary' }).textContent()).toContain('Paragraph 1.');
    await scrollHard();
    const state = await expectShellFixed();
    expect(state.mainTop).toBeGreaterThan(0);
    await shoot(page, '90-shell-scroll-long-interview');
  });

  it('the interview list and the audit log: the window stays put', async () => {
    await nav('Interviews').click();
    await page.getByText('Interview number 40').waitFor();
    await scrollHard();
    expect((await expectShellFixed()).mainTop).toBeGreaterThan(0);

    await nav('Audit log').click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await page.locator('table tbody tr').nth(30).waitFor();
    await scrollHard();
    expect((await expectShellFixed()).mainTop).toBeGreaterThan(0);
    await shoot(page, '91-shell-scroll-audit-log');
  });

  it('the export review: the window stays put', async () => {
    await nav('Interviews').click();
    await page.getByText(LONG_TITLE).first().click();
    await page.getByRole('button', { name: 'Export…' }).click();
    await page.getByRole('article', { name: 'Redacted result' }).waitFor();
    // at a full-size window the review fits the pane exactly: the texts scroll inside it, the pane does not
    expect(await page.evaluate(() => document.getElementById('main')!.scrollHeight - document.getElementById('main')!.clientHeight)).toBe(0);
    await scrollHard();
    await expectShellFixed();
    await shoot(page, '92-shell-scroll-export-review');
  });

  it('settings, with the taxonomy and its hidden group legends: the window stays put', async () => {
    await nav('Settings').click();
    await page.getByRole('heading', { name: 'Settings', exact: true }).waitFor();
    await expectShellFixed();
    await scrollHard();
    expect((await expectShellFixed()).mainTop).toBeGreaterThan(0);
    await shoot(page, '93-shell-scroll-settings');
  });

  it('a small window: the same, on every screen', async () => {
    await page.setViewportSize({ width: 1000, height: 560 });
    await nav('Interviews').click();
    await page.getByText(LONG_TITLE).first().click();
    await page.getByLabel('Title', { exact: true }).waitFor();
    await expectShellFixed();
    await scrollHard();
    await expectShellFixed();
    await page.getByRole('button', { name: 'Export…' }).click();
    await page.getByRole('article', { name: 'Redacted result' }).waitFor();
    await scrollHard();
    await expectShellFixed();
    await shoot(page, '94-shell-scroll-small-export');
    for (const section of ['People', 'Search', 'Audit log', 'Settings']) {
      await nav(section).click();
      await scrollHard();
      await expectShellFixed();
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('the locked screens scroll in their own column, not the window', async () => {
    await page.keyboard.press('Control+l');
    await page.getByRole('button', { name: 'Unlock', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Create a vault' }).click();
    await page.getByLabel('Confirm passphrase', { exact: true }).waitFor();
    await page.setViewportSize({ width: 1000, height: 560 });
    await page.mouse.move(500, 300);
    for (let i = 0; i < 4; i++) await page.mouse.wheel(0, 1500);
    await settle();
    const state = await page.evaluate(() => ({
      documentTop: document.scrollingElement!.scrollTop,
      overflow: document.scrollingElement!.scrollHeight - window.innerHeight,
      lockedTop: document.querySelector('.locked')!.scrollTop,
    }));
    expect(state).toMatchObject({ documentTop: 0, overflow: 0 });
    expect(state.lockedTop).toBeGreaterThan(0);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('logged no errors in the page', () => {
    expect(preview.consoleErrors).toEqual([]);
  });
});
