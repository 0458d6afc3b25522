/**
 * Tampering with a locked vault from outside Fieldvault: every header bit matters, every record is
 * authenticated and bound to its row, and the seal catches rows that were removed or rolled back.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NONCE_BYTES, TAG_BYTES } from '../../src/core/crypto/aead';
import { prepareUnlock } from '../../src/core/vault/prepared-unlock';
import { RecordKind } from '../../src/core/vault/store';
import { vaultPaths } from '../../src/core/vault/layout';
import { cheapService, copyVault, errorCode, removeDir, tempDir } from '../fixtures/vault-helpers';

const PASS = 'tamper test passphrase';
const scratch: string[] = [];
let base = '';
let baseDir = '';

interface Row {
  id: Buffer;
  kind: number;
  revision: number;
  box: Buffer;
}

function rows(vault: string): Row[] {
  const db = new Database(vaultPaths(vault).database);
  try {
    return db.prepare('SELECT id, kind, revision, box FROM records ORDER BY id').all() as Row[];
  } finally {
    db.close();
  }
}

function withDb<T>(vault: string, fn: (db: Database.Database) => T): T {
  const db = new Database(vaultPaths(vault).database);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

function copy(): string {
  const c = copyVault(base);
  scratch.push(join(c, '..'));
  return c;
}

/**
 * Unlocks, waits for the background verification pass (unlock itself answers from the encrypted search cache
 * and only re-reads rows that changed since it was written), and returns the final report.
 */
async function unlockReport(vault: string, pass = PASS) {
  // A twin for the command line's way of unlocking, taken before this unlock writes its audit entry.
  const twin = copyVault(vault);
  scratch.push(join(twin, '..'));
  const svc = cheapService();
  const initial = await svc.unlock(vault, pass);
  const report = await svc.verify();
  expect(report.verified).toBe(true);
  expect(svc.status()).toMatchObject({ state: 'unlocked', report });
  // Interviews whose notes can no longer be read (the list itself comes from the cache).
  const unreadable = svc
    .listInterviews()
    .filter((i) => {
      try {
        svc.getInterview(i.id);
        return false;
      } catch (err) {
        expect((err as { code?: string }).code).toBe('damaged-vault');
        return true;
      }
    })
    .map((i) => i.id);
  const snapshot = { initial, report, interviews: svc.listInterviews(), people: svc.listPeople(), audit: svc.auditLog(), unreadable };
  svc.lock();
  // The command line reads every row while a worker derives the key, and the worker authenticates them: it
  // must find exactly what the batched background check finds.
  const cli = cheapService();
  await cli.unlock(twin, pass, { readAhead: true, prepared: prepareUnlock(twin, pass) ?? undefined });
  expect(await cli.verify()).toEqual(report);
  cli.lock();
  return snapshot;
}

beforeAll(async () => {
  baseDir = tempDir();
  base = join(baseDir, 'vault');
  const svc = cheapService();
  await svc.create(base, PASS);
  const a = svc.createInterview({ title: 'First interview', body: 'body one' });
  svc.createInterview({ title: 'Second interview', body: 'body two' });
  svc.createInterview({ title: 'Third interview', body: 'body three' });
  svc.createPerson({ pseudonym: 'Witness A' });
  svc.createPerson({ pseudonym: 'Witness B' });
  svc.updateInterview(a.id, a.revision, { title: 'First interview, edited' });
  svc.lock();
});

afterAll(() => {
  removeDir(baseDir);
  for (const d of scratch) removeDir(d);
});

describe('baseline', () => {
  it('an untouched vault opens whole: no damage, seal intact, audit chain intact', async () => {
    const { report, interviews, people } = await unlockReport(copy());
    expect(report).toMatchObject({ interviews: 3, people: 2, damaged: [], sealIntact: true, auditChainIntact: true });
    expect(interviews.map((i) => i.title).sort()).toEqual(['First interview, edited', 'Second interview', 'Third interview']);
    expect(people).toHaveLength(2);
  });
});

describe('header bit flips', () => {
  it('flipping bit 0 or bit 7 of any of the 128 header bytes makes unlock fail', async () => {
    const vault = copy();
    const headerPath = vaultPaths(vault).header;
    const original = readFileSync(headerPath);
    expect(original.length).toBe(128);
    const codes = new Map<string, number>();
    const successes: string[] = [];
    for (const bit of [0x01, 0x80]) {
      for (let i = 0; i < 128; i++) {
        const bad = Buffer.from(original);
        bad[i]! ^= bit;
        writeFileSync(headerPath, bad);
        const svc = cheapService();
        try {
          await svc.unlock(vault, PASS);
          successes.push(`byte ${i} bit 0x${bit.toString(16)}`);
          svc.lock();
        } catch (err) {
          const code = (err as { code?: string }).code ?? 'non-vault-error';
          codes.set(code, (codes.get(code) ?? 0) + 1);
        }
        expect(svc.status().state).toBe('locked');
      }
    }
    writeFileSync(headerPath, original);
    expect(successes).toEqual([]);
    // The failures are the expected kinds, not crashes.
    for (const code of codes.keys()) {
      expect(['not-a-vault', 'newer-version', 'damaged-vault', 'unsupported-kdf', 'wrong-passphrase']).toContain(code);
    }
    expect(codes.get('wrong-passphrase')).toBeGreaterThan(100); // id, salt, nonce, wrapped key, tag
    // The restored header still opens: the sweep itself did no damage.
    expect((await unlockReport(vault)).report.damaged).toEqual([]);
  }, 240_000); // 256 unlocks with real header parsing: about 40 s on a quiet 2-CPU machine, more under load
});

describe('record tampering', () => {
  it('a flipped byte in the nonce, ciphertext or tag of any row marks exactly that row damaged', async () => {
    const all = rows(base);
    expect(all.length).toBeGreaterThanOrEqual(10);
    for (const row of all) {
      const regions = {
        nonce: 5,
        ciphertext: NONCE_BYTES + 3,
        tag: row.box.length - TAG_BYTES + 7,
      };
      for (const [region, offset] of Object.entries(regions)) {
        const vault = copy();
        withDb(vault, (db) => {
          const box = Buffer.from(row.box);
          box[offset]! ^= 0x20;
          expect(db.prepare('UPDATE records SET box = ? WHERE id = ?').run(box, row.id).changes).toBe(1);
        });
        const { report, interviews, people, audit, unreadable } = await unlockReport(vault);
        const hex = row.id.toString('hex');
        expect(report.damaged.map((d) => d.id), `${region} of ${hex}`).toEqual([hex]);
        expect(report.sealIntact).toBe(true);
        // The lists come from the encrypted cache, so they stay whole; the damaged interview's notes cannot be
        // opened (damaged-vault) and every other interview still opens.
        expect(interviews).toHaveLength(3);
        expect(people).toHaveLength(2);
        expect(unreadable).toEqual(row.kind === RecordKind.interview ? [hex] : []);
        // The audit entries too are held in the cache: the chain stays whole and complete in memory.
        expect(report.auditChainIntact).toBe(true);
        expect(audit.map((e) => e.seq)).toEqual(audit.map((_, k) => k + 1));
        removeDir(join(vault, '..'));
      }
    }
  });

  it('every byte of one record’s nonce and tag, flipped, is detected', async () => {
    const row = rows(base).find((r) => r.kind === RecordKind.interview)!;
    const hex = row.id.toString('hex');
    const offsets = [
      ...Array.from({ length: NONCE_BYTES }, (_, k) => k),
      ...Array.from({ length: TAG_BYTES }, (_, k) => row.box.length - TAG_BYTES + k),
    ];
    for (const offset of offsets) {
      const vault = copy();
      withDb(vault, (db) => {
        const box = Buffer.from(row.box);
        box[offset]! ^= 0x01;
        db.prepare('UPDATE records SET box = ? WHERE id = ?').run(box, row.id);
      });
      const { report } = await unlockReport(vault);
      expect(report.damaged.map((d) => d.id), `byte ${offset}`).toEqual([hex]);
      removeDir(join(vault, '..'));
    }
  });

  it('a flipped byte in the seal or the search cache is detected, and the vault still opens', async () => {
    for (const table of ['seal', 'cache'] as const) {
      const vault = copy();
      withDb(vault, (db) => {
        const { box } = db.prepare(`SELECT box FROM ${table}`).get() as { box: Buffer };
        const flipped = Buffer.from(box);
        flipped[Math.floor(flipped.length / 2)]! ^= 0x01;
        db.prepare(`UPDATE ${table} SET box = ?`).run(flipped);
      });
      const { report, interviews } = await unlockReport(vault);
      // A damaged seal cannot vouch for the rows; a damaged cache is rebuilt from the records.
      if (table === 'seal') expect(report.sealIntact).toBe(false);
      else expect(report).toMatchObject({ sealIntact: true, damaged: [] });
      expect(interviews).toHaveLength(3);
      removeDir(join(vault, '..'));
    }
  });

  it('without a search cache, unlock itself decrypts everything and reports the damaged row at once', async () => {
    const vault = copy();
    const [i] = rows(vault).filter((r) => r.kind === RecordKind.interview);
    withDb(vault, (db) => {
      db.prepare('DELETE FROM cache').run();
      const box = Buffer.from(i!.box);
      box[NONCE_BYTES + 1]! ^= 4;
      db.prepare('UPDATE records SET box = ? WHERE id = ?').run(box, i!.id);
    });
    const { initial, report, interviews } = await unlockReport(vault);
    expect(initial.verified).toBe(true);
    expect(initial.damaged.map((d) => d.id)).toEqual([i!.id.toString('hex')]);
    expect(report.damaged.map((d) => d.id)).toEqual([i!.id.toString('hex')]);
    expect(interviews).toHaveLength(2); // nothing to show for it without the cache
  });

  it('without a cache, any damaged audit entry, the newest included, breaks the chain', async () => {
    const audits = rows(base).filter((r) => r.kind === RecordKind.audit);
    let chainLooksWhole = 0;
    for (const a of audits) {
      const vault = copy();
      withDb(vault, (db) => {
        db.prepare('DELETE FROM cache').run();
        const box = Buffer.from(a.box);
        box[NONCE_BYTES + 2]! ^= 1;
        db.prepare('UPDATE records SET box = ? WHERE id = ?').run(box, a.id);
      });
      const { report } = await unlockReport(vault);
      expect(report.damaged.map((d) => d.id)).toEqual([a.id.toString('hex')]);
      if (report.auditChainIntact) chainLooksWhole++;
      removeDir(join(vault, '..'));
    }
    // The seal records the newest entry's sequence number and hash, so even losing the tail is noticed.
    expect(audits.length).toBeGreaterThan(1);
    expect(chainLooksWhole).toBe(0);
  });

  it('swapping the boxes of two interview rows marks both damaged', async () => {
    const vault = copy();
    const interviews = rows(vault).filter((r) => r.kind === RecordKind.interview);
    const [a, b] = interviews;
    withDb(vault, (db) => {
      const upd = db.prepare('UPDATE records SET box = ? WHERE id = ?');
      upd.run(b!.box, a!.id);
      upd.run(a!.box, b!.id);
    });
    const { report, unreadable } = await unlockReport(vault);
    const both = [a!.id.toString('hex'), b!.id.toString('hex')].sort();
    expect(report.damaged.map((d) => d.id).sort()).toEqual(both);
    expect([...unreadable].sort()).toEqual(both);
  });

  it('changing a row’s kind or revision column breaks its authentication', async () => {
    const vault = copy();
    const [p] = rows(vault).filter((r) => r.kind === RecordKind.person);
    const [i] = rows(vault).filter((r) => r.kind === RecordKind.interview);
    withDb(vault, (db) => {
      db.prepare('UPDATE records SET kind = ? WHERE id = ?').run(RecordKind.interview, p!.id);
      db.prepare('UPDATE records SET revision = revision + 1 WHERE id = ?').run(i!.id);
    });
    const { report } = await unlockReport(vault);
    expect(report.damaged.map((d) => d.id).sort()).toEqual([p!.id.toString('hex'), i!.id.toString('hex')].sort());
    expect(report.sealIntact).toBe(false);
  });

  it('replaying an older revision of a row (rollback) breaks the seal', async () => {
    const dir = tempDir();
    scratch.push(dir);
    const vault = join(dir, 'v');
    const svc = cheapService();
    await svc.create(vault, PASS);
    const x = svc.createInterview({ title: 'revision one' });
    svc.createInterview({ title: 'bystander' });
    expect(x.revision).toBe(1);
    svc.lock();
    const old = rows(vault).find((r) => r.id.toString('hex') === x.id)!;
    expect(old.revision).toBe(1);
    await svc.unlock(vault, PASS);
    expect(svc.updateInterview(x.id, 1, { title: 'revision two' }).revision).toBe(2);
    svc.lock();
    expect((await unlockReport(vault)).report.sealIntact).toBe(true);
    withDb(vault, (db) => {
      db.prepare('DELETE FROM records WHERE id = ?').run(old.id);
      db.prepare('INSERT INTO records (id, kind, revision, box) VALUES (?, ?, ?, ?)').run(old.id, old.kind, old.revision, old.box);
    });
    const { report, interviews } = await unlockReport(vault);
    // The old row authenticates on its own (it is a genuine old ciphertext) ...
    expect(report.damaged).toEqual([]);
    expect(interviews.find((i) => i.id === x.id)!.title).toBe('revision one');
    // ... but the seal notices that the set of rows is not the one Fieldvault last wrote.
    expect(report.sealIntact).toBe(false);
  });

  it('deleting a row outside Fieldvault breaks the seal', async () => {
    const vault = copy();
    const [p] = rows(vault).filter((r) => r.kind === RecordKind.person);
    withDb(vault, (db) => db.prepare('DELETE FROM records WHERE id = ?').run(p!.id));
    const { report, people } = await unlockReport(vault);
    expect(report.sealIntact).toBe(false);
    expect(report.damaged).toEqual([]);
    expect(people).toHaveLength(1);
  });

  it('inserting a copied row under a new id is damaged and breaks the seal', async () => {
    const vault = copy();
    const [i] = rows(vault).filter((r) => r.kind === RecordKind.interview);
    const newId = Buffer.alloc(16, 0xab);
    withDb(vault, (db) =>
      db.prepare('INSERT INTO records (id, kind, revision, box) VALUES (?, ?, ?, ?)').run(newId, i!.kind, i!.revision, i!.box),
    );
    const { report, interviews } = await unlockReport(vault);
    expect(report.damaged.map((d) => d.id)).toEqual([newId.toString('hex')]);
    expect(report.sealIntact).toBe(false);
    expect(interviews).toHaveLength(3);
  });

  it('deleting the seal row itself breaks the seal', async () => {
    const vault = copy();
    withDb(vault, (db) => expect(db.prepare('DELETE FROM seal').run().changes).toBe(1));
    expect((await unlockReport(vault)).report.sealIntact).toBe(false);
  });

  it('deleting older audit entries breaks the audit chain (and the seal)', async () => {
    const vault = copy();
    const original = rows(vault).filter((r) => r.kind === RecordKind.audit);
    expect(original.length).toBeGreaterThan(2);
    await unlockReport(vault); // appends one newer entry that stays
    withDb(vault, (db) => {
      const del = db.prepare('DELETE FROM records WHERE id = ?');
      for (const r of original) del.run(r.id);
    });
    const { report } = await unlockReport(vault);
    expect(report.auditChainIntact).toBe(false);
    expect(report.sealIntact).toBe(false);
  });

  it('the audit chain of an unaltered vault is intact and grows by one entry per lock and one per unlock', async () => {
    const vault = copy();
    const first = await unlockReport(vault);
    const second = await unlockReport(vault);
    expect(first.report.auditChainIntact).toBe(true);
    expect(second.report.auditChainIntact).toBe(true);
    expect(second.audit.length).toBe(first.audit.length + 2);
    expect(second.audit.map((e) => e.seq)).toEqual(second.audit.map((_, k) => k + 1));
    expect(second.audit.slice(-2).map((e) => e.action)).toEqual(['vault locked', 'vault unlocked']);
  });
});

describe('search cache tampering', () => {
  function cacheBox(vault: string): Buffer | undefined {
    return withDb(vault, (db) => (db.prepare('SELECT box FROM cache WHERE slot = 1').get() as { box: Buffer } | undefined)?.box);
  }

  it('a locked vault has an encrypted cache; unlock answers from it and verifies every record afterwards', async () => {
    const vault = copy();
    expect(cacheBox(vault)).toBeDefined();
    const { initial, report, interviews } = await unlockReport(vault);
    expect(initial.verified).toBe(false);
    expect(report).toMatchObject({ verified: true, damaged: [], sealIntact: true });
    expect(interviews).toHaveLength(3);
  });

  it('a damaged record that the cache still covers is caught by the background verification', async () => {
    const vault = copy();
    const [i] = rows(vault).filter((r) => r.kind === RecordKind.interview);
    withDb(vault, (db) => {
      const box = Buffer.from(i!.box);
      box[40]! ^= 1;
      db.prepare('UPDATE records SET box = ? WHERE id = ?').run(box, i!.id);
    });
    const { initial, report } = await unlockReport(vault);
    expect(initial.damaged).toEqual([]); // not yet known at unlock: the cache vouched for this revision
    expect(report.damaged.map((d) => d.id)).toEqual([i!.id.toString('hex')]);
  });

  it('a flipped byte in the cache’s core part makes unlock fall back to decrypting every record: same data, nothing damaged', async () => {
    const vault = copy();
    const box = Buffer.from(cacheBox(vault)!);
    for (const offset of [3, 30, new DataView(box.buffer, box.byteOffset).getUint32(0) - 3]) {
      const bad = Buffer.from(box);
      bad[offset]! ^= 0x10;
      withDb(vault, (db) => db.prepare('UPDATE cache SET box = ? WHERE slot = 1').run(bad));
      const { initial, report, interviews, people } = await unlockReport(vault);
      expect(initial.verified).toBe(true); // no usable cache: everything was decrypted during unlock
      expect(report).toMatchObject({ damaged: [], sealIntact: true, auditChainIntact: true });
      expect(interviews.map((x) => x.title).sort()).toEqual(['First interview, edited', 'Second interview', 'Third interview']);
      expect(people).toHaveLength(2);
    }
  });

  it('a flipped byte in the cache’s register part: the heads and the register are read from the records, and the next lock writes a whole cache', async () => {
    const vault = copy();
    const box = Buffer.from(cacheBox(vault)!);
    const bad = Buffer.from(box);
    bad[box.length - 3]! ^= 0x10;
    withDb(vault, (db) => db.prepare('UPDATE cache SET box = ? WHERE slot = 1').run(bad));
    const { initial, report, interviews, people } = await unlockReport(vault);
    expect(initial.verified).toBe(false); // the core part was good: unlock used it
    expect(report).toMatchObject({ damaged: [], sealIntact: true, auditChainIntact: true });
    expect(interviews.map((x) => x.title).sort()).toEqual(['First interview, edited', 'Second interview', 'Third interview']);
    expect(people).toHaveLength(2);
    const after = Buffer.from(cacheBox(vault)!);
    expect(after.equals(bad)).toBe(false);
    const again = await unlockReport(vault);
    expect(again.initial.verified).toBe(false);
    expect(again.interviews).toHaveLength(3);
  });

  it('an old cache put back (rollback of the cache) is reconciled with the rows: edits and deletes since then show', async () => {
    const vault = copy();
    const oldCache = cacheBox(vault)!;
    const svc = cheapService();
    await svc.unlock(vault, PASS);
    const [first] = svc.listInterviews().filter((x) => x.title === 'First interview, edited');
    const full = svc.getInterview(first!.id);
    svc.updateInterview(first!.id, full.revision, { title: 'Edited after the old cache' });
    const third = svc.listInterviews().find((x) => x.title === 'Third interview')!;
    svc.deleteInterview(third.id);
    svc.createInterview({ title: 'Created after the old cache' });
    svc.lock();
    withDb(vault, (db) => db.prepare('UPDATE cache SET box = ? WHERE slot = 1').run(oldCache));
    const { report, interviews } = await unlockReport(vault);
    expect(report).toMatchObject({ damaged: [], sealIntact: true, auditChainIntact: true });
    expect(interviews.map((x) => x.title).sort()).toEqual(['Created after the old cache', 'Edited after the old cache', 'Second interview']);
  });

  it('an older register part spliced beside the current core part is not used: a person added since is in the register', async () => {
    /** The cache row's parts: u32 (BE) length | box, in order. */
    const parts = (row: Buffer): Buffer[] => {
      const out: Buffer[] = [];
      for (let o = 0; o < row.length; ) {
        const n = row.readUInt32BE(o);
        out.push(row.subarray(o, o + 4 + n));
        o += 4 + n;
      }
      return out;
    };
    const vault = copy();
    const oldParts = parts(cacheBox(vault)!);
    expect(oldParts).toHaveLength(2);
    const svc = cheapService();
    await svc.unlock(vault, PASS);
    const added = svc.createPerson({ given: { latin: 'Zarina', cyrillic: 'Зарина' }, family: { latin: 'Kholova', cyrillic: 'Холова' } });
    svc.lock();
    const newParts = parts(cacheBox(vault)!);
    // the current row list (which covers her row, so it is not re-read) with the register from before she was added
    withDb(vault, (db) => db.prepare('UPDATE cache SET box = ? WHERE slot = 1').run(Buffer.concat([newParts[0]!, oldParts[1]!])));
    const { report, people } = await unlockReport(vault);
    expect(report).toMatchObject({ damaged: [], sealIntact: true, auditChainIntact: true });
    expect(people.map((p) => p.id)).toContain(added.id);
    expect(people).toHaveLength(3);
  });

  it('the cache of another vault (same passphrase) does not authenticate here', async () => {
    const dir = tempDir();
    scratch.push(dir);
    const other = join(dir, 'other');
    const svc = cheapService();
    await svc.create(other, PASS);
    svc.createInterview({ title: 'foreign' });
    svc.lock();
    const vault = copy();
    withDb(vault, (db) => db.prepare('UPDATE cache SET box = ? WHERE slot = 1').run(cacheBox(other)!));
    const { initial, interviews } = await unlockReport(vault);
    expect(initial.verified).toBe(true); // fell back to the records
    expect(interviews.map((x) => x.title)).not.toContain('foreign');
    expect(interviews).toHaveLength(3);
  });
});

describe('things that are not (this) vault', () => {
  it('a wrong passphrase is wrong-passphrase and leaves the service locked', async () => {
    const svc = cheapService();
    expect(await errorCode(() => svc.unlock(copy(), 'not the passphrase'))).toBe('wrong-passphrase');
    expect(svc.status()).toEqual({ state: 'locked' });
  });

  it('a missing path is vault-not-found', async () => {
    const dir = tempDir();
    scratch.push(dir);
    expect(await errorCode(() => cheapService().unlock(join(dir, 'nothing-here'), PASS))).toBe('vault-not-found');
  });

  it('a random file is not-a-vault', async () => {
    const dir = tempDir();
    scratch.push(dir);
    const file = join(dir, 'notes.docx');
    writeFileSync(file, Buffer.from('PK\x03\x04 random bytes'));
    expect(await errorCode(() => cheapService().unlock(file, PASS))).toBe('not-a-vault');
  });

  it('an empty folder is not-a-vault', async () => {
    const dir = tempDir();
    scratch.push(dir);
    expect(await errorCode(() => cheapService().unlock(dir, PASS))).toBe('not-a-vault');
  });

  it('a folder with a garbage header is not-a-vault', async () => {
    const vault = copy();
    writeFileSync(vaultPaths(vault).header, Buffer.alloc(128, 0x5a));
    expect(await errorCode(() => cheapService().unlock(vault, PASS))).toBe('not-a-vault');
    writeFileSync(vaultPaths(vault).header, Buffer.alloc(0));
    expect(await errorCode(() => cheapService().unlock(vault, PASS))).toBe('not-a-vault');
  });

  it('a truncated header is damaged-vault (or not-a-vault when even the magic is cut)', async () => {
    const vault = copy();
    const header = readFileSync(vaultPaths(vault).header);
    for (const len of [12, 56, 100, 127]) {
      writeFileSync(vaultPaths(vault).header, header.subarray(0, len));
      expect(await errorCode(() => cheapService().unlock(vault, PASS)), `length ${len}`).toBe('damaged-vault');
    }
    writeFileSync(vaultPaths(vault).header, Buffer.concat([header, Buffer.from([0])]));
    expect(await errorCode(() => cheapService().unlock(vault, PASS)), 'length 129').toBe('damaged-vault');
    writeFileSync(vaultPaths(vault).header, header.subarray(0, 6));
    expect(await errorCode(() => cheapService().unlock(vault, PASS))).toBe('not-a-vault');
  });

  it('a header with format version 2 is newer-version; version 0 is not-a-vault', async () => {
    const vault = copy();
    const header = readFileSync(vaultPaths(vault).header);
    const v2 = Buffer.from(header);
    v2.writeUInt16BE(2, 8);
    writeFileSync(vaultPaths(vault).header, v2);
    expect(await errorCode(() => cheapService().unlock(vault, PASS))).toBe('newer-version');
    const v0 = Buffer.from(header);
    v0.writeUInt16BE(0, 8);
    writeFileSync(vaultPaths(vault).header, v0);
    expect(await errorCode(() => cheapService().unlock(vault, PASS))).toBe('not-a-vault');
    // The refusal did not change the vault.
    writeFileSync(vaultPaths(vault).header, header);
    expect((await unlockReport(vault)).report.interviews).toBe(3);
  });

  it('a database with user_version 99 is newer-version, and is left at 99', async () => {
    const vault = copy();
    withDb(vault, (db) => db.pragma('user_version = 99'));
    expect(await errorCode(() => cheapService().unlock(vault, PASS))).toBe('newer-version');
    expect(withDb(vault, (db) => db.pragma('user_version', { simple: true }))).toBe(99);
  });

  it('a header whose database is missing is damaged-vault', async () => {
    const dir = tempDir();
    scratch.push(dir);
    mkdirSync(join(dir, 'v'));
    writeFileSync(join(dir, 'v', 'fieldvault.header'), readFileSync(vaultPaths(base).header));
    expect(await errorCode(() => cheapService().unlock(join(dir, 'v'), PASS))).toBe('damaged-vault');
  });

  it('a database file that is not SQLite is damaged-vault', async () => {
    const vault = copy();
    writeFileSync(vaultPaths(vault).database, Buffer.alloc(8192, 0x33));
    expect(await errorCode(() => cheapService().unlock(vault, PASS))).toBe('damaged-vault');
  });

  it('the header of another vault does not open this database (the vault id binds them)', async () => {
    const dir = tempDir();
    scratch.push(dir);
    const other = join(dir, 'other');
    const svc = cheapService();
    await svc.create(other, PASS);
    svc.lock();
    const vault = copy();
    writeFileSync(vaultPaths(vault).header, readFileSync(vaultPaths(other).header));
    const dbBefore = readFileSync(vaultPaths(vault).database);
    // Same passphrase, so the header unwraps its own (different) key: refused before anything is written.
    const svc2 = cheapService();
    await expect(svc2.unlock(vault, PASS)).rejects.toThrow(/does not belong to its database/);
    expect(Buffer.compare(readFileSync(vaultPaths(vault).database), dbBefore)).toBe(0);
    // The right header still opens everything, untouched.
    writeFileSync(vaultPaths(vault).header, readFileSync(vaultPaths(base).header));
    const { report } = await unlockReport(vault);
    expect(report).toMatchObject({ damaged: [], sealIntact: true, auditChainIntact: true });
  });

  it('a tamper warning repeats at every unlock until acknowledged', async () => {
    const vault = copy();
    const interview = rows(vault).find((r) => r.kind === RecordKind.interview)!;
    withDb(vault, (db) => db.prepare('DELETE FROM records WHERE id = ?').run(interview.id));
    for (let n = 0; n < 3; n++) expect((await unlockReport(vault)).report.sealIntact, `unlock ${n + 1}`).toBe(false);
    const svc = cheapService();
    await svc.unlock(vault, PASS);
    expect(svc.auditLog().filter((e) => e.action === 'integrity warning')).toHaveLength(1);
    await svc.verify();
    expect(svc.acknowledgeIntegrity()).toMatchObject({ sealIntact: true });
    svc.lock();
    expect((await unlockReport(vault)).report.sealIntact).toBe(true);
  });
});
