/**
 * Travel mode on a 2,000-person register: `node --import tsx bench/travel.ts` (part of `npm run bench`).
 *
 * 1. Generates a vault of 4,000 interviews and 2,000 people with bench/generate.ts (bench/bench-vault.ts), with
 *    cheap key derivation: no figure below includes a key derivation.
 * 2. Unlocks it, waits for the background verification, then times `VaultService.travelStart` to a package in
 *    another temporary folder, taking the register and the interviews tagged "border" with their kept versions:
 *    the package written, fsynced, read back and opened with the code, the rows removed in one transaction, the
 *    search cache rewritten, the database vacuumed and its WAL truncated. Target: 10 s.
 * 3. Times `VaultService.travelEnd` with the code: the package read and opened, every row authenticated with the
 *    vault's keys, put back in one transaction, the cache rewritten. Target: 10 s.
 * Prints the figures beside the targets and deletes everything. Exit code 0 whether or not the targets are met.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { VaultService } from '../src/core/service';
import { generateBenchVault } from './bench-vault';
import { mib, now, PASSPHRASE, PEOPLE, SEED, secs, table, verdict } from './util';

const TARGET_MS = 10_000;
const INTERVIEWS = 4_000;

async function main(): Promise<void> {
  console.log(`Fieldvault travel bench — Node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} CPUs`);
  const tmp = mkdtempSync(join(tmpdir(), 'fieldvault-bench-travel-'));
  const out = mkdtempSync(join(tmpdir(), 'fieldvault-bench-travel-out-'));
  const vault = join(tmp, 'vault');
  try {
    console.log(`Generating ${INTERVIEWS} interviews + ${PEOPLE} people (seed ${SEED}, cheap key derivation)...`);
    console.log(`  generated in ${secs((await generateBenchVault(vault, { interviews: INTERVIEWS })).ms)}; database ${mib(statSync(join(vault, 'fieldvault.db')).size)}`);

    const service = new VaultService();
    await service.unlock(vault, PASSPHRASE);
    await service.verify();
    const pkg = join(out, 'register.fvtravel');
    const t0 = now();
    const started = await service.travelStart(pkg, ['border'], []);
    const startMs = now() - t0;
    const dbAway = statSync(join(vault, 'fieldvault.db')).size;
    const t1 = now();
    const ended = await service.travelEnd(pkg, started.recoveryCode);
    const endMs = now() - t1;
    service.lock();
    if (ended.returned.records !== started.moved.records) throw new Error('travel end did not bring back what left');

    const m = started.moved;
    console.log('');
    console.log(
      table([
        [`travel start: ${m.people} people, ${m.interviews} interviews, ${m.records} records (package ${mib(statSync(pkg).size)}; database away ${mib(dbAway)})`, secs(startMs), secs(TARGET_MS), verdict(startMs, TARGET_MS)],
        [`travel end: ${ended.returned.records} records authenticated and put back`, secs(endMs), secs(TARGET_MS), verdict(endMs, TARGET_MS)],
      ]),
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
}

await main();
