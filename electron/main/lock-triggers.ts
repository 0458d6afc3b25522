import { powerMonitor } from 'electron';

/**
 * Locks the vault when the machine leaves the user's hands: suspend/sleep, OS screen lock, and (macOS) fast
 * user switching. The page's own idle timer and Ctrl/Cmd+L live in the renderer; the menu accelerator in menu.ts.
 */
export function installLockTriggers(lock: () => void): void {
  powerMonitor.on('suspend', lock);
  powerMonitor.on('lock-screen', lock);
  powerMonitor.on('user-did-resign-active', lock);
}
