// `npm start`: build with electron-vite, then run the Electron app, or, where no Electron binary exists (this
// machine), the developer preview: the real vault core behind the built renderer in a local browser tab.
// Plain Node ESM; npm puts node_modules/.bin first on PATH, so `node` is the pinned Node 22.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const forwarded = process.argv.slice(2);

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 14)) {
  console.error(`Fieldvault needs Node >= 22.14 (this is ${process.versions.node}). Run it through npm (\`npm start\`), which uses the pinned Node 22.`);
  process.exit(1);
}

/** Runs a child with inherited stdio; Ctrl+C is forwarded once, and this process exits with the child's status. */
function runForeground(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  process.on('SIGINT', () => forward('SIGINT'));
  process.on('SIGTERM', () => forward('SIGTERM'));
  child.on('error', (err) => {
    console.error(`Could not start ${command}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal === 'SIGINT') process.exit(130);
    if (signal === 'SIGTERM') process.exit(143);
    process.exit(code ?? 1);
  });
}

// 1. Build main, worker, preload and renderer into out/.
const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) {
  console.error(`electron-vite build failed (exit ${build.status ?? build.signal}).`);
  process.exit(build.status || 1);
}

// 2. Electron if it is here; otherwise the developer preview.
const electron = findElectronBinary(root);
if (electron.path) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would turn the app into a plain Node process
  runForeground(electron.path, [root, ...forwarded], env);
} else {
  console.log(
    `Electron binary not available on this machine (${electron.missing}); starting the developer preview (real vault core, in your browser) instead:`,
  );
  runForeground(process.execPath, ['--import', 'tsx', join(root, 'src', 'preview', 'main.ts'), ...forwarded]);
}
