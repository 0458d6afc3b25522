/**
 * A vault changed outside Fieldvault, as the researcher meets it in the window: the integrity panel says what
 * is damaged or missing by kind and code, exports stay refused until it is dealt with (dismissing the panel does
 * not lift that), a missing person is put back from the last session's copy, and planted database objects are
 * reported at unlock and removed only on request.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VaultService } from '../../src/core/service';
import { vaultPaths } from '../../src/core/vault/layout';
import { buildRenderer, CHEAP_KDF, hasChromium, openPreviewPage, shoot, skipNotice, type PreviewPage } from './support';

skipNotice();

const PASS = 'integrity screen lantern copper';
const consent = { givenOn: '2026-03-01', method: 'oral', allowsQuote: true, allowsName: false, allowsAudio: false, shareWith: [], withdrawnOn: '' } as const;

/** A vault with one witness and one interview that names her; returns the vault path and her record id. */
async function makeVault(dir: string, name: string): Promise<{ vault: string; personId: string }> {
  const vault = join(dir, name);
  const svc = new VaultService({ kdf: CHEAP_KDF });
  await svc.create(vault, PASS);
  const [p] = svc.createPeople([{ given: { latin: 'Zarina', cyrillic: 'Зарина' }, family: { latin: 'Kholova', cyrillic: 'Холова' }, pseudonym: 'Witness A', consent }]);
  svc.createInterview({ title: 'Detention in Bishkek', summary: 'Zarina Kholova described the detention at the station.' });
  svc.lock();
  return { vault, personId: p!.id };
}

function withDb(vault: string, fn: (db: Database.Database) => void): void {
  const db = new Database(vaultPaths(vault).database);
  try {
    fn(db);
  } finally {
    db.close();
  }
}

describe.skipIf(!hasChromium)('a tampered vault in Debian Chromium: the integrity panel and the unlock screen', () => {
  let preview: PreviewPage;
  let page: Page;
  let workDir: string;

  beforeAll(async () => {
    const rendererDir = await buildRenderer();
    workDir = mkdtempSync(join(tmpdir(), 'fv-integrity-'));
    preview = await openPreviewPage(rendererDir);
    page = preview.page;
  });

  afterAll(async () => {
    await preview?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  async function unlock(vault: string): Promise<void> {
    await page.goto(preview.server.url);
    await page.getByLabel('Vault location', { exact: true }).fill(vault);
    await page.getByLabel('Passphrase', { exact: true }).fill(PASS);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  }

  async function lock(): Promise<void> {
    await page.keyboard.press('Control+l');
    await page.getByRole('button', { name: 'Unlock', exact: true }).waitFor();
  }

  it('a deleted witness: named by code, exports refused even with the panel dismissed, restored, then accepted', async () => {
    const { vault, personId } = await makeVault(workDir, 'Deleted.fieldvault');
    withDb(vault, (db) => db.prepare('DELETE FROM records WHERE id = ?').run(Buffer.from(personId, 'hex')));
    await unlock(vault);
    const panel = page.locator('.integrity');
    await panel.getByText('is missing from the database').waitFor();
    expect(await panel.textContent()).toMatch(/Person W-001/);
    expect(await panel.textContent()).not.toMatch(/Zarina|Kholova/);
    await panel.getByText(/Exports are refused/).waitFor();
    await shoot(page, '70-integrity-missing-person');

    // Dismissing the panel hides it for now; the export review still refuses, and says why.
    await panel.getByRole('button', { name: 'Dismiss' }).click();
    await page.getByText('Detention in Bishkek').first().click();
    await page.getByRole('button', { name: 'Export…' }).click();
    const exportButton = page.getByRole('button', { name: 'Export', exact: true });
    await page.getByText(/Exports are refused: records were removed/).waitFor();
    expect(await exportButton.isDisabled()).toBe(true);
    await shoot(page, '71-export-refused-integrity');

    // Back in the vault: put her back from the last session's copy, then accept what remains.
    await lock();
    await page.getByLabel('Passphrase', { exact: true }).fill(PASS);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await panel.getByRole('button', { name: 'Restore from the last session’s copy' }).click();
    await panel.getByRole('button', { name: 'Accept the vault as it is…' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Accept the vault as it is?' });
    await dialog.waitFor();
    await shoot(page, '72-integrity-accept');
    await dialog.getByRole('button', { name: 'Accept the vault as it is' }).click();
    await panel.waitFor({ state: 'detached' });
    await page.getByText('Detention in Bishkek').first().click();
    await page.getByRole('button', { name: 'Export…' }).click();
    await page.getByText('Choose where to save the file.').or(page.getByText(/The file name must not name anyone/)).first().waitFor();
    expect(await page.getByText(/Exports are refused/).count()).toBe(0);
    await lock();
  });

  it('a planted trigger: reported at unlock without changing anything, removed only when asked', async () => {
    const { vault } = await makeVault(workDir, 'Planted.fieldvault');
    withDb(vault, (db) =>
      db.exec(`CREATE TABLE aside (id BLOB, box BLOB);
        CREATE TRIGGER keep_copy BEFORE DELETE ON records BEGIN INSERT INTO aside VALUES (old.id, old.box); END;`),
    );
    await unlock(vault);
    const alert = page.getByRole('alert').filter({ hasText: 'This vault was altered outside Fieldvault' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/trigger "keep_copy"/);
    await shoot(page, '73-unlock-planted-trigger');
    await alert.getByRole('button', { name: 'Remove them and open' }).click();
    const panel = page.locator('.integrity');
    await panel.getByText(/Objects Fieldvault did not create were found/).waitFor();
    await shoot(page, '74-integrity-objects-removed');
    await lock();
    withDb(vault, (db) => {
      const names = db.prepare('SELECT name FROM sqlite_master ORDER BY name').all();
      expect(names).toEqual([{ name: 'cache' }, { name: 'records' }, { name: 'seal' }]);
    });
  });

  it('re-encrypts everything under a new key from Settings; only the new passphrase opens the vault afterwards', async () => {
    const { vault } = await makeVault(workDir, 'Rekey.fieldvault');
    const NEXT = 'quiet harbour ledger walks tomorrow';
    const boxesBefore = new Map<string, Buffer>();
    withDb(vault, (db) => {
      for (const r of db.prepare('SELECT id, box FROM records').all() as { id: Buffer; box: Buffer }[]) boxesBefore.set(r.id.toString('hex'), r.box);
    });
    await unlock(vault);
    await page.getByRole('heading', { name: 'Interviews', exact: true }).waitFor();
    await page.getByRole('navigation', { name: 'Vault sections' }).getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Current passphrase', { exact: true }).fill(PASS);
    await page.getByLabel('New passphrase', { exact: true }).fill(NEXT);
    await page.getByLabel('Confirm new passphrase', { exact: true }).fill(NEXT);
    await page.getByRole('switch', { name: 'Also re-encrypt everything under a new key' }).check();
    await page.getByRole('button', { name: 'Change passphrase and re-encrypt' }).click();
    await page.getByText('Passphrase changed and everything re-encrypted').waitFor();
    await page.getByText('Passphrase changed and everything re-encrypted').scrollIntoViewIfNeeded();
    await shoot(page, '75-settings-reencrypted');
    await lock();
    withDb(vault, (db) => {
      for (const r of db.prepare('SELECT id, box FROM records').all() as { id: Buffer; box: Buffer }[]) {
        const old = boxesBefore.get(r.id.toString('hex'));
        if (old) expect(r.box.equals(old)).toBe(false);
      }
    });
    await page.getByLabel('Passphrase', { exact: true }).fill(PASS);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByText('That passphrase does not open this vault').waitFor();
    await page.getByLabel('Passphrase', { exact: true }).fill(NEXT);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByRole('heading', { name: 'Interviews', exact: true }).waitFor();
    expect(await page.locator('.integrity').count()).toBe(0);
    await lock();
  });

  it('logged no page errors', () => {
    expect(preview.consoleErrors).toEqual([]);
  });
});
