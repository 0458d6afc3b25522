// `npm run size`: what the installers would carry besides Electron itself, measured without an Electron binary.
//
// electron-builder packs the app (electron-builder.yml's files, asarUnpack, extraResources, the production
// dependencies) into app.asar, app.asar.unpacked and files beside them; this runs electron-builder itself for this machine's platform and arch with
// a stand-in for the Electron distribution (electronDist; no download, no fuses to flip), in a temporary folder
// outside the repository, so the pack measured is exactly the pack an installer gets. Run `npx electron-vite
// build` first.
//
//   node scripts/package-size.mjs            the report; exit 1 when over budget
//   node scripts/package-size.mjs --json     the report as JSON, with every packed file
//   node scripts/package-size.mjs --out DIR  keep the pack in DIR (an empty or absent folder outside the repo),
//                                            and its contents, app.asar and app.asar.unpacked together, in DIR/app
//
// Language data (dictionaries, word lists, fonts) is reported on its own; everything else must stay within
// BUDGET_BYTES.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BUDGET_BYTES = 20 * 1024 * 1024;

/** Language data: what the budget leaves out, by kind. Paths are relative to the app (posix separators). */
export const LANGUAGE_DATA = [
  { kind: 'morphology dictionaries (az, OpenCorpora)', test: (p) => p.startsWith('node_modules/az/dicts/') },
  { kind: 'word lists (zxcvbn-ts languages)', test: (p) => /^node_modules\/@zxcvbn-ts\/language-[^/]+\//.test(p) },
  { kind: 'fonts', test: (p) => /\.(woff2?|ttf|otf)$/i.test(p) },
];

const root = fileURLToPath(new URL('../', import.meta.url));
const require = createRequire(join(root, 'package.json'));

/** The child: runs electron-builder (its log goes to the parent, which shows it only when packing fails). */
async function pack(outDir) {
  const { build, Platform, Arch } = require('electron-builder');
  const yaml = createRequire(require.resolve('app-builder-lib/package.json'))('js-yaml');
  const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
  // A stand-in Electron: a folder with an executable of Electron's name, copied as the app's binary.
  const fakeElectron = join(outDir, 'electron-stand-in');
  mkdirSync(join(fakeElectron, 'resources'), { recursive: true });
  writeFileSync(join(fakeElectron, 'electron'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
  await build({
    projectDir: root,
    // The Linux folder layout on every system: app.asar does not depend on the target's layout, and the
    // better-sqlite3 prebuild kept is named after this machine's platform and arch (see electron-builder.yml).
    targets: Platform.LINUX.createTarget('dir', Arch[process.arch]),
    publish: 'never',
    config: {
      ...config,
      electronDist: fakeElectron,
      electronFuses: null, // the stand-in has no fuses to flip
      // The Linux layout is measured on every system; the hook would refuse that off Linux (it guards installers).
      beforePack: process.platform === 'linux' ? config.beforePack : null,
      directories: { ...config.directories, output: join(outDir, 'release') },
    },
  });
}

function walk(dir, base, out) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const st = lstatSync(full);
    if (st.isDirectory()) walk(full, base, out);
    else out.push({ path: relative(base, full).split(sep).join('/'), size: st.size });
  }
  return out;
}

/**
 * Every packed file with its size: from app.asar's header (inside), the app.asar.unpacked folder (beside), and
 * extraResources copied next to them (as `resources/<path>`; the stand-in Electron brings no files of its own).
 */
function inventory(resourcesDir) {
  const asar = require('@electron/asar');
  const archive = join(resourcesDir, 'app.asar');
  const files = [];
  for (const entry of asar.listPackage(archive, { isPack: false })) {
    const path = entry.replace(/^[\\/]/, '').split(/[\\/]/).join('/');
    const st = asar.statFile(archive, path, false);
    if (!('size' in st) || st.unpacked) continue; // directories; unpacked files are counted from the folder
    files.push({ path, size: st.size, unpacked: false });
  }
  const unpackedDir = join(resourcesDir, 'app.asar.unpacked');
  if (existsSync(unpackedDir)) for (const f of walk(unpackedDir, unpackedDir, [])) files.push({ ...f, unpacked: true });
  for (const name of readdirSync(resourcesDir)) {
    if (name === 'app.asar' || name === 'app.asar.unpacked') continue;
    const full = join(resourcesDir, name);
    const extra = lstatSync(full).isDirectory() ? walk(full, resourcesDir, []) : [{ path: name, size: lstatSync(full).size }];
    for (const f of extra) files.push({ path: `resources/${f.path}`, size: f.size, unpacked: true, extra: true });
  }
  return { files: files.sort((a, b) => a.path.localeCompare(b.path)), asarBytes: statSync(archive).size };
}

export function summarise(files, asarBytes) {
  const unpackedBytes = files.filter((f) => f.unpacked && !f.extra).reduce((n, f) => n + f.size, 0);
  const extraBytes = files.filter((f) => f.extra).reduce((n, f) => n + f.size, 0);
  const language = LANGUAGE_DATA.map(({ kind, test }) => ({ kind, bytes: files.filter((f) => test(f.path)).reduce((n, f) => n + f.size, 0) }));
  const languageBytes = language.reduce((n, l) => n + l.bytes, 0);
  // app.asar's own size includes its header and alignment; the language data inside it is subtracted by content.
  const totalBytes = asarBytes + unpackedBytes + extraBytes;
  const besidesLanguageBytes = totalBytes - languageBytes;
  return { asarBytes, unpackedBytes, extraBytes, totalBytes, language, languageBytes, besidesLanguageBytes, budgetBytes: BUDGET_BYTES, withinBudget: besidesLanguageBytes <= BUDGET_BYTES };
}

const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MB`;

function report(summary, files) {
  const lines = [
    `Fieldvault package (${process.platform}-${process.arch}; Electron itself not counted)`,
    `  app.asar             ${mb(summary.asarBytes)}`,
    `  app.asar.unpacked    ${mb(summary.unpackedBytes)}`,
    `  extraResources       ${mb(summary.extraBytes)}`,
    `  total                ${mb(summary.totalBytes)}`,
    `  language data        ${mb(summary.languageBytes)}`,
    ...summary.language.map((l) => `    ${l.kind}: ${mb(l.bytes)}`),
    `  besides language data ${mb(summary.besidesLanguageBytes)} (budget ${mb(summary.budgetBytes)}: ${summary.withinBudget ? 'within' : 'OVER'})`,
    '  largest packages:',
  ];
  const byPackage = new Map();
  for (const f of files) {
    const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f.path);
    const key = m ? m[1] : f.path.split('/').slice(0, 2).join('/');
    byPackage.set(key, (byPackage.get(key) ?? 0) + f.size);
  }
  for (const [name, bytes] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 12)) lines.push(`    ${name.padEnd(36)} ${mb(bytes)}`);
  return lines.join('\n');
}

async function main(argv) {
  if (argv[0] === '--pack-only') {
    await pack(argv[1]);
    return 0;
  }
  const json = argv.includes('--json');
  const outIndex = argv.indexOf('--out');
  const keep = outIndex >= 0 ? resolve(argv[outIndex + 1] ?? '') : null;
  if (!existsSync(join(root, 'out/main/index.js')) || !existsSync(join(root, 'out/renderer/index.html'))) {
    console.error('No app build in out/: run `npx electron-vite build` first.');
    return 2;
  }
  if (keep && (keep === resolve(root) || keep.startsWith(resolve(root) + sep))) {
    console.error('--out must be outside the repository (electron-builder would pack its own output).');
    return 2;
  }
  const work = keep ?? mkdtempSync(join(tmpdir(), 'fieldvault-size-'));
  mkdirSync(work, { recursive: true });
  try {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--pack-only', work], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const resourcesDir = join(work, 'release', 'linux-unpacked', 'resources');
    if (child.status !== 0 || !existsSync(join(resourcesDir, 'app.asar'))) {
      console.error(`electron-builder could not pack the app (exit ${child.status ?? child.signal}):\n${child.stdout}\n${child.stderr}`);
      return 2;
    }
    const { files, asarBytes } = inventory(resourcesDir);
    // The app as Electron would see it, for running the packed main-process code in plain Node (the size test).
    if (keep) require('@electron/asar').extractAll(join(resourcesDir, 'app.asar'), join(work, 'app'));
    const summary = summarise(files, asarBytes);
    if (json) process.stdout.write(`${JSON.stringify({ platform: process.platform, arch: process.arch, resourcesDir: keep ? resourcesDir : null, extracted: keep ? join(work, 'app') : null, ...summary, files })}\n`);
    else console.log(report(summary, files));
    return summary.withinBudget ? 0 : 1;
  } finally {
    if (!keep) rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // exitCode, not exit(): a large report on a pipe must be written out before the process ends.
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      console.error(error instanceof Error ? error.stack : error);
      process.exitCode = 2;
    },
  );
}
