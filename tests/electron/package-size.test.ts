import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * What the installers carry: scripts/package-size.mjs packs the app with electron-builder itself (a stand-in for
 * the Electron binary), and these checks read that pack. Needs the electron-vite build in out/ (skipped, saying
 * so, without one).
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const built = existsSync(`${root}out/main/index.js`) && existsSync(`${root}out/main/worker.js`) && existsSync(`${root}out/renderer/index.html`);
if (!built) console.warn('Package size checks skipped: no out/ build here (run `npx electron-vite build`).');

interface PackedFile {
  readonly path: string;
  readonly size: number;
  readonly unpacked: boolean;
  /** Copied beside app.asar by extraResources (path `resources/…`). */
  readonly extra?: boolean;
}
interface SizeReport {
  readonly asarBytes: number;
  readonly unpackedBytes: number;
  readonly extraBytes: number;
  readonly totalBytes: number;
  readonly languageBytes: number;
  readonly language: readonly { readonly kind: string; readonly bytes: number }[];
  readonly besidesLanguageBytes: number;
  readonly budgetBytes: number;
  readonly withinBudget: boolean;
  readonly extracted: string;
  readonly files: readonly PackedFile[];
}

/** The modules the main process and the vault worker load: static imports, require() and import() of bare names. */
/**
 * Loaded by code the app's bundle shares with the command line but never runs: native Argon2id, which only the
 * command line's unlock uses (UnlockWorker); argon2-native.ts answers null where it is missing, and libsodium
 * derives. Excluded from the pack (electron-builder.yml); checked below.
 */
const COMMAND_LINE_ONLY = ['@node-rs/argon2'];

function bareImports(): { readonly imported: readonly string[]; readonly required: readonly string[] } {
  const imported = new Set<string>();
  const required = new Set<string>();
  const dir = `${root}out/main/`;
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
  for (const file of files) {
    const source = readFileSync(join(dir, file), 'utf8');
    for (const m of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)(["'])([^"'\s]+)\1/g)) imported.add(m[2]!);
    for (const m of source.matchAll(/\brequire(?:\.resolve)?\s*\(\s*(["'])([^"'\s]+)\1\s*\)/g)) required.add(m[2]!);
    // Loaded on first use: createRequire(import.meta.url)("iuliia").
    for (const m of source.matchAll(/\bcreateRequire\([^()]*\)\s*\(\s*(["'])([^"'\s]+)\1\s*\)/g)) required.add(m[2]!);
  }
  const bare = (s: string) => !s.startsWith('.') && !s.startsWith('node:') && s !== 'electron' && !COMMAND_LINE_ONLY.includes(s);
  return { imported: [...imported].filter(bare).sort(), required: [...required].filter(bare).sort() };
}

/** "libphonenumber-js/max" -> "libphonenumber-js"; "@zxcvbn-ts/core" stays. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

describe.skipIf(!built)('the packed app', () => {
  let work = '';
  let report: SizeReport;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'fieldvault-pack-test-'));
    const run = spawnSync(process.execPath, [`${root}scripts/package-size.mjs`, '--json', '--out', join(work, 'pack')], {
      cwd: root,
      encoding: 'utf8',
      timeout: 180_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(run.status === 0 || run.status === 1, `package-size.mjs failed (exit ${run.status}): ${run.stderr}`).toBe(true);
    report = JSON.parse(run.stdout) as SizeReport;
  }, 200_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('stays within 20 MB besides language data, which is reported on its own', () => {
    console.log(
      `app.asar ${(report.asarBytes / 2 ** 20).toFixed(2)} MB + unpacked ${(report.unpackedBytes / 2 ** 20).toFixed(2)} MB; ` +
        `language data ${(report.languageBytes / 2 ** 20).toFixed(2)} MB; besides it ${(report.besidesLanguageBytes / 2 ** 20).toFixed(2)} MB`,
    );
    expect(report.budgetBytes).toBe(20 * 1024 * 1024);
    expect(report.besidesLanguageBytes).toBeLessThanOrEqual(20 * 1024 * 1024);
    expect(report.withinBudget).toBe(true);
    // The figures add up, and the dictionaries are really counted as language data.
    expect(report.totalBytes).toBe(report.asarBytes + report.unpackedBytes + report.extraBytes);
    const dicts = report.files.filter((f) => f.path.startsWith('node_modules/az/dicts/'));
    expect(dicts.length).toBeGreaterThan(0);
    expect(report.language.find((l) => l.kind.startsWith('morphology'))?.bytes).toBe(dicts.reduce((n, f) => n + f.size, 0));
  });

  it('packs the built app and no renderer-only dependency, source, test or preview file', () => {
    const paths = report.files.map((f) => f.path);
    expect(paths).toContain('out/main/index.js');
    expect(paths).toContain('out/main/worker.js');
    expect(paths).toContain('out/preload/index.cjs');
    expect(paths).toContain('out/renderer/index.html');
    // Named in the issue: React and CodeMirror are bundled into out/renderer, never shipped again. (markdown-it is
    // also the vault worker's, for redaction: only its CommonJS build ships.)
    expect(paths.filter((p) => /^node_modules\/markdown-it\//.test(p) && !/^node_modules\/markdown-it\/(dist\/markdown-it\.cjs\.js|package\.json|LICENSE)$/.test(p))).toEqual([]);
    expect(paths.filter((p) => /^node_modules\/(react|react-dom|react-intl|scheduler|@codemirror\/[^/]+|@lezer\/[^/]+)\//.test(p))).toEqual([]);
    // And in general: no dependency of package.json that out/main does not load.
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { dependencies: Record<string, string> };
    const { imported, required } = bareImports();
    const loaded = new Set([...imported, ...required].map(packageOf));
    const rendererOnly = Object.keys(pkg.dependencies).filter((name) => !loaded.has(name));
    expect(rendererOnly).toContain('react');
    // Named by package, so a failure says which dependency to exclude in electron-builder.yml (or to move).
    const packedButNeverLoaded = rendererOnly.filter((name) => paths.some((p) => p.startsWith(`node_modules/${name}/`)));
    expect(packedButNeverLoaded).toEqual([]);
    expect(paths.filter((p) => COMMAND_LINE_ONLY.some((name) => p.startsWith(`node_modules/${name}`)))).toEqual([]);
    // The lazily loaded ones are seen (they must be packed: nothing else would notice their absence before a redaction).
    expect(bareImports().required).toEqual(expect.arrayContaining(['iuliia', 'lvovich', 'markdown-it']));
    const inApp = report.files.filter((f) => !f.extra).map((f) => f.path);
    expect(inApp.filter((p) => /^(src|tests|bench|scripts|electron|resources|test-artifacts)\//.test(p))).toEqual([]);
    expect(paths.filter((p) => /preview/i.test(p))).toEqual([]);
    expect(paths.filter((p) => p.startsWith('out/cli/') || p.endsWith('.map') || p.endsWith('.ts'))).toEqual([]);
  });

  it("ships only this platform's better-sqlite3 binary, beside the archive with the dictionaries", () => {
    const sqlite = report.files.filter((f) => f.path.startsWith('node_modules/better-sqlite3/') && f.path.endsWith('.node'));
    expect(sqlite.map((f) => f.path)).toEqual([`node_modules/better-sqlite3/prebuilds/${process.platform}-${process.arch}.node`]);
    // Native addons cannot be loaded from inside app.asar: every one lies beside it.
    expect(report.files.filter((f) => f.path.endsWith('.node') && !f.unpacked).map((f) => f.path)).toEqual([]);
    expect(report.files.filter((f) => f.path.startsWith('node_modules/az/dicts/')).every((f) => f.unpacked)).toBe(true);
  });

  it('has every module the main process and the vault worker load, and they load from the pack alone', () => {
    const { imported, required } = bareImports();
    expect(imported).toContain('better-sqlite3');
    // A probe beside out/main in the extracted pack (outside the repository: no node_modules above it to fall
    // back on) loads each module the way the bundle does, then uses SQLite and libsodium for real.
    const probe = join(report.extracted, 'out', 'main', 'probe-imports.mjs');
    writeFileSync(
      probe,
      [
        "import { createRequire } from 'node:module';",
        'const require = createRequire(import.meta.url);',
        `for (const name of ${JSON.stringify(imported)}) await import(name);`,
        `for (const name of ${JSON.stringify(required)}) require(name);`,
        "const Database = (await import('better-sqlite3')).default;",
        "const db = new Database(':memory:');",
        "const sqlite = db.prepare('select sqlite_version() as v').get().v;",
        'db.close();',
        "const sodium = (await import('libsodium-wrappers-sumo')).default;",
        'await sodium.ready;',
        'const key = sodium.crypto_secretbox_keygen();',
        "const nonce = sodium.randombytes_buf(sodium.crypto_secretbox_NONCEBYTES);",
        "const box = sodium.crypto_secretbox_easy('probe', nonce, key);",
        "const opened = sodium.to_string(sodium.crypto_secretbox_open_easy(box, nonce, key));",
        'console.log(JSON.stringify({ sqlite, opened, from: require.resolve("better-sqlite3") }));',
      ].join('\n'),
    );
    const env = { ...process.env };
    delete env.NODE_PATH;
    const run = spawnSync(process.execPath, [probe], { cwd: report.extracted, encoding: 'utf8', env, timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout.trim().split('\n').pop()!) as { sqlite: string; opened: string; from: string };
    expect(result.sqlite).toMatch(/^3\.\d+\.\d+$/);
    expect(result.opened).toBe('probe');
    expect(result.from.startsWith(report.extracted)).toBe(true);
  });
});
