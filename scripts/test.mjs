// `npm test`: lint (layering rules included), type-check, then every vitest project (unit, electron smoke, UI).
// npm puts node_modules/.bin first on PATH, so `node` here is the pinned Node 22.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

// On Windows the tools in node_modules/.bin are .cmd shims, which only a shell runs.
const shell = process.platform === 'win32';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell });
  if (r.status !== 0) {
    console.error(`\n${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status || 1);
  }
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.warn(`Debian chromium is missing (${CHROMIUM}); the UI tests will be skipped. Install it with: sudo apt-get install -y chromium`);
    return;
  }
  console.log('Installing Debian chromium for the UI tests (apt-get)...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  if (!existsSync(CHROMIUM)) console.warn('chromium could not be installed; the UI tests will be skipped.');
}

// The brief tests read PDFs back with poppler's pdftotext and render their first pages with pdftoppm.
function ensurePoppler() {
  if (existsSync('/usr/bin/pdftotext') && existsSync('/usr/bin/pdftoppm')) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.warn('Debian poppler-utils is missing (pdftotext, pdftoppm); the PDF brief tests will be skipped. Install it with: sudo apt-get install -y poppler-utils');
    return;
  }
  console.log('Installing Debian poppler-utils for the PDF brief tests (apt-get)...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '-qq', 'poppler-utils'], { stdio: 'inherit', env });
  if (!existsSync('/usr/bin/pdftotext')) console.warn('poppler-utils could not be installed; the PDF brief tests will be skipped.');
}

console.log(`Node ${process.versions.node}`);
run('eslint', ['.']);
run('tsc', ['--noEmit', '-p', 'tsconfig.json']);
ensureChromium();
ensurePoppler();
// The Electron shell tests inspect the built main and preload bundles: build them fresh.
run('electron-vite', ['build', '--logLevel', 'warn']);
mkdirSync('test-artifacts', { recursive: true });
const vitest = spawnSync('vitest', ['run', '--reporter=default', '--reporter=json', '--outputFile.json=test-artifacts/vitest.json'], { stdio: 'inherit', shell });
let summary;
try {
  const report = JSON.parse(readFileSync('test-artifacts/vitest.json', 'utf8'));
  const skipped = report.numPendingTests + report.numTodoTests;
  summary = `tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`;
} catch {
  summary = 'tests: no report written';
}
console.log(`\n${summary}`);
process.exit(vitest.status ?? 1);
