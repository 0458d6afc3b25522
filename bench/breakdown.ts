/**
 * Child process: where unlock, search, save and lock spend their time. A fresh process unlocks the vault with
 * timing wrappers on the real code path (every method of VaultService, RecordStore, SearchIndex and AuditLog,
 * the Argon2id worker, libsodium and JSON calls), so the pieces add up to a real cold unlock.
 *   mode "cached":  the normal unlock (search cache present), then search, save and lock breakdowns.
 *   mode "rebuild": the search cache is deleted first, so unlock decrypts and indexes every record.
 */
import Database from 'better-sqlite3';
import { loadSodium } from '../src/core/crypto/sodium';
import { AuditLog } from '../src/core/domain/audit';
import { SearchIndex } from '../src/core/search/index';
import { VaultService } from '../src/core/service';
import { vaultPaths } from '../src/core/vault/layout';
import { RecordStore } from '../src/core/vault/store';
import { editBody, generatePeople, generateQueries, Rng } from './generate';
import { Instrument, standardLeaves, standardPhases, type PhaseTotals } from './instrument';
import { log, now, PASSPHRASE, PEOPLE, report, SEED } from './util';

export interface BreakdownResult {
  readonly role: 'breakdown';
  readonly mode: 'cached' | 'rebuild';
  readonly cacheDeleted: boolean;
  readonly unlockMs: number;
  readonly unlock: PhaseTotals;
  readonly report: Record<string, unknown>;
  readonly extra: Record<string, number>;
  readonly search?: { totalMs: number; count: number; totals: PhaseTotals };
  readonly save?: { totalMs: number; count: number; totals: PhaseTotals };
  readonly lockMs: number;
  readonly lock: PhaseTotals;
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  const mode = (process.argv[3] ?? 'cached') as 'cached' | 'rebuild';
  if (!dir) throw new Error('usage: breakdown.ts <vault dir> [cached|rebuild]');

  let cacheDeleted = false;
  if (mode === 'rebuild') {
    // Bench-only surgery on the temporary vault: drop the search cache so unlock has to rebuild.
    const db = new Database(vaultPaths(dir).database);
    const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cache'").get();
    if (has) cacheDeleted = db.prepare('DELETE FROM cache').run().changes > 0;
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }

  const sodium = await loadSodium();
  const ins = new Instrument('(unattributed)');
  ins.workers('Argon2id worker');
  standardLeaves(ins, sodium);
  standardPhases(ins, { VaultService, RecordStore, SearchIndex, AuditLog });

  // ---- instrumented cold unlock
  const service = new VaultService();
  const t0 = now();
  const rep = await service.unlock(dir, PASSPHRASE);
  const unlockMs = now() - t0;
  const unlock = ins.snapshot();
  log(`instrumented unlock (${mode}) ${unlockMs.toFixed(0)} ms`);
  ins.enabled = false;

  const extra: Record<string, number> = {};
  // Reach inside for the bench only (private at the type level; absent fields are skipped).
  const session = (service as unknown as { session?: Record<string, unknown> }).session ?? {};
  const store = session.store as RecordStore | undefined;
  const index = session.index as Record<string, unknown> | undefined;
  if (index) {
    const base = (index.baseTerms ?? index.terms) as unknown[] | undefined;
    if (base) extra['index: distinct terms'] = base.length + ((index.deltaTerms as unknown[] | undefined)?.length ?? 0);
    const postings = index.basePostings as Uint8Array | undefined;
    if (postings) extra["index: postings (bytes)"] = postings.length;
    const docs = index.docs as unknown[] | undefined;
    if (docs) extra['index: documents'] = docs.length;
  }
  if (store && mode === 'cached') {
    // The snapshot decode (a module function, so not wrapped above), timed apart on the same bytes.
    const s = store as unknown as { readCache?: () => { first: Uint8Array; later: (() => Uint8Array | null)[] } | null };
    if (typeof s.readCache === 'function') {
      let t = now();
      const cache = s.readCache.call(store);
      extra['search cache: read + decrypt of the core part (ms)'] = now() - t;
      if (cache) {
        extra['search cache: core part plaintext (MiB)'] = cache.first.length / 2 ** 20;
        const mod = await import('../src/core/catalog/snapshot');
        t = now();
        const snap = mod.decodeSnapshot(cache.first, cache.later[0] ?? (() => null));
        extra['search cache: decodeSnapshot (ms)'] = now() - t;
        t = now();
        snap?.register.load();
        extra['search cache: register part, decrypt + decode on first use (ms)'] = now() - t;
        cache.first.fill(0);
      }
    }
  }

  let search: BreakdownResult['search'];
  let save: BreakdownResult['save'];
  if (mode === 'cached') {
    const v = service as unknown as { verify?: () => Promise<unknown> };
    if (typeof v.verify === 'function') await v.verify.call(service);
    // ---- search breakdown: every query once after a warm-up pass
    const queries = generateQueries(new Rng(SEED + 1), generatePeople(SEED, PEOPLE));
    for (const { q } of queries) service.search(q);
    ins.reset();
    ins.enabled = true;
    let t = now();
    for (const { q } of queries) service.search(q);
    search = { totalMs: now() - t, count: queries.length, totals: ins.snapshot() };
    ins.enabled = false;
    log('search breakdown done');

    // ---- save breakdown
    const list = service.listInterviews();
    const r = new Rng(SEED + 5);
    const edits = Array.from({ length: 110 }, (_, i) => {
      const id = list[r.int(0, list.length - 1)]!.id;
      return { id, n: i };
    });
    let total = 0;
    let count = 0;
    for (const { id, n } of edits) {
      const cur = service.getInterview(id);
      const body = editBody(r, cur.body, n);
      if (n === 10) ins.reset();
      ins.enabled = n >= 10;
      t = now();
      service.updateInterview(id, cur.revision, { body });
      if (n >= 10) {
        total += now() - t;
        count++;
      }
      ins.enabled = false;
    }
    save = { totalMs: total, count, totals: ins.snapshot() };
    log('save breakdown done');
  }

  // ---- lock (writes the search cache when memory moved on)
  ins.reset();
  ins.enabled = true;
  const tl = now();
  service.lock();
  const lockMs = now() - tl;
  const lock = ins.snapshot();
  ins.enabled = false;

  const result: BreakdownResult = {
    role: 'breakdown',
    mode,
    cacheDeleted,
    unlockMs,
    unlock,
    report: { ...rep, damaged: rep.damaged.length },
    extra,
    search,
    save,
    lockMs,
    lock,
  };
  await report(result);
}

await main();
