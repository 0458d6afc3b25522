import { userPath } from './paths';
import type { BackupResult, RestoreResult } from '../shared/backup';
import type { VaultService } from '../core/service';
import { readPassphrase } from './passphrase';

/**
 * `fieldvault backup VAULT --out FILE` and `fieldvault restore FILE VAULT`. A backup holds the vault's ciphertext
 * only, and is verified record by record after writing; a restore goes into a new folder, is verified with the
 * passphrase, and is a rollback to the moment the backup was taken, which the output says.
 */

const mib = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;

export function describeBackup(r: BackupResult, json: boolean): string {
  if (json) return JSON.stringify(r);
  return [
    `Backed up to ${r.path}`,
    `  bytes:     ${r.bytes} (${mib(r.bytes)})`,
    `  records:   ${r.records}, every one authenticated and the seal matched`,
    `  taken at:  ${r.takenAt}`,
    `  verified:  ${r.verifiedAt}`,
  ].join('\n');
}

/** Runs inside the CLI's withVault (the vault was unlocked and fully verified first). */
export async function backupCommand(service: VaultService, outPath: string, json: boolean): Promise<string> {
  return describeBackup(await service.createBackup(userPath(outPath, 'export')), json);
}

export function describeRestore(r: RestoreResult, json: boolean): string {
  if (json) return JSON.stringify({ ...r, rollback: true });
  return [
    `Restored ${r.path} from a backup taken at ${r.takenAt}.`,
    `This is a rollback: the vault is as it was at ${r.takenAt}; anything done in it after that moment is not in it.`,
    `  records:   ${r.records} verified (${r.interviews} interview${r.interviews === 1 ? '' : 's'}, ${r.people} ${r.people === 1 ? 'person' : 'people'}); the seal and the audit log verified`,
    `  verified:  ${r.verifiedAt}`,
    'The restore is recorded in the vault\'s audit log.',
  ].join('\n');
}

export async function restoreCommand(file: string, vault: string, json: boolean): Promise<string> {
  // The passphrase the vault had when the backup was taken: the restored vault is opened with it and verified.
  const passphrase = await readPassphrase('Passphrase of the backed-up vault: ');
  const { VaultService } = await import('../core/service');
  const service = new VaultService();
  return describeRestore(await service.restoreBackup(userPath(file, 'source'), userPath(vault, 'vault'), passphrase), json);
}
