/**
 * Screens in Debian Chromium: the audit log says what it records and fits its panel (hash on screen, codes on
 * one line), consent withdrawals, settings and locks show up in it without values; an untitled interview reads
 * as one; a long pseudonym leaves Role and Consent in the people table; "Russian, Uzbek" becomes two languages.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VaultService } from '../../src/core/service';
import { buildRenderer, CHEAP_KDF, hasChromium, openPreviewPage, repoRoot, shoot, skipNotice, type PreviewPage } from './support';

skipNotice();

const PASS = 'screens lantern copper river';
const LONG_PSEUDONYM = 'The witness from the third apartment block beside the old bus station in the southern district';
const consent = { givenOn: '2026-03-01', method: 'oral', allowsQuote: true, allowsName: false, allowsAudio: false, shareWith: [], withdrawnOn: '' } as const;

async function makeVault(dir: string): Promise<string> {
  const vault = join(dir, 'Screens.fieldvault');
  const svc = new VaultService({ kdf: CHEAP_KDF });
  await svc.create(vault, PASS);
  const [p] = svc.createPeople([
    { pseudonym: LONG_PSEUDONYM, given: { latin: 'Gulnara', cyrillic: 'Гульнара' }, contacts: [{ kind: 'phone', value: '+996 555 123 456' }], consent },
    { pseudonym: 'Witness B', role: 'official', consent },
  ]);
  svc.updatePerson(p!.id, p!.revision, { consent: { ...consent, withdrawnOn: '2026-04-02' } });
  svc.updateSettings({ autoLockMinutes: 15, allowList: ['Mayor Asanov', 'Radio Azattyk'] });
  const i = svc.createInterview({ title: 'Checkpoint at night', date: '2026-03-02', summary: 'The checkpoint was closed at night.' });
  svc.createInterview({ title: '' });
  svc.exportWrite(i.id, 'summary', 'redacted', 'txt', { keep: [], redact: [] }, join(dir, 'checkpoint.txt'));
  svc.lock('user');
  return vault;
}

describe.skipIf(!hasChromium)('screens in Debian Chromium: audit log, interview list, people table, languages', () => {
  let preview: PreviewPage;
  let page: Page;
  let workDir: string;

  const nav = (name: string) => page.getByRole('navigation', { name: 'Vault sections' }).getByRole('button', { name });

  async function unlock(vault: string): Promise<void> {
    await page.getByLabel('Vault location', { exact: true }).fill(vault);
    await page.getByLabel('Passphrase', { exact: true }).fill(PASS);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByRole('heading', { name: 'Interviews', exact: true }).waitFor();
  }

  let vault = '';
  beforeAll(async () => {
    const rendererDir = await buildRenderer(`${repoRoot}test-artifacts/renderer-screens`);
    workDir = mkdtempSync(join(tmpdir(), 'fv-screens-'));
    vault = await makeVault(workDir);
    preview = await openPreviewPage(rendererDir);
    page = preview.page;
    await unlock(vault);
  });

  afterAll(async () => {
    await preview?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('an untitled interview reads as one in the list', async () => {
    const untitled = page.locator('.interview-row__untitled');
    await untitled.waitFor();
    expect(await untitled.textContent()).toBe('Untitled interview');
    expect(await untitled.evaluate((el) => getComputedStyle(el).fontStyle)).toBe('italic');
    await shoot(page, '95-interviews-untitled');
  });

  it('a long pseudonym ends in an ellipsis and leaves Role and Consent in the table', async () => {
    await nav('People').click();
    const cell = page.locator('td.people-table__pseudonym').filter({ hasText: 'third apartment' });
    await cell.waitFor();
    expect(await cell.getAttribute('title')).toBe(LONG_PSEUDONYM);
    const fit = await page.evaluate(() => {
      const panel = document.querySelector('.people-table')!.closest('.panel')!.getBoundingClientRect();
      const cells = Array.from(document.querySelectorAll('.people-table tr')).map((tr) => tr.lastElementChild!.getBoundingClientRect());
      const pseudonym = document.querySelector('td.people-table__pseudonym')!;
      return { panelRight: panel.right, rights: cells.map((c) => c.right), truncated: pseudonym.scrollWidth > pseudonym.clientWidth };
    });
    for (const right of fit.rights) expect(right).toBeLessThanOrEqual(fit.panelRight);
    expect(fit.truncated).toBe(true);
    await page.getByRole('row').filter({ hasText: 'third apartment' }).getByText('Withdrawn', { exact: false }).first().waitFor();
    await shoot(page, '96-people-long-pseudonym');
  });

  it('the audit log says what it records, fits its panel and holds no values', async () => {
    await nav('Audit log').click();
    const table = page.getByRole('table', { name: 'Audit log, newest first' });
    await table.waitFor();
    await page.getByRole('definition').filter({ hasText: 'consent withdrawn' }).waitFor();
    for (const action of ['Consent withdrawn', 'Settings changed', 'Vault locked', 'Exported', 'People imported']) {
      await table.getByRole('cell', { name: action, exact: true }).first().waitFor();
    }
    await table.getByRole('cell', { name: 'auto-lock; allow-list: 2 added' }).waitFor();
    await table.getByRole('cell', { name: 'by the user' }).waitFor();
    const text = (await table.textContent()) ?? '';
    for (const value of ['Gulnara', 'Гульнара', '555', 'Mayor Asanov', 'Radio Azattyk', 'third apartment', 'Checkpoint']) expect(text).not.toContain(value);
    const fit = await page.evaluate(() => {
      const panel = document.querySelector('.audit-table')!.closest('.panel')!.getBoundingClientRect();
      const hashes = Array.from(document.querySelectorAll('td.audit-table__hash')).map((td) => ({ right: td.getBoundingClientRect().right, title: td.getAttribute('title') ?? '' }));
      // a code on one line: its cell is one line tall
      const codes = Array.from(document.querySelectorAll('td.audit-table__subject')).map((td) => {
        const r = document.createRange();
        r.selectNodeContents(td);
        return new Set(Array.from(r.getClientRects()).map((x) => Math.round(x.top))).size;
      });
      return { panelRight: panel.right, viewport: window.innerWidth, hashes, codes };
    });
    for (const h of fit.hashes) {
      expect(h.right).toBeLessThanOrEqual(Math.min(fit.panelRight, fit.viewport));
      expect(h.title).toMatch(/^[0-9a-f]{64}$/);
    }
    for (const lines of fit.codes) expect(lines).toBe(1);
    await shoot(page, '97-audit-log-recorded');
  });

  it('the same at a narrow window: the hash column stays on screen', async () => {
    await page.setViewportSize({ width: 900, height: 700 });
    const fit = await page.evaluate(() => {
      const panel = document.querySelector('.audit-table')!.closest('.panel')!.getBoundingClientRect();
      return { panelRight: Math.min(panel.right, window.innerWidth), hashRights: Array.from(document.querySelectorAll('td.audit-table__hash')).map((td) => td.getBoundingClientRect().right) };
    });
    for (const r of fit.hashRights) expect(r).toBeLessThanOrEqual(fit.panelRight);
    await shoot(page, '98-audit-log-narrow');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('languages: "Russian, Uzbek" typed or pasted becomes two chips', async () => {
    await nav('Interviews').click();
    await page.getByText('Checkpoint at night').click();
    const languages = page.getByRole('combobox', { name: 'Languages' });
    await languages.fill('Russian, Uzbek');
    await languages.press('Enter');
    const chips = page.getByRole('list', { name: 'Languages' }).getByRole('listitem');
    await expect.poll(() => chips.allTextContents()).toEqual(['Russian×', 'Uzbek×']);
    await languages.pressSequentially('Kyrgyz; Tajik;');
    await expect.poll(() => chips.allTextContents()).toEqual(['Russian×', 'Uzbek×', 'Kyrgyz×', 'Tajik×']);
    await page.locator('.save-status--saved').waitFor({ timeout: 3000 });
  });

  it('logged no errors in the page', () => {
    expect(preview.consoleErrors).toEqual([]);
  });
});
