/**
 * The benches' standard vault: 10,000 interviews and a 2,000-person register from bench/generate.ts (seeded, so
 * every bench and every run writes the same content), created with cheap key derivation so that generating it
 * costs no Argon2id. Benches that need the researcher's key derivation re-wrap it afterwards.
 */
import { VaultService } from '../src/core/service';
import { generateInterview, generatePeople, personFields, Rng, type GeneratedPerson } from './generate';
import { BATCH, INTERVIEWS, now, PASSPHRASE, PEOPLE, SEED, secs } from './util';

export const CHEAP_KDF = { opsLimit: 1, memLimitKiB: 8 * 1024 } as const;

export interface GeneratedVault {
  /** Wall time of the generation. */
  readonly ms: number;
  /** The register as generated (with each person's name parts, for queries). */
  readonly people: readonly GeneratedPerson[];
}

/** Creates the vault at `vault` (a new folder) and locks it; progress on stderr every 2,500 interviews. */
export async function generateBenchVault(vault: string, counts: { interviews?: number; people?: number } = {}): Promise<GeneratedVault> {
  const interviews = counts.interviews ?? INTERVIEWS;
  const t0 = now();
  const service = new VaultService({ kdf: CHEAP_KDF });
  await service.create(vault, PASSPHRASE);
  const people = generatePeople(SEED, counts.people ?? PEOPLE);
  const ids: string[] = [];
  for (let i = 0; i < people.length; i += BATCH) ids.push(...service.createPeople(people.slice(i, i + BATCH).map(personFields)).map((p) => p.id));
  const names = people.map((p) => p._name);
  const r = new Rng(SEED + 3);
  for (let done = 0; done < interviews; done += BATCH) {
    service.createInterviews(Array.from({ length: Math.min(BATCH, interviews - done) }, () => generateInterview(r, names, ids)));
    if ((done + BATCH) % 2500 === 0) process.stderr.write(`  generated ${done + BATCH} / ${interviews} interviews (${secs(now() - t0)})\n`);
  }
  service.lock();
  return { ms: now() - t0, people };
}
