#!/usr/bin/env node
// Runs the compiled command line (out/cli/main.mjs, built by scripts/build-cli.mjs on `npm install`, `npm ci`,
// `npm test` and `npm run build:cli`). If it has not been built, or a source file changed since (a checkout
// updated without `npm install`, or a developer's edit), it says so on stderr and runs the TypeScript sources
// through tsx instead (about a second slower to start).
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 14)) {
  process.stderr.write(`fieldvault: needs Node >= 22.14 (this is ${process.versions.node}); run it as "npx fieldvault" inside the project.\n`);
  process.exit(1);
}
const root = new URL('../', import.meta.url);
const compiled = new URL('out/cli/main.mjs', root);

/** Why the compiled build cannot be used, or null. A few dozen stat calls: well under a millisecond. */
function whyNotCompiled() {
  if (!existsSync(compiled)) return 'the command line is not built';
  try {
    const stamp = JSON.parse(readFileSync(new URL('out/cli/build.json', root), 'utf8'));
    const changed = stamp.inputs.some((p) => {
      const url = new URL(p, root);
      return existsSync(url) && statSync(url).mtimeMs >= stamp.started;
    });
    return changed ? 'the sources changed since the command line was built' : null;
  } catch {
    return null; // no stamp (an older build): use it
  }
}

let main;
let unlockWorker = null;
const argv = process.argv.slice(2);
const reason = whyNotCompiled();
if (reason === null) {
  // V8's compiled code for the command line and libsodium, kept beside the build (out/cli/compile-cache, emptied
  // by every rebuild): it halves loading libsodium, which sits before Argon2id can start. Code only: V8 caches
  // what it compiled from those files, never anything the program read or computed. Where it cannot be written
  // (a read-only install) Node carries on without it. NODE_DISABLE_COMPILE_CACHE=1 turns it off.
  try {
    nodeModule.enableCompileCache?.(fileURLToPath(new URL('out/cli/compile-cache/', root)));
  } catch {
    // an older Node: start without it
  }
  // A command that opens a vault starts its key-derivation thread first: its boot then overlaps loading the rest.
  try {
    unlockWorker = await (await import(new URL('out/cli/early.mjs', root).href)).startUnlockWorker(argv);
  } catch {
    // a build from before early.mjs existed: main starts the thread itself
  }
  ({ main } = await import(compiled.href));
} else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write(`fieldvault: ${reason} (out/cli). Build it with "npm run build:cli".\n`);
    process.exit(1);
  }
  process.stderr.write(`fieldvault: note: ${reason}, so it runs from the TypeScript sources (slow start); "npm run build:cli" builds it.\n`);
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
// Output that cannot be written (a full disk behind `> file`) is a failure with a clear message, not a stack
// trace; a reader that went away (`| head`) is not.
let outputError = null;
process.stdout.on('error', (err) => {
  outputError ??= err;
});
process.exitCode = await main(argv, { unlockWorker });
// Every command has finished its work (and locked its vault) by now. Exiting as soon as the output is out,
// rather than when the event loop runs dry, spares waiting for the worker threads' teardown (tens of
// milliseconds, now and then far more).
process.stdout.write('', (err) => {
  const failed = outputError ?? err;
  if (failed && failed.code !== 'EPIPE') {
    process.stderr.write(`fieldvault: the output could not be written (${failed.code ?? failed.message}).\n`);
    process.exitCode = 1;
  }
  process.stderr.write('', () => process.exit());
});
