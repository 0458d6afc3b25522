import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { operationNames } from '../../src/shared/operations';
import { findElectronBinary, missingDisplay } from './electron-binary';

/**
 * Electron smoke test: launches the built app (`npx electron-vite build` first) and checks the hardened
 * window. Runs only where an Electron binary exists; elsewhere it is skipped and says why.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const binary = findElectronBinary(root);
const noDisplay = binary.path ? missingDisplay() : null;
const skipReason = binary.missing
  ? `Electron binary not installed on this machine: ${binary.missing}`
  : noDisplay
    ? `Electron binary found but no display: ${noDisplay}`
    : null;
if (skipReason) console.warn(`Electron launch test skipped. ${skipReason}`);

describe('Electron app', () => {
  it.skipIf(skipReason !== null)(`launches the hardened window${skipReason ? ` (skipped: ${skipReason})` : ''}`, async () => {
    expect(existsSync(`${root}out/main/index.js`), 'run `npx electron-vite build` before the Electron smoke test').toBe(true);
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    let app: ElectronApplication | null = null;
    try {
      app = await _electron.launch({ executablePath: binary.path, args: ['.'], cwd: root, env: env as Record<string, string>, timeout: 60_000 });
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      expect(page.url()).toBe('app://fieldvault/index.html');

      // The unlock screen renders (real React app, real preload).
      await page.getByRole('heading', { name: 'Unlock your vault' }).waitFor({ timeout: 30_000 });

      // window.fieldvault: exactly the contract, no ipcRenderer, no Node in the page.
      const shape = await page.evaluate(() => {
        const w = window as unknown as Record<string, unknown>;
        const api = w.fieldvault as Record<string, unknown>;
        return {
          keys: Object.keys(api).sort(),
          functions: Object.keys(api).filter((k) => typeof api[k] === 'function').sort(),
          platform: api.platform,
          hasIpcRenderer: 'ipcRenderer' in api || 'ipcRenderer' in w,
          require: typeof w.require,
          process: typeof w.process,
          module: typeof w.module,
        };
      });
      const expectedFunctions = [...operationNames, 'chooseVaultLocation', 'onLocked'].sort();
      expect(shape.functions).toEqual(expectedFunctions);
      expect(shape.keys).toEqual([...expectedFunctions, 'platform'].sort());
      expect(shape.platform).toBe('electron');
      expect(shape.hasIpcRenderer).toBe(false);
      expect([shape.require, shape.process, shape.module]).toEqual(['undefined', 'undefined', 'undefined']);

      // The IPC path works end to end, and main validates payloads.
      const calls = await page.evaluate(async () => {
        const api = (window as unknown as { fieldvault: Record<string, (p: unknown) => Promise<unknown>> }).fieldvault;
        return {
          status: await api['vault.status']!({}),
          invalid: await api['interviews.get']!({ id: '../../etc/passwd' }),
        };
      });
      expect(calls.status).toEqual({ ok: true, value: { state: 'locked' } });
      expect(calls.invalid).toMatchObject({ ok: false, error: { code: 'invalid-request' } });

      // No network: CSP connect-src 'none' (and the webRequest filter behind it).
      const fetched = await page.evaluate(() =>
        fetch('https://example.org/').then(
          () => 'loaded',
          () => 'blocked',
        ),
      );
      expect(fetched).toBe('blocked');

      // window.open is denied.
      const opened = await page.evaluate(() => window.open('app://fieldvault/index.html') === null);
      expect(opened).toBe(true);
      expect(app.windows()).toHaveLength(1);
    } finally {
      await app?.close();
    }
  });
});
