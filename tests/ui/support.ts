import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { startPreviewServer, type PreviewServer } from '../../src/preview/server';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const screenshotDir = `${repoRoot}test-artifacts/screenshots`;
/** Cheap Argon2id for tests: the real default costs about a second per unlock. */
export const CHEAP_KDF = { opsLimit: 1, memLimitKiB: 8192 } as const;

/**
 * Builds the renderer as electron.vite.config.ts does (same root, base and plugin), but into
 * test-artifacts/renderer so the tests neither depend on nor overwrite out/ while others build the app.
 * FV_UI_BUILD_SUFFIX gives concurrent runs (several people on one checkout) their own folder.
 */
export async function buildRenderer(outDir = `${repoRoot}test-artifacts/renderer${process.env.FV_UI_BUILD_SUFFIX ?? ''}`): Promise<string> {
  await build({
    configFile: false,
    root: `${repoRoot}src/renderer`,
    base: './',
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, sourcemap: false, assetsInlineLimit: 0 },
  });
  return outDir;
}

// English unless a test asks for another language (a context's `locale`): the interface follows the system's.
const CHROMIUM_ARGS = ['--lang=en-US', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Chromium on a profile folder the test owns (--user-data-dir), kept after the browser closes so a test can
 * look at what Chromium wrote to disk. The context is the browser: closing it ends Chromium.
 */
export async function launchChromiumWithProfile(userDataDir: string, options: { readonly viewport?: { width: number; height: number } } = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    colorScheme: 'light',
    reducedMotion: 'reduce',
  });
}

/** Saves the page in light and dark, then returns to light. */
export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    // let the new scheme reach every layer before capturing (otherwise a frame can mix both)
    await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50)))));
    await page.screenshot({ path: `${screenshotDir}/${name}-${scheme}.png`, fullPage: false });
  }
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
}

export function skipNotice(): void {
  if (!hasChromium) {
    console.warn(`UI tests skipped: ${CHROMIUM} is missing. Install it with: apt-get update && apt-get install -y chromium`);
  }
}

export interface PreviewPage {
  readonly server: PreviewServer;
  readonly browser: Browser;
  readonly page: Page;
  /** Console errors and uncaught exceptions of the page, for a test that asserts there were none. */
  readonly consoleErrors: string[];
  readonly close: () => Promise<void>;
}

/**
 * A 1280x800 light page in a fresh Chromium on its own preview server (real core, cheap KDF), opened at the app.
 * The browser's language is English unless `locale` says otherwise (the interface follows the system's language).
 */
export async function openPreviewPage(rendererDir: string, options: { readonly locale?: string; readonly readOnlyMedium?: boolean } = {}): Promise<PreviewPage> {
  // readOnlyMedium: every vault opens as if its disk were read-only (the test seam of ServiceOptions).
  const server = await startPreviewServer({ rendererDir, kdf: CHEAP_KDF, ...(options.readOnlyMedium ? { readOnlyMedium: true } : {}) });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light', reducedMotion: 'reduce', locale: options.locale ?? 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(server.url);
  return {
    server,
    browser,
    page,
    consoleErrors,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** Creates a vault through the create screen, as a researcher would, and waits for the interview list. */
export async function createVaultThroughUi(page: Page, location: string, passphrase: string): Promise<void> {
  await page.getByRole('button', { name: 'Create a vault' }).click();
  await page.getByLabel('Location', { exact: true }).fill(location);
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('Confirm passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Create vault' }).click();
  await page.getByRole('heading', { name: 'Interviews', exact: true }).waitFor();
}

/** Calls an operation of the preview server's core directly (to set up or check what the page did). */
export async function callPreview<T>(server: PreviewServer, op: string, payload: object = {}): Promise<T> {
  const res = await fetch(new URL(`/api/${op}`, server.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Fieldvault-Token': server.token },
    body: JSON.stringify(payload),
  });
  const result = (await res.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!result.ok) throw new Error(`${op}: ${result.error?.message}`);
  return result.value as T;
}

/** Unlocks an existing vault on the unlock screen (English interface) and waits for the interview list. */
export async function unlockThroughUi(page: Page, location: string, passphrase: string): Promise<void> {
  await page.getByLabel('Vault location', { exact: true }).fill(location);
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await page.getByRole('heading', { name: 'Interviews', exact: true }).waitFor();
}
