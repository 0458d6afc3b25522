import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/policy';
import { secretClipboardEntries } from '../../electron/main/secret-clipboard';
import { EXPORT_NOT_CHOSEN, FILE_NOT_CHOSEN } from '../../src/shared/api';
import { BUNDLE_REFUSALS } from '../../src/shared/delivery';
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
    expect(out.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, webviewTag: false, spellcheck: false, disableBlinkFeatures: 'Auxclick' });
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
    expect(out.channels).toEqual([...operationNames.map((n) => `fieldvault:${n}`), 'fieldvault:chooseExportFile', 'fieldvault:chooseFile', 'fieldvault:chooseVaultLocation', 'fieldvault:copySecret', 'fieldvault:nativeText', 'fieldvault:panicShortcut', 'fieldvault:setPanicShortcut'].sort());
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
    // …in one write with this platform's "do not record" markers (raw formats as Blobs, as Electron 45 takes them).
    expect(out.clipboardFormats).toEqual(secretClipboardEntries('x', process.platform).map((e) => [e.format, typeof e.data === 'string' ? 'string' : 'Blob']));
    expect(out.clipboardFormats.length).toBeGreaterThan(1);
    // A clear that did not take is not reported: the page is told, and the next focus of the window clears it.
    expect(out.copiedBeforeDrop).toBe(true);
    expect(out.clipboardWhileDropped).toBe('Жумабеков');
    expect(out.clipboardAfterFocus).toBe('');
    expect(out.clipboardStatuses).toEqual(['pending', 'resolved']);

    // Suspend: the worker holding the keys is ended at once, the page told at once, no grace period.
    expect(out.signalsRightAfterSuspend).toEqual(['fieldvault:locked']);
    expect(out.afterSuspend).toEqual({ ok: true, value: { state: 'locked' } });
    expect(out.suspendLockMs).toBeLessThan(1_000);
    // An unlock under way when the machine suspends never completes.
    expect(out.unlockCutBySuspend).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(out.afterSuspendDuringUnlock).toEqual({ ok: true, value: { state: 'locked' } });
    expect(out.unlockAfterSuspend).toBe(true);
    // main never asked the page to lock and never waited for it
    expect(out.signalsAfterSuspend).toEqual(['fieldvault:locked', 'fieldvault:locked']);
    // The menu asks the page first (it saves pending edits and locks itself); main does not lock again.
    expect(out.unlockAgain).toBe(true);
    expect(out.pageLock).toEqual({ ok: true, value: null });
    expect(out.afterMenuLock).toEqual({ ok: true, value: { state: 'locked' } });
    expect(out.sentAfterMenuLock).toEqual(['fieldvault:lockRequested']);

    // Quit waits for the lock, then quits for real.
    expect(out.unlockBeforeQuit).toBe(true);

    // Exports go only to a file the user chose in the Save dialog since the last unlock.
    expect(out.exportUnchosen).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
    // (the page tells this refusal from a folder it may not write to by these words: "choose the file again")
    expect(out.exportUnchosen.error.message.startsWith(EXPORT_NOT_CHOSEN)).toBe(true);
    expect(out.exportUnchosenWritten).toBe(false);
    expect(out.chooseExportUntrusted).toBeNull();
    expect(out.chooseExportBad).toBeNull();
    expect(out.saveDialogShownForBad).toBe(false);
    expect(out.chooseExport).toBe(join(base, 'exports', 'chosen-summary.md'));
    expect(out.saveDialog).toEqual({
      title: 'Сохранить экспорт',
      buttonLabel: 'Сохранить',
      defaultPath: join('/tmp', 'INT-0001-summary-redacted.md'),
      filters: [{ name: 'Markdown', extensions: ['md'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'],
    });
    expect(out.exportChosen).toMatchObject({ ok: true, value: { path: out.chooseExport } });
    expect(out.exportChosenText).toContain('We met in the yard of the house.');
    expect(out.exportChosenOtherFormat).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
    expect(out.unlockAfterExport).toBe(true);
    expect(out.exportAfterLock).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
    // Briefs (brief.write) are held to the same rule, in all four formats.
    expect(out.briefUnchosen).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
    expect(out.briefUnchosen.error.message.startsWith(EXPORT_NOT_CHOSEN)).toBe(true);
    expect(out.briefUnchosenWritten).toBe(false);
    expect(out.chooseBrief).toBe(join(base, 'exports', 'chosen-brief.pdf'));
    expect(out.briefSaveDialogFilters).toEqual([{ name: 'PDF', extensions: ['pdf'] }]);
    expect(out.briefChosen).toMatchObject({ ok: true, value: { path: out.chooseBrief, interviews: 1 } });
    expect(out.briefChosenHead).toBe('%PDF-');
    expect(out.briefChosenOtherFormat).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
    expect(out.briefAfterLock).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
    // Sealed bundles, received briefs and backups: only files chosen in their own dialogs.
    expect(out.sealUnchosen).toEqual({ ok: false, error: { code: 'permission-denied', message: FILE_NOT_CHOSEN } });
    expect(out.sealUnchosenWritten).toBe(false);
    expect(out.sealOnExportGrant).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
    expect(out.chooseFileBad).toBeNull();
    expect(out.chooseFileUntrusted).toBeNull();
    expect(out.chooseSeal).toBe(join(base, 'exports', 'sealed.fvb'));
    expect(out.sealDialogFilters).toEqual([{ name: 'Fieldvault bundle', extensions: ['fvb'] }]);
    expect(out.sealChosen).toMatchObject({ ok: false });
    expect(out.sealChosen.error.code).not.toBe('permission-denied');
    expect(out.backupUnchosen).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
    expect(out.backupUnchosenWritten).toBe(false);
    expect(out.backupDialogDefault).toBe(join('/tmp', 'fieldvault-backup-2026-05-31.fvbackup'));
    expect(out.backupChosen).toMatchObject({ ok: true, value: { path: join(base, 'exports', 'vault.fvbackup') } });
    expect(out.openUnchosen).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
    expect(out.bundleDialogProperties).toEqual(['openFile', 'dontAddToRecent']);
    expect(out.openChosen).toMatchObject({ ok: false, error: { message: BUNDLE_REFUSALS['not-a-bundle'] } });
    expect(out.openChosenAgain).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
    expect(out.restoreUnchosen).toMatchObject({ ok: false, error: { code: 'permission-denied' } });
    expect(out.restoreChosen).toMatchObject({ ok: true, value: { path: join(base, 'exports', 'restored') } });
    expect(out.quitDeferred).toBe(true);
    expect(out.quitCalls).toBe(2);
    expect(out.sentAtExit.length).toBeGreaterThanOrEqual(3);
  }, 120_000);
});
