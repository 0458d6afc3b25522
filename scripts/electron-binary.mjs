import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the Electron binary is, or why there is none; used by `npm start` and the Electron launch test.
 * Never `require('electron')`: on a machine without the binary that tries to download it (and then throws).
 * @param {string} projectRoot
 * @returns {{ path: string, missing?: undefined } | { path?: undefined, missing: string }}
 */
export function findElectronBinary(projectRoot) {
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
