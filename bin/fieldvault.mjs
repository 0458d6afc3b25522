#!/usr/bin/env node
// Runs the TypeScript CLI directly (through tsx), so `npx fieldvault` works right after `npm install`.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 14)) {
  process.stderr.write(`fieldvault: needs Node >= 22.14 (this is ${process.versions.node}); run it as "npx fieldvault" inside the project.\n`);
  process.exit(1);
}
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
