/** The panic shortcut: accelerator checks, matching key presses in the page, and main's registration (with fakes). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPanicLock, filePreference, PANIC_PREFERENCE_FILE, type ShortcutPreference, type ShortcutRegistry } from '../../electron/main/panic-lock';
import { checkPanicShortcut, DEFAULT_PANIC_SHORTCUT, keyPressMatches, type KeyPress } from '../../src/shared/panic-shortcut';
import { removeDir, tempDir } from '../fixtures/vault-helpers';

describe('checkPanicShortcut', () => {
  it('accepts Electron accelerators and writes them the canonical way', () => {
    expect(checkPanicShortcut(DEFAULT_PANIC_SHORTCUT)).toEqual({ ok: true, accelerator: 'CommandOrControl+Shift+F12' });
    expect(checkPanicShortcut('ctrl+shift+f12')).toEqual({ ok: true, accelerator: 'Control+Shift+F12' });
    expect(checkPanicShortcut('Shift + CmdOrCtrl + p')).toEqual({ ok: true, accelerator: 'CommandOrControl+Shift+P' });
    expect(checkPanicShortcut('Alt+Option+9')).toEqual({ ok: true, accelerator: 'Alt+9' });
    expect(checkPanicShortcut('Super+Esc')).toEqual({ ok: true, accelerator: 'Super+Escape' });
    expect(checkPanicShortcut('Control+Alt+Enter')).toEqual({ ok: true, accelerator: 'Control+Alt+Return' });
    expect(checkPanicShortcut('Command+F24')).toEqual({ ok: true, accelerator: 'Command+F24' });
  });

  it('refuses what would fire while typing, what is not a key, and shortcuts already in use, each with its reason', () => {
    expect(checkPanicShortcut('')).toEqual({ ok: false, problem: 'empty' });
    expect(checkPanicShortcut('   ')).toEqual({ ok: false, problem: 'empty' });
    expect(checkPanicShortcut(undefined)).toEqual({ ok: false, problem: 'empty' });
    expect(checkPanicShortcut(42)).toEqual({ ok: false, problem: 'empty' });
    expect(checkPanicShortcut('F12')).toEqual({ ok: false, problem: 'no-modifier' });
    expect(checkPanicShortcut('Shift+A')).toEqual({ ok: false, problem: 'no-modifier' });
    expect(checkPanicShortcut('Control+Shift')).toEqual({ ok: false, problem: 'no-key' });
    expect(checkPanicShortcut('Control+F25')).toEqual({ ok: false, problem: 'unknown-key' });
    expect(checkPanicShortcut('Control+Ж')).toEqual({ ok: false, problem: 'unknown-key' });
    expect(checkPanicShortcut('Control++')).toEqual({ ok: false, problem: 'unknown-key' });
    expect(checkPanicShortcut(`Control+${'A'.repeat(200)}`)).toEqual({ ok: false, problem: 'unknown-key' });
    expect(checkPanicShortcut('Control+A+B')).toEqual({ ok: false, problem: 'several-keys' });
    // Fieldvault's own lock, search and new-interview keys, and the editing ones
    for (const taken of ['CmdOrCtrl+L', 'Control+L', 'Command+K', 'CommandOrControl+N', 'Ctrl+C', 'Ctrl+V', 'Ctrl+Z', 'Cmd+Q']) {
      expect(checkPanicShortcut(taken)).toEqual({ ok: false, problem: 'reserved' });
    }
    // …but with another modifier they are free
    expect(checkPanicShortcut('Control+Alt+L')).toEqual({ ok: true, accelerator: 'Control+Alt+L' });
  });
});

describe('keyPressMatches (the page’s panic key)', () => {
  const press = (over: Partial<KeyPress>): KeyPress => ({ key: '', code: '', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...over });
  it('CommandOrControl is Ctrl off the Mac and ⌘ on it; the modifiers must be exactly these', () => {
    const f12 = press({ key: 'F12', code: 'F12', ctrlKey: true, shiftKey: true });
    expect(keyPressMatches(DEFAULT_PANIC_SHORTCUT, f12, false)).toBe(true);
    expect(keyPressMatches(DEFAULT_PANIC_SHORTCUT, f12, true)).toBe(false);
    expect(keyPressMatches(DEFAULT_PANIC_SHORTCUT, press({ key: 'F12', code: 'F12', metaKey: true, shiftKey: true }), true)).toBe(true);
    expect(keyPressMatches(DEFAULT_PANIC_SHORTCUT, { ...f12, altKey: true }, false)).toBe(false);
    expect(keyPressMatches(DEFAULT_PANIC_SHORTCUT, { ...f12, shiftKey: false }, false)).toBe(false);
    expect(keyPressMatches(DEFAULT_PANIC_SHORTCUT, { ...f12, key: 'F11', code: 'F11' }, false)).toBe(false);
  });

  it('letters by their place on the keyboard (a Russian layout types “з” on P), named keys by name', () => {
    expect(keyPressMatches('Control+Alt+P', press({ key: 'з', code: 'KeyP', ctrlKey: true, altKey: true }), false)).toBe(true);
    expect(keyPressMatches('Control+Alt+P', press({ key: 'p', code: 'KeyO', ctrlKey: true, altKey: true }), false)).toBe(false);
    expect(keyPressMatches('Control+Alt+5', press({ key: '5', code: 'Numpad5', ctrlKey: true, altKey: true }), false)).toBe(true);
    expect(keyPressMatches('Control+Alt+Escape', press({ key: 'Escape', code: 'Escape', ctrlKey: true, altKey: true }), false)).toBe(true);
    expect(keyPressMatches('Control+Alt+Up', press({ key: 'ArrowUp', code: 'ArrowUp', ctrlKey: true, altKey: true }), false)).toBe(true);
    // an accelerator that does not check matches nothing
    expect(keyPressMatches('F12', press({ key: 'F12', code: 'F12' }), false)).toBe(false);
  });
});

describe('createPanicLock (main’s system-wide shortcut, with a fake globalShortcut)', () => {
  let registered: Map<string, () => void>;
  let heldElsewhere: Set<string>;
  let stored: string | null;
  let writes: string[];
  let panics: number;
  const registry: ShortcutRegistry = {
    register: (a, cb) => {
      if (heldElsewhere.has(a) || registered.has(a)) return false;
      registered.set(a, cb);
      return true;
    },
    unregister: (a) => void registered.delete(a),
  };
  const preference: ShortcutPreference = {
    read: () => stored,
    write: (a) => {
      writes.push(a);
      stored = a;
    },
  };
  beforeEach(() => {
    registered = new Map();
    heldElsewhere = new Set();
    stored = null;
    writes = [];
    panics = 0;
  });
  const make = () => createPanicLock({ registry, preference, onPanic: () => panics++ });

  it('registers the default at start; the system’s callback runs the panic', () => {
    const panic = make();
    expect(panic.start()).toEqual({ accelerator: DEFAULT_PANIC_SHORTCUT, global: true });
    expect([...registered.keys()]).toEqual([DEFAULT_PANIC_SHORTCUT]);
    registered.get(DEFAULT_PANIC_SHORTCUT)!();
    expect(panics).toBe(1);
    panic.stop();
    expect(registered.size).toBe(0);
  });

  it('starts with the stored shortcut; an unusable stored one falls back to the default', () => {
    stored = 'ctrl+alt+p';
    expect(make().start()).toEqual({ accelerator: 'Control+Alt+P', global: true });
    registered.clear();
    stored = 'P';
    expect(make().start()).toEqual({ accelerator: DEFAULT_PANIC_SHORTCUT, global: true });
  });

  it('a change registers the new one, releases the old one and stores it', () => {
    const panic = make();
    panic.start();
    expect(panic.change('Control+Alt+P')).toEqual({ ok: true, state: { accelerator: 'Control+Alt+P', global: true } });
    expect([...registered.keys()]).toEqual(['Control+Alt+P']);
    expect(writes).toEqual(['Control+Alt+P']);
    registered.get('Control+Alt+P')!();
    expect(panics).toBe(1);
    // the same again: nothing to do
    expect(panic.change('ctrl+alt+p')).toEqual({ ok: true, state: { accelerator: 'Control+Alt+P', global: true } });
    expect(writes).toEqual(['Control+Alt+P']);
  });

  it('a shortcut another application holds: “taken”, and the old one keeps working; bad ones never reach the system', () => {
    const panic = make();
    panic.start();
    heldElsewhere.add('Control+Alt+H');
    expect(panic.change('Control+Alt+H')).toEqual({ ok: false, problem: 'taken' });
    expect(panic.change('H')).toEqual({ ok: false, problem: 'no-modifier' });
    expect(panic.change('Control+L')).toEqual({ ok: false, problem: 'reserved' });
    expect([...registered.keys()]).toEqual([DEFAULT_PANIC_SHORTCUT]);
    expect(panic.state()).toEqual({ accelerator: DEFAULT_PANIC_SHORTCUT, global: true });
    expect(writes).toEqual([]);
  });

  it('held elsewhere at start: not global, and a later change can still take another one', () => {
    heldElsewhere.add(DEFAULT_PANIC_SHORTCUT);
    const panic = make();
    expect(panic.start()).toEqual({ accelerator: DEFAULT_PANIC_SHORTCUT, global: false });
    expect(panic.change(DEFAULT_PANIC_SHORTCUT)).toEqual({ ok: false, problem: 'taken' });
    expect(panic.change('Control+Alt+P')).toEqual({ ok: true, state: { accelerator: 'Control+Alt+P', global: true } });
  });

  it('a registry that throws (Electron on an accelerator it cannot parse) counts as taken, never as a crash', () => {
    const panic = createPanicLock({ registry: { register: () => { throw new Error('bad accelerator'); }, unregister: () => undefined }, preference, onPanic: () => undefined });
    expect(panic.start()).toEqual({ accelerator: DEFAULT_PANIC_SHORTCUT, global: false });
    expect(panic.change('Control+Alt+P')).toEqual({ ok: false, problem: 'taken' });
  });
});

describe('filePreference', () => {
  let dir = '';
  beforeEach(() => {
    dir = tempDir('fv-panic-pref-');
  });
  afterEach(() => removeDir(dir));

  it('keeps the accelerator, and only it, in userData; a damaged or foreign file reads as none', () => {
    const pref = filePreference(join(dir, 'userData'));
    expect(pref.read()).toBeNull();
    pref.write('Control+Alt+P');
    const file = join(dir, 'userData', PANIC_PREFERENCE_FILE);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ accelerator: 'Control+Alt+P' });
    expect(pref.read()).toBe('Control+Alt+P');
    writeFileSync(file, '{not json');
    expect(pref.read()).toBeNull();
    writeFileSync(file, JSON.stringify({ accelerator: 12 }));
    expect(pref.read()).toBeNull();
    writeFileSync(file, JSON.stringify({ accelerator: 'x'.repeat(2000) }));
    expect(pref.read()).toBeNull();
    expect(existsSync(`${file}.${process.pid}.tmp`)).toBe(false);
  });
});
