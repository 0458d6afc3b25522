import type { UnlockWorker } from '../core/crypto/unlock-worker';
import { COMMANDS, isCommand } from './commands';

/**
 * The key derivation, started by bin/fieldvault.mjs before the rest of the command line loads: where Argon2id
 * runs in libsodium, booting its worker thread takes longer than loading the command line, and Argon2id cannot
 * start before it has. Only for the commands that open a vault (commands.ts); an unused derivation is closed
 * when the command ends, and never keeps the process alive. `--help` and the other commands load nothing more
 * than this and the table.
 */
export async function startUnlockWorker(argv: readonly string[]): Promise<UnlockWorker | null> {
  if (argv.includes('--help') || argv.includes('-h')) return null;
  const command = argv.find((a) => !a.startsWith('-'));
  if (command === undefined || !isCommand(command) || !COMMANDS[command].opensVault) return null;
  const { UnlockWorker } = await import('../core/crypto/unlock-worker');
  return new UnlockWorker();
}
