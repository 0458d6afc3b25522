/**
 * Sealed delivery and backups in Debian Chromium through the developer preview (real core, two vaults on two
 * preview servers): adding a colleague after comparing the card's words (and refusing a mistyped card, the vault's
 * own card and a duplicate), sealing a brief to that colleague from the brief's review, opening the bundle in the
 * colleague's vault (Received, its reading view, a saved copy), each bad bundle's own message, a backup with its
 * result, the reminder banner, and a restore from the start screen. Screenshots of every new screen, light and
 * dark, and Russian for Colleagues and Received.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeliveryCard } from '../../src/shared/delivery';
import type { BackupStatus } from '../../src/shared/backup';
import { cheapService } from '../fixtures/vault-helpers';
import { buildRenderer, callPreview, createVaultThroughUi, hasChromium, openPreviewPage, shoot, skipNotice, unlockThroughUi, type PreviewPage } from './support';

skipNotice();

const PASS_A = 'delivery lantern copper river';
const PASS_B = 'second harbour willow tundra';
const DAY = 86_400_000;

describe.skipIf(!hasChromium)('sealed delivery and backups in Debian Chromium', () => {
  let a: PreviewPage;
  let b: PreviewPage;
  let workDir: string;
  let outDir: string;
  let vaultA: string;
  let cardA: DeliveryCard;
  let cardB: DeliveryCard;
  const bundle = () => join(outDir, 'brief-for-dana.fvb');
  const nav = (page: Page, name: string) => page.getByRole('navigation', { name: /Vault sections|Разделы хранилища/ }).getByRole('button', { name, exact: true });
  const alertText = (page: Page) => page.locator('.received__notice').innerText();

  beforeAll(async () => {
    const rendererDir = await buildRenderer();
    workDir = mkdtempSync(join(tmpdir(), 'fv-delivery-'));
    outDir = join(workDir, 'out');
    mkdirSync(outDir);
    // Vault A was made 30 days ago and never backed up: the reminder is due. (Only Date is faked, while it is made.)
    vaultA = join(workDir, 'A.fieldvault');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() - 30 * DAY);
    const svc = cheapService();
    await svc.create(vaultA, PASS_A);
    svc.lock();
    vi.useRealTimers();

    a = await openPreviewPage(rendererDir);
    b = await openPreviewPage(rendererDir);
    await unlockThroughUi(a.page, vaultA, PASS_A);
    await createVaultThroughUi(b.page, join(workDir, 'B.fieldvault'), PASS_B);
    cardA = await callPreview<DeliveryCard>(a.server, 'delivery.card');
    cardB = await callPreview<DeliveryCard>(b.server, 'delivery.card');
  }, 180_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('adds a colleague only after the words are compared; refuses a mistyped card, its own card and a duplicate', async () => {
    const page = a.page;
    await nav(page, 'Colleagues').click();
    await page.getByRole('heading', { name: 'Colleagues', level: 1 }).waitFor();
    // the vault's own card and its eight words, large
    await expect.poll(() => page.locator('.colleagues-card .fingerprint__word').count()).toBe(8);
    expect(await page.locator('.colleagues-card .fingerprint').innerText()).toContain(cardA.fingerprint[0]);
    expect(await page.locator('.colleagues-card textarea').inputValue()).toBe(cardA.card);
    await shoot(page, 'colleagues-empty');

    const card = page.getByLabel('Colleague’s card');
    const label = page.getByLabel('Name for this colleague');
    // mistyped: one character of the card changed
    const at = Math.floor(cardB.card.length / 2);
    const typo = cardB.card.slice(0, at) + (cardB.card[at] === 'a' ? 'b' : 'a') + cardB.card.slice(at + 1);
    await card.fill(typo);
    await label.fill('Dana');
    await page.getByRole('button', { name: 'Show the words' }).click();
    await expect.poll(() => page.locator('.add-colleague .field__error').innerText()).toContain('mistyped or cut short');
    await shoot(page, 'colleagues-mistyped');
    // the vault's own card
    await card.fill(cardA.card);
    await page.getByRole('button', { name: 'Show the words' }).click();
    await expect.poll(() => page.locator('.add-colleague .field__error').innerText()).toContain('this vault’s own card');
    expect(await callPreview<unknown[]>(a.server, 'colleagues.list')).toEqual([]);

    // the right card: its words first, then an explicit "I compared"
    await card.fill(`  ${cardB.card.slice(0, 20)}\n${cardB.card.slice(20)}  `);
    await page.getByRole('button', { name: 'Show the words' }).click();
    await page.getByRole('heading', { name: 'Compare these words with Dana' }).waitFor();
    expect(await page.locator('.add-colleague .fingerprint__word').allInnerTexts()).toEqual(cardB.fingerprint.map((w, i) => `${i + 1}\n${w}`));
    const add = page.getByRole('button', { name: 'Add colleague' });
    expect(await add.isDisabled()).toBe(true);
    await shoot(page, 'colleagues-compare');
    await page.getByLabel('I compared these words with my colleague and they match').check();
    await add.click();
    await page.getByText('Dana was added. You can now seal briefs to them.').waitFor();
    const list = await callPreview<{ label: string; fingerprint: string[] }[]>(a.server, 'colleagues.list');
    expect(list.map((c) => [c.label, c.fingerprint])).toEqual([['Dana', cardB.fingerprint]]);
    expect(await page.locator('.colleague').innerText()).toContain(cardB.fingerprint[7]!);

    // the same card again, under another name
    await card.fill(cardB.card);
    await label.fill('Someone else');
    await page.getByRole('button', { name: 'Show the words' }).click();
    await expect.poll(() => page.locator('.add-colleague .field__error').innerText()).toContain('already in your colleagues, as “Dana”');
    await card.fill('');
    await label.fill('');
    await shoot(page, 'colleagues');

    // rename, in place
    await page.getByRole('button', { name: 'Rename: Dana' }).click();
    await page.getByLabel('New name for Dana').fill('Dana K.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: 'Dana K.', level: 3 }).waitFor();
  });

  it('seals a brief to the colleague from the brief\'s review', async () => {
    const page = a.page;
    await callPreview(a.server, 'interviews.create', { fields: { title: 'Night search in Osh', date: '2026-03-02', summary: 'They came at night and searched the flat for two hours.' } });
    await nav(page, 'Brief').click();
    await page.getByLabel('Title', { exact: true }).fill('Night searches, March 2026');
    await page.getByRole('button', { name: 'Review the brief' }).click();
    const seal = page.locator('section.seal');
    await seal.getByRole('heading', { name: 'Seal for colleagues' }).waitFor();
    const go = seal.getByRole('button', { name: 'Seal and save' });
    expect(await seal.locator('.export-bar__reason').innerText()).toBe('Tick at least one colleague.');
    await seal.getByLabel(/Dana K\./).check();
    await seal.getByLabel('Sealed file').fill(bundle());
    await expect.poll(() => go.isDisabled()).toBe(false);
    await go.click();
    await seal.getByText('Sealed brief saved').waitFor();
    const text = await seal.locator('.alert').innerText();
    expect(text).toContain('Only Dana K. can open this file');
    expect(text).toContain(bundle());
    expect(existsSync(bundle())).toBe(true);
    await seal.scrollIntoViewIfNeeded();
    await shoot(page, 'brief-seal');
  });

  it('opens the bundle in the colleague\'s vault: unknown sender by words, then by the label given to the card', async () => {
    const page = b.page;
    await nav(page, 'Received').click();
    await page.getByRole('heading', { name: 'Nothing received yet' }).waitFor();
    await shoot(page, 'received-empty');
    await page.getByLabel('Bundle file (.fvb)').fill(bundle());
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.getByText('Filed in Received: “Night searches, March 2026”.').waitFor();
    const row = page.locator('.received__table tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    const unknown = await row.innerText();
    expect(unknown).toContain('Unknown sender');
    expect(unknown).toContain(cardA.fingerprint.join(' '));
    expect(unknown).not.toContain('Dana');
    await shoot(page, 'received-unknown');
    // B adds A's card as "Aida": the same brief is now shown from Aida
    await callPreview(b.server, 'colleagues.add', { card: cardA.card, label: 'Aida' });
    await nav(page, 'Colleagues').click();
    await nav(page, 'Received').click();
    await expect.poll(() => row.innerText()).toContain('Aida');
    expect(await row.innerText()).not.toContain('Unknown sender');
    await shoot(page, 'received');
  });

  it('gives each bad bundle its own message and changes nothing', async () => {
    const before = await callPreview<unknown[]>(b.server, 'received.list');
    const open = async (page: Page, path: string) => {
      await page.getByLabel('Bundle file (.fvb)').fill(path);
      await page.getByRole('button', { name: 'Open', exact: true }).click();
      await page.locator('.received__notice').waitFor();
      const text = await alertText(page);
      await page.locator('.received__notice').getByRole('button', { name: 'Dismiss' }).click();
      return text;
    };
    const page = b.page;
    // replay: the same bundle again
    expect(await open(page, bundle())).toContain('already in Received (it was opened before)');
    // damaged: one byte changed in the middle; and cut short
    const bytes = readFileSync(bundle());
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(flipped.length / 2)]! ^= 0x40;
    writeFileSync(join(outDir, 'flipped.fvb'), flipped);
    writeFileSync(join(outDir, 'short.fvb'), bytes.subarray(0, bytes.length - 100));
    expect(await open(page, join(outDir, 'flipped.fvb'))).toContain('damaged or was altered on the way');
    expect(await open(page, join(outDir, 'short.fvb'))).toContain('damaged or was altered on the way');
    await page.getByLabel('Bundle file (.fvb)').fill(join(outDir, 'flipped.fvb'));
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await page.locator('.received__notice').waitFor();
    await shoot(page, 'received-damaged');
    await page.locator('.received__notice').getByRole('button', { name: 'Dismiss' }).click();
    // not a bundle at all
    writeFileSync(join(outDir, 'notes.fvb'), 'just some notes\n');
    expect(await open(page, join(outDir, 'notes.fvb'))).toContain('not a Fieldvault bundle');
    expect(await callPreview<unknown[]>(b.server, 'received.list')).toEqual(before);

    // not for you: the sender's own vault opens what it sealed to Dana
    const pageA = a.page;
    await nav(pageA, 'Received').click();
    expect(await open(pageA, bundle())).toContain('not sealed to this vault');
    expect(await callPreview<unknown[]>(a.server, 'received.list')).toEqual([]);
  });

  it('reads a received brief, read-only; saves a copy; shows Colleagues and Received in Russian; removes after confirming', async () => {
    const page = b.page;
    await page.getByRole('button', { name: 'Night searches, March 2026' }).click();
    await page.getByRole('heading', { name: 'Night searches, March 2026', level: 1 }).waitFor();
    expect(await page.locator('.received-reader__badge').innerText()).toContain('A colleague’s redacted material, read-only');
    const text = await page.locator('.received-reader__text').innerText();
    expect(text).toContain('Night searches, March 2026');
    expect(text).toContain('searched the flat');
    expect(await page.locator('.received-reader .facts').innerText()).toContain('Aida');
    await shoot(page, 'received-reader');
    await page.getByRole('button', { name: 'Save a copy…' }).click();
    const copy = join(outDir, 'copy-of-brief');
    await page.getByLabel('Save to').fill(copy);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/^Saved to /).waitFor();
    const saved = (await page.getByText(/^Saved to /).innerText()).replace(/^Saved to /, '').replace(/\.$/, '');
    expect(saved.startsWith(copy)).toBe(true);
    expect(existsSync(saved)).toBe(true);

    // Russian: the interface's language from Settings
    await nav(page, 'Settings').click();
    await page.getByLabel('Language', { exact: true }).selectOption('ru');
    await nav(page, 'Полученные').click();
    await page.getByRole('heading', { name: 'Полученные', level: 1 }).waitFor();
    await shoot(page, 'received-ru');
    await page.getByRole('button', { name: 'Night searches, March 2026' }).click();
    await page.locator('.received-reader__badge').getByText('Обезличенный материал коллеги').waitFor();
    await shoot(page, 'received-reader-ru');
    await nav(page, 'Коллеги').click();
    await page.getByRole('heading', { name: 'Коллеги', level: 1 }).waitFor();
    await shoot(page, 'colleagues-ru');
    await nav(page, 'Настройки').click();
    await page.getByLabel('Язык', { exact: true }).selectOption('en');

    await nav(page, 'Received').click();
    await page.getByRole('button', { name: 'Night searches, March 2026' }).click();
    await page.getByRole('button', { name: 'Remove', exact: true }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Remove this received brief?' });
    await dialog.waitFor();
    await shoot(page, 'received-remove');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await callPreview<unknown[]>(b.server, 'received.list')).toHaveLength(1);
    await page.getByRole('button', { name: 'Remove', exact: true }).click();
    await dialog.getByRole('button', { name: 'Remove brief' }).click();
    await page.getByRole('heading', { name: 'Nothing received yet' }).waitFor();
    expect(await callPreview<unknown[]>(b.server, 'received.list')).toEqual([]);
  });

  it('reminds when a backup is due (dismissable for the session), backs up with its result, and sets the reminder', async () => {
    const page = a.page;
    await nav(page, 'Interviews').click();
    const banner = page.locator('.backup-banner');
    await banner.getByText('This vault has never been backed up.', { exact: false }).waitFor();
    await shoot(page, 'backup-banner');
    await banner.getByRole('button', { name: 'Later' }).click();
    expect(await banner.count()).toBe(0);
    await nav(page, 'People').click();
    await nav(page, 'Interviews').click();
    await page.getByRole('heading', { name: 'Interviews', level: 1 }).waitFor();
    expect(await banner.count()).toBe(0);

    await nav(page, 'Settings').click();
    const section = page.locator('.backup-section');
    await expect.poll(() => section.locator('.facts').innerText()).toContain('Never');
    await section.getByRole('button', { name: 'Back up now…' }).click();
    const file = section.getByLabel('Backup file');
    expect(await file.inputValue()).toMatch(/^~\/Documents\/fieldvault-backup-\d{4}-\d{2}-\d{2}\.fvbackup$/);
    await file.fill(join(outDir, 'A.fvbackup'));
    await section.getByRole('button', { name: 'Back up', exact: true }).click();
    await section.getByText('Backup written and verified').waitFor();
    const result = await section.locator('.alert').innerText();
    expect(result).toContain(join(outDir, 'A.fvbackup'));
    expect(result).toMatch(/Size\s+[\d.,]+ (KiB|MiB)/);
    expect(result).toMatch(/Records\s+\d+/);
    expect(existsSync(join(outDir, 'A.fvbackup'))).toBe(true);
    const status = await callPreview<BackupStatus>(a.server, 'backup.status');
    expect(status.due).toBe(false);
    expect(status.lastBackupAt).not.toBeNull();
    await section.scrollIntoViewIfNeeded();
    await shoot(page, 'backup');

    await section.getByLabel('Remind me to back up').selectOption('0');
    await expect.poll(async () => (await callPreview<BackupStatus>(a.server, 'backup.status')).remindAfterDays).toBe(0);
    await section.getByLabel('Remind me to back up').selectOption('14');
    await expect.poll(async () => (await callPreview<BackupStatus>(a.server, 'backup.status')).remindAfterDays).toBe(14);
  });

  it('restores from the start screen into a new folder, says it is a rollback, then unlocks as usual', async () => {
    const page = a.page;
    // something done after the backup: not in the restored vault
    await callPreview(a.server, 'interviews.create', { fields: { title: 'After the backup' } });
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await page.getByRole('button', { name: 'Restore from a backup…' }).click();
    await page.getByRole('heading', { name: 'Restore from a backup' }).waitFor();
    expect(await page.locator('.locked__subtitle').innerText()).toContain('A restore is a rollback');
    await shoot(page, 'restore');
    const target = join(workDir, 'Restored.fieldvault');
    await page.getByLabel('Backup file').fill(join(outDir, 'A.fvbackup'));
    await page.getByLabel('New vault folder').fill(target);
    await page.getByLabel('The vault’s passphrase', { exact: true }).fill('not the passphrase at all');
    await page.getByRole('button', { name: 'Restore', exact: true }).click();
    await page.getByText('That passphrase does not open this backup. Nothing was restored.').waitFor();
    expect(existsSync(join(target, 'fieldvault.header'))).toBe(false);
    await page.getByLabel('The vault’s passphrase', { exact: true }).fill(PASS_A);
    await page.getByRole('button', { name: 'Restore', exact: true }).click();
    await page.getByText(/^Restored, as a rollback: this vault is as it was on .+ \(1 interview, 0 people\); anything done after that is not in it\. Unlock it to continue\.$/).waitFor();
    expect(await page.getByLabel('Vault location', { exact: true }).inputValue()).toBe(target);
    await shoot(page, 'restore-done');
    await page.getByLabel('Passphrase', { exact: true }).fill(PASS_A);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByRole('heading', { name: 'Interviews', exact: true }).waitFor();
    const titles = (await callPreview<{ title: string }[]>(a.server, 'interviews.list')).map((i) => i.title);
    expect(titles).toEqual(['Night search in Osh']);
    // the original vault is untouched by the restore
    expect(existsSync(join(vaultA, 'fieldvault.header'))).toBe(true);
  });
});
