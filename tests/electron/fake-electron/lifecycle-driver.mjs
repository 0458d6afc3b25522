// Runs the BUILT main process (out/main/index.js) against the electron stub and the real vault worker in one
// lifecycle scenario, and prints what happened as one JSON line. Each scenario is its own process, since the
// main module runs once per process.
// Usage: node tests/electron/fake-electron/lifecycle-driver.mjs <scenario> <vault-dir>
//   refuse-switch   packaged, started with --remote-debugging-port
//   unsandboxed     packaged, clean command line, but the renderer turns out not to be sandboxed
//   load-fails      the page fails to load, twice: error box, try again, error box, quit
//   crash-at-start  the renderer dies before the window was ever shown
//   system-locks    dev build: idle state 'locked', the idle backstop, lock-screen, shutdown, session end
//   panic           the panic shortcut: registered at start, locks and hides, changed from the page, released at quit
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { register } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

register('./hooks.mjs', import.meta.url);
const stub = await import('./electron-stub.mjs');
const { record, app, powerMonitor, fireReady } = stub;
const [scenario, vaultDir] = process.argv.slice(2);
const out = { scenario };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const until = async (predicate, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out in ${scenario}`);
    await sleep(20);
  }
};
const passphrase = 'correct horse battery staple 42';

// The main module reads process.argv and app.isPackaged when it loads; the driver's own arguments are removed
// so that main sees only what each scenario gives it.
process.argv.splice(2);
if (scenario === 'refuse-switch') {
  app.isPackaged = true;
  process.argv.push('--remote-debugging-port=9222');
}
if (scenario === 'unsandboxed') app.isPackaged = true;
if (scenario === 'load-fails') record.failLoads = 2;
// The app's preference folder (the panic shortcut is kept there), with a shortcut chosen in an earlier run.
const userData = scenario === 'panic' ? mkdtempSync(join(tmpdir(), 'fieldvault-userdata-')) : null;
if (userData) record.userData = userData;

await import(new URL('../../../out/main/index.js', import.meta.url).href);
fireReady();

const lockSignals = (wc) => wc.sent.filter((c) => c === 'fieldvault:locked' || c === 'fieldvault:lockRequested');
const invoker = (wc) => (channel, payload) => record.handlers.get(channel)({ sender: wc, senderFrame: wc.mainFrame }, payload);

switch (scenario) {
  case 'refuse-switch': {
    await until(() => record.exitCalls.length > 0);
    await sleep(200);
    out.exitCalls = record.exitCalls;
    out.errorBoxes = record.errorBoxes;
    out.windows = record.windows.length;
    out.handlers = record.handlers.size;
    out.singleInstanceLockRequested = record.singleInstanceLockRequested === true;
    break;
  }
  case 'unsandboxed': {
    await until(() => record.windows.length === 1);
    const win = record.windows[0];
    out.visibleBeforeReady = win.isVisible();
    win.emit('ready-to-show');
    await until(() => record.exitCalls.length > 0);
    out.exitCalls = record.exitCalls;
    out.errorBoxes = record.errorBoxes;
    out.shown = win.isVisible();
    out.showCalls = record.showCalls ?? 0;
    break;
  }
  case 'load-fails': {
    await until(() => record.windows.length === 1);
    const win = record.windows[0];
    // did-fail-load and the rejected loadURL both report the failure: one box.
    await until(() => (record.messageBoxes ?? []).length === 1);
    await sleep(200);
    out.boxesAfterFailure = record.messageBoxes.length;
    const first = record.messageBoxes[0];
    out.box = { type: first.options.type, message: first.options.message, detail: first.options.detail, buttons: first.options.buttons, cancelId: first.options.cancelId, hadParent: first.hadParent };
    out.visibleAfterFailure = win.isVisible();
    // A second launch while the box is open: no second box, no invisible window focused.
    app.emit('second-instance', {}, [], '/');
    await sleep(100);
    out.boxesAfterSecondInstance = record.messageBoxes.length;
    out.focusWhileFailed = record.focusCalls ?? 0;
    // Try again: the load fails once more, a new box; this time Quit.
    first.answer(0);
    await until(() => record.messageBoxes.length === 2);
    out.loadsAfterRetry = record.loads;
    record.messageBoxes[1].answer(1);
    await until(() => record.quitCalls > 0);
    out.quitCalls = record.quitCalls;
    break;
  }
  case 'crash-at-start': {
    await until(() => record.windows.length === 1);
    const win = record.windows[0];
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    await until(() => (record.messageBoxes ?? []).length === 1);
    out.boxMessage = record.messageBoxes[0].options.message;
    out.visible = win.isVisible();
    // Try again succeeds this time: the page loads, shows, and a second launch brings it forward.
    record.messageBoxes[0].answer(0);
    await until(() => record.loads >= 2);
    win.webContents.emit('did-finish-load');
    win.emit('ready-to-show');
    out.visibleAfterRetry = win.isVisible();
    const focusBefore = record.focusCalls ?? 0;
    app.emit('second-instance', {}, [], '/');
    out.focusedBySecondInstance = (record.focusCalls ?? 0) > focusBefore;
    break;
  }
  case 'system-locks': {
    await until(() => record.windows.length === 1);
    const win = record.windows[0];
    const wc = win.webContents;
    const invoke = invoker(wc);
    win.emit('ready-to-show');
    out.shownInDev = win.isVisible();
    // A second launch shows a window that is not visible yet.
    win.visible = false;
    app.emit('second-instance', {}, [], '/');
    out.shownBySecondInstance = win.isVisible();

    out.created = (await invoke('fieldvault:vault.create', { path: vaultDir, passphrase })).ok;
    const status = async () => (await invoke('fieldvault:vault.status', {})).value?.state;
    const unlock = async () => (await invoke('fieldvault:vault.unlock', { path: vaultDir, passphrase })).ok;

    // 1. Linux has no 'lock-screen': the polled idle state 'locked' locks the vault.
    await sleep(6_000);
    out.pollThresholds = [...new Set(powerMonitor.idleThresholds)];
    out.stillUnlockedWhileActive = (await status()) === 'unlocked';
    let before = lockSignals(wc).length;
    powerMonitor.idleState = 'locked';
    const lockedAt = Date.now();
    await until(() => lockSignals(wc).length > before, 20_000);
    out.screenLockSignals = lockSignals(wc).slice(before);
    out.screenLockWithinMs = Date.now() - lockedAt;
    out.afterScreenLock = await status();
    powerMonitor.idleState = 'active';

    // 2. The idle backstop, with the vault's own auto-lock time (1 minute here), read by main from the vault.
    out.unlocked2 = await unlock();
    out.settings = (await invoke('fieldvault:settings.update', { settings: { autoLockMinutes: 1 } })).ok;
    powerMonitor.idleTime = 59;
    await sleep(6_000);
    out.pollThresholdsAfterSetting = [...new Set(powerMonitor.idleThresholds)];
    out.unlockedAt59s = (await status()) === 'unlocked';
    before = lockSignals(wc).length;
    powerMonitor.idleTime = 61;
    await until(() => lockSignals(wc).length > before, 20_000);
    out.idleSignals = lockSignals(wc).slice(before);
    out.afterIdle = await status();
    powerMonitor.idleTime = 0;
    out.unlocked3 = await unlock();
    const audit = await invoke('fieldvault:audit.list', {});
    out.lockDetails = audit.ok ? audit.value.filter((e) => e.action === 'vault locked').map((e) => e.detail) : audit;

    // 3. lock-screen (macOS, Windows): locked at once by main, the page is not asked.
    before = lockSignals(wc).length;
    powerMonitor.emit('lock-screen');
    await until(() => lockSignals(wc).length > before);
    out.lockScreenSignals = lockSignals(wc).slice(before);
    out.afterLockScreen = await status();

    // 4. shutdown (Linux, macOS) and the Windows session end: the worker is ended at once.
    for (const [name, emit] of [
      ['shutdown', () => powerMonitor.emit('shutdown')],
      ['query-session-end', () => win.emit('query-session-end', { reasons: ['shutdown'], preventDefault() {} })],
      ['session-end', () => win.emit('session-end', { reasons: ['logoff'], preventDefault() {} })],
    ]) {
      out[`${name}Unlocked`] = await unlock();
      before = lockSignals(wc).length;
      emit();
      out[`${name}Sync`] = lockSignals(wc).slice(before);
      out[`${name}After`] = await status();
    }
    await sleep(1_800);
    out.neverAsked = !wc.sent.includes('fieldvault:lockRequested');
    break;
  }
  case 'panic': {
    await until(() => record.windows.length === 1);
    const win = record.windows[0];
    const wc = win.webContents;
    const invoke = invoker(wc);
    win.emit('ready-to-show');
    // Registered at start, before any vault is open: it must work from the background and with the window hidden.
    out.registeredAtStart = [...(record.shortcuts?.keys() ?? [])];
    out.stateAtStart = await invoke('fieldvault:panicShortcut', null);
    out.created = (await invoke('fieldvault:vault.create', { path: vaultDir, passphrase })).ok;
    const status = async () => (await invoke('fieldvault:vault.status', {})).value?.state;
    out.copied = await invoke('fieldvault:copySecret', 'Султаналиева');
    // The system calls the callback: locked at once (the worker ended, nothing awaited) and the window hidden.
    const before = lockSignals(wc).length;
    const pressedAt = Date.now();
    record.shortcuts.get(out.registeredAtStart[0])();
    out.panicCallbackMs = Date.now() - pressedAt;
    out.signalsRightAfterPanic = lockSignals(wc).slice(before);
    out.hiddenRightAfterPanic = !win.isVisible();
    out.afterPanic = await status();
    await sleep(100);
    out.clipboardAfterPanic = stub.clipboard.text;
    // A second launch (or the dock) brings the window back, locked.
    app.emit('second-instance', {}, [], '/');
    out.shownAgain = win.isVisible();
    out.statusWhenShown = await status();
    win.hide();
    app.emit('activate');
    out.shownByActivate = win.isVisible();
    // Changed from Settings: the new one registered, the old one released, the choice kept in userData.
    out.changed = await invoke('fieldvault:setPanicShortcut', 'ctrl+alt+p');
    out.registeredAfterChange = [...record.shortcuts.keys()];
    out.preferenceFile = JSON.parse(readFileSync(join(userData, 'panic-shortcut.json'), 'utf8'));
    // Another application holds this one: a clear refusal, the previous one stays.
    stub.globalShortcut.heldElsewhere.add('Control+Alt+H');
    out.taken = await invoke('fieldvault:setPanicShortcut', 'Control+Alt+H');
    out.invalid = await invoke('fieldvault:setPanicShortcut', 'H');
    out.registeredAfterRefusals = [...record.shortcuts.keys()];
    out.untrusted = await record.handlers.get('fieldvault:setPanicShortcut')({ sender: wc, senderFrame: null }, 'Control+Alt+U');
    out.untrustedState = await record.handlers.get('fieldvault:panicShortcut')({ sender: wc, senderFrame: null }, null);
    // The new shortcut works the same way.
    out.unlocked = (await invoke('fieldvault:vault.unlock', { path: vaultDir, passphrase })).ok;
    win.show();
    record.shortcuts.get('Control+Alt+P')();
    out.afterSecondPanic = await status();
    out.hiddenAfterSecondPanic = !win.isVisible();
    // Quit releases it.
    let quitDone = false;
    app.on('quit-done', () => (quitDone = true));
    app.quit();
    await until(() => quitDone);
    out.registeredAfterQuit = [...record.shortcuts.keys()];
    rmSync(userData, { recursive: true, force: true });
    break;
  }
  default:
    throw new Error(`unknown scenario ${scenario}`);
}
process.stdout.write(`${JSON.stringify(out)}\n`);
process.exit(0);
