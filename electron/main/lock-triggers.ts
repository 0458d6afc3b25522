import { globalShortcut, powerMonitor, type BrowserWindow } from 'electron';
import { startIdlePoll, type LockTrigger, type VaultStateTracker } from './lock-policy';
import { createPanicLock, filePreference, type PanicLock } from './panic-lock';

/**
 * Locks the vault when the machine leaves the user's hands: suspend and shutdown, the OS screen lock, (macOS)
 * fast user switching, and, read every few seconds because Linux has no 'lock-screen', the idle state 'locked'
 * and the system idle time (a backstop for the page's own timer, which Chromium throttles in background
 * windows). How each is locked: lock-policy.ts. Ctrl/Cmd+L and the page's timer live in the renderer; the menu
 * in menu.ts. Returns a function that stops the polling.
 */
export function installLockTriggers(lock: (trigger: LockTrigger) => void, tracker: Pick<VaultStateTracker, 'unlocked' | 'autoLockMinutes'>): () => void {
  powerMonitor.on('suspend', () => lock('suspend'));
  // On Linux a 'shutdown' listener makes Electron hold a logind delay lock until the listeners have returned.
  powerMonitor.on('shutdown', () => lock('shutdown'));
  powerMonitor.on('lock-screen', () => lock('screen-lock'));
  powerMonitor.on('user-did-resign-active', () => lock('user-switch'));
  return startIdlePoll({
    read: (threshold) => ({ state: powerMonitor.getSystemIdleState(threshold), idleSeconds: powerMonitor.getSystemIdleTime() }),
    tracker,
    onTrigger: lock,
  });
}

/** Windows: shutdown, restart and log-off reach the window, not powerMonitor. The session is not held up. */
export function lockOnSessionEnd(win: BrowserWindow, lock: (trigger: LockTrigger) => void): void {
  win.on('query-session-end', () => lock('session-end'));
  win.on('session-end', () => lock('session-end'));
}

/**
 * The panic shortcut (panic-lock.ts), registered with the system now, for the app's whole run: it ends the
 * key-holding worker at once (like suspend, nothing awaited) and hides the window. Bringing the app back (a second
 * launch, the dock) shows the window again, locked. The choice is kept in `userData` (panic-lock.ts says why).
 */
export function installPanicShortcut(lock: (trigger: LockTrigger) => void, getWindow: () => BrowserWindow | null, userData: string): PanicLock {
  const panic = createPanicLock({
    registry: globalShortcut,
    preference: filePreference(userData),
    onPanic: () => {
      lock('panic');
      getWindow()?.hide();
    },
  });
  panic.start();
  return panic;
}
