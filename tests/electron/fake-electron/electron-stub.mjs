// A recording stand-in for the parts of the electron module that electron/main uses. Test-only.
import { EventEmitter } from 'node:events';

export const record = { switches: [], privileged: [], sandboxEnabled: false, quitCalls: 0, exitCalls: [], errorBoxes: [], menus: 0, handlers: new Map(), sessions: [], windows: [], readyBeforePrivileges: false };
let ready = false;
let resolveReady;
const readyPromise = new Promise((r) => (resolveReady = r));

class App extends EventEmitter {
  isPackaged = false;
  commandLine = { appendSwitch: (name, value) => record.switches.push(value === undefined ? [name] : [name, value]) };
  enableSandbox() {
    record.sandboxEnabled = !ready;
  }
  requestSingleInstanceLock() {
    return true;
  }
  whenReady() {
    return readyPromise;
  }
  quit() {
    record.quitCalls++;
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    this.emit('before-quit', event);
    if (!event.defaultPrevented) this.emit('quit-done');
  }
  exit(code) {
    record.exitCalls.push(code);
  }
  getPath() {
    return '/tmp';
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
  windowOpenHandler = null;
  mainFrame = { processId: 1, routingId: nextRoutingId++, parent: null, url: '' };
  send(channel) {
    this.sent.push(channel);
  }
  setWindowOpenHandler(fn) {
    this.windowOpenHandler = fn;
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
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
  show() {}
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
export const powerMonitor = new EventEmitter();
export const clipboard = {
  text: '',
  readText() {
    return Promise.resolve(this.text);
  },
  writeText(text) {
    this.text = text;
    return Promise.resolve();
  },
};
export const dialog = {
  showErrorBox: (title, message) => record.errorBoxes.push(message),
  showSaveDialog: async () => ({ canceled: true }),
  showOpenDialog: async (_win, options) => {
    record.openDialogTitle = options?.title;
    return { canceled: false, filePaths: ['/chosen/vault'] };
  },
};
export const Menu = {
  buildFromTemplate: (template) => template,
  setApplicationMenu: (menu) => {
    record.menus++;
    record.menu = menu;
  },
};
export default { app, session, BrowserWindow, ipcMain, protocol, powerMonitor, dialog, Menu, clipboard };
