/**
 * Backup and restore of a 10,000-interview vault: `node --import tsx bench/backup.ts` (part of `npm run bench`).
 *
 * 1. Generates a vault of 10,000 interviews and 2,000 people with bench/generate.ts (as bench/run.ts does), with
 *    cheap key derivation (Argon2id ops 1, 8 MiB): no figure below includes a key derivation except restore's.
 * 2. Unlocks it, waits for the background verification, then times `VaultService.createBackup` to a file in
 *    another temporary folder: SQLite's online backup of the database, the backup file written and fsynced, read
 *    back and checked, every record authenticated and the seal checked in the copy, the rename. Target: 10 s.
 * 3. For information: restoring that backup into a new folder, with the unlock and full verification it includes.
 * Prints the figures beside the target and deletes everything. Exit code 0 whether or not the target is met.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { VaultService } from '../src/core/service';
import { generateBenchVault } from './bench-vault';
import { INTERVIEWS, mib, now, PASSPHRASE, PEOPLE, SEED, secs, table, verdict } from './util';

const TARGET_MS = 10_000;


async function main(): Promise<void> {
  console.log(`Fieldvault backup bench — Node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} CPUs`);
  const tmp = mkdtempSync(join(tmpdir(), 'fieldvault-bench-backup-'));
  const out = mkdtempSync(join(tmpdir(), 'fieldvault-bench-backup-out-'));
  const vault = join(tmp, 'vault');
  try {
    console.log(`Generating ${INTERVIEWS} interviews + ${PEOPLE} people (seed ${SEED}, cheap key derivation)...`);
    console.log(`  generated in ${secs((await generateBenchVault(vault)).ms)}; database ${mib(statSync(join(vault, 'fieldvault.db')).size)}`);

    const service = new VaultService();
    await service.unlock(vault, PASSPHRASE);
    await service.verify();
    const file = join(out, 'vault.fvbackup');
    const t0 = now();
    const backup = await service.createBackup(file);
    const backupMs = now() - t0;
    service.lock();

    const t1 = now();
    const restored = await new VaultService().restoreBackup(file, join(out, 'restored'), PASSPHRASE);
    const restoreMs = now() - t1;

    console.log('');
    console.log(
      table([
        [`backup of ${INTERVIEWS} interviews, verification included (${mib(backup.bytes)}, ${backup.records} records)`, secs(backupMs), secs(TARGET_MS), verdict(backupMs, TARGET_MS)],
        [`restore, unlock and full verification included (${restored.records} records; info)`, secs(restoreMs), '—', 'info'],
      ]),
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
}

await main();
