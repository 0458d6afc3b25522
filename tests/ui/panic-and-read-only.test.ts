/**
 * The panic key in the page (the preview's only one; in the app main's system-wide shortcut also hides the
 * window) and a vault opened from a read-only disk: the banner, Settings, an export that says it is not audited,
 * and a folder left byte for byte as it was.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRenderer, callPreview, createVaultThroughUi, hasChromium, openPreviewPage, shoot, skipNotice, unlockThroughUi, type PreviewPage } from './support';

skipNotice();

const PASS = 'panic lantern copper river 2026';

function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isFile()) out[name] = createHash('sha256').update(readFileSync(p)).digest('hex');
  }
  return out;
}

describe.skipIf(!hasChromium)('panic lock and read-only media in Debian Chromium', () => {
  let rendererDir = '';
  let workDir = '';
  let vault = '';
  let preview: PreviewPage | null = null;

  beforeAll(async () => {
    rendererDir = await buildRenderer();
    workDir = mkdtempSync(join(tmpdir(), 'fv-panic-'));
    vault = join(workDir, 'Panic.fieldvault');
  });

  afterAll(async () => {
    await preview?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('Settings offers the panic shortcut, refuses a bad one with its reason, and the chosen key locks at once, even while typing', async () => {
    preview = await openPreviewPage(rendererDir);
    const { page, server } = preview;
    await createVaultThroughUi(page, vault, PASS);
    await callPreview(server, 'interviews.create', { fields: { title: 'Night search in Osh', summary: 'We met in the yard of the house.' } });
    await page.getByRole('navigation', { name: 'Vault sections' }).getByRole('button', { name: 'Settings' }).click();
    const field = page.getByLabel('Shortcut', { exact: true });
    await expect.poll(() => field.inputValue()).toBe('CommandOrControl+Shift+F12');
    await expect.poll(() => page.getByText('In the browser preview the shortcut works only while this page has the focus.').isVisible()).toBe(true);
    await field.fill('F12');
    await page.getByRole('button', { name: 'Use this shortcut' }).click();
    await page.getByText(/Add Ctrl, Alt or ⌘/).waitFor();
    await field.fill('ctrl+alt+p');
    await page.getByRole('button', { name: 'Use this shortcut' }).click();
    await expect.poll(() => field.inputValue()).toBe('Control+Alt+P');
    await page.locator('#settings-panic').evaluate((h) => h.closest('section')?.scrollIntoView({ block: 'start' }));
    await shoot(page, 'settings-panic-shortcut');

    // The old default no longer locks; the new key does, from inside a text field, with nothing left on screen.
    await page.getByRole('navigation', { name: 'Vault sections' }).getByRole('button', { name: 'Interviews' }).click();
    await page.getByRole('button', { name: /New interview/ }).first().click();
    await page.getByRole('textbox', { name: 'Title' }).click();
    await page.keyboard.type('Typed just before');
    await page.keyboard.press('Control+Shift+F12');
    expect(await callPreview<{ state: string }>(server, 'vault.status')).toMatchObject({ state: 'unlocked' });
    await page.keyboard.press('Control+Alt+P');
    await page.getByRole('heading', { name: 'Unlock your vault' }).waitFor();
    expect(await page.getByText('Night search in Osh').count()).toBe(0);
    await expect.poll(async () => (await callPreview<{ state: string }>(server, 'vault.status')).state, { timeout: 10_000 }).toBe('locked');
    await preview.close();
    preview = null;
  });

  it('a vault on a read-only disk opens with a banner, Settings says why it cannot change, an export says it is not audited, and the folder is untouched', async () => {
    const before = hashes(vault);
    preview = await openPreviewPage(rendererDir, { readOnlyMedium: true });
    const { page, server } = preview;
    await unlockThroughUi(page, vault, PASS);
    const banner = page.getByTestId('read-only-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Open read-only: this vault is on a read-only disk');
    expect(await callPreview<{ report: { readOnly?: boolean } }>(server, 'vault.status')).toMatchObject({ report: { readOnly: true } });
    await shoot(page, 'read-only-banner');
    // The top bar says so too, and nothing offers to add what could not be saved (Ctrl+N included).
    expect(await page.locator('.topbar__state').textContent()).toBe('Unlocked · read-only');
    const newInterview = page.getByRole('button', { name: /New interview/ }).first();
    expect(await newInterview.isDisabled()).toBe(true);
    await page.keyboard.press('Control+n');
    expect(await page.getByRole('textbox', { name: 'Title' }).count()).toBe(0);
    await page.getByRole('navigation', { name: 'Vault sections' }).getByRole('button', { name: 'People' }).click();
    const addPerson = page.getByRole('button', { name: /Add person/ }).first();
    await addPerson.waitFor();
    expect(await addPerson.isDisabled()).toBe(true);
    await shoot(page, 'read-only-people');

    // A change is refused by the core with the read-only message.
    const refused = await fetch(new URL('/api/interviews.create', server.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Fieldvault-Token': server.token },
      body: JSON.stringify({ fields: { title: 'New' } }),
    }).then((r) => r.json() as Promise<{ ok: boolean; error?: { code: string; message: string } }>);
    expect(refused).toMatchObject({ ok: false, error: { code: 'read-only' } });
    expect(refused.error?.message).toMatch(/open read-only/);

    await page.getByRole('navigation', { name: 'Vault sections' }).getByRole('button', { name: 'Settings' }).click();
    await page.getByText('This vault’s settings cannot be changed now').waitFor();
    expect(await page.getByLabel('Lock after inactivity').isDisabled()).toBe(true);
    expect(await page.getByLabel('Shortcut', { exact: true }).isDisabled()).toBe(false);
    await shoot(page, 'read-only-settings');

    // An export to a writable place: written, and the result says it is not in the audit log.
    const list = await callPreview<{ id: string }[]>(server, 'interviews.list');
    await expect
      .poll(async () => (await callPreview<{ report: { verified: boolean } }>(server, 'vault.status')).report.verified)
      .toBe(true);
    const exported = await callPreview<{ notAudited?: boolean; path: string }>(server, 'export.write', {
      interviewId: list[0]!.id,
      part: 'summary',
      personMode: 'redacted',
      format: 'md',
      decisions: { keep: [], redact: [] },
      path: join(workDir, 'INT-0001-summary'),
    });
    expect(exported.notAudited).toBe(true);
    await callPreview(server, 'vault.lock');
    expect(hashes(vault)).toEqual(before);
  });
});
