import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LOAD_FAILED_TEXT, UNSANDBOXED_MESSAGE } from '../../electron/main/policy';
import { DEFAULT_PANIC_SHORTCUT } from '../../src/shared/panic-shortcut';

/**
 * The BUILT main process (out/main/index.js) with the recording electron stub and the real vault worker, one
 * lifecycle scenario per process (tests/electron/fake-electron/lifecycle-driver.mjs): refusal of debugging
 * switches and of a renderer without the sandbox in a packaged build, a page that does not load, and the locks
 * main makes on its own (screen lock polled on Linux, idle backstop, lock-screen, shutdown, session end).
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const built = existsSync(join(root, 'out/main/index.js')) && existsSync(join(root, 'out/main/worker.js')) && existsSync(join(root, 'out/renderer/index.html'));
if (!built) console.warn('Main lifecycle tests skipped: no out/ build here (run `npx electron-vite build`).');

const base = mkdtempSync(join(tmpdir(), 'fieldvault-lifecycle-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

type Json = Record<string, unknown> & { [key: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

function drive(scenario: string): Promise<Json> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'tests/electron/fake-electron/lifecycle-driver.mjs'), scenario, join(base, scenario)], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill(), 90_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`driver ${scenario} failed (${code ?? signal}): ${stderr.slice(-2000)}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '') as Json);
    });
  });
}

describe.skipIf(!built)('built main process: start, failure and system locks (stubbed electron, real worker)', () => {
  it('a packaged build started with --remote-debugging-port says why and exits non-zero, before any window or vault', async () => {
    const out = await drive('refuse-switch');
    expect(out.exitCalls).toEqual([1]);
    expect(out.errorBoxes).toHaveLength(1);
    expect(out.errorBoxes[0]).toMatch(/^Fieldvault will not start with --remote-debugging-port\./);
    expect(out.errorBoxes[0]).toContain('debugger');
    expect(out.windows).toBe(0);
    expect(out.handlers).toBe(0);
    expect(out.singleInstanceLockRequested).toBe(false);
  }, 60_000);

  it('a packaged build whose renderer is not really sandboxed never shows its window', async () => {
    const out = await drive('unsandboxed');
    expect(out.visibleBeforeReady).toBe(false);
    expect(out.errorBoxes).toEqual([UNSANDBOXED_MESSAGE]);
    expect(out.exitCalls).toEqual([1]);
    expect(out.shown).toBe(false);
    expect(out.showCalls).toBe(0);
  }, 60_000);

  it('a page that does not load gets an error box (one per failure), not an invisible window', async () => {
    const out = await drive('load-fails');
    expect(out.boxesAfterFailure).toBe(1);
    expect(out.box).toEqual({ type: 'error', message: LOAD_FAILED_TEXT.message, detail: LOAD_FAILED_TEXT.detail, buttons: [LOAD_FAILED_TEXT.retry, LOAD_FAILED_TEXT.quit], cancelId: 1, hadParent: false });
    expect(out.visibleAfterFailure).toBe(false);
    expect(out.boxesAfterSecondInstance).toBe(1);
    expect(out.focusWhileFailed).toBe(0);
    expect(out.loadsAfterRetry).toBe(2);
    expect(out.quitCalls).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('a renderer that dies before the window was shown gets the error box; trying again shows the window', async () => {
    const out = await drive('crash-at-start');
    expect(out.boxMessage).toBe(LOAD_FAILED_TEXT.message);
    expect(out.visible).toBe(false);
    expect(out.visibleAfterRetry).toBe(true);
    expect(out.focusedBySecondInstance).toBe(true);
  }, 60_000);

  it('locks on the polled screen lock, on the idle backstop, on lock-screen, shutdown and session end, without asking the page', async () => {
    const out = await drive('system-locks');
    expect(out.shownInDev).toBe(true);
    expect(out.shownBySecondInstance).toBe(true);
    expect(out.created).toBe(true);

    // Linux: getSystemIdleState() === 'locked' (read every 5 s, threshold = the vault's auto-lock time).
    expect(out.pollThresholds).toEqual([300]);
    expect(out.stillUnlockedWhileActive).toBe(true);
    expect(out.screenLockSignals).toEqual(['fieldvault:locked']);
    expect(out.screenLockWithinMs).toBeLessThan(10_000); // one 5 s poll, then the lock in the worker
    expect(out.afterScreenLock).toBe('locked');

    // The backstop: system idle time against the vault's own setting (1 minute), not the default.
    expect(out.unlocked2).toBe(true);
    expect(out.settings).toBe(true);
    expect(out.pollThresholdsAfterSetting).toEqual([300, 60]);
    expect(out.unlockedAt59s).toBe(true);
    expect(out.idleSignals).toEqual(['fieldvault:locked']);
    expect(out.afterIdle).toBe('locked');
    expect(out.unlocked3).toBe(true);
    // Orderly locks, so the audit log says why.
    expect(out.lockDetails.slice(-2)).toEqual(['by the system (sleep, screen lock or quitting)', 'after inactivity']);

    expect(out.lockScreenSignals).toEqual(['fieldvault:locked']);
    expect(out.afterLockScreen).toBe('locked');

    // Shutdown and the Windows session end: locked before the listener returned.
    for (const name of ['shutdown', 'query-session-end', 'session-end']) {
      expect(out[`${name}Unlocked`]).toBe(true);
      expect(out[`${name}Sync`]).toEqual(['fieldvault:locked']);
      expect(out[`${name}After`]).toBe('locked');
    }
    expect(out.neverAsked).toBe(true);
  }, 90_000);

  it('the panic shortcut: registered at start, locks at once and hides the window, changed from the page, refused when taken, released at quit', async () => {
    const out = await drive('panic');
    expect(out.registeredAtStart).toEqual([DEFAULT_PANIC_SHORTCUT]);
    expect(out.stateAtStart).toEqual({ accelerator: DEFAULT_PANIC_SHORTCUT, global: true });
    expect(out.created).toBe(true);
    expect(out.copied).toBe(true);
    // Locked before the callback returned (the worker ended, like suspend), the page told, the window hidden.
    expect(out.signalsRightAfterPanic).toEqual(['fieldvault:locked']);
    expect(out.hiddenRightAfterPanic).toBe(true);
    expect(out.afterPanic).toBe('locked');
    // the callback itself returns at once: it awaits nothing
    expect(out.panicCallbackMs).toBeLessThan(500);
    expect(out.clipboardAfterPanic).toBe('');
    // Brought back by a second launch or the dock: shown, and locked.
    expect(out.shownAgain).toBe(true);
    expect(out.statusWhenShown).toBe('locked');
    expect(out.shownByActivate).toBe(true);
    // Changed: checked, registered, the old one released, kept in userData (the accelerator only).
    expect(out.changed).toEqual({ ok: true, state: { accelerator: 'Control+Alt+P', global: true } });
    expect(out.registeredAfterChange).toEqual(['Control+Alt+P']);
    expect(out.preferenceFile).toEqual({ accelerator: 'Control+Alt+P' });
    expect(out.taken).toEqual({ ok: false, problem: 'taken' });
    expect(out.invalid).toEqual({ ok: false, problem: 'no-modifier' });
    expect(out.registeredAfterRefusals).toEqual(['Control+Alt+P']);
    // Only the window may read or change it.
    expect(out.untrusted).toMatchObject({ ok: false });
    expect(out.untrustedState).toBeNull();
    expect(out.unlocked).toBe(true);
    expect(out.afterSecondPanic).toBe('locked');
    expect(out.hiddenAfterSecondPanic).toBe(true);
    expect(out.registeredAfterQuit).toEqual([]);
  }, 90_000);
});
