import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startPreviewServer } from './server';

/**
 * `node --import tsx src/preview/main.ts [--port N]`: serves the already-built renderer (out/renderer) against
 * the real core in a local browser tab. Builds nothing: run `npx electron-vite build` first.
 */
const rendererDir = fileURLToPath(new URL('../../out/renderer/', import.meta.url));

function parsePort(argv: readonly string[]): number {
  const i = argv.indexOf('--port');
  const raw = i >= 0 ? argv[i + 1] : process.env.FIELDVAULT_PREVIEW_PORT;
  if (raw === undefined || raw === '') return 0;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Fieldvault preview: "${raw}" is not a valid port.`);
    process.exit(2);
  }
  return port;
}

async function main(): Promise<void> {
  if (!existsSync(`${rendererDir}index.html`)) {
    console.error(`Fieldvault preview: no built renderer in ${rendererDir}. Run \`npx electron-vite build\` first.`);
    process.exit(1);
  }
  const server = await startPreviewServer({ rendererDir, port: parsePort(process.argv.slice(2)) });
  console.log(`Fieldvault preview (developer use only, stop with Ctrl+C): ${server.url}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`Fieldvault preview could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
