/**
 * Usable by everyone, in Debian Chromium: focus goes to the new view's level-one heading after every change of
 * view (so the next Tab does not land on Lock and a screen reader reads where it is); shortcuts need Ctrl (⌘)
 * and keep their keys out of button names; one identity field revealed at a time, and one that hides itself
 * says so; mentions are atomic chips; @ with an empty register explains how to add a person.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VaultService } from '../../src/core/service';
import { buildRenderer, CHEAP_KDF, createVaultThroughUi, hasChromium, openPreviewPage, shoot, skipNotice, type PreviewPage } from './support';

skipNotice();

const PASS = 'usable lantern copper river';

async function makeVault(dir: string): Promise<string> {
  const vault = join(dir, 'Usable.fieldvault');
  const svc = new VaultService({ kdf: CHEAP_KDF });
  await svc.create(vault, PASS);
  svc.createPeople([
    { pseudonym: 'Asel', given: { latin: 'Aigul', cyrillic: 'Айгуль' }, family: { latin: 'Sultanalieva', cyrillic: 'Султаналиева' } },
    { pseudonym: 'Bakyt', role: 'official' },
  ]);
  svc.createInterview({ title: 'Checkpoint at night', date: '2026-03-02', body: 'W-001 saw the checkpoint close.\n\n@W-002 confirmed it. W-0017 is not a mention.' });
  svc.lock('user');
  return vault;
}

describe.skipIf(!hasChromium)('usable by everyone in Debian Chromium', () => {
  let preview: PreviewPage;
  let page: Page;
  let workDir: string;
  let vault: string;

  const nav = (name: string) => page.getByRole('navigation', { name: 'Vault sections' }).getByRole('button', { name });
  /** What has focus: an h1 as "h1: its text", anything else by tag and accessible label. */
  const focused = () =>
    page.evaluate(() => {
      const deep = (d: Document | ShadowRoot): Element | null => {
        const a = d.activeElement;
        return a?.shadowRoot?.activeElement ? deep(a.shadowRoot) : a;
      };
      const a = deep(document);
      if (!a || a === document.body) return 'body';
      if (a.tagName === 'H1') return `h1: ${a.textContent?.replace(/\s+/g, ' ').trim()}`;
      return `${a.tagName.toLowerCase()}: ${a.getAttribute('aria-label') ?? a.id ?? ''}`;
    });
  const h1Count = () => page.locator('h1').count();
  const notes = () => page.getByRole('textbox', { name: 'Notes' });

  async function unlock(path: string): Promise<void> {
    await page.getByLabel('Vault location', { exact: true }).fill(path);
    await page.getByLabel('Passphrase', { exact: true }).fill(PASS);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  }

  beforeAll(async () => {
    const rendererDir = await buildRenderer();
    workDir = mkdtempSync(join(tmpdir(), 'fv-usable-'));
    vault = await makeVault(workDir);
    preview = await openPreviewPage(rendererDir);
    page = preview.page;
    // time flows normally; the reveal test jumps over the 30 seconds
    await page.clock.install();
    await page.goto(preview.server.url);
    await unlock(vault);
  });

  afterAll(async () => {
    await preview?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('moves focus to the heading of every new view, and the next Tab stays in the view', async () => {
    // after unlock: the list's heading, not the body
    await expect.poll(focused).toBe('h1: Interviews');
    expect(await h1Count()).toBe(1);

    // opening an interview from the list (the row's button goes away with the list)
    await page.getByRole('button', { name: 'Checkpoint at night' }).click();
    await expect.poll(focused).toBe('h1: INT-0001: Checkpoint at night');
    expect(await h1Count()).toBe(1);
    await page.keyboard.press('Tab');
    expect(await focused()).not.toMatch(/Lock/);
    expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);

    // Export… and Back
    await page.getByRole('button', { name: 'Export…' }).click();
    await expect.poll(focused).toBe('h1: Export INT-0001');
    expect(await h1Count()).toBe(1);
    await page.getByRole('button', { name: 'Back to INT-0001' }).click();
    await expect.poll(focused).toBe('h1: INT-0001: Checkpoint at night');
    await page.locator('.back-link').click();
    await expect.poll(focused).toBe('h1: Interviews');

    // sections, from the sidebar: focus leaves the sidebar for the section's heading
    await nav('People').click();
    await expect.poll(focused).toBe('h1: People');
    await page.getByRole('button', { name: 'Open W-001, Asel' }).click();
    await expect.poll(focused).toBe('h1: W-001: Asel');
    expect(await h1Count()).toBe(1);
    await nav('Audit log').click();
    await expect.poll(focused).toBe('h1: Audit log');
    await nav('Settings').click();
    await expect.poll(focused).toBe('h1: Settings');
    expect(await h1Count()).toBe(1);
    // Search puts the cursor in its field (the field is named Search, so the view is announced all the same)
    await nav('Search').click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
    expect(await h1Count()).toBe(1);
    await nav('Interviews').click();
    await expect.poll(focused).toBe('h1: Interviews');
  });

  it('names buttons without their shortcut and gives the shortcut in aria-keyshortcuts', async () => {
    const lock = page.getByRole('button', { name: 'Lock', exact: true });
    expect(await lock.getAttribute('aria-keyshortcuts')).toBe('Control+L');
    // the visible key cap is still there, for sighted keyboard users
    expect(await lock.locator('kbd').textContent()).toBe('Ctrl L');
    const add = page.getByRole('button', { name: 'New interview', exact: true });
    expect(await add.getAttribute('aria-keyshortcuts')).toBe('Control+N');
    expect(await add.locator('kbd').getAttribute('aria-hidden')).toBe('true');
    expect(await nav('Search').getAttribute('aria-keyshortcuts')).toBe('Control+K Control+F');
    await shoot(page, 'a11y-shortcut-hints');
  });

  it('shows a reveal-one-at-a-time register: revealing a field hides the other, and hiding by itself is announced', async () => {
    await nav('People').click();
    await page.getByRole('button', { name: 'Open W-001, Asel' }).click();
    await expect.poll(focused).toBe('h1: W-001: Asel');
    await page.getByRole('button', { name: 'Reveal Given name (Latin)' }).click();
    expect(await page.getByLabel('Given name (Latin)', { exact: true }).inputValue()).toBe('Aigul');
    await page.getByRole('button', { name: 'Reveal Family name (Cyrillic)' }).click();
    expect(await page.getByLabel('Family name (Cyrillic)', { exact: true }).inputValue()).toBe('Султаналиева');
    // the first one hid: its value is gone from the page, its reveal button is back
    await page.getByRole('button', { name: 'Reveal Given name (Latin)' }).waitFor();
    expect(await page.locator('.secret--revealed').count()).toBe(1);
    expect(await page.content()).not.toContain('Aigul');

    const announcer = page.getByTestId('reveal-announcer');
    expect(await announcer.getAttribute('role')).toBe('status');
    expect(await announcer.textContent()).toBe('');
    await page.clock.fastForward(31_000);
    await page.getByRole('button', { name: 'Reveal Family name (Cyrillic)' }).waitFor();
    expect(await page.content()).not.toContain('Султаналиева');
    await expect.poll(() => announcer.textContent()).toBe('Family name (Cyrillic) hidden again after 30 seconds.');
    // focus was in the field: it is on the field's reveal button now, not lost
    await expect.poll(focused).toBe('button: Reveal Family name (Cyrillic)');
  });

  it('shows mentions of people in the register as chips, and Backspace deletes a chip whole', async () => {
    await nav('Interviews').click();
    await page.getByRole('button', { name: 'Checkpoint at night' }).click();
    const chips = page.locator('.cm-mention');
    await expect.poll(() => chips.count()).toBe(2);
    expect(await chips.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.code))).toEqual(['W-001', 'W-002']);
    // a chip shows the pseudonym next to the code (generated content: the text stays the stored code)
    expect(await chips.first().textContent()).toBe('W-001');
    expect(await chips.first().locator('.cm-mention__pseudonym').evaluate((e) => getComputedStyle(e, '::before').content)).toBe('" Asel"');
    // "W-0017" is not anyone's code: plain text
    expect(await notes().textContent()).toContain('W-0017 is not a mention');

    // a mention typed with the keyboard becomes a chip; one Backspace removes all of it
    await notes().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Later @W-00');
    await page.locator('.cm-tooltip-autocomplete').waitFor();
    await page.waitForTimeout(150); // CodeMirror ignores Enter on a completion list younger than 75 ms
    await page.keyboard.press('Enter');
    await expect.poll(() => chips.count()).toBe(3);
    // nobody to explain: the register has people
    expect(await page.locator('.md-editor__mention-hint').count()).toBe(0);
    await shoot(page, 'a11y-mention-chips');
    await page.keyboard.press('Backspace');
    await expect.poll(() => chips.count()).toBe(2);
    expect(await notes().textContent()).toMatch(/not a mention\. Later $/);
    // the cursor steps over a chip in one move: one Right from the line's start is after all of "W-001"
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Backspace');
    await expect.poll(() => chips.count()).toBe(1);
    expect(await notes().textContent()).toMatch(/^ saw the checkpoint/);
  });

  it('explains how to add a person when @ is typed with an empty register, with a way to the People screen', async () => {
    await page.keyboard.press('Control+l');
    await page.getByRole('button', { name: 'Unlock', exact: true }).waitFor();
    await createVaultThroughUi(page, join(workDir, 'Empty.fieldvault'), PASS);
    await page.keyboard.press('Control+n');
    await page.locator('#interview-title').waitFor();
    await notes().click();
    await page.keyboard.type('Met ');
    const hint = page.locator('.md-editor__mention-hint');
    expect(await hint.count()).toBe(0);
    await page.keyboard.type('@');
    await hint.waitFor();
    // in a polite live region that was there before, so screen readers read it as it appears
    expect(await hint.evaluate((e) => e.parentElement?.getAttribute('role'))).toBe('status');
    expect(await hint.textContent()).toContain('Nobody is in the register yet');
    await shoot(page, 'a11y-mention-empty-register');
    // an e-mail address is not a mention
    await page.keyboard.type(' me at someone');
    expect(await hint.count()).toBe(0);
    await page.keyboard.type(' @as');
    await hint.waitFor();
    await hint.getByRole('button', { name: 'Open People' }).click();
    await expect.poll(focused).toBe('h1: People');
  });

  it('starts a new interview with Ctrl+N only: a bare N (speech input saying "new") does nothing', async () => {
    await nav('Interviews').click();
    await expect.poll(focused).toBe('h1: Interviews');
    await page.keyboard.press('n');
    await page.keyboard.type('new note');
    await page.waitForTimeout(300);
    expect(await page.locator('#interview-title').count()).toBe(0);
    expect(await focused()).toBe('h1: Interviews');
    await page.keyboard.press('Control+n');
    await page.locator('#interview-title').waitFor();
  });
});
