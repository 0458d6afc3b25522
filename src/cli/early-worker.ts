import type { UnlockWorker } from '../core/crypto/unlock-worker';

/**
 * The key-derivation thread, started by bin/fieldvault.mjs before the rest of the command line loads: booting a
 * worker thread and its libsodium takes longer than loading the command line, and Argon2id cannot start before
 * it has. Only for the commands that open a vault (they all go through withVault in main.ts); an unused worker is
 * closed when the command ends, and never keeps the process alive. `--help` and the other commands load nothing
 * more than this list.
 */
const OPENS_VAULT: ReadonlySet<string> = new Set(['import', 'people', 'list', 'search', 'export', 'brief', 'card', 'colleagues', 'open', 'backup', 'travel']);

export async function startUnlockWorker(argv: readonly string[]): Promise<UnlockWorker | null> {
  if (argv.includes('--help') || argv.includes('-h')) return null;
  const command = argv.find((a) => !a.startsWith('-'));
  if (command === undefined || !OPENS_VAULT.has(command)) return null;
  const { UnlockWorker } = await import('../core/crypto/unlock-worker');
  return new UnlockWorker();
}
