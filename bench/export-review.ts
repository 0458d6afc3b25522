/**
 * Export review bench: what reviewing a long note for export costs, end to end in the core, for a 1 MB and a
 * 5 MB note (targets: ready in <= 1 s and <= 3 s). A register of 2,000 people (bench/generate.ts), a note made
 * of that generator's English/Russian field notes (names of register people, phones, handles, case numbers),
 * the vault unlocked with a fast key derivation (not what is measured here).
 *
 * "Review" is what the screen waits for: export.review through the router (redaction of every field, consent),
 * plus the payload's trip across IPC (serialised and parsed once). No run reuses the review before it (the core
 * remembers only the last one, for the write, and the runs alternate the person mode). "Export" is export.write: the same review, the
 * decisions applied, the fail-closed leak check on the final text, the file written.
 *
 *   node_modules/.bin/node --expose-gc --import tsx bench/export-review.ts [sizes in MB, default "1 5"]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRouter } from '../src/core/router';
import { VaultService } from '../src/core/service';
import type { ExportReview } from '../src/shared/domain';
import { generateInterview, generatePeople, personFields, Rng } from './generate';
import { median, ms, now, report, secs } from './util';

const KDF = { opsLimit: 1, memLimitKiB: 8192 };
const PEOPLE = 2_000;
const RUNS = 3;
const PASSPHRASE = 'bench export review passphrase';

/** A long field note: the generator's interview bodies one after another until the size is reached. */
export function longNote(r: Rng, names: Parameters<typeof generateInterview>[1], ids: readonly string[], bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    const b = generateInterview(r, names, ids).body;
    parts.push(b);
    size += Buffer.byteLength(b, 'utf8') + 2;
  }
  let text = parts.join('\n\n');
  while (Buffer.byteLength(text, 'utf8') > bytes) text = text.slice(0, text.lastIndexOf(' ', text.length - Math.max(20, (Buffer.byteLength(text, 'utf8') - bytes) >> 1)));
  return text;
}

export interface ExportReviewFigure {
  readonly mb: number;
  readonly bytes: number;
  readonly findings: number;
  readonly payloadBytes: number;
  readonly reviewMs: number;
  readonly reviewRuns: readonly number[];
  /** Processor time of the median run (all threads): what the wall time would be on an idle machine, roughly. */
  readonly reviewCpuMs: number;
  readonly ipcMs: number;
  readonly writeMs: number;
}

export async function measureExportReview(sizesMb: readonly number[]): Promise<ExportReviewFigure[]> {
  const tmp = mkdtempSync(join(tmpdir(), 'fieldvault-bench-export-'));
  const vaultPath = join(tmp, 'vault');
  const service = new VaultService({ kdf: KDF });
  try {
    await service.create(vaultPath, PASSPHRASE);
    const people = generatePeople(20251202, PEOPLE).map((p) => ({ ...p, consent: { ...p.consent, allowsQuote: true, withdrawnOn: '' } }));
    const ids = service.createPeople(people.map(personFields)).map((p) => p.id);
    const router = createRouter(service);
    const out: ExportReviewFigure[] = [];
    for (const mb of sizesMb) {
      const body = longNote(new Rng(mb * 7919), people.map((p) => p._name), ids, Math.round(mb * 1024 * 1024));
      const interview = service.createInterview({ title: `Long note, ${mb} MB`, date: '2025-11-03', place: { country: 'Kyrgyzstan', city: 'Osh', district: '' }, body, summary: 'A short summary.' });
      const ask = async (personMode: 'redacted' | 'code'): Promise<ExportReview> => {
        const r = await router('export.review', { interviewId: interview.id, part: 'notes', personMode });
        if (!r.ok) throw new Error(r.error.message);
        return r.value as ExportReview;
      };
      await ask('redacted'); // warm-up: the register compiled and the dictionaries loaded, once per unlock
      const runs: number[] = [];
      const cpu: number[] = [];
      let review: ExportReview | null = null;
      let payload = '';
      let ipcMs = 0;
      for (let i = 0; i < RUNS; i++) {
        const c0 = process.cpuUsage();
        const t0 = now();
        // The core remembers its last review (for the write): the person mode alternates, so each run is computed.
        review = await ask(i % 2 === 0 ? 'code' : 'redacted');
        // The renderer receives it across IPC: serialised once, parsed once.
        const t1 = now();
        payload = JSON.stringify(review);
        JSON.parse(payload);
        ipcMs = now() - t1;
        runs.push(now() - t0);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
      }
      const path = join(tmp, `long-${mb}.md`);
      await ask('redacted'); // as in the app: the write follows the review the reviewer saw
      const t2 = now();
      const written = await router('export.write', { interviewId: interview.id, part: 'notes', personMode: 'redacted', format: 'md', decisions: { keep: [], redact: [] }, path });
      const writeMs = now() - t2;
      if (!written.ok) throw new Error(`export.write: ${written.error.message}`);
      const mid = runs.indexOf(median(runs));
      out.push({ mb, bytes: Buffer.byteLength(body, 'utf8'), findings: review!.findings.length, payloadBytes: Buffer.byteLength(payload, 'utf8'), reviewMs: median(runs), reviewRuns: runs, reviewCpuMs: cpu[mid]!, ipcMs, writeMs });
    }
    return out;
  } finally {
    if (service.status().state === 'unlocked') service.lock();
    rmSync(tmp, { recursive: true, force: true });
  }
}

export const EXPORT_REVIEW_TARGETS: Readonly<Record<number, number>> = { 1: 1000, 5: 3000 };

export function exportReviewRows(figures: readonly ExportReviewFigure[]): [string, string, string, string][] {
  return figures.flatMap((f) => {
    const target = EXPORT_REVIEW_TARGETS[f.mb];
    const label = `export review, ${f.mb} MB note (${f.findings} findings; median of ${f.reviewRuns.length}, incl. IPC payload ${(f.payloadBytes / 1024 / 1024).toFixed(1)} MB; processor time ${secs(f.reviewCpuMs)})`;
    return [
      [label, secs(f.reviewMs), target === undefined ? '—' : `<= ${(target / 1000).toFixed(2)} s`, target === undefined ? 'info' : f.reviewMs <= target ? 'PASS' : 'FAIL  <<<<<'],
      [`  export write after its review (decisions applied, fail-closed leak check of the final text, file written)`, secs(f.writeMs), '—', 'info'],
    ] as [string, string, string, string][];
  });
}

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
  const figures = await measureExportReview(sizes.length ? sizes : [1, 5]);
  if (process.send) return report(figures); // a child of bench/run.ts
  for (const row of exportReviewRows(figures)) console.log(`${row[0].padEnd(100)} ${row[1].padStart(9)}  ${row[2].padStart(9)}  ${row[3]}`);
  for (const f of figures) console.log(`  ${f.mb} MB: review runs ${f.reviewRuns.map((x) => ms(x, 0)).join(', ')}; IPC serialise+parse ${ms(f.ipcMs, 0)}`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
