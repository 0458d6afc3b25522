/**
 * Child process: the headline measurements in a fresh process, as the app's vault worker sees them (cold
 * fold cache, nothing decrypted yet). Unlock, memory after unlock, background verification, search, save,
 * lock, then key derivation alone (deriveKek on this thread, last: it grows libsodium's WASM memory to 256 MiB).
 * The only instrumentation is a timer on worker threads (unlock runs Argon2id in one) to split key derivation
 * out of unlock.
 */
import { DEFAULT_KDF, deriveKek, passphraseBytes } from '../src/core/crypto/kdf';
import { loadSodium } from '../src/core/crypto/sodium';
import { VaultService } from '../src/core/service';
import { decodeHeader, readHeaderFile } from '../src/core/vault/header';
import { vaultPaths } from '../src/core/vault/layout';
import { editBody, generatePeople, generateQueries, Rng, type QueryKind } from './generate';
import { Instrument } from './instrument';
import { gc, log, median, now, PASSPHRASE, PEOPLE, report, SEED, stats, type Stats } from './util';

export interface MemorySample {
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
  readonly arrayBuffers: number;
  readonly wasmHeap: number;
}

export interface MeasureResult {
  readonly role: 'measure';
  readonly sodiumInitMs: number;
  readonly unlockMs: number;
  /** Time of key derivation inside unlock: the Argon2id worker (start to result) and/or main-thread crypto_pwhash. */
  readonly unlockKdfMs: number;
  readonly unlockKdfHow: string;
  readonly report: Record<string, unknown>;
  readonly memBefore: MemorySample;
  readonly memAfterUnlock: MemorySample;
  readonly verifyMs: number | null;
  readonly searchDuringVerify: Stats | null;
  readonly memAfterVerify: MemorySample;
  readonly memAfterSearch: MemorySample;
  readonly search: Stats;
  readonly searchFirstPass: Stats;
  readonly searchByKind: Record<string, Stats & { hitsMedian: number; example: string }>;
  readonly searchSlowest: { q: string; kind: QueryKind; ms: number; hits: number }[];
  readonly queryCount: number;
  readonly save: Stats;
  readonly saveBytes: number;
  readonly memAfterAll: MemorySample;
  readonly lockMs: number;
  readonly kdfDirectMs: number[];
  readonly kdfDirectMedianMs: number;
}

function memory(sodium: unknown): MemorySample {
  gc();
  const m = process.memoryUsage();
  const heap = (sodium as { libsodium?: { HEAPU8?: Uint8Array } }).libsodium?.HEAPU8;
  return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers, wasmHeap: heap?.length ?? 0 };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: measure.ts <vault dir>');

  const t0 = now();
  const sodium = await loadSodium();
  const sodiumInitMs = now() - t0;
  const ins = new Instrument('unlock');
  ins.workers('Argon2id worker');
  ins.leaf(sodium, 'crypto_pwhash', 'Argon2id (main thread)');
  const memBefore = memory(sodium);

  // ---- unlock (cold process)
  const service = new VaultService();
  const tu = now();
  const rep = await service.unlock(dir, PASSPHRASE);
  const unlockMs = now() - tu;
  ins.enabled = false;
  const snap = ins.snapshot();
  const kdfWorker = snap.phases['Argon2id worker'] ?? 0;
  const kdfMain = Object.values(snap.leaves).reduce((a, l) => a + (l['Argon2id (main thread)'] ?? 0), 0);
  const unlockKdfMs = kdfWorker + kdfMain;
  const unlockKdfHow = kdfWorker > 0 ? 'Argon2id in a worker thread (start to result)' : kdfMain > 0 ? 'crypto_pwhash on the vault thread' : 'not observed';
  log(`unlock ${unlockMs.toFixed(0)} ms (key derivation ${unlockKdfMs.toFixed(0)} ms: ${unlockKdfHow})`);
  const memAfterUnlock = memory(sodium);

  // ---- background verification, if the service has it: searches issued meanwhile wait for the running batch
  let verifyMs: number | null = null;
  let searchDuringVerify: Stats | null = null;
  const people = generatePeople(SEED, PEOPLE);
  const queries = generateQueries(new Rng(SEED + 1), people);
  const svc = service as unknown as { verify?: () => Promise<unknown> };
  if (typeof svc.verify === 'function') {
    const tv = now();
    let done = false;
    const verification = svc.verify.call(service).then(() => {
      done = true;
      verifyMs = now() - tv;
    });
    const during: number[] = [];
    for (let i = 0; !done && i < 10_000; i++) {
      const ts = now(); // the request "arrives" now; it runs after whatever is queued ahead of it
      await tick();
      if (done) break;
      service.search(queries[i % queries.length]!.q);
      during.push(now() - ts);
    }
    await verification;
    if (during.length) searchDuringVerify = stats(during);
    log(`background verification ${verifyMs === null ? '?' : (verifyMs as number).toFixed(0)} ms, ${during.length} searches served meanwhile`);
  }
  const memAfterVerify = memory(sodium);

  // ---- search (steady state)
  const firstPass: number[] = [];
  const samples: number[] = [];
  const byKind = new Map<QueryKind, { ms: number[]; hits: number[]; example: string }>();
  const perQuery: { q: string; kind: QueryKind; ms: number; hits: number }[] = [];
  // Three passes over all queries: the first (first sight of each query) is reported apart; the other two
  // make the headline figure.
  for (let pass = 0; pass < 3; pass++) {
    for (const { q, kind } of queries) {
      const t = now();
      const hits = service.search(q);
      const dt = now() - t;
      if (pass === 0) {
        firstPass.push(dt);
        continue;
      }
      samples.push(dt);
      let k = byKind.get(kind);
      if (!k) byKind.set(kind, (k = { ms: [], hits: [], example: q }));
      k.ms.push(dt);
      k.hits.push(hits.length);
      perQuery.push({ q, kind, ms: dt, hits: hits.length });
    }
  }
  const searchByKind: MeasureResult['searchByKind'] = {};
  for (const [kind, k] of byKind) {
    const hs = [...k.hits].sort((a, b) => a - b);
    searchByKind[kind] = { ...stats(k.ms), hitsMedian: hs[Math.floor(hs.length / 2)]!, example: k.example };
  }
  perQuery.sort((a, b) => b.ms - a.ms);
  const slowest: MeasureResult['searchSlowest'] = [];
  for (const p of perQuery) {
    if (slowest.some((s) => s.q === p.q)) continue;
    slowest.push(p);
    if (slowest.length === 8) break;
  }
  log(`search: ${samples.length} timed searches over ${queries.length} queries`);
  const memAfterSearch = memory(sodium);

  // ---- save: edit and save random interviews (a small change to a ~4 KB interview each time)
  const rows = service.listInterviews();
  const r = new Rng(SEED + 2);
  const saveSamples: number[] = [];
  let bytes = 0;
  const WARMUP = 10;
  const SAVES = 250;
  for (let i = 0; i < WARMUP + SAVES; i++) {
    const id = rows[r.int(0, rows.length - 1)]!.id;
    const cur = service.getInterview(id);
    const body = editBody(r, cur.body, i);
    const t = now();
    service.updateInterview(id, cur.revision, { body });
    const dt = now() - t;
    if (i >= WARMUP) {
      saveSamples.push(dt);
      bytes += Buffer.byteLength(body) + Buffer.byteLength(cur.summary);
    }
  }
  log(`save: ${SAVES} saves`);
  const memAfterAll = memory(sodium);
  const tl = now();
  service.lock();
  const lockMs = now() - tl;

  // ---- key derivation alone: deriveKek, default parameters, this vault's salt, 3 runs
  const header = decodeHeader(readHeaderFile(vaultPaths(dir).header));
  if (header.kdf.opsLimit !== DEFAULT_KDF.opsLimit || header.kdf.memLimitKiB !== DEFAULT_KDF.memLimitKiB) {
    throw new Error(`vault was not created with the default KDF: ${JSON.stringify(header.kdf)}`);
  }
  const pass = passphraseBytes(PASSPHRASE);
  const kdfDirectMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const tk = now();
    deriveKek(sodium, pass, header.salt, DEFAULT_KDF).fill(0);
    kdfDirectMs.push(now() - tk);
  }
  log(`deriveKek ${kdfDirectMs.map((x) => x.toFixed(0)).join(' / ')} ms`);

  const result: MeasureResult = {
    role: 'measure',
    sodiumInitMs,
    unlockMs,
    unlockKdfMs,
    unlockKdfHow,
    report: { ...rep, damaged: rep.damaged.length },
    memBefore,
    memAfterUnlock,
    verifyMs,
    searchDuringVerify,
    memAfterVerify,
    memAfterSearch,
    search: stats(samples),
    searchFirstPass: stats(firstPass),
    searchByKind,
    searchSlowest: slowest,
    queryCount: queries.length,
    save: stats(saveSamples),
    saveBytes: bytes / SAVES,
    memAfterAll,
    lockMs,
    kdfDirectMs,
    kdfDirectMedianMs: median(kdfDirectMs),
  };
  await report(result);
}

await main();
