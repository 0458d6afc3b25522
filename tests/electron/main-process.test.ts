import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/policy';
import { operationNames } from '../../src/shared/operations';

/**
 * The BUILT main process (out/main/index.js) with a recording stand-in for the electron module and the real
 * vault worker (out/main/worker.js, real crypto and SQLite): startup order, window options, sessions, the
 * app:// handler, IPC sender checks and validation, lock triggers and the quit sequence. This is as close to
 * Electron as a machine without its binary gets; tests/electron/launch.test.ts covers the real thing.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const built = existsSync(join(root, 'out/main/index.js')) && existsSync(join(root, 'out/main/worker.js')) && existsSync(join(root, 'out/renderer/index.html'));
if (!built) console.warn('Main process test skipped: no out/ build here (run `npx electron-vite build`).');

const base = mkdtempSync(join(tmpdir(), 'fieldvault-main-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

type Json = Record<string, unknown> & { [key: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

function drive(): Json {
  const r = spawnSync(process.execPath, [join(root, 'tests/electron/fake-electron/driver.mjs'), join(base, 'vault')], { cwd: root, encoding: 'utf8', timeout: 90_000 });
  if (r.status !== 0) throw new Error(`driver failed (${r.status ?? r.signal}): ${r.stderr.slice(-2000)}`);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as Json;
}

describe.skipIf(!built)('built main process (stubbed electron, real worker)', () => {
  let out: Json;
  it('starts, serves, guards IPC, locks on suspend, menu and quit', () => {
    out = drive();

    // Before ready: scheme privileges, sandbox for every renderer, offline switches.
    expect(out.beforeReady.privilegedBeforeReady).toBe(true);
    expect(out.beforeReady.privileged).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, bypassCSP: false }) })]);
    expect(out.beforeReady.sandboxEnabled).toBe(true);
    expect(out.beforeReady.switches).toEqual(expect.arrayContaining([['disable-background-networking'], ['disable-component-update']]));

    // The window.
    expect(out.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, webviewTag: false, spellcheck: false });
    expect(out.webPreferences.preload).toBe(join(root, 'out/preload/index.cjs'));
    expect(out.loadedUrl).toBe('app://fieldvault/index.html');
    expect(out.menuInstalled).toBe(true);
    expect(out.partitionOptions).toEqual({ cache: false });

    // Sessions: network filter and no spellchecker everywhere; app:// only on the window's in-memory partition.
    for (const s of out.sessions) expect(s).toMatchObject({ spellchecker: false, hasFilter: true });
    expect(out.network).toEqual({ app: 'allow', https: 'cancel', file: 'cancel' });
    expect(out.permission).toBe(false);
    expect(out.permissionCheck).toBe(false);
    expect(out.served).toEqual({ status: 200, csp: CONTENT_SECURITY_POLICY, hasRoot: true });
    expect(out.escapedStatus).toBe(404);
    expect(out.navigationPrevented).toBe(true);
    expect(out.windowOpen).toEqual({ action: 'deny' });

    // IPC: one channel per operation plus the dialog.
    expect(out.channels).toEqual([...operationNames.map((n) => `fieldvault:${n}`), 'fieldvault:chooseVaultLocation', 'fieldvault:copySecret', 'fieldvault:nativeText'].sort());
    expect(out.status).toEqual({ ok: true, value: { state: 'locked' } });
    for (const key of ['fromOtherFrame', 'fromOtherOrigin', 'noFrame']) expect(out[key]).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
    expect(out.invalid).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(out.created).toMatchObject({ ok: true });
    expect(out.unlockedStatus).toMatchObject({ ok: true, value: { state: 'unlocked' } });
    expect(out.chooseOpen).toBe('/chosen/vault');
    expect(out.chooseBadMode).toBeNull();
    expect(out.chooseUntrusted).toBeNull();
    // The menu and dialogs in the interface language: only from the page, only well-formed, and applied.
    expect(out.openTitleBefore).toBe('Open a vault');
    expect(out.nativeTextUntrusted).toBe(false);
    expect(out.nativeTextBad).toBe(false);
    expect(out.nativeText).toBe(true);
    expect(out.menuLabels).toEqual(expect.arrayContaining(['&Хранилище', 'Заблокировать хранилище', 'Правка', 'Вид']));
    expect(out.openTitleAfter).toBe('Открыть хранилище');

    // The identity clipboard: copied from the window only, cleared by the lock.
    expect(out.copied).toBe(true);
    expect(out.clipboardAfterCopy).toBe('Султаналиева');
    expect(out.copiedUntrusted).toBe(false);
    expect(out.clipboardAfterUntrusted).toBe('Султаналиева');
    expect(out.clipboardAfterLock).toBe('');

    // Lock triggers: main asks the page first (it saves pending edits and locks itself), and locks anyway
    // after the grace period when the page does not answer.
    expect(out.afterSuspend).toEqual({ ok: true, value: { state: 'locked' } });
    expect(out.sentAfterSuspend).toEqual(['fieldvault:lockRequested', 'fieldvault:locked']);
    expect(out.suspendGraceMs).toBeGreaterThanOrEqual(1_400);
    expect(out.suspendGraceMs).toBeLessThan(5_000);
    expect(out.unlockAgain).toBe(true);
    expect(out.pageLock).toEqual({ ok: true, value: null });
    expect(out.afterMenuLock).toEqual({ ok: true, value: { state: 'locked' } });
    expect(out.sentAfterMenuLock).toEqual(['fieldvault:lockRequested', 'fieldvault:locked', 'fieldvault:lockRequested']);

    // Quit waits for the lock, then quits for real.
    expect(out.unlockBeforeQuit).toBe(true);
    expect(out.quitDeferred).toBe(true);
    expect(out.quitCalls).toBe(2);
    expect(out.sentAtExit.length).toBeGreaterThanOrEqual(3);
  }, 120_000);
});
