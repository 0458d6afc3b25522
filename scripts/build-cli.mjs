// Builds the command line (src/cli/main.ts) to JavaScript in out/cli/, so `fieldvault` starts without compiling
// TypeScript: `npm run build:cli`; also run by `npm install` / `npm ci` (prepare) and `npm test` (pretest).
//
// - ES modules with code splitting: main.mjs holds argument parsing, usage and the note reader; the vault core
//   and the redaction engine are separate chunks loaded only by the commands that use them, so `--help` never
//   loads SQLite, libsodium or the dictionaries.
// - Pure JavaScript packages are bundled into the chunks; what must be loaded from node_modules stays there
//   (EXTERNAL below): better-sqlite3's native addon, libsodium's WebAssembly (the Argon2id worker requires it
//   by path), az and its dictionaries (read by path), zxcvbn's word lists (required lazily).
// - Up to date when every input (listed in out/cli/build.json) is older than the build: then nothing is done.
//   `--force` rebuilds anyway. The new build is written beside out/cli and swapped in, so a CLI started
//   meanwhile (tests run in parallel) sees the old build or the new one, never half of one.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'out', 'cli');
const stampFile = join(outDir, 'build.json');
const force = process.argv.includes('--force');
const quiet = process.argv.includes('--quiet');
const self = fileURLToPath(import.meta.url);

function upToDate() {
  if (force || !existsSync(stampFile) || !existsSync(join(outDir, 'main.mjs'))) return false;
  try {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
    const inputs = [...stamp.inputs.map((p) => join(root, p)), self, join(root, 'package.json')];
    return typeof stamp.started === 'number' && inputs.every((p) => statSync(p).mtimeMs < stamp.started);
  } catch {
    return false; // an input was deleted or renamed, or the stamp is unreadable: rebuild
  }
}

/** Moves the new build into place; retried if a build running at the same time got there first. */
function swapIn(staging) {
  for (let attempt = 0; ; attempt++) {
    const old = join(root, 'out', `.cli-old-${process.pid}-${attempt}`);
    try {
      if (existsSync(outDir)) renameSync(outDir, old);
      renameSync(staging, outDir);
      rmSync(old, { recursive: true, force: true });
      return;
    } catch (err) {
      rmSync(old, { recursive: true, force: true });
      if (attempt >= 3) {
        rmSync(staging, { recursive: true, force: true });
        throw err;
      }
    }
  }
}

if (upToDate()) process.exit(0);

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  // `npm ci --omit=dev` has no esbuild: not fatal for the install; bin/fieldvault.mjs then explains.
  console.warn('fieldvault: esbuild is not installed (dev dependency), so the command line was not built.');
  process.exit(0);
}

// Loaded from node_modules at run time: native code (better-sqlite3, @node-rs/argon2), WebAssembly the key-derivation worker
// requires by path (libsodium), data read by path (az's dictionaries), and what is only ever required lazily
// (zxcvbn's word lists, for a new passphrase; iuliia, lvovich and markdown-it, when a text is redacted). Every other package is bundled into the chunks: resolving and
// loading some twenty packages file by file cost more start-up time than the code (about 0.07 s of a search).
const EXTERNAL = ['better-sqlite3', '@node-rs/argon2', 'libsodium-wrappers-sumo', 'libsodium-sumo', 'az', '@zxcvbn-ts/*', 'iuliia', 'lvovich', 'markdown-it'];

const staging = join(root, 'out', `.cli-${process.pid}`);
rmSync(staging, { recursive: true, force: true });
const t0 = performance.now();
// Inputs changed after this moment are newer than the build (even if esbuild read them a moment later).
const started = Date.now();
let result;
try {
  result = await esbuild.build({
    absWorkingDir: root,
    // early: the key-derivation thread, started by bin/fieldvault.mjs before main loads (src/cli/early-worker.ts).
    entryPoints: { main: 'src/cli/main.ts', early: 'src/cli/early-worker.ts' },
    outdir: staging,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    external: EXTERNAL,
    // Packages written as CommonJS call require(); in an ES module bundle that needs a real require.
    banner: { js: "import { createRequire as __fvCreateRequire } from 'node:module'; const require = __fvCreateRequire(import.meta.url);" },
    legalComments: 'none',
    sourcemap: false,
    metafile: true,
    logLevel: 'warning',
  });
} catch {
  // esbuild has printed the errors.
  rmSync(staging, { recursive: true, force: true });
  console.error('fieldvault: the command line could not be built (see above).');
  process.exit(1);
}

const inputs = Object.keys(result.metafile.inputs)
  .filter((p) => !p.startsWith('node_modules/'))
  .sort();
writeFileSync(join(staging, 'build.json'), `${JSON.stringify({ note: 'Built by scripts/build-cli.mjs from these inputs.', started, inputs }, null, 1)}\n`);
mkdirSync(join(root, 'out'), { recursive: true });
swapIn(staging);

if (!quiet) {
  const bytes = Object.entries(result.metafile.outputs).map(([p, o]) => `${relative(staging, join(root, p))} ${(o.bytes / 1024).toFixed(0)} KB`);
  console.log(`fieldvault: command line built in ${((performance.now() - t0) / 1000).toFixed(2)} s: out/cli/{${bytes.join(', ')}}`);
}
