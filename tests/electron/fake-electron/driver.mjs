// Runs the BUILT main process (out/main/index.js) against the electron stub and the real vault worker
// (out/main/worker.js), drives it like Electron would, and prints what happened as one JSON line.
// Usage: node tests/electron/fake-electron/driver.mjs <vault-dir>
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { register } from 'node:module';
import { join } from 'node:path';

register('./hooks.mjs', import.meta.url);
const stub = await import('./electron-stub.mjs');
const { record, app, powerMonitor, fireReady } = stub;
const vaultDir = process.argv[2];
const out = {};
const until = async (predicate, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

await import(new URL('../../../out/main/index.js', import.meta.url).href);
out.beforeReady = { privilegedBeforeReady: !record.readyBeforePrivileges, privileged: record.privileged, sandboxEnabled: record.sandboxEnabled, switches: record.switches };
fireReady();
await until(() => record.windows.length === 1);
const win = record.windows[0];
const wc = win.webContents;
out.webPreferences = { ...win.options.webPreferences, session: undefined };
out.loadedUrl = wc.mainFrame.url;
out.channels = [...record.handlers.keys()].sort();
out.menuInstalled = record.menus === 1;
const partition = record.sessions.find((s) => s.name === 'fieldvault');
out.partitionOptions = partition?.options;
out.sessions = record.sessions.map((s) => ({
  name: s.name,
  spellchecker: s.spellchecker,
  hasFilter: typeof s.beforeRequest === 'function',
  protocols: [...s.protocolHandlers.keys()],
}));
const decide = (url) => new Promise((r) => partition.beforeRequest({ url }, (res) => r(res.cancel ? 'cancel' : 'allow')));
out.network = { app: await decide('app://fieldvault/index.html'), https: await decide('https://example.org/'), file: await decide('file:///etc/passwd') };
out.permission = await new Promise((r) => partition.permissionRequest(wc, 'media', r, {}));
out.permissionCheck = partition.permissionCheck(wc, 'clipboard-read', 'app://fieldvault', {});

// The app:// handler really serves the built renderer, with the CSP.
const served = await partition.protocolHandlers.get('app')(new Request('app://fieldvault/index.html'));
out.served = { status: served.status, csp: served.headers.get('content-security-policy'), hasRoot: (await served.text()).includes('id="root"') };
const escaped = await partition.protocolHandlers.get('app')(new Request('app://fieldvault/..%2fmain%2findex.js'));
out.escapedStatus = escaped.status;

// webContents hardening.
const navEvent = { url: 'https://example.org/', defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
wc.emit('will-navigate', navEvent);
out.navigationPrevented = navEvent.defaultPrevented;
out.windowOpen = wc.windowOpenHandler?.({ url: 'https://example.org/' });

// IPC: trusted and untrusted senders, validation, the real worker behind it.
const trusted = { sender: wc, senderFrame: wc.mainFrame };
const invoke = (channel, event, payload) => record.handlers.get(channel)(event, payload);
out.status = await invoke('fieldvault:vault.status', trusted, {});
out.fromOtherFrame = await invoke('fieldvault:vault.status', { sender: wc, senderFrame: { processId: 1, routingId: 999, parent: wc.mainFrame, url: 'app://fieldvault/index.html' } }, {});
out.fromOtherOrigin = await invoke('fieldvault:vault.status', { sender: wc, senderFrame: { ...wc.mainFrame, url: 'https://evil.example/' } }, {});
out.noFrame = await invoke('fieldvault:vault.status', { sender: wc, senderFrame: null }, {});
out.invalid = await invoke('fieldvault:vault.create', trusted, { path: vaultDir, passphrase: 'x', extra: true });
out.created = await invoke('fieldvault:vault.create', trusted, { path: vaultDir, passphrase: 'correct horse battery staple 42' });
out.unlockedStatus = await invoke('fieldvault:vault.status', trusted, {});
out.chooseOpen = await invoke('fieldvault:chooseVaultLocation', trusted, 'open');
out.chooseBadMode = await invoke('fieldvault:chooseVaultLocation', trusted, 'rm -rf');
out.chooseUntrusted = await invoke('fieldvault:chooseVaultLocation', { sender: wc, senderFrame: null }, 'open');
out.openTitleBefore = record.openDialogTitle;
// The page's words for the menu and the dialogs (the interface language): checked, then used.
const russian = { vaultMenu: '&Хранилище', lockVault: 'Заблокировать хранилище', editMenu: 'Правка', viewMenu: 'Вид', createTitle: 'Где создать хранилище', createButton: 'Создать здесь', folderLabel: 'Папка хранилища', openTitle: 'Открыть хранилище', openButton: 'Открыть', exportTitle: 'Сохранить экспорт', exportButton: 'Сохранить', sealTitle: 'Сохранить запечатанную справку', sealButton: 'Сохранить справку', receivedSaveTitle: 'Сохранить копию полученной справки', bundleOpenTitle: 'Открыть запечатанную справку (.fvb)', bundleOpenButton: 'Открыть', backupTitle: 'Сохранить резервную копию', backupButton: 'Сохранить копию', backupOpenTitle: 'Выберите резервную копию', backupOpenButton: 'Выбрать копию', travelTitle: 'Сохранить пакет для поездки', travelButton: 'Сохранить пакет', travelOpenTitle: 'Выберите пакет поездки', travelOpenButton: 'Выбрать пакет' };
out.nativeTextUntrusted = await invoke('fieldvault:nativeText', { sender: wc, senderFrame: null }, russian);
out.nativeTextBad = await invoke('fieldvault:nativeText', trusted, { ...russian, extra: 'x' });
out.menusBeforeNativeText = record.menus;
out.nativeText = await invoke('fieldvault:nativeText', trusted, russian);
out.menuLabels = record.menu.flatMap((m) => [m.label, ...(Array.isArray(m.submenu) ? m.submenu.map((i) => i.label) : [])]).filter(Boolean);
await invoke('fieldvault:chooseVaultLocation', trusted, 'open');
out.openTitleAfter = record.openDialogTitle;

// Identity fields go to the clipboard through main, only from the window.
out.copied = await invoke('fieldvault:copySecret', trusted, 'Султаналиева');
out.clipboardAfterCopy = stub.clipboard.text;
out.copiedUntrusted = await invoke('fieldvault:copySecret', { sender: wc, senderFrame: null }, 'evil');
out.clipboardAfterUntrusted = stub.clipboard.text;
out.clipboardFormats = stub.clipboard.formats;

// Suspend: main ends the key-holding worker at once and tells the page; nothing waits for the page (it saves as
// it goes) or for a timer (on Linux the sleep inhibitor is released as soon as the listeners return).
const lockSignals = () => wc.sent.filter((c) => c === 'fieldvault:locked' || c === 'fieldvault:lockRequested');
const signalsBeforeSuspend = lockSignals().length;
const suspendedAt = Date.now();
powerMonitor.emit('suspend');
out.signalsRightAfterSuspend = lockSignals().slice(signalsBeforeSuspend);
out.afterSuspend = await invoke('fieldvault:vault.status', trusted, {});
out.suspendLockMs = Date.now() - suspendedAt;
await new Promise((r) => setTimeout(r, 100));
out.clipboardAfterLock = stub.clipboard.text;
// Suspend in the middle of an unlock (Argon2id takes about a second): the unlock never completes.
const unlocking = invoke('fieldvault:vault.unlock', trusted, { path: vaultDir, passphrase: 'correct horse battery staple 42' });
await new Promise((r) => setTimeout(r, 150));
powerMonitor.emit('suspend');
out.unlockCutBySuspend = await unlocking;
out.afterSuspendDuringUnlock = await invoke('fieldvault:vault.status', trusted, {});
// Nothing was lost: the vault opens again.
out.unlockAfterSuspend = (await invoke('fieldvault:vault.unlock', trusted, { path: vaultDir, passphrase: 'correct horse battery staple 42' })).ok;
await new Promise((r) => setTimeout(r, 1_800));
out.signalsAfterSuspend = lockSignals().slice(signalsBeforeSuspend);

// The menu accelerator asks the page to save and lock. This time the page answers by locking itself (after
// saving): main does not lock again.
out.unlockAgain = (await invoke('fieldvault:vault.status', trusted, {})).value?.state === 'unlocked';
const lockItem = record.menu.flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : [])).find((i) => i.accelerator === 'CmdOrCtrl+L');
const signalsBeforeMenu = lockSignals().length;
lockItem.click();
await until(() => lockSignals().length === signalsBeforeMenu + 1);
out.pageLock = await invoke('fieldvault:vault.lock', trusted, {});
await new Promise((r) => setTimeout(r, 1_800));
out.afterMenuLock = await invoke('fieldvault:vault.status', trusted, {});
out.sentAfterMenuLock = lockSignals().slice(signalsBeforeMenu);

// A clear that does not take (another program holds the clipboard): never reported cleared; the page is told,
// and the clear is tried again when the window gains focus.
const statusSent = (status) => wc.sentWithArgs.some(([channel, value]) => channel === 'fieldvault:clipboardStatus' && value === status);
out.copiedBeforeDrop = await invoke('fieldvault:copySecret', trusted, 'Жумабеков');
stub.clipboard.dropWrites = true;
await invoke('fieldvault:vault.lock', trusted, {});
await until(() => statusSent('pending'));
out.clipboardWhileDropped = stub.clipboard.text;
stub.clipboard.dropWrites = false;
win.emit('focus');
await until(() => statusSent('resolved'));
out.clipboardAfterFocus = stub.clipboard.text;
out.clipboardStatuses = wc.sentWithArgs.filter(([channel]) => channel === 'fieldvault:clipboardStatus').map(([, value]) => value);

// Quit: before-quit is deferred until the vault is locked and the worker stopped, then quits for real.
out.unlockBeforeQuit = (await invoke('fieldvault:vault.unlock', trusted, { path: vaultDir, passphrase: 'correct horse battery staple 42' })).ok;

// Exports: written only to a file chosen in the Save dialog (this session), never to a path the page makes up.
const interview = await invoke('fieldvault:interviews.create', trusted, { fields: { title: 'Night search', summary: 'We met in the yard of the house.' } });
const exportDir = join(vaultDir, '..', 'exports');
mkdirSync(exportDir, { recursive: true });
const exportTo = (path, format = 'md') => ({ interviewId: interview.value.id, part: 'summary', personMode: 'redacted', format, decisions: { keep: [], redact: [] }, path });
out.exportUnchosen = await invoke('fieldvault:export.write', trusted, exportTo(join(exportDir, 'made-up.md')));
out.exportUnchosenWritten = existsSync(join(exportDir, 'made-up.md'));
out.chooseExportUntrusted = await invoke('fieldvault:chooseExportFile', { sender: wc, senderFrame: null }, { name: 'INT-summary-redacted.md', format: 'md' });
out.chooseExportBad = await invoke('fieldvault:chooseExportFile', trusted, { name: 'x.md', format: 'exe' });
out.saveDialogShownForBad = record.saveDialogOptions !== undefined;
record.saveDialogAnswer = { canceled: false, filePath: join(exportDir, 'chosen-summary') };
out.chooseExport = await invoke('fieldvault:chooseExportFile', trusted, { name: 'INT-0001-summary-redacted.md', format: 'md' });
const o = record.saveDialogOptions;
out.saveDialog = { title: o.title, buttonLabel: o.buttonLabel, defaultPath: o.defaultPath, filters: o.filters, properties: o.properties };
// Exports open once the vault's records have been checked, a moment after unlocking: wait for that.
const whenChecked = async (payload) => {
  const end = Date.now() + 20_000;
  for (;;) {
    const r = await invoke('fieldvault:export.write', trusted, payload);
    if (r.ok || r.error.code !== 'integrity' || Date.now() > end) return r;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};
out.exportChosen = await whenChecked(exportTo(out.chooseExport));
out.exportChosenText = existsSync(out.chooseExport) ? readFileSync(out.chooseExport, 'utf8') : null;
out.exportChosenOtherFormat = await invoke('fieldvault:export.write', trusted, exportTo(out.chooseExport, 'txt'));
// Briefs likewise: brief.write goes only to a PDF (or Word, Markdown, text) file chosen in the Save dialog.
const briefTo = (path, format = 'pdf') => ({
  request: { title: 'Night searches', method: '', selection: { ids: [interview.value.id] }, content: 'summary', personMode: 'redacted', language: 'en' },
  format,
  decisions: {},
  path,
});
out.briefUnchosen = await invoke('fieldvault:brief.write', trusted, briefTo(join(exportDir, 'made-up.pdf')));
out.briefUnchosenWritten = existsSync(join(exportDir, 'made-up.pdf'));
record.saveDialogAnswer = { canceled: false, filePath: join(exportDir, 'chosen-brief') };
out.chooseBrief = await invoke('fieldvault:chooseExportFile', trusted, { name: 'brief-2026-05-31.pdf', format: 'pdf' });
out.briefSaveDialogFilters = record.saveDialogOptions.filters;
out.briefChosen = await invoke('fieldvault:brief.write', trusted, briefTo(out.chooseBrief));
out.briefChosenHead = existsSync(out.chooseBrief) ? readFileSync(out.chooseBrief).subarray(0, 5).toString('latin1') : null;
out.briefChosenOtherFormat = await invoke('fieldvault:brief.write', trusted, briefTo(out.chooseBrief.replace(/\.pdf$/, ''), 'docx'));
// A lock forgets the choice.
await invoke('fieldvault:vault.lock', trusted, {});
out.unlockAfterExport = (await invoke('fieldvault:vault.unlock', trusted, { path: vaultDir, passphrase: 'correct horse battery staple 42' })).ok;
out.exportAfterLock = await invoke('fieldvault:export.write', trusted, exportTo(out.chooseExport));
out.briefAfterLock = await invoke('fieldvault:brief.write', trusted, briefTo(out.chooseBrief));

// Sealed delivery and backups: each file only as chosen in its own dialog (file-grants.ts).
const sealTo = (path) => ({ ...briefTo(path), recipients: ['c'.repeat(32)] });
out.sealUnchosen = await invoke('fieldvault:brief.seal', trusted, sealTo(join(exportDir, 'made-up.fvb')));
out.sealUnchosenWritten = existsSync(join(exportDir, 'made-up.fvb'));
// an export grant is not a seal grant
out.sealOnExportGrant = await invoke('fieldvault:brief.seal', trusted, sealTo(out.chooseBrief));
out.chooseFileBad = await invoke('fieldvault:chooseFile', trusted, { purpose: 'anything' });
out.chooseFileUntrusted = await invoke('fieldvault:chooseFile', { sender: wc, senderFrame: null }, { purpose: 'seal', name: 'brief.fvb' });
record.saveDialogAnswer = { canceled: false, filePath: join(exportDir, 'sealed') };
out.chooseSeal = await invoke('fieldvault:chooseFile', trusted, { purpose: 'seal', name: 'brief-2026-05-31.fvb' });
out.sealDialogFilters = record.saveDialogOptions.filters;
// through the gate: the core answers (that colleague does not exist), not main
out.sealChosen = await invoke('fieldvault:brief.seal', trusted, sealTo(out.chooseSeal));
out.backupUnchosen = await invoke('fieldvault:backup.create', trusted, { path: join(exportDir, 'made-up.fvbackup') });
out.backupUnchosenWritten = existsSync(join(exportDir, 'made-up.fvbackup'));
record.saveDialogAnswer = { canceled: false, filePath: join(exportDir, 'vault.fvbackup') };
out.chooseBackup = await invoke('fieldvault:chooseFile', trusted, { purpose: 'backup-create', name: 'fieldvault-backup-2026-05-31.fvbackup' });
out.backupDialogDefault = record.saveDialogOptions.defaultPath;
out.backupChosen = await invoke('fieldvault:backup.create', trusted, { path: out.chooseBackup });
out.openUnchosen = await invoke('fieldvault:received.open', trusted, { path: out.chooseBackup });
record.openDialogAnswer = { canceled: false, filePaths: [out.chooseBackup] };
out.chooseBundle = await invoke('fieldvault:chooseFile', trusted, { purpose: 'received-open' });
out.bundleDialogProperties = record.openDialogOptions.properties;
// the backup is no bundle: the core refuses it; the grant is spent either way
out.openChosen = await invoke('fieldvault:received.open', trusted, { path: out.chooseBundle });
out.openChosenAgain = await invoke('fieldvault:received.open', trusted, { path: out.chooseBundle });
await invoke('fieldvault:vault.lock', trusted, {});
// restore works while locked: the backup file only as chosen in the Open dialog
out.restoreUnchosen = await invoke('fieldvault:backup.restore', trusted, { file: out.chooseBackup, path: join(exportDir, 'restored'), passphrase: 'correct horse battery staple 42' });
out.chooseRestore = await invoke('fieldvault:chooseFile', trusted, { purpose: 'backup-open' });
out.restoreChosen = await invoke('fieldvault:backup.restore', trusted, { file: out.chooseRestore, path: join(exportDir, 'restored'), passphrase: 'correct horse battery staple 42' });
record.openDialogAnswer = undefined;
let quitDone = false;
app.on('quit-done', () => (quitDone = true));
app.quit();
out.quitDeferred = !quitDone;
await until(() => quitDone);
out.quitCalls = record.quitCalls;
out.sentAtExit = [...wc.sent];
process.stdout.write(`${JSON.stringify(out)}\n`);
process.exit(0);
