/** Where the Electron binary is, or why there is none: the same finder `npm start` uses. */
export { findElectronBinary, type ElectronBinary } from '../../scripts/electron-binary.mjs';

/** Linux needs a display server for a window (run under xvfb-run in CI). */
export function missingDisplay(): string | null {
  if (process.platform !== 'linux') return null;
  return process.env.DISPLAY || process.env.WAYLAND_DISPLAY ? null : 'no DISPLAY or WAYLAND_DISPLAY (run the tests under xvfb-run)';
}
