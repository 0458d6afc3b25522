import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the Electron binary is, or why there is none (same rule as scripts/start.mjs). Never
 * `require('electron')`: without the binary that tries to download it and then throws.
 */
export type ElectronBinary = { readonly path: string; readonly missing?: undefined } | { readonly path?: undefined; readonly missing: string };

export function findElectronBinary(projectRoot: string): ElectronBinary {
  const pkgDir = join(projectRoot, 'node_modules', 'electron');
  let relative = '';
  try {
    relative = readFileSync(join(pkgDir, 'path.txt'), 'utf8').trim();
  } catch {
    /* no path.txt: the binary was never installed */
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = join(override, relative || 'electron');
    return existsSync(candidate) ? { path: candidate } : { missing: `${candidate} (ELECTRON_OVERRIDE_DIST_PATH) does not exist` };
  }
  if (!existsSync(join(pkgDir, 'package.json'))) return { missing: 'the electron package is not installed' };
  if (!relative) return { missing: 'node_modules/electron/path.txt is absent (the package was installed without its binary)' };
  const candidate = join(pkgDir, 'dist', relative);
  return existsSync(candidate) ? { path: candidate } : { missing: `${candidate} does not exist` };
}

/** Linux needs a display server for a window (run under xvfb-run in CI). */
export function missingDisplay(): string | null {
  if (process.platform !== 'linux') return null;
  return process.env.DISPLAY || process.env.WAYLAND_DISPLAY ? null : 'no DISPLAY or WAYLAND_DISPLAY (run the tests under xvfb-run)';
}
