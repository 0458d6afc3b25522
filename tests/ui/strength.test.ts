import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreviewServer, type PreviewServer } from '../../src/preview/server';
import { buildRenderer, CHEAP_KDF, hasChromium, launchChromium, shoot, skipNotice } from './support';

skipNotice();

/**
 * The strength meter on the create-vault screen: the verdict comes from the core's passphrase policy
 * (passphrase.assess, zxcvbn with English and Russian dictionaries), asked once typing pauses for ~150 ms.
 */
describe.skipIf(!hasChromium)('passphrase strength meter (create-vault screen, real core)', () => {
  let server: PreviewServer;
  let browser: Browser;
  let page: Page;
  let workDir: string;
  const assessCalls: string[] = [];

  const passphrase = () => page.getByLabel('Passphrase', { exact: true });
  const meter = () => page.getByRole('meter', { name: 'Passphrase strength' });
  const advice = () => page.locator('.strength__advice');
  const verdict = () => meter().getAttribute('aria-valuetext');

  beforeAll(async () => {
    const rendererDir = await buildRenderer();
    workDir = mkdtempSync(join(tmpdir(), 'fv-strength-'));
    server = await startPreviewServer({ rendererDir, kdf: CHEAP_KDF });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light', reducedMotion: 'reduce' });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('request', (r) => {
      if (r.url().includes('/api/passphrase.assess')) assessCalls.push(r.postData() ?? '');
    });
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Create a vault' }).click();
    await page.getByRole('heading', { name: 'Create a vault' }).waitFor();
    await page.getByLabel('Location', { exact: true }).fill(join(workDir, 'Fieldwork.fieldvault'));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('shows advice and no verdict while empty', async () => {
    expect(await verdict()).toBe('Nothing entered');
    expect(await advice().textContent()).toContain('four or more unrelated words');
    expect(assessCalls).toHaveLength(0);
  });

  it('asks the core once typing pauses, not on every key', async () => {
    await passphrase().pressSequentially('password1234', { delay: 20 });
    await expect.poll(verdict).toMatch(/^(Very weak|Weak), not accepted$/);
    expect(assessCalls.length).toBeGreaterThanOrEqual(1);
    expect(assessCalls.length).toBeLessThanOrEqual(3);
    // the vault's path goes along as a guessable word
    expect(JSON.parse(assessCalls.at(-1)!)).toMatchObject({ passphrase: 'password1234', userInputs: [join(workDir, 'Fieldwork.fieldvault')] });
    await advice().getByText('This is similar to a commonly used password.').waitFor();
    await shoot(page, '03a-create-meter-common');
  });

  it('knows Russian words, also transliterated and in the wrong keyboard layout', async () => {
    for (const p of ['пароль123456', 'ghbdtn123456']) {
      await passphrase().fill(p);
      await expect.poll(verdict).toMatch(/not accepted$/);
      await advice().getByText(/Russian words/).waitFor();
    }
    await shoot(page, '03b-create-meter-russian');
  });

  it('counts the vault folder name and the app name as guessable', async () => {
    await passphrase().fill('fieldwork fieldwork 2026');
    await expect.poll(verdict).toMatch(/not accepted$/);
    await passphrase().fill('Fieldwork2026!');
    await expect.poll(() => advice().textContent()).toContain('folder name');
  });

  it('accepts four unrelated words and says so; the meter never shows the passphrase', async () => {
    const strong = 'lantern copper river mosque';
    await passphrase().fill(strong);
    await expect.poll(verdict).toBe('Strong, accepted');
    await advice().getByText(/away from this laptop/).waitFor();
    expect(await page.locator('.strength').textContent()).not.toContain('lantern');
    await shoot(page, '03c-create-meter-strong');
  });

  it('refuses to create a vault with a weak passphrase, even if submitted at once', async () => {
    await passphrase().fill('qwertyuiop12');
    await page.getByLabel('Confirm passphrase', { exact: true }).fill('qwertyuiop12');
    await page.getByRole('button', { name: 'Create vault' }).click();
    await page.getByText('Not strong enough yet').waitFor();
    expect(existsSync(join(workDir, 'Fieldwork.fieldvault'))).toBe(false);
  });
});
