// A recording stand-in for the parts of the electron module that electron/main uses. Test-only.
import { EventEmitter } from 'node:events';

export const record = { switches: [], privileged: [], sandboxEnabled: false, quitCalls: 0, exitCalls: [], errorBoxes: [], menus: 0, handlers: new Map(), sessions: [], windows: [], readyBeforePrivileges: false };
let ready = false;
let resolveReady;
const readyPromise = new Promise((r) => (resolveReady = r));

class App extends EventEmitter {
  isPackaged = false;
  commandLine = {
    appendSwitch: (name, value) => record.switches.push(value === undefined ? [name] : [name, value]),
    getSwitchValue: () => '',
    // Chromium's reading of the command line: switches given on it and switches appended in code.
    hasSwitch: (name) => record.switches.some(([n]) => n === name) || process.argv.slice(2).some((a) => a === `--${name}` || a.startsWith(`--${name}=`)),
  };
  enableSandbox() {
    record.sandboxEnabled = !ready;
  }
  requestSingleInstanceLock() {
    record.singleInstanceLockRequested = true;
    return true;
  }
  whenReady() {
    return readyPromise;
  }
  quit() {
    record.quitCalls++;
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    this.emit('before-quit', event);
    if (!event.defaultPrevented) {
      this.emit('will-quit', { preventDefault() {} });
      this.emit('quit-done');
    }
  }
  exit(code) {
    record.exitCalls.push(code);
  }
  /** record.userData: the folder a driver gives main for its preferences (the panic shortcut); '/tmp' otherwise. */
  getPath(name) {
    return name === 'userData' && record.userData ? record.userData : '/tmp';
  }
  /** macOS and Windows report `sandboxed` per process; here every process is this one, which is not sandboxed. */
  getAppMetrics() {
    return [{ pid: process.pid, type: 'Tab', sandboxed: false }];
  }
}
export const app = new App();
export function fireReady() {
  ready = true;
  app.emit('ready');
  resolveReady();
}

function makeSession(name) {
  const s = new EventEmitter();
  Object.assign(s, {
    name,
    beforeRequest: null,
    permissionRequest: null,
    permissionCheck: null,
    protocolHandlers: new Map(),
    spellchecker: true,
    webRequest: { onBeforeRequest: (fn) => (s.beforeRequest = fn) },
    setPermissionRequestHandler: (fn) => (s.permissionRequest = fn),
    setPermissionCheckHandler: (fn) => (s.permissionCheck = fn),
    setDevicePermissionHandler: () => undefined,
    setDisplayMediaRequestHandler: () => undefined,
    setBluetoothPairingHandler: () => undefined,
    setSpellCheckerEnabled: (v) => (s.spellchecker = v),
    protocol: { handle: (scheme, fn) => s.protocolHandlers.set(scheme, fn) },
  });
  record.sessions.push(s);
  return s;
}
const defaultSession = makeSession('default');
const partitions = new Map();
export const session = {
  defaultSession,
  fromPartition(name, options) {
    if (!partitions.has(name)) partitions.set(name, Object.assign(makeSession(name), { options }));
    return partitions.get(name);
  },
};

let nextRoutingId = 1;
class WebContents extends EventEmitter {
  sent = [];
  /** Every send with its arguments ([channel, ...args]); `sent` keeps the channel names alone. */
  sentWithArgs = [];
  windowOpenHandler = null;
  mainFrame = { processId: 1, routingId: nextRoutingId++, parent: null, url: '' };
  send(channel, ...args) {
    this.sent.push(channel);
    this.sentWithArgs.push([channel, ...args]);
  }
  setWindowOpenHandler(fn) {
    this.windowOpenHandler = fn;
  }
  /** The "renderer" is this process (so on Linux its /proc status is main's: not sandboxed). */
  getOSProcessId() {
    return process.pid;
  }
}
export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new WebContents();
    this.destroyed = false;
    record.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url) {
    record.loads = (record.loads ?? 0) + 1;
    // record.failLoads: how many loads fail the way Electron reports it (did-fail-load, then a rejection).
    if ((record.failLoads ?? 0) > 0) {
      record.failLoads--;
      this.webContents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', url, true, 1, 1);
      return Promise.reject(Object.assign(new Error(`ERR_FILE_NOT_FOUND (-6) loading '${url}'`), { errno: -6, code: 'ERR_FILE_NOT_FOUND', url }));
    }
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  visible = false;
  isVisible() {
    return this.visible;
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return false;
  }
  isFocused() {
    return true;
  }
  restore() {}
  focus() {
    record.focusCalls = (record.focusCalls ?? 0) + 1;
  }
  show() {
    this.visible = true;
    record.showCalls = (record.showCalls ?? 0) + 1;
  }
  hide() {
    this.visible = false;
    record.hideCalls = (record.hideCalls ?? 0) + 1;
  }
  static getAllWindows() {
    return record.windows.filter((w) => !w.destroyed);
  }
}

export const ipcMain = {
  handle(channel, fn) {
    if (record.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    record.handlers.set(channel, fn);
  },
};
export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    record.readyBeforePrivileges = ready;
    record.privileged.push(...schemes);
  },
};
export const powerMonitor = Object.assign(new EventEmitter(), {
  /** What getSystemIdleState answers ('locked': the OS screen lock is on), and the thresholds it was asked with. */
  idleState: 'active',
  idleThresholds: [],
  /** Seconds without input on the whole machine. */
  idleTime: 0,
  getSystemIdleState(threshold) {
    if (!Number.isInteger(threshold) || threshold <= 0) throw new TypeError('threshold must be a positive integer');
    this.idleThresholds.push(threshold);
    return this.idleState;
  },
  getSystemIdleTime() {
    return this.idleTime;
  },
});
export class ClipboardItem {
  constructor(items) {
    this.items = items;
    this.types = Object.keys(items);
  }
}
export const clipboard = {
  text: '',
  /** The formats of the last clipboard.write(), as Electron 45 takes them (a string or a Blob each). */
  formats: [],
  /** While true, writes are lost (another program holds the clipboard) and the old text stays. */
  dropWrites: false,
  readText() {
    return Promise.resolve(this.text);
  },
  writeText(text) {
    if (!this.dropWrites) this.text = text;
    return Promise.resolve();
  },
  async write(items) {
    if (items.length !== 1 || !(items[0] instanceof ClipboardItem)) throw new TypeError('clipboard.write takes ClipboardItems');
    const entries = Object.entries(items[0].items);
    if (entries.some(([, v]) => typeof v !== 'string' && !(v instanceof Blob))) throw new TypeError('ClipboardItem values are strings or Blobs');
    if (this.dropWrites) return;
    this.formats = entries.map(([format, value]) => [format, typeof value === 'string' ? 'string' : 'Blob']);
    this.text = typeof items[0].items['text/plain'] === 'string' ? items[0].items['text/plain'] : '';
  },
};
export const dialog = {
  showErrorBox: (title, message) => record.errorBoxes.push(message),
  /** Open message boxes: the driver answers each with `answer(response)`. */
  showMessageBox: (...args) => {
    const options = args.length > 1 ? args[1] : args[0];
    return new Promise((resolve) => {
      record.messageBoxes = record.messageBoxes ?? [];
      record.messageBoxes.push({ options, hadParent: args.length > 1, answer: (response) => resolve({ response, checkboxChecked: false }) });
    });
  },
  showSaveDialog: async (_win, options) => {
    record.saveDialogOptions = options;
    return record.saveDialogAnswer ?? { canceled: true };
  },
  showOpenDialog: async (_win, options) => {
    record.openDialogTitle = options?.title;
    record.openDialogOptions = options;
    return record.openDialogAnswer ?? { canceled: false, filePaths: ['/chosen/vault'] };
  },
};
export const Menu = {
  buildFromTemplate: (template) => template,
  setApplicationMenu: (menu) => {
    record.menus++;
    record.menu = menu;
  },
};
/**
 * System-wide shortcuts: record.shortcuts maps each registered accelerator to its callback. Accelerators listed in
 * globalShortcut.heldElsewhere are "held by another application": register answers false, as Electron does.
 */
export const globalShortcut = {
  heldElsewhere: new Set(),
  register(accelerator, callback) {
    record.shortcuts = record.shortcuts ?? new Map();
    if (this.heldElsewhere.has(accelerator) || record.shortcuts.has(accelerator)) return false;
    record.shortcuts.set(accelerator, callback);
    return true;
  },
  unregister(accelerator) {
    record.shortcuts?.delete(accelerator);
  },
  unregisterAll() {
    record.shortcuts?.clear();
  },
  isRegistered(accelerator) {
    return record.shortcuts?.has(accelerator) ?? false;
  },
};
export default { app, session, BrowserWindow, ipcMain, protocol, powerMonitor, dialog, Menu, clipboard, ClipboardItem, globalShortcut };
