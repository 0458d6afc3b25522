import type { DamagedRecord, KdfParams, UnlockReport } from '../../shared/domain';
import { decodeSnapshot } from '../catalog/snapshot';
import { passphraseBytes } from '../crypto/kdf';
import { wipe } from '../crypto/sodium';
import { describeDamaged, describeMissing, flagsToReport, sealDifferences, type KnownRecords } from '../domain/integrity';
import { VaultError } from '../errors';
import { IntegrityFlag, RecordKind, RecordStore, type UnlockOptions } from '../vault/store';
import { apply, commit, forget, newSession, refreshCounts, requireSession, type Session, type SessionSlot } from './session';

/**
 * Opening a vault: the session is loaded from the search cache, brought up to date with the rows that changed
 * since, checked against the seal and the audit chain, and then every record is verified in the background.
 */

/** Records verified per step of the background pass; small enough that a search never waits long. */
const VERIFY_BATCH = 50;
/** Up to this many audit entries may be left out of the search cache (read one by one at unlock instead). */
const UNCACHED_AUDIT_SLACK = 64;
const yieldToQueue = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function createVault(slot: SessionSlot, path: string, passphrase: string, kdf: KdfParams | undefined): Promise<UnlockReport> {
  if (slot.get()) throw new VaultError('already-unlocked', 'Lock the open vault before creating another.');
  const bytes = passphraseBytes(passphrase);
  try {
    const store = await RecordStore.create(path, bytes, kdf);
    return await startSession(slot, store, 'vault created');
  } finally {
    wipe(bytes);
  }
}

export async function unlockVault(slot: SessionSlot, path: string, passphrase: string, options: UnlockOptions): Promise<UnlockReport> {
  if (slot.get()) throw new VaultError('already-unlocked', 'A vault is already unlocked.');
  const bytes = passphraseBytes(passphrase);
  try {
    const store = await RecordStore.open(path, bytes, options);
    return await startSession(slot, store, 'vault unlocked');
  } finally {
    wipe(bytes);
  }
}

/** Resolves when every record has been decrypted once this session; returns the final report. */
export async function verify(slot: SessionSlot): Promise<UnlockReport> {
  const s = requireSession(slot);
  await s.verification;
  return s.report;
}

async function startSession(slot: SessionSlot, store: RecordStore, action: string): Promise<UnlockReport> {
  try {
    // Taken first: if this unlock fails, nobody waits for it (the store closes the worker).
    const readAhead = store.takeVerification();
    // The cache first: with rows read ahead (the command line) a worker hashes them for the scan meanwhile.
    const cached = store.readCache();
    const snap = cached ? decodeSnapshot(cached.first, cached.later[0] ?? (() => null)) : null;
    wipe(cached?.first);
    await store.scanReady();
    const scan = store.scanRows();
    const s: Session = newSession(store, snap, scan.sealIntact);
    // Forget what no longer exists; re-read what is new or changed since the cache was written. With an
    // intact seal a row gone since the copy was deleted by Fieldvault (after a crash the copy can be older);
    // otherwise it was removed outside it, and the copy says what it was.
    // forEach rather than spreading into arrays of entries: tens of thousands of rows, at every unlock.
    const gone: string[] = [];
    s.covered.forEach((_, id) => {
      if (!scan.rows.has(id)) gone.push(id);
    });
    const missing = scan.sealIntact ? [] : gone.map((id) => describeMissing(knownRecords(s), id));
    for (const m of missing) if (m.restorable) s.recoverable.set(m.id, s.people.get(m.id)!);
    // What an earlier session found missing and nobody has resolved since is still missing.
    if (snap?.unresolved && (store.integrityFlags & IntegrityFlag.sealMismatch) !== 0) {
      for (const m of snap.unresolved.missing) if (!scan.rows.has(m.id) && !missing.some((x) => x.id === m.id)) missing.push(m);
      for (const p of snap.unresolved.recoverable) if (!scan.rows.has(p.id) && !s.recoverable.has(p.id)) s.recoverable.set(p.id, p);
    }
    for (const id of gone) forget(s, id);
    if (gone.length > 0) s.dirty = true;
    const changed: string[] = [];
    scan.rows.forEach((row, id) => {
      if (s.covered.get(id) !== row.revision) changed.push(id);
    });
    const damaged: DamagedRecord[] = [...scan.unaccounted];
    if (!snap) {
      // No usable cache: decrypt everything now (this also verifies every record).
      for (let after: string | null = null; ; ) {
        const batch = store.readBatch(after, 500);
        batch.records.forEach((r) => apply(s, r));
        damaged.push(...batch.damaged.filter((d) => !damaged.some((x) => x.id === d.id)));
        if (batch.lastId === null) break;
        after = batch.lastId;
      }
    } else {
      for (const id of changed) {
        try {
          apply(s, store.read(id));
        } catch (err) {
          if (!(err instanceof VaultError) || err.code !== 'damaged-vault') throw err;
          if (!damaged.some((d) => d.id === id)) damaged.push({ id, reason: 'authentication failed: the record was altered, damaged or moved from another row' });
        }
      }
      if (changed.length > UNCACHED_AUDIT_SLACK || changed.some((id) => scan.rows.get(id)?.kind !== RecordKind.audit)) s.dirty = true;
    }
    if (!s.countersId) s.countersId = store.newId();
    // Never hand out a code twice, even if the counters record was damaged. (The index holds every interview's
    // and person's code, so the heads and the register need not be decoded for this.)
    const maxI = s.index.highestCode('interview');
    const maxP = s.index.highestCode('person');
    s.counters = { interview: Math.max(s.counters.interview, maxI), person: Math.max(s.counters.person, maxP) };
    // The chain must be unbroken and end where the seal says the last write left it.
    const anchor = store.auditAnchor;
    const chainIntact = s.audit.load([...s.auditEntries.values()]);
    const last = s.audit.list()[s.audit.list().length - 1];
    const chainNow = chainIntact && (last?.seq ?? 0) === anchor.seq && (last?.hash ?? '0'.repeat(64)) === anchor.hash;
    // A warning found now is sealed in and repeats at every unlock until acknowledged: the write this unlock
    // makes re-seals the rows as they are, and must not quietly erase the evidence.
    const before = store.integrityFlags;
    const flags = before | scan.raisedAtOpen | (scan.sealIntact ? 0 : IntegrityFlag.sealMismatch) | (chainNow ? 0 : IntegrityFlag.auditChainBroken);
    store.setIntegrityFlags(flags);
    s.report = {
      ...s.report,
      damaged: damaged.map((d) => describeDamaged(knownRecords(s), d)),
      ...flagsToReport(flags),
      sealDifferences: sealDifferences(store.kindDifferences()),
      missing,
      verified: !snap,
    };
    noteRecoverable(s);
    slot.set(s);
    const raised = flags & ~before;
    try {
      // A vault on a read-only disk records nothing (the warnings still show in this session's report).
      if (raised && !s.store.readOnly) {
        const what = [
          raised & IntegrityFlag.sealMismatch ? 'records removed, rolled back or added outside Fieldvault' : '',
          raised & IntegrityFlag.auditChainBroken ? 'audit log altered' : '',
          raised & IntegrityFlag.schemaTampered ? 'database objects Fieldvault did not create were removed' : '',
        ]
          .filter(Boolean)
          .join('; ');
        commit(s, [], 'integrity warning', '', what);
      }
      // The folder name is not recorded: researchers sometimes name folders after people or places.
      if (!s.store.readOnly) commit(s, [], action, '', damaged.length ? `${damaged.length} damaged` : '');
      // A re-encryption cut off after its commit was completed by this open: said, and whether that failed again.
      const completed = s.store.rekeyCompletedAtOpen;
      if (completed && !s.store.readOnly) {
        commit(s, [], 'vault re-encryption completed', '', completed.finished ? '' : 'not finished: tried again at lock and at the next unlock');
      }
    } catch (err) {
      // A full disk must not keep the researcher from reading what is saved: the unlock's own audit entry is
      // best effort (the warning still shows in this session's report). Saving then fails with a clear message.
      if (!(err instanceof VaultError) || err.code !== 'disk-full' || action !== 'vault unlocked') throw err;
    }
    refreshCounts(s);
    // A lock in the middle of the pass ends it; nothing else can fail here, but a stray rejection must
    // never take the worker down.
    if (snap) s.verification = (readAhead ? verifyReadAhead(slot, s, readAhead) : verifyInBackground(slot, s)).catch(() => undefined);
    return s.report;
  } catch (err) {
    store.close();
    slot.set(null);
    throw err;
  }
}

/** Decrypts every record once, a batch per turn of the worker's queue, so requests are served meanwhile. */
async function verifyInBackground(slot: SessionSlot, s: Session): Promise<void> {
  const found: DamagedRecord[] = [];
  for (let after: string | null = null; ; ) {
    await yieldToQueue();
    if (slot.get() !== s || s.store.isClosed) return;
    const batch = s.store.verifyBatch(after, VERIFY_BATCH);
    found.push(...batch.damaged);
    if (batch.lastId === null) break;
    after = batch.lastId;
  }
  finishVerification(s, found);
}

/** The worker's verdicts on the rows read at open; if the worker died (memory), the batches instead. */
async function verifyReadAhead(slot: SessionSlot, s: Session, readAhead: Promise<DamagedRecord[]>): Promise<void> {
  let found: DamagedRecord[];
  try {
    found = await readAhead;
  } catch {
    return verifyInBackground(slot, s);
  }
  if (slot.get() !== s || s.store.isClosed) return;
  finishVerification(s, found);
}

function finishVerification(s: Session, found: readonly DamagedRecord[]): void {
  const known = new Set(s.report.damaged.map((d) => d.id));
  const added = found.filter((d) => !known.has(d.id)).map((d) => describeDamaged(knownRecords(s), d));
  s.report = { ...s.report, damaged: [...s.report.damaged, ...added], verified: true };
  noteRecoverable(s);
}

function knownRecords(s: Session): KnownRecords {
  return { kindOf: (id) => s.knownKinds.get(id) ?? s.store.rowState(id)?.kind, heads: s.heads, people: s.people };
}

/** A damaged person whom the last session's copy holds whole can be put back from it. */
function noteRecoverable(s: Session): void {
  for (const d of s.report.damaged) {
    const p = s.people.get(d.id);
    if (p) s.recoverable.set(d.id, p);
  }
  s.report = { ...s.report, damaged: s.report.damaged.map((d) => ({ ...d, restorable: s.recoverable.has(d.id) })) };
}
