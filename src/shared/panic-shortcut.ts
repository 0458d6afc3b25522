/**
 * The panic lock's shortcut: an Electron accelerator ("CommandOrControl+Shift+F12") that locks the vault at once
 * and hides the window, even when Fieldvault is not focused (main registers it with the system), and in the page
 * itself (the browser preview has no system shortcuts). Checked here, in one place, for main, the page and the
 * Settings form. Pure: no electron, no DOM.
 */

/**
 * Unlikely to be taken: no application or desktop uses Ctrl+Shift+F12 by default, and it is none of Fieldvault's own
 * (Ctrl+L, Ctrl+N, Ctrl+K, Ctrl+F) nor an editing shortcut.
 */
export const DEFAULT_PANIC_SHORTCUT = 'CommandOrControl+Shift+F12';

/** Why a shortcut cannot be used. 'taken': another application holds it (the system refused to register it). */
export type ShortcutProblem = 'empty' | 'no-modifier' | 'no-key' | 'unknown-key' | 'several-keys' | 'reserved' | 'taken';

export interface PanicShortcutState {
  readonly accelerator: string;
  /**
   * Registered with the system, so it works when Fieldvault is in the background or hidden. False in the browser
   * preview (the page's key only), and when another application holds the shortcut.
   */
  readonly global: boolean;
}

export type PanicShortcutResult = { readonly ok: true; readonly state: PanicShortcutState } | { readonly ok: false; readonly problem: ShortcutProblem };

type Modifier = 'CommandOrControl' | 'Command' | 'Control' | 'Alt' | 'AltGr' | 'Shift' | 'Super';

/** Spellings Electron accepts for each modifier (lower case), and the order they are written in. */
const MODIFIERS: Readonly<Record<string, Modifier>> = {
  commandorcontrol: 'CommandOrControl',
  cmdorctrl: 'CommandOrControl',
  command: 'Command',
  cmd: 'Command',
  control: 'Control',
  ctrl: 'Control',
  alt: 'Alt',
  option: 'Alt',
  altgr: 'AltGr',
  shift: 'Shift',
  super: 'Super',
  meta: 'Super',
};
const MODIFIER_ORDER: readonly Modifier[] = ['CommandOrControl', 'Command', 'Control', 'Alt', 'AltGr', 'Shift', 'Super'];

/** Named keys in Electron's spelling (lower case -> canonical), and the KeyboardEvent.key the page sees for each. */
const NAMED_KEYS: Readonly<Record<string, { readonly name: string; readonly eventKey: string }>> = {
  space: { name: 'Space', eventKey: ' ' },
  tab: { name: 'Tab', eventKey: 'Tab' },
  backspace: { name: 'Backspace', eventKey: 'Backspace' },
  delete: { name: 'Delete', eventKey: 'Delete' },
  insert: { name: 'Insert', eventKey: 'Insert' },
  return: { name: 'Return', eventKey: 'Enter' },
  enter: { name: 'Return', eventKey: 'Enter' },
  up: { name: 'Up', eventKey: 'ArrowUp' },
  down: { name: 'Down', eventKey: 'ArrowDown' },
  left: { name: 'Left', eventKey: 'ArrowLeft' },
  right: { name: 'Right', eventKey: 'ArrowRight' },
  home: { name: 'Home', eventKey: 'Home' },
  end: { name: 'End', eventKey: 'End' },
  pageup: { name: 'PageUp', eventKey: 'PageUp' },
  pagedown: { name: 'PageDown', eventKey: 'PageDown' },
  escape: { name: 'Escape', eventKey: 'Escape' },
  esc: { name: 'Escape', eventKey: 'Escape' },
};

/** Shortcuts that do something else already: Fieldvault's own, and the editing ones every text field needs. */
const RESERVED = new Set(['L', 'N', 'K', 'F', 'C', 'V', 'X', 'A', 'Z', 'Y', 'Q', 'W'].map((k) => `CommandOrControl+${k}`));

function canonicalKey(part: string): string | null {
  const lower = part.toLowerCase();
  if (/^[a-z]$/.test(lower) || /^[0-9]$/.test(lower)) return lower.toUpperCase();
  const f = /^f([1-9]|1[0-9]|2[0-4])$/.exec(lower);
  if (f) return `F${f[1]}`;
  return NAMED_KEYS[lower]?.name ?? null;
}

/**
 * Checks an accelerator as typed in Settings and writes it the canonical way ("ctrl+shift+f12" ->
 * "Control+Shift+F12"). It needs one key and at least one modifier other than Shift: Shift+A alone types a capital
 * letter, and a bare key would fire while the researcher types.
 */
export function checkPanicShortcut(text: unknown): { readonly ok: true; readonly accelerator: string } | { readonly ok: false; readonly problem: ShortcutProblem } {
  if (typeof text !== 'string' || text.trim() === '') return { ok: false, problem: 'empty' };
  if (text.length > 100) return { ok: false, problem: 'unknown-key' };
  // "Plus" is how Electron spells the + key; a literal "+" inside the text only separates.
  const parts = text.split('+').map((p) => p.trim());
  if (parts.some((p) => p === '')) return { ok: false, problem: 'unknown-key' };
  const modifiers = new Set<Modifier>();
  const keys: string[] = [];
  for (const part of parts) {
    const modifier = MODIFIERS[part.toLowerCase()];
    if (modifier) {
      modifiers.add(modifier);
      continue;
    }
    const key = canonicalKey(part);
    if (!key) return { ok: false, problem: 'unknown-key' };
    keys.push(key);
  }
  if (keys.length === 0) return { ok: false, problem: 'no-key' };
  if (keys.length > 1) return { ok: false, problem: 'several-keys' };
  if ([...modifiers].every((m) => m === 'Shift')) return { ok: false, problem: 'no-modifier' };
  const accelerator = [...MODIFIER_ORDER.filter((m) => modifiers.has(m)), keys[0]].join('+');
  if (RESERVED.has(accelerator) || RESERVED.has(accelerator.replace(/^(Command|Control)\+/, 'CommandOrControl+'))) return { ok: false, problem: 'reserved' };
  return { ok: true, accelerator };
}

/** What the page's keydown event carries (a KeyboardEvent fits). */
export interface KeyPress {
  readonly key: string;
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
}

/**
 * Whether a key press in the page is this accelerator, with exactly its modifiers. Letters and digits are matched
 * by their place on the keyboard (event.code), so the shortcut works with a Russian layout too.
 */
export function keyPressMatches(accelerator: string, press: KeyPress, isMac: boolean): boolean {
  const checked = checkPanicShortcut(accelerator);
  if (!checked.ok) return false;
  const parts = checked.accelerator.split('+');
  const key = parts.pop()!;
  const has = (m: Modifier) => parts.includes(m);
  const wantMeta = has('Command') || has('Super') || (isMac && has('CommandOrControl'));
  const wantCtrl = has('Control') || (!isMac && has('CommandOrControl'));
  const wantAlt = has('Alt') || has('AltGr');
  if (press.metaKey !== wantMeta || press.ctrlKey !== wantCtrl || press.altKey !== wantAlt || press.shiftKey !== has('Shift')) return false;
  if (/^[A-Z]$/.test(key)) return press.code === `Key${key}`;
  if (/^[0-9]$/.test(key)) return press.code === `Digit${key}` || press.code === `Numpad${key}`;
  if (/^F\d+$/.test(key)) return press.key === key;
  const named = Object.values(NAMED_KEYS).find((n) => n.name === key);
  return named !== undefined && press.key === named.eventKey;
}
