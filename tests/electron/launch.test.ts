import { existsSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildFieldvaultApi } from '../../electron/preload/api';
import { operationNames } from '../../src/shared/operations';
import { findElectronBinary, missingDisplay, missingSandbox } from './electron-binary';

/**
 * Electron launch test: the built app (`npx electron-vite build` first) in a real Electron, with the Chromium
 * sandbox on, a profile of its own (--user-data-dir) and a vault in a temporary folder: the hardened window, the
 * API the real preload exposes, a vault created, locked and unlocked through the page (worker, SQLite, libsodium),
 * a lock on suspend, the identity clipboard cleared at lock, and a prompt close. Runs only where an Electron
 * binary can start; elsewhere it is skipped and says why.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const binary = findElectronBinary(root);
const cannotStart = binary.path ? (missingDisplay() ?? missingSandbox(binary.path)) : null;
const skipReason = binary.missing
  ? `Electron binary not installed on this machine: ${binary.missing}`
  : cannotStart
    ? `Electron binary found but it cannot start here: ${cannotStart}`
    : null;
if (skipReason) console.warn(`Electron launch test skipped. ${skipReason}`);

/** Strong enough for the passphrase policy (vault.create refuses weak ones). */
const PASSPHRASE = 'quartz lantern copper river ferry';
/** A made-up identity field, the kind of text copySecret is for. */
const SECRET = 'Айгуль Токтогулова +996 772 44 55 66';
/** How long the app may take to close once asked (it locks first). */
const CLOSE_LIMIT_MS = 20_000;

/** What the real preload puts on window.fieldvault, built here with an IPC that goes nowhere. */
function preloadShape(): { readonly keys: readonly string[]; readonly functions: readonly string[] } {
  const api = buildFieldvaultApi({ invoke: () => Promise.resolve(undefined), on: () => undefined, off: () => undefined }) as unknown as Record<string, unknown>;
  const keys = Object.keys(api).sort();
  return { keys, functions: keys.filter((k) => typeof api[k] === 'function') };
}

type PageApi = Record<string, (payload?: unknown) => Promise<unknown>>;

/** One operation through window.fieldvault, as the page calls it (IPC -> main -> vault worker). */
function call(page: Page, operation: string, payload: unknown): Promise<unknown> {
  return page.evaluate(([op, p]) => (window as unknown as { fieldvault: PageApi }).fieldvault[op]!(p), [operation, payload] as const);
}

async function status(page: Page): Promise<string | undefined> {
  const result = (await call(page, 'vault.status', {})) as { ok: boolean; value?: { state?: string } };
  return result.ok ? result.value?.state : undefined;
}

describe('Electron app', () => {
  it.skipIf(skipReason !== null)(
    `launches the hardened window, runs a vault and locks it${skipReason ? ` (skipped: ${skipReason})` : ''}`,
    async () => {
      expect(existsSync(`${root}out/main/index.js`), 'run `npx electron-vite build` before the Electron launch test').toBe(true);
      const work = mkdtempSync(join(tmpdir(), 'fieldvault-launch-'));
      const userDataDir = join(work, 'user-data');
      const vaultPath = join(work, 'Launch.fieldvault');
      const env = { ...process.env };
      delete env.ELECTRON_RUN_AS_NODE;
      let app: ElectronApplication | null = null;
      try {
        // Playwright adds --no-sandbox on Linux unless chromiumSandbox is set: the app must run sandboxed here too.
        // Its own profile folder: a Fieldvault already running on this machine keeps its single-instance lock.
        app = await _electron.launch({
          executablePath: binary.path,
          // English interface whatever the machine's language (the headings below are English).
          args: ['.', `--user-data-dir=${userDataDir}`, '--lang=en-US'],
          cwd: root,
          env: env as Record<string, string>,
          chromiumSandbox: true,
          timeout: 60_000,
        });
        const electronApp = app;
        const page = await electronApp.firstWindow();
        await page.waitForLoadState('domcontentloaded');
        expect(page.url()).toBe('app://fieldvault/index.html');
        expect(realpathSync(await electronApp.evaluate(({ app: a }) => a.getPath('userData')))).toBe(realpathSync(userDataDir));

        // The unlock screen renders (real React app, real preload).
        await page.getByRole('heading', { name: 'Unlock your vault' }).waitFor({ timeout: 30_000 });

        // The window's preferences as Electron applied them (getLastWebPreferences: undocumented, so untyped).
        const prefs = await electronApp.evaluate(({ BrowserWindow }) => {
          const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as { getLastWebPreferences?: () => Record<string, unknown> | null } | undefined;
          if (typeof contents?.getLastWebPreferences !== 'function') return 'webContents.getLastWebPreferences is missing in this Electron';
          const last = contents.getLastWebPreferences();
          if (!last) return null;
          const { sandbox, contextIsolation, nodeIntegration, nodeIntegrationInSubFrames, webSecurity, allowRunningInsecureContent, webviewTag, experimentalFeatures, javascript } = last;
          return { sandbox, contextIsolation, nodeIntegration, nodeIntegrationInSubFrames, webSecurity, allowRunningInsecureContent, webviewTag, experimentalFeatures, javascript };
        });
        expect(prefs).toEqual({
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          nodeIntegrationInSubFrames: false,
          webSecurity: true,
          allowRunningInsecureContent: false,
          webviewTag: false,
          experimentalFeatures: false,
          javascript: true,
        });

        // window.fieldvault: exactly what the real preload builds, no ipcRenderer, no Node in the page.
        const expected = preloadShape();
        for (const name of [...operationNames, 'copySecret', 'onLockRequested', 'onLocked', 'chooseVaultLocation']) expect(expected.functions).toContain(name);
        const shape = await page.evaluate(() => {
          const w = window as unknown as Record<string, unknown>;
          const api = w.fieldvault as Record<string, unknown>;
          return {
            keys: Object.keys(api).sort(),
            functions: Object.keys(api)
              .filter((k) => typeof api[k] === 'function')
              .sort(),
            platform: api.platform,
            hasIpcRenderer: 'ipcRenderer' in api || 'ipcRenderer' in w,
            require: typeof w.require,
            process: typeof w.process,
            module: typeof w.module,
          };
        });
        expect(shape.functions).toEqual(expected.functions);
        expect(shape.keys).toEqual(expected.keys);
        expect(shape.platform).toBe('electron');
        expect(shape.hasIpcRenderer).toBe(false);
        expect([shape.require, shape.process, shape.module]).toEqual(['undefined', 'undefined', 'undefined']);

        // Main validates payloads.
        expect(await call(page, 'interviews.get', { id: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });

        // No network: CSP connect-src 'none' (and the webRequest filter behind it). window.open is denied.
        const fetched = await page.evaluate(() =>
          fetch('https://example.org/').then(
            () => 'loaded',
            () => 'blocked',
          ),
        );
        expect(fetched).toBe('blocked');
        expect(await page.evaluate(() => window.open('app://fieldvault/index.html') === null)).toBe(true);
        expect(electronApp.windows()).toHaveLength(1);

        // A vault in the temporary folder, through the page: created (Argon2id, SQLite), written, locked, unlocked.
        expect(await status(page)).toBe('locked');
        expect(await call(page, 'vault.create', { path: vaultPath, passphrase: PASSPHRASE })).toMatchObject({ ok: true });
        expect(await status(page)).toBe('unlocked');
        const created = (await call(page, 'interviews.create', { fields: { title: 'Launch check' } })) as { ok: boolean; value?: { id: string } };
        expect(created.ok).toBe(true);
        const id = created.value!.id;
        expect(await call(page, 'vault.lock', {})).toMatchObject({ ok: true });
        expect(await status(page)).toBe('locked');
        expect(await call(page, 'interviews.get', { id })).toMatchObject({ ok: false, error: { code: 'locked' } });
        expect(await call(page, 'vault.unlock', { path: vaultPath, passphrase: 'wrong horse battery staple' })).toMatchObject({ ok: false, error: { code: 'wrong-passphrase' } });
        expect(await call(page, 'vault.unlock', { path: vaultPath, passphrase: PASSPHRASE })).toMatchObject({ ok: true });
        expect(await call(page, 'interviews.get', { id })).toMatchObject({ ok: true, value: { id, title: 'Launch check' } });
        // The vault folder holds its header and database, and nothing the page typed in the clear.
        const files = readdirSync(vaultPath, { withFileTypes: true }).filter((entry) => entry.isFile());
        expect(files.map((entry) => entry.name)).toEqual(expect.arrayContaining(['fieldvault.header', 'fieldvault.db']));
        for (const entry of files) expect(readFileSync(join(vaultPath, entry.name)).includes(Buffer.from('Launch check'))).toBe(false);

        // An identity field on the clipboard, then the machine suspends: main locks at once (the page hears of
        // it) and the clipboard no longer holds the field.
        await page.evaluate(() => {
          const w = window as unknown as { fieldvault: { onLocked: (listener: () => void) => () => void }; fieldvaultLocks?: number };
          w.fieldvaultLocks = 0;
          w.fieldvault.onLocked(() => {
            w.fieldvaultLocks = (w.fieldvaultLocks ?? 0) + 1;
          });
        });
        await page.evaluate((text) => (window as unknown as { fieldvault: { copySecret: (t: string) => Promise<void> } }).fieldvault.copySecret(text), SECRET);
        expect(await electronApp.evaluate(({ clipboard }) => clipboard.readText())).toBe(SECRET);
        await electronApp.evaluate(({ powerMonitor }) => {
          powerMonitor.emit('suspend');
        });
        await expect.poll(() => status(page), { timeout: 10_000 }).toBe('locked');
        await expect.poll(() => page.evaluate(() => (window as unknown as { fieldvaultLocks?: number }).fieldvaultLocks ?? 0), { timeout: 10_000 }).toBeGreaterThan(0);
        await expect.poll(() => electronApp.evaluate(({ clipboard }) => clipboard.readText()), { timeout: 10_000 }).toBe('');
        expect(await call(page, 'interviews.get', { id })).toMatchObject({ ok: false, error: { code: 'locked' } });
        await page.getByRole('heading', { name: 'Unlock your vault' }).waitFor({ timeout: 10_000 });

        // The app closes within its limit (it locks first; the vault is locked already).
        const closing = Date.now();
        await electronApp.close();
        app = null;
        expect(Date.now() - closing).toBeLessThan(CLOSE_LIMIT_MS);
      } finally {
        await app?.close().catch(() => undefined);
        // Windows may hold the profile's files a moment after the process ends.
        rmSync(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
      }
    },
    180_000,
  );
});
