import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../../electron/main/policy';

/**
 * Checks the electron-vite output in out/ (run `npx electron-vite build` first; skipped, with the reason, when
 * there is none). The sandboxed preload can load nothing but 'electron', and the vault worker must not touch
 * electron at all.
 */
const out = fileURLToPath(new URL('../../out/', import.meta.url));
const preload = `${out}preload/index.cjs`;
const worker = `${out}main/worker.js`;
const main = `${out}main/index.js`;
const page = `${out}renderer/index.html`;
const built = existsSync(preload) && existsSync(worker) && existsSync(main) && existsSync(page);
if (!built) console.warn('Build output checks skipped: no out/ build here (run `npx electron-vite build`).');

/** A bundle without its comments (comments may mention module names or schemes). */
function code(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
}

describe('build output', () => {
  it.skipIf(!built)('the preload requires only electron', () => {
    const source = code(preload);
    const requires = [...source.matchAll(/\brequire\s*\(\s*(['"`])([^'"`]*)\1\s*\)/g)].map((m) => m[2]);
    expect(requires.length).toBeGreaterThan(0);
    expect(new Set(requires)).toEqual(new Set(['electron']));
    expect(source).not.toMatch(/\bimport\s*\(|^\s*import\s/m);
    expect(source).toContain('exposeInMainWorld("fieldvault"');
  });

  it.skipIf(!built)('the worker does not import electron', () => {
    const source = code(worker);
    expect(source).not.toMatch(/from\s+["']electron["']|require\(\s*["']electron["']\s*\)/);
  });

  it.skipIf(!built)('the main process loads the renderer from app:// and never file://', () => {
    const source = code(main);
    expect(source).toContain('app://fieldvault');
    expect(source).not.toMatch(/loadFile\(|file:\/\//);
  });

  it.skipIf(!built)('the built page carries the app policy as a <meta> too', () => {
    expect(metaPolicies(readFileSync(page, 'utf8'))).toEqual([META_CONTENT_SECURITY_POLICY]);
  });
});

/** The content of every <meta http-equiv="Content-Security-Policy"> in a page. */
function metaPolicies(html: string): string[] {
  return [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)].map((m) => m[1]!);
}

describe('the <meta> policy of src/renderer/index.html', () => {
  it("is the header's policy without what a meta policy cannot carry", () => {
    const source = readFileSync(fileURLToPath(new URL('../../src/renderer/index.html', import.meta.url)), 'utf8');
    expect(metaPolicies(source)).toEqual([META_CONTENT_SECURITY_POLICY]);
    const header = CONTENT_SECURITY_POLICY.split('; ');
    const meta = META_CONTENT_SECURITY_POLICY.split('; ');
    // Only frame-ancestors is left out (browsers ignore it in a meta policy); every other directive is the same.
    expect(header.filter((d) => !meta.includes(d))).toEqual(["frame-ancestors 'none'"]);
    expect(meta.every((d) => header.includes(d))).toBe(true);
    expect(META_CONTENT_SECURITY_POLICY).toContain("connect-src 'none'");
  });
});
