/** Small helpers shared by the bench orchestrator and its child processes. */

export const PASSPHRASE = 'correct horse battery staple — бенчмарк 2025';
export const SEED = 20250611;
export const INTERVIEWS = 10_000;
export const PEOPLE = 2_000;
export const BATCH = 500;

export const MiB = 1024 * 1024;

export function now(): number {
  return performance.now();
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  // Nearest-rank: the smallest value with at least q of the samples at or below it.
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

export interface Stats {
  readonly n: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

export function stats(samples: readonly number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: quantile(s, 0.5),
    p95: quantile(s, 0.95),
    p99: quantile(s, 0.99),
    max: s[s.length - 1] ?? NaN,
    mean: s.reduce((a, b) => a + b, 0) / (s.length || 1),
  };
}

export function median(xs: readonly number[]): number {
  return quantile([...xs].sort((a, b) => a - b), 0.5);
}

export function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (!g) throw new Error('Run with --expose-gc (npm run bench does).');
  g();
  g();
}

export function ms(x: number, digits = 1): string {
  return `${x.toFixed(digits)} ms`;
}

export function secs(x: number): string {
  return `${(x / 1000).toFixed(2)} s`;
}

export function mib(bytes: number): string {
  return `${(bytes / MiB).toFixed(0)} MB`;
}

/** Sends a result to the parent (child processes are forked with an IPC channel). */
export function report(result: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) {
      console.log(JSON.stringify(result, null, 2));
      resolve();
      return;
    }
    process.send(result, (err: Error | null) => (err ? reject(err) : resolve()));
  });
}

export function log(msg: string): void {
  process.stderr.write(`  ${msg}\n`);
}

/** One row of a bench's results table: what, the figure, its target, PASS / FAIL / info. */
export type Row = [metric: string, measured: string, target: string, verdict: string];

/** A Markdown table with the figures and targets right-aligned. */
export function table(rows: readonly Row[], head: Row = ['metric', 'measured', 'target', 'result']): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: Row): string => `| ${r.map((c, i) => (i === 1 || i === 2 ? c.padStart(w[i]!) : c.padEnd(w[i]!))).join(' | ')} |`;
  return [line(head), `|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export function verdict(value: number, limit: number): string {
  return value <= limit ? 'PASS' : 'FAIL  <<<<<';
}
