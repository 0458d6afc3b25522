import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where the Electron binary is, or why there is none: the same finder `npm start` uses. */
export { findElectronBinary, type ElectronBinary } from '../../scripts/electron-binary.mjs';

/** Linux needs a display server for a window (run under xvfb-run in CI). */
export function missingDisplay(): string | null {
  if (process.platform !== 'linux') return null;
  return process.env.DISPLAY || process.env.WAYLAND_DISPLAY ? null : 'no DISPLAY or WAYLAND_DISPLAY (run the tests under xvfb-run)';
}

/**
 * Linux: a sandboxed Electron needs unprivileged user namespaces or a setuid-root chrome-sandbox beside the binary
 * (Ubuntu 24.04 restricts the namespaces through AppArmor, and npm leaves chrome-sandbox unprivileged); without
 * either it aborts at start. Chromium also refuses its sandbox to root. The reason, or null when it can start.
 */
export function missingSandbox(binaryPath: string): string | null {
  if (process.platform !== 'linux') return null;
  if (process.getuid?.() === 0) return 'running as root, where Chromium will not start its sandbox';
  try {
    const helper = statSync(join(dirname(binaryPath), 'chrome-sandbox'));
    if (helper.uid === 0 && (helper.mode & 0o4000) !== 0) return null;
  } catch {
    /* no helper: user namespaces must do */
  }
  const probe = spawnSync('unshare', ['-Ur', 'true'], { stdio: 'ignore', timeout: 10_000 });
  if (probe.status === 0) return null;
  return (
    'the Chromium sandbox cannot start here: no unprivileged user namespaces (`unshare -Ur true` fails; on Ubuntu 24.04 ' +
    '`sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`) and chrome-sandbox is not setuid root'
  );
}
