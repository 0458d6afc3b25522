/**
 * An accessibility checker (axe-core) on every screen, in both themes and every interface language: no
 * critical or serious violation, and no content outside landmarks. The walk: unlock (and its error), create vault, the empty list and register,
 * a new interview with the empty-register hint, then a vault with content: interview list, editor with mention
 * chips, Earlier versions and Delete dialogs, export review, people list, person editor (hidden and revealed),
 * its Delete dialog, search results, a brief’s setup and review, audit log, travel, settings, and a damaged vault’s
 * integrity panel.
 *
 * The walk finds controls by structure (name attributes, classes, the sidebar's order, text the vault itself
 * holds), never by interface text, so the same walk runs in every language.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VaultService } from '../../src/core/service';
import { vaultPaths } from '../../src/core/vault/layout';
import { startPreviewServer, type PreviewServer } from '../../src/preview/server';
import { buildRenderer, CHEAP_KDF, hasChromium, launchChromium, skipNotice } from './support';

skipNotice();

/**
 * The interface languages walked. ONE PLACE to add a language: put its catalog code here. The language is
 * switched through the browser's locale (navigator.languages): a vault whose language setting is "system",
 * as these are, shows the system's language before and after unlock.
 */
const LANGUAGES = ['en', 'ru'] as const;
const THEMES = ['light', 'dark'] as const;

const PASS = 'axe lantern copper river';
const consent = { givenOn: '2026-03-01', method: 'oral', allowsQuote: true, allowsName: false, allowsAudio: false, shareWith: [], withdrawnOn: '' } as const;

async function makeVault(dir: string, name: string): Promise<{ vault: string; personId: string }> {
  const vault = join(dir, name);
  const svc = new VaultService({ kdf: CHEAP_KDF });
  await svc.create(vault, PASS);
  const [p] = svc.createPeople([
    { pseudonym: 'Asel', given: { latin: 'Aigul', cyrillic: 'Айгуль' }, family: { latin: 'Sultanalieva', cyrillic: 'Султаналиева' }, contacts: [{ kind: 'phone', value: '+996 555 123 456' }], consent },
    { pseudonym: 'Bakyt', role: 'official', consent },
  ]);
  svc.updateSettings({ allowList: ['Radio Azattyk'] });
  const i = svc.createInterview({
    title: 'Checkpoint at night',
    date: '2026-03-02',
    body: '# Account\n\nW-001 saw the checkpoint close. Aigul Sultanalieva called +996 555 123 456.\n\n@W-002 confirmed it.',
    summary: 'The checkpoint near Osh was closed at night.',
  });
  // an earlier version for the Earlier versions dialog
  svc.updateInterview(i.id, i.revision, { title: 'Checkpoint at night', summary: 'The checkpoint near Osh was closed at night. Two witnesses.' });
  svc.lock('user');
  return { vault, personId: p!.id };
}

/** A vault with a record deleted behind Fieldvault's back: unlocking it shows the integrity panel. */
async function makeDamagedVault(dir: string): Promise<string> {
  const { vault, personId } = await makeVault(dir, 'Damaged.fieldvault');
  const db = new Database(vaultPaths(vault).database);
  try {
    db.prepare('DELETE FROM records WHERE id = ?').run(Buffer.from(personId, 'hex'));
  } finally {
    db.close();
  }
  return vault;
}

interface Found {
  readonly where: string;
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  readonly nodes: readonly string[];
}

function describeFound(found: readonly Found[]): string {
  return found
    .map((f) => `${f.where}: [${f.impact}] ${f.id}: ${f.help}\n${f.nodes.map((n) => `      ${n}`).join('\n')}`)
    .join('\n');
}

describe.skipIf(!hasChromium)('axe-core on every screen, both themes, every language', () => {
  let server: PreviewServer;
  let browser: Browser;
  let workDir: string;
  let vault = '';
  let damaged = '';

  beforeAll(async () => {
    const rendererDir = await buildRenderer();
    workDir = mkdtempSync(join(tmpdir(), 'fv-axe-'));
    vault = (await makeVault(workDir, 'Axe.fieldvault')).vault;
    damaged = await makeDamagedVault(workDir);
    server = await startPreviewServer({ rendererDir, kdf: CHEAP_KDF });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  for (const language of LANGUAGES) {
    it(`finds no critical or serious violation (${language})`, { timeout: 480_000 }, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light', reducedMotion: 'reduce', locale: language });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const found: Found[] = [];
      const visited: string[] = [];

      /** Runs axe on what is on screen now, in the light and the dark theme. */
      const check = async (screen: string) => {
        visited.push(screen);
        for (const theme of THEMES) {
          await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
          await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
          await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
          const result = await new AxeBuilder({ page }).analyze();
          for (const v of result.violations) {
            // 'region' (content outside every landmark) is only "moderate" to axe, but the issue asks for it
            if (v.impact !== 'critical' && v.impact !== 'serious' && v.id !== 'region') continue;
            found.push({
              where: `${language} ${theme} ${screen}`,
              id: v.id,
              impact: v.impact ?? 'unknown',
              help: v.help,
              nodes: v.nodes.slice(0, 6).map((n) => `${n.target.join(' ')}  ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240)}`),
            });
          }
        }
        await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
      };
      const section = (index: number) => page.locator('.sidebar__item').nth(index);
      const heading = () => page.locator('main h1').first();
      const openDialog = () => page.locator('dialog[open]');
      const closeDialog = async () => {
        await page.keyboard.press('Escape');
        await expect.poll(() => openDialog().count()).toBe(0);
      };
      const unlock = async (path: string, passphrase = PASS) => {
        await page.locator('input[name="vault-path"]').fill(path);
        await page.locator('input[name="passphrase"]').fill(passphrase);
        await page.locator('button[type="submit"]').click();
      };
      const lock = async () => {
        await page.keyboard.press('Control+l');
        await page.locator('input[name="passphrase"]').waitFor();
      };

      try {
        await page.goto(server.url);
        await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);

        // locked: unlock, a wrong passphrase, create
        await page.locator('input[name="passphrase"]').waitFor();
        await check('unlock');
        await unlock(vault, 'not the passphrase at all');
        await page.locator('input[name="passphrase"][aria-invalid="true"], form .alert--error').first().waitFor();
        await check('unlock, wrong passphrase');
        await page.locator('.locked__footer-line button').click();
        await page.locator('input[name="restore-passphrase"]').waitFor();
        await check('restore from a backup');
        await page.locator('.locked__footer button').click();
        await page.locator('input[name="passphrase"]').waitFor();
        await page.locator('.locked__footer > button').click();
        await page.locator('input[name="new-passphrase"]').waitFor();
        await check('create vault');
        await page.locator('input[name="vault-path"]').fill(join(workDir, `Empty-${language}.fieldvault`));
        await page.locator('input[name="new-passphrase"]').fill(PASS);
        await page.locator('input[name="confirm-passphrase"]').fill(PASS);
        await check('create vault, filled');
        await page.locator('button[type="submit"]').click();

        // an empty vault
        await page.locator('.shell').waitFor();
        await heading().waitFor();
        await check('interviews, empty');
        await section(1).click();
        await page.locator('.empty').waitFor();
        await check('people, empty');
        await section(0).click();
        await page.keyboard.press('Control+n');
        await page.locator('#interview-title').waitFor();
        await page.locator('.md-editor__cm').first().click();
        await page.keyboard.type('Met @');
        await page.locator('.md-editor__mention-hint').waitFor();
        await check('new interview, @ with an empty register');
        await lock();

        // a vault with content
        await unlock(vault);
        await page.locator('.row-link').first().waitFor();
        await check('interviews');
        await page.locator('.row-link', { hasText: 'Checkpoint at night' }).click();
        await page.locator('.cm-mention').first().waitFor();
        await check('interview editor with mentions');
        // the editor's actions, in order: Export…, Earlier versions, Delete
        const actions = page.locator('.editor__actions button');
        await actions.nth(1).click();
        await openDialog().waitFor();
        await openDialog().locator('li, button').first().waitFor();
        await check('earlier versions');
        await closeDialog();
        await actions.nth(2).click();
        await openDialog().waitFor();
        await check('delete interview');
        await closeDialog();
        await actions.nth(0).click();
        await page.locator('#pane-result-h').waitFor();
        await check('export review');
        await page.locator('.back-link').click();
        await page.locator('.cm-mention').first().waitFor();
        await page.locator('.back-link').click();

        await section(1).click();
        await page.locator('.people-table').waitFor();
        await check('people');
        await page.locator('.people-table .row-link').first().click();
        await page.locator('.secret').first().waitFor();
        await check('person editor');
        await page.locator('.secret__button').first().click();
        await page.locator('.secret--revealed').waitFor();
        await check('person editor, a field revealed');
        await page.locator('.editor__actions button').first().click();
        await openDialog().waitFor();
        await check('delete person');
        await closeDialog();

        await section(2).click();
        await page.locator('input[type="search"]').fill('checkpoint');
        await page.keyboard.press('Enter');
        await page.locator('.search-results__item').first().waitFor();
        await check('search results');
        await section(3).click();
        await page.locator('.brief-setup').waitFor();
        await page.locator('.brief-which__count').waitFor();
        await check('brief setup');
        await page.locator('input[name="brief-title"]').fill('Checkpoints');
        await page.locator('.brief-setup__go button').click();
        await page.locator('.brief-group [data-brief-text]').first().waitFor();
        await check('brief review');
        await section(4).click();
        await page.locator('.received .empty').waitFor();
        await check('received');
        await section(5).click();
        await page.locator('.colleagues-card .fingerprint').waitFor();
        await check('colleagues');
        await section(6).click();
        await page.locator('.audit-table').waitFor();
        await check('audit log');
        await section(7).click();
        await page.locator('.travel-steps').waitFor();
        await check('travel');
        // the recovery code before anything leaves, with a wrong word typed back; cancelled (nothing moves)
        await page.locator('.travel-card__actions .button--primary').click();
        await page.locator('[role="alertdialog"] .button--primary').click();
        await page.locator('.recovery__words').waitFor();
        await page.locator('.recovery__input input').first().fill('zzzz');
        await page.locator('.recovery__input input').nth(1).focus();
        await page.locator('.recovery__input .field__error').waitFor();
        await check('travel recovery code');
        await page.locator('.recovery__actions .button:not(.button--primary)').click();
        await page.locator('.travel-steps').waitFor();
        await section(8).click();
        await page.locator('main select').first().waitFor();
        await check('settings');
        await lock();

        // a damaged vault
        await unlock(damaged);
        await page.locator('.integrity').waitFor();
        await check('integrity panel');
      } finally {
        await context.close();
      }

      expect(visited.length).toBeGreaterThanOrEqual(20);
      expect(found.length, `axe found critical or serious problems:\n${describeFound(found)}`).toBe(0);
    });
  }
});
