import defaultTaxonomy from '../../resources/taxonomy.json';
import {
  defaultVaultSettings,
  emptyInterviewFields,
  emptyPersonFields,
  type InterviewFilter,
  type InterviewRevisionInfo,
  type InterviewSort,
  type Taxonomy,
  type VaultSettings,
  type AuditEntry,
  type DamagedRecord,
  type Interview,
  type InterviewFields,
  type InterviewSummaryRow,
  type KdfParams,
  type Person,
  type PersonFields,
  type SearchHit,
  type UnlockReport,
  type VaultState,
  exportRefusal,
} from '../shared/domain';
import { compareHeads, headOf, interviewDoc, interviewText, matchesFilter, personDoc, summaryRow, type InterviewHead } from './catalog/heads';
import { BURST_MS, describe as describeVersion, keep, type History } from './domain/history';
import { decodeSnapshot, encodeSnapshot, type Snapshot } from './catalog/snapshot';
import { passphraseBytes } from './crypto/kdf';
import { loadSodium, wipe } from './crypto/sodium';
import { AuditLog, rechain } from './domain/audit';
import { codeNumber, interviewCode, personCode } from './domain/codes';
import { VaultError } from './errors';
import { SearchIndex, snippet } from './search/index';
import { plainProse } from './search/plain';
import { createHash } from 'node:crypto';
import { extname, basename } from 'node:path';
import { consentBlocks, exportFields, findAll, leaks, registerPerson, render } from './export/review';
import { formsInFields } from './export/forms';
import { writeExportFile } from './export/write-file';
import { compileRedactor, type Redactor } from './redaction';
import { WordFormsCache } from './redaction/word-forms';
import { expandHome } from './vault/layout';
import type { ExportDecisions, ExportFormat, ExportForms, ExportPart, ExportResult, ExportReview, PersonReplacement } from '../shared/domain';
import { peopleOf } from './catalog/heads';
import type { HeaderWriteHooks } from './vault/header';
import { IntegrityFlag, RecordKind, RecordStore, type AuditAnchor, type StoredRecord, type UnlockOptions, type WriteOp } from './vault/store';
import { describeDamaged, describeMissing, flagsToReport, sealDifferences, type KnownRecords } from './domain/integrity';

interface Counters {
  readonly interview: number;
  readonly person: number;
}

interface Session {
  readonly store: RecordStore;
  readonly heads: Map<string, InterviewHead>;
  readonly people: Map<string, Person>;
  readonly auditEntries: Map<string, AuditEntry>;
  audit: AuditLog;
  readonly index: SearchIndex;
  /** id -> revision whose content memory reflects (what the search cache will record). */
  readonly covered: Map<string, number>;
  countersId: string;
  counters: Counters;
  /** interview id -> its history record and when the newest kept version was saved */
  readonly histories: Map<string, { readonly historyId: string; readonly lastSavedAt: string }>;
  taxonomy: { id: string; value: Taxonomy } | null;
  settings: { id: string; value: VaultSettings } | null;
  /** person code -> id, for mentions in notes */
  readonly codes: Map<string, string>;
  report: UnlockReport;
  /** What the last session's copy knew of each record's kind (for naming damaged and missing records). */
  readonly knownKinds: Map<string, number>;
  /** People the copy held whole and the database no longer has (or cannot read): they can be put back. */
  readonly recoverable: Map<string, Person>;
  /** Memory differs from the stored search cache. */
  dirty: boolean;
  verification: Promise<void>;
}

export interface ServiceOptions {
  /** Key derivation for new vaults; tests use cheaper parameters, the app uses the default. */
  readonly kdf?: KdfParams;
  readonly headerHooks?: HeaderWriteHooks;
}

/** Records verified per step of the background pass; small enough that a search never waits long. */
const VERIFY_BATCH = 50;
/** Up to this many audit entries may be left out of the search cache (read one by one at unlock instead). */
const UNCACHED_AUDIT_SLACK = 64;
/** Imports at least this large write the search cache straight away. */
const BULK_CACHE_THRESHOLD = 200;
const yieldToQueue = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The vault as the rest of the app sees it. While unlocked, memory holds interview heads (no notes), the
 * register, the audit log and the search index; notes are decrypted on demand. Unlock loads all of that from
 * the encrypted search cache, re-reads only rows that changed since, and verifies every record in the
 * background. Everything is dropped, and every key zeroed, on lock.
 */
export class VaultService {
  private session: Session | null = null;

  constructor(private readonly options: ServiceOptions = {}) {}

  status(): VaultState {
    const s = this.session;
    return s ? { state: 'unlocked', path: s.store.paths.dir, report: s.report } : { state: 'locked' };
  }

  private requireSession(): Session {
    if (!this.session) throw new VaultError('locked', 'The vault is locked. Unlock it to continue.');
    return this.session;
  }

  async create(path: string, passphrase: string): Promise<UnlockReport> {
    if (this.session) throw new VaultError('already-unlocked', 'Lock the open vault before creating another.');
    const bytes = passphraseBytes(passphrase);
    try {
      const store = await RecordStore.create(path, bytes, this.options.kdf);
      return await this.startSession(store, 'vault created');
    } finally {
      wipe(bytes);
    }
  }

  async unlock(path: string, passphrase: string, options: UnlockOptions = {}): Promise<UnlockReport> {
    if (this.session) throw new VaultError('already-unlocked', 'A vault is already unlocked.');
    const bytes = passphraseBytes(passphrase);
    try {
      const store = await RecordStore.open(path, bytes, options);
      return await this.startSession(store, 'vault unlocked');
    } finally {
      wipe(bytes);
    }
  }

  /** Resolves when every record has been decrypted once this session; returns the final report. */
  async verify(): Promise<UnlockReport> {
    const s = this.requireSession();
    await s.verification;
    return s.report;
  }

  private async startSession(store: RecordStore, action: string): Promise<UnlockReport> {
    const sodium = await loadSodium();
    try {
      const scan = store.scanRows();
      const cached = store.readCache();
      const snap = cached ? decodeSnapshot(cached) : null;
      wipe(cached);
      const s: Session = {
        store,
        heads: new Map(snap?.interviews.map((h) => [h.id, h])),
        people: new Map(snap?.people.map((p) => [p.id, p])),
        auditEntries: new Map(snap?.audit.map(([id, e]) => [id, e])),
        audit: new AuditLog(sodium, store.auditKey),
        index: snap ? SearchIndex.fromFrozen(snap.index) : new SearchIndex(),
        covered: new Map(snap?.rows.map(([id, , rev]) => [id, rev])),
        countersId: snap?.countersId ?? '',
        counters: snap?.counters ?? { interview: 0, person: 0 },
        histories: new Map(snap?.histories.map(([iid, hid, at]) => [iid, { historyId: hid, lastSavedAt: at }])),
        taxonomy: snap?.taxonomy ?? null,
        settings: snap?.settings ?? null,
        codes: new Map(snap?.people.map((p) => [p.code, p.id])),
        report: {
          interviews: 0,
          people: 0,
          damaged: [],
          sealIntact: scan.sealIntact,
          auditChainIntact: true,
          schemaIntact: true,
          sealDifferences: [],
          missing: [],
          verified: false,
        },
        knownKinds: new Map(snap?.rows.map(([id, kind]) => [id, kind])),
        recoverable: new Map(),
        dirty: !snap,
        verification: Promise.resolve(),
      };
      // Forget what no longer exists; re-read what is new or changed since the cache was written. With an
      // intact seal a row gone since the copy was deleted by Fieldvault (after a crash the copy can be older);
      // otherwise it was removed outside it, and the copy says what it was.
      const gone = [...s.covered.keys()].filter((id) => !scan.rows.has(id));
      const missing = scan.sealIntact ? [] : gone.map((id) => describeMissing(this.known(s), id));
      for (const m of missing) if (m.restorable) s.recoverable.set(m.id, s.people.get(m.id)!);
      // What an earlier session found missing and nobody has resolved since is still missing.
      if (snap?.unresolved && (store.integrityFlags & IntegrityFlag.sealMismatch) !== 0) {
        for (const m of snap.unresolved.missing) if (!scan.rows.has(m.id) && !missing.some((x) => x.id === m.id)) missing.push(m);
        for (const p of snap.unresolved.recoverable) if (!scan.rows.has(p.id) && !s.recoverable.has(p.id)) s.recoverable.set(p.id, p);
      }
      for (const id of gone) this.forget(s, id);
      if (gone.length > 0) s.dirty = true;
      const changed = [...scan.rows].filter(([id, row]) => s.covered.get(id) !== row.revision).map(([id]) => id);
      const damaged: DamagedRecord[] = [...scan.unaccounted];
      if (!snap) {
        // No usable cache: decrypt everything now (this also verifies every record).
        for (let after: string | null = null; ; ) {
          const batch = store.readBatch(after, 500);
          batch.records.forEach((r) => this.apply(s, r));
          damaged.push(...batch.damaged.filter((d) => !damaged.some((x) => x.id === d.id)));
          if (batch.lastId === null) break;
          after = batch.lastId;
        }
      } else {
        for (const id of changed) {
          try {
            this.apply(s, store.read(id));
          } catch (err) {
            if (!(err instanceof VaultError) || err.code !== 'damaged-vault') throw err;
            if (!damaged.some((d) => d.id === id)) damaged.push({ id, reason: 'authentication failed: the record was altered, damaged or moved from another row' });
          }
        }
        if (changed.length > UNCACHED_AUDIT_SLACK || changed.some((id) => scan.rows.get(id)?.kind !== RecordKind.audit)) s.dirty = true;
      }
      if (!s.countersId) s.countersId = store.newId();
      // Never hand out a code twice, even if the counters record was damaged.
      const maxI = Math.max(0, ...[...s.heads.values()].map((i) => codeNumber(i.code)));
      const maxP = Math.max(0, ...[...s.people.values()].map((p) => codeNumber(p.code)));
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
        damaged: damaged.map((d) => describeDamaged(this.known(s), d)),
        ...flagsToReport(flags),
        sealDifferences: sealDifferences(store.kindDifferences()),
        missing,
        verified: !snap,
      };
      this.noteRecoverable(s);
      this.session = s;
      const raised = flags & ~before;
      try {
        if (raised) {
          const what = [
            raised & IntegrityFlag.sealMismatch ? 'records removed, rolled back or added outside Fieldvault' : '',
            raised & IntegrityFlag.auditChainBroken ? 'audit log altered' : '',
            raised & IntegrityFlag.schemaTampered ? 'database objects Fieldvault did not create were removed' : '',
          ]
            .filter(Boolean)
            .join('; ');
          this.commit([], 'integrity warning', '', what);
        }
        // The folder name is not recorded: researchers sometimes name folders after people or places.
        this.commit([], action, '', damaged.length ? `${damaged.length} damaged` : '');
      } catch (err) {
        // A full disk must not keep the researcher from reading what is saved: the unlock's own audit entry is
        // best effort (the warning still shows in this session's report). Saving then fails with a clear message.
        if (!(err instanceof VaultError) || err.code !== 'disk-full' || action !== 'vault unlocked') throw err;
      }
      this.refreshCounts(s);
      // A lock in the middle of the pass ends it; nothing else can fail here, but a stray rejection must
      // never take the worker down.
      if (snap) s.verification = this.verifyInBackground(s).catch(() => undefined);
      return s.report;
    } catch (err) {
      store.close();
      this.session = null;
      throw err;
    }
  }

  private refreshCounts(s: Session): void {
    s.report = { ...s.report, interviews: s.heads.size, people: s.people.size };
  }

  /** Decrypts every record once, a batch per turn of the worker's queue, so requests are served meanwhile. */
  private async verifyInBackground(s: Session): Promise<void> {
    const found: DamagedRecord[] = [];
    for (let after: string | null = null; ; ) {
      await yieldToQueue();
      if (this.session !== s || s.store.isClosed) return;
      const batch = s.store.verifyBatch(after, VERIFY_BATCH);
      found.push(...batch.damaged);
      if (batch.lastId === null) break;
      after = batch.lastId;
    }
    const known = new Set(s.report.damaged.map((d) => d.id));
    const added = found.filter((d) => !known.has(d.id)).map((d) => describeDamaged(this.known(s), d));
    s.report = { ...s.report, damaged: [...s.report.damaged, ...added], verified: true };
    this.noteRecoverable(s);
  }

  private known(s: Session): KnownRecords {
    return { kindOf: (id) => s.knownKinds.get(id) ?? s.store.rowState(id)?.kind, heads: s.heads, people: s.people };
  }

  /** A damaged person whom the last session's copy holds whole can be put back from it. */
  private noteRecoverable(s: Session): void {
    for (const d of s.report.damaged) {
      const p = s.people.get(d.id);
      if (p) s.recoverable.set(d.id, p);
    }
    s.report = { ...s.report, damaged: s.report.damaged.map((d) => ({ ...d, restorable: s.recoverable.has(d.id) })) };
  }

  /** Brings memory up to date with one decrypted record. */
  private apply(s: Session, r: StoredRecord): void {
    this.forget(s, r.id);
    s.covered.set(r.id, r.revision);
    const data = r.data as Record<string, unknown>;
    switch (r.kind) {
      case RecordKind.interview: {
        const i = { ...emptyInterviewFields, ...(data as unknown as Interview), id: r.id, revision: r.revision };
        s.heads.set(r.id, headOf(i));
        s.index.upsert(interviewDoc(i));
        break;
      }
      case RecordKind.person: {
        const p = { ...emptyPersonFields, ...(data as unknown as Person), id: r.id, revision: r.revision };
        s.people.set(r.id, p);
        s.codes.set(p.code, p.id);
        s.index.upsert(personDoc(p));
        break;
      }
      case RecordKind.history: {
        const h = data as unknown as History;
        s.histories.set(h.interviewId, { historyId: r.id, lastSavedAt: h.versions[0]?.savedAt ?? '' });
        break;
      }
      case RecordKind.taxonomy:
        s.taxonomy = { id: r.id, value: data as unknown as Taxonomy };
        break;
      case RecordKind.settings:
        s.settings = { id: r.id, value: { ...defaultVaultSettings, ...(data as unknown as VaultSettings) } };
        break;
      case RecordKind.audit:
        s.auditEntries.set(r.id, data as unknown as AuditEntry);
        break;
      case RecordKind.counters:
        s.countersId = r.id;
        s.counters = data as unknown as Counters;
        break;
      default:
        // Unknown kinds come from a newer Fieldvault; they stay on disk untouched.
        break;
    }
  }

  private forget(s: Session, id: string): void {
    s.covered.delete(id);
    s.heads.delete(id);
    const person = s.people.get(id);
    if (person && s.codes.get(person.code) === id) s.codes.delete(person.code);
    s.people.delete(id);
    for (const [iid, h] of s.histories) if (h.historyId === id) s.histories.delete(iid);
    if (s.taxonomy?.id === id) s.taxonomy = null;
    if (s.settings?.id === id) s.settings = null;
    s.auditEntries.delete(id);
    s.index.remove(id);
  }

  /** Writes ops plus one audit entry in a single transaction; memory changes only after it commits. */
  private commit(ops: readonly WriteOp[], action: string, subject: string, detail = ''): Map<string, number> {
    const s = this.requireSession();
    const { entry, op } = s.audit.prepare(action, subject, detail, () => s.store.newId());
    const revisions = this.write(s, [...ops, op], { seq: entry.seq, hash: entry.hash });
    s.audit.commit(entry);
    s.auditEntries.set(op.id, entry);
    return revisions;
  }

  private write(s: Session, ops: readonly WriteOp[], anchor?: AuditAnchor): Map<string, number> {
    const revisions = s.store.write(ops, anchor);
    for (const op of ops) {
      if (op.type === 'delete') s.covered.delete(op.id);
      else s.covered.set(op.id, revisions.get(op.id)!);
    }
    // Audit entries alone (every unlock writes one) do not make the cache worth rewriting at lock: the next
    // unlock reads the few rows the cache does not cover. Anything else does.
    if (ops.some((op) => op.type === 'delete' || op.kind !== RecordKind.audit)) s.dirty = true;
    return revisions;
  }

  /** Stores the search cache if memory moved on since it was written. Best effort: the records are the truth. */
  private persistCache(s: Session): void {
    if (!s.dirty && !s.index.isChanged) return;
    const snapshot: Snapshot = {
      rows: [...s.covered].map(([id, rev]) => [id, s.store.rowState(id)?.kind ?? 0, rev] as const),
      interviews: [...s.heads.values()],
      people: [...s.people.values()],
      audit: [...s.auditEntries],
      countersId: s.countersId,
      counters: s.counters,
      histories: [...s.histories].map(([iid, h]) => [iid, h.historyId, h.lastSavedAt] as const),
      taxonomy: s.taxonomy,
      settings: s.settings,
      index: s.index.freeze(),
      ...((s.store.integrityFlags & IntegrityFlag.sealMismatch) !== 0 && s.report.missing.length > 0
        ? { unresolved: { missing: s.report.missing, recoverable: s.report.missing.flatMap((m) => s.recoverable.get(m.id) ?? []) } }
        : {}),
    };
    const bytes = encodeSnapshot(snapshot);
    try {
      s.store.writeCache(bytes);
      s.dirty = false;
    } catch {
      // A full or read-only disk must not stop the lock; the next unlock rebuilds from the records.
    } finally {
      wipe(bytes);
    }
  }

  lock(): void {
    const s = this.session;
    if (!s) return;
    this.session = null;
    this.redactorCache = null; // the compiled register holds every name form
    this.wordForms.clear(); // and these the texts redacted by hand
    try {
      this.persistCache(s);
    } finally {
      s.index.clear();
      s.heads.clear();
      s.people.clear();
      s.auditEntries.clear();
      s.covered.clear();
      s.histories.clear();
      s.codes.clear();
      s.store.close();
    }
  }

  /**
   * The researcher has checked every record and reviewed what is missing, and accepts the vault as it now is:
   * the warnings stop repeating and exports are possible again (the audit log keeps the warnings). Refused
   * while records are unchecked or damaged: those must be removed or restored first.
   */
  acknowledgeIntegrity(): UnlockReport {
    const s = this.requireSession();
    if (!s.report.verified) throw new VaultError('integrity', 'Every record must be checked first; try again in a moment.');
    if (s.report.damaged.length > 0) {
      throw new VaultError('integrity', 'Remove or restore the damaged records first; accepting the vault cannot make them readable.');
    }
    if (s.store.integrityFlags === 0) return s.report;
    s.store.setIntegrityFlags(0);
    const what = s.report.missing.map((m) => m.code || m.kind).join(', ');
    this.commit([], 'vault accepted as it is', '', what ? `missing: ${what}` : '');
    s.recoverable.clear();
    s.dirty = true; // the cache's record of what was missing goes with the warning
    s.report = { ...s.report, ...flagsToReport(0), sealDifferences: [], missing: [] };
    return s.report;
  }

  /** Removes a damaged record after the researcher has seen which it is. Audited with its kind and code. */
  removeDamagedRecord(id: string): UnlockReport {
    const s = this.requireSession();
    const d = s.report.damaged.find((x) => x.id === id);
    if (!d) throw new VaultError('not-found', 'That record is not among the damaged ones.');
    if (s.store.has(id)) this.commit([{ type: 'delete', id }], 'damaged record removed', d.code ?? '', d.kind ?? '');
    else {
      s.store.removeDamaged(id);
      this.commit([], 'damaged record removed', '', 'unaccountable row');
    }
    this.forget(s, id);
    s.recoverable.delete(id);
    s.report = { ...s.report, damaged: s.report.damaged.filter((x) => x.id !== id) };
    this.refreshCounts(s);
    return s.report;
  }

  /**
   * Puts a missing or damaged person back from the last session's encrypted copy (the search cache holds the
   * register whole), under the same id, so the register is complete again before anything is exported.
   */
  restoreRecord(id: string): UnlockReport {
    const s = this.requireSession();
    const person = s.recoverable.get(id);
    if (!person) throw new VaultError('not-found', 'No copy of that record is kept; restore the vault from a backup instead.');
    const revs = this.commit([this.putOp(RecordKind.person, person)], 'person restored from the last session\'s copy', person.code);
    const saved = { ...person, revision: revs.get(id)! };
    s.people.set(id, saved);
    s.codes.set(saved.code, id);
    s.index.upsert(personDoc(saved));
    s.recoverable.delete(id);
    s.report = {
      ...s.report,
      damaged: s.report.damaged.filter((x) => x.id !== id),
      missing: s.report.missing.filter((x) => x.id !== id),
      // What the seal counted at unlock, against what is here now that she is back.
      sealDifferences: s.report.sealDifferences.map((d) => (d.kind === 'person' ? { ...d, present: d.present + 1 } : d)).filter((d) => d.present !== d.sealed),
    };
    this.refreshCounts(s);
    return s.report;
  }

  async changePassphrase(current: string, next: string): Promise<void> {
    const s = this.requireSession();
    const cur = passphraseBytes(current);
    const nxt = passphraseBytes(next);
    try {
      await s.store.changePassphrase(cur, nxt, this.options.headerHooks, this.options.kdf);
      this.commit([], 'passphrase changed', '');
    } finally {
      wipe(cur, nxt);
    }
  }

  /**
   * "Change passphrase and re-encrypt everything": a fresh master key, every record re-encrypted under it, the
   * audit chain re-keyed, the database vacuumed and its WAL truncated. Only on a vault whose every record has
   * been checked and whose warnings have been dealt with (re-keying must not launder evidence of tampering).
   */
  async rekey(current: string, next: string): Promise<void> {
    const s = this.requireSession();
    await s.verification;
    if (s.report.damaged.length > 0 || s.store.integrityFlags !== 0) {
      throw new VaultError('integrity', 'Deal with the integrity warnings first (restore or remove damaged records, or accept the vault as it is); nothing was changed.');
    }
    const sodium = await loadSodium();
    const cur = passphraseBytes(current);
    const nxt = passphraseBytes(next);
    try {
      if (!s.audit.verify()) throw new VaultError('integrity', 'The audit log does not verify; nothing was changed.');
      let rechained: AuditEntry[] = [];
      await s.store.rekey(
        cur,
        nxt,
        (records, auditKey) => {
          const sorted = [...records].sort((a, b) => (a.data as AuditEntry).seq - (b.data as AuditEntry).seq);
          rechained = rechain(sodium, auditKey, sorted.map((r) => r.data as AuditEntry));
          const data = new Map(sorted.map((r, i) => [r.id, rechained[i] as unknown]));
          const last = rechained[rechained.length - 1];
          return { data, anchor: { seq: last?.seq ?? 0, hash: last?.hash ?? '0'.repeat(64) } };
        },
        this.options.kdf,
      );
      // Memory follows the new key: the audit log verifies under it from now on, the search cache is rewritten.
      const ids = new Map([...s.auditEntries].map(([id, e]) => [e.seq, id]));
      s.auditEntries.clear();
      for (const e of rechained) s.auditEntries.set(ids.get(e.seq)!, e);
      s.audit = new AuditLog(sodium, s.store.auditKey);
      s.audit.load(rechained);
      s.dirty = true;
      this.commit([], 'vault re-encrypted under a new key', '');
      this.persistCache(s);
    } finally {
      wipe(cur, nxt);
    }
  }

  // ---- interviews ----

  listInterviews(filter?: InterviewFilter, sort?: InterviewSort): InterviewSummaryRow[] {
    const s = this.requireSession();
    const codeOf = (id: string) => s.people.get(id)?.code;
    const idByCode = (code: string) => s.codes.get(code);
    return [...s.heads.values()]
      .filter((h) => matchesFilter(h, filter, codeOf))
      .sort(compareHeads(sort))
      .map((h) => summaryRow(h, idByCode));
  }

  getInterview(id: string): Interview {
    const s = this.requireSession();
    if (!s.heads.has(id)) throw new VaultError('not-found', 'That interview does not exist (it may have been deleted).');
    const r = s.store.read(id);
    return { ...emptyInterviewFields, ...(r.data as Interview), id, revision: r.revision };
  }

  createInterview(fields: Partial<InterviewFields>): Interview {
    return this.createInterviews([fields])[0]!;
  }

  /** Creation of one or many interviews in one transaction (imports use many). */
  createInterviews(list: readonly Partial<InterviewFields>[]): Interview[] {
    const s = this.requireSession();
    const now = new Date().toISOString();
    let n = s.counters.interview;
    const drafts: Interview[] = list.map((fields) => ({
      ...emptyInterviewFields,
      ...fields,
      id: s.store.newId(),
      revision: 0,
      code: interviewCode(++n),
      createdAt: now,
      updatedAt: now,
    }));
    const counters = { ...s.counters, interview: n };
    const revisions = this.commit(
      [...drafts.map((d) => this.putOp(RecordKind.interview, d)), { type: 'put', kind: RecordKind.counters, id: s.countersId, data: counters }],
      drafts.length === 1 ? 'interview created' : 'interviews imported',
      drafts.length === 1 ? drafts[0]!.code : `${drafts.length} interviews`,
    );
    s.counters = counters;
    const saved = drafts.map((d) => {
      const i = { ...d, revision: revisions.get(d.id)! };
      s.heads.set(i.id, headOf(i));
      s.index.upsert(interviewDoc(i));
      return i;
    });
    this.refreshCounts(s);
    // After a bulk import, store the cache now: a crash before lock would otherwise mean re-indexing it all.
    if (drafts.length >= BULK_CACHE_THRESHOLD) this.persistCache(s);
    return saved;
  }

  /** Saves edits; revision must match the stored one so two editors never silently overwrite each other. */
  updateInterview(id: string, revision: number, fields: Partial<InterviewFields>): Interview {
    const s = this.requireSession();
    const current = this.getInterview(id);
    if (current.revision !== revision) {
      throw new VaultError('conflict', `${current.code} was changed elsewhere (revision ${current.revision}); reload it before saving.`);
    }
    const now = new Date();
    const next: Interview = { ...current, ...fields, updatedAt: now.toISOString() };
    const kept = s.histories.get(id);
    const burstStarts = !kept || now.getTime() - Date.parse(kept.lastSavedAt) >= BURST_MS;
    const ops: WriteOp[] = [this.putOp(RecordKind.interview, next)];
    if (burstStarts) ops.push(this.keepVersionOp(s, current, now));
    const revs = this.write(s, ops);
    if (burstStarts) this.noteKept(s, id, ops[1]!.id, now);
    const saved = { ...next, revision: revs.get(id)! };
    s.heads.set(id, headOf(saved));
    s.index.upsert(interviewDoc(saved));
    return saved;
  }

  /** The write that adds the current version of an interview to its history (newest first, at most 20). */
  private keepVersionOp(s: Session, current: Interview, at: Date): WriteOp {
    const kept = s.histories.get(current.id);
    const history: History = kept ? (s.store.read(kept.historyId).data as History) : { interviewId: current.id, versions: [] };
    const { id: _id, revision: _revision, ...interview } = current;
    const next = keep(history, { revisionId: s.store.newId(), savedAt: at.toISOString(), interview });
    return { type: 'put', kind: RecordKind.history, id: kept?.historyId ?? s.store.newId(), data: next };
  }

  private noteKept(s: Session, interviewId: string, historyId: string, at: Date): void {
    s.histories.set(interviewId, { historyId, lastSavedAt: at.toISOString() });
  }

  private history(s: Session, interviewId: string): History {
    const kept = s.histories.get(interviewId);
    return kept ? (s.store.read(kept.historyId).data as History) : { interviewId, versions: [] };
  }

  revisions(id: string): InterviewRevisionInfo[] {
    const s = this.requireSession();
    this.getInterview(id);
    return this.history(s, id).versions.map(describeVersion);
  }

  revision(id: string, revisionId: string): Interview {
    const s = this.requireSession();
    const current = this.getInterview(id);
    const v = this.history(s, id).versions.find((x) => x.revisionId === revisionId);
    if (!v) throw new VaultError('not-found', 'That earlier version is no longer kept.');
    return { ...emptyInterviewFields, ...v.interview, id, revision: current.revision, code: current.code };
  }

  /** Makes an earlier version current again; the version it replaces is kept first, so a restore can be undone. */
  restoreRevision(id: string, revisionId: string, revision: number): Interview {
    const s = this.requireSession();
    const current = this.getInterview(id);
    if (current.revision !== revision) {
      throw new VaultError('conflict', `${current.code} was changed elsewhere (revision ${current.revision}); reload it before restoring.`);
    }
    const old = this.revision(id, revisionId);
    const now = new Date();
    const { id: _i, revision: _r, code: _c, createdAt: _ca, updatedAt: _u, ...fields } = old;
    const next: Interview = { ...current, ...fields, updatedAt: now.toISOString() };
    const keepOp = this.keepVersionOp(s, current, now);
    const revs = this.commit([this.putOp(RecordKind.interview, next), keepOp], 'interview version restored', current.code);
    this.noteKept(s, id, keepOp.id, now);
    const saved = { ...next, revision: revs.get(id)! };
    s.heads.set(id, headOf(saved));
    s.index.upsert(interviewDoc(saved));
    return saved;
  }

  /** Interviews that link or mention a person. */
  interviewsOf(personId: string): InterviewSummaryRow[] {
    this.getPerson(personId);
    return this.listInterviews({ personId }, { key: 'date', direction: 'desc' });
  }

  // ---- taxonomy and settings ----

  taxonomy(): Taxonomy {
    return this.requireSession().taxonomy?.value ?? (defaultTaxonomy as Taxonomy);
  }

  updateTaxonomy(taxonomy: Taxonomy): Taxonomy {
    const s = this.requireSession();
    const id = s.taxonomy?.id ?? s.store.newId();
    this.commit([{ type: 'put', kind: RecordKind.taxonomy, id, data: taxonomy }], 'taxonomy changed', '');
    s.taxonomy = { id, value: taxonomy };
    return taxonomy;
  }

  settings(): VaultSettings {
    return this.requireSession().settings?.value ?? defaultVaultSettings;
  }

  updateSettings(patch: Partial<VaultSettings>): VaultSettings {
    const s = this.requireSession();
    const value: VaultSettings = { ...this.settings(), ...patch };
    const id = s.settings?.id ?? s.store.newId();
    this.write(s, [{ type: 'put', kind: RecordKind.settings, id, data: value }]);
    s.settings = { id, value };
    return value;
  }

  deleteInterview(id: string): void {
    const s = this.requireSession();
    const head = s.heads.get(id);
    if (!head) throw new VaultError('not-found', 'That interview does not exist (it may have been deleted).');
    const kept = s.histories.get(id);
    // The earlier versions go with it: secure_delete overwrites both ciphertexts in the database file.
    this.commit([{ type: 'delete', id }, ...(kept ? [{ type: 'delete' as const, id: kept.historyId }] : [])], 'interview deleted', head.code);
    this.forget(s, id);
    if (kept) this.forget(s, kept.historyId);
    s.histories.delete(id);
    this.refreshCounts(s);
  }

  // ---- people ----

  listPeople(): Person[] {
    return [...this.requireSession().people.values()].sort((a, b) => b.code.localeCompare(a.code));
  }

  getPerson(id: string): Person {
    const p = this.requireSession().people.get(id);
    if (!p) throw new VaultError('not-found', 'That person is not in the register (they may have been deleted).');
    return p;
  }

  createPerson(fields: Partial<PersonFields>): Person {
    return this.createPeople([fields])[0]!;
  }

  /** Creation of one or many people in one transaction (imports use many). */
  createPeople(list: readonly Partial<PersonFields>[]): Person[] {
    const s = this.requireSession();
    const now = new Date().toISOString();
    let n = s.counters.person;
    const drafts: Person[] = list.map((fields) => ({
      ...emptyPersonFields,
      ...fields,
      id: s.store.newId(),
      revision: 0,
      code: personCode(++n),
      createdAt: now,
      updatedAt: now,
    }));
    const counters = { ...s.counters, person: n };
    const revisions = this.commit(
      [...drafts.map((d) => this.putOp(RecordKind.person, d)), { type: 'put', kind: RecordKind.counters, id: s.countersId, data: counters }],
      drafts.length === 1 ? 'person added' : 'people imported',
      drafts.length === 1 ? drafts[0]!.code : `${drafts.length} people`,
    );
    s.counters = counters;
    const saved = drafts.map((d) => {
      const p = { ...d, revision: revisions.get(d.id)! };
      s.people.set(p.id, p);
      s.codes.set(p.code, p.id);
      s.index.upsert(personDoc(p));
      return p;
    });
    this.refreshCounts(s);
    return saved;
  }

  updatePerson(id: string, revision: number, fields: Partial<PersonFields>): Person {
    const s = this.requireSession();
    const current = this.getPerson(id);
    if (current.revision !== revision) {
      throw new VaultError('conflict', `${current.code} was changed elsewhere (revision ${current.revision}); reload before saving.`);
    }
    const next: Person = { ...current, ...fields, updatedAt: new Date().toISOString() };
    const revs = this.write(s, [this.putOp(RecordKind.person, next)]);
    const saved = { ...next, revision: revs.get(id)! };
    s.people.set(id, saved);
    s.index.upsert(personDoc(saved));
    return saved;
  }

  deletePerson(id: string): void {
    const s = this.requireSession();
    const current = this.getPerson(id);
    // Interviews keep no dangling link to a person who is gone.
    const touched = [...s.heads.values()].filter((h) => h.people.includes(id)).map((h) => {
      const i = this.getInterview(h.id);
      return { ...i, people: i.people.filter((p) => p !== id) };
    });
    const revs = this.commit([{ type: 'delete', id }, ...touched.map((i) => this.putOp(RecordKind.interview, i))], 'person deleted', current.code);
    this.forget(s, id);
    for (const i of touched) {
      const saved = { ...i, revision: revs.get(i.id)! };
      s.heads.set(i.id, headOf(saved));
      s.index.upsert(interviewDoc(saved));
    }
    this.refreshCounts(s);
  }

  // ---- search and audit ----

  search(query: string, limit = 50, kinds?: readonly SearchHit['kind'][], filter?: InterviewFilter): SearchHit[] {
    const s = this.requireSession();
    const codeOf = (id: string) => s.people.get(id)?.code;
    const filtering = filter !== undefined && Object.values(filter).some((v) => v !== undefined && v !== '');
    const accept = filtering
      ? (h: { kind: SearchHit['kind']; id: string }) => h.kind === 'interview' && matchesFilter(s.heads.get(h.id)!, filter, codeOf)
      : undefined;
    const { heads, words } = s.index.match(query, { limit, kinds, accept });
    return heads.map((h) => ({ ...h, snippet: this.snippetFor(s, h.kind, h.id, words) }));
  }

  private snippetFor(s: Session, kind: SearchHit['kind'], id: string, words: readonly string[]): string {
    switch (kind) {
      case 'person': {
        // Register matches show the code name only: a snippet would put a real name on screen.
        return '';
      }
      case 'interview':
        try {
          // Prefer the prose (summary, then notes) over field values; Markdown markup is not shown.
          return snippetOf(this.getInterview(id), words);
        } catch {
          return '';
        }
    }
  }

  // ---- redaction review and export ----

  /** The register compiled for redaction, reused until a person or the allow-list changes (compiling is slow). */
  private redactorCache: { key: string; redactor: Redactor } | null = null;

  private redactor(s: Session): Redactor {
    const people = [...s.people.values()];
    const allow = this.settings().allowList;
    const key = JSON.stringify([s.store.paths.dir, people.map((p) => [p.id, p.revision]), allow]);
    if (this.redactorCache?.key !== key) {
      this.redactorCache = { key, redactor: compileRedactor({ people: people.map(registerPerson), allow }) };
    }
    return this.redactorCache.redactor;
  }

  private prepareExport(interviewId: string, part: ExportPart, mode: PersonReplacement) {
    const s = this.requireSession();
    const interview = this.getInterview(interviewId);
    const redactor = this.redactor(s);
    const fields = exportFields(interview, part);
    const { findings, named } = findAll(redactor, fields, mode);
    // Consent covers everyone the interview concerns: linked, mentioned by code, or named in what is exported.
    const ids = new Set(peopleOf(s.heads.get(interviewId)!, (code) => s.codes.get(code)));
    for (const n of named) {
      const id = redactor.people[n]?.id;
      if (id) ids.add(id);
    }
    const concerned = [...ids].map((id) => s.people.get(id)).filter((p): p is Person => p !== undefined);
    return { s, interview, redactor, fields, findings, consent: consentBlocks(concerned) };
  }

  /** Texts redacted by hand, compiled for export.forms; cleared at lock. */
  private readonly wordForms = new WordFormsCache();

  /** Every place where `text` appears again, in any of its forms, in the fields under review. */
  exportForms(interviewId: string, part: ExportPart, text: string): ExportForms {
    this.requireSession();
    return formsInFields(this.wordForms, exportFields(this.getInterview(interviewId), part), text);
  }

  exportReview(interviewId: string, part: ExportPart, mode: PersonReplacement): ExportReview {
    const { interview, fields, findings, consent } = this.prepareExport(interviewId, part, mode);
    return { interviewId, code: interview.code, part, fields, findings, consent };
  }

  /**
   * Writes a redacted export. Refused when consent forbids it, when the file name itself names someone, or
   * when the final output still contains any register form or contact pattern (fail closed).
   */
  exportWrite(
    interviewId: string,
    part: ExportPart,
    mode: PersonReplacement,
    format: ExportFormat,
    decisions: ExportDecisions,
    path: string,
  ): ExportResult {
    const refusal = exportRefusal(this.requireSession().report);
    if (refusal) throw new VaultError('integrity', `${refusal} Nothing was written.`);
    const { interview, redactor, fields, findings, consent } = this.prepareExport(interviewId, part, mode);
    if (consent.length > 0) {
      throw new VaultError('invalid-request', `Export refused: ${consent.map((c) => c.reason).join(' ')}`);
    }
    let target = expandHome(path);
    if (extname(target).toLowerCase() !== `.${format}`) target = `${target}.${format}`;
    if (redactor.detect(basename(target)).spans.length > 0) {
      throw new VaultError('invalid-request', 'The file name contains a name or contact detail. Choose a name such as INT-0031-summary.');
    }
    const rendered = render(fields, findings, decisions, format);
    const left = leaks(redactor, rendered, decisions.keep);
    if (left.length > 0) {
      // Kinds and fields only: an error message must never quote the text (it can reach logs and screenshots).
      const where = left.slice(0, 5).map((l) => `${l.kind} in the ${l.field}`).join('; ');
      throw new VaultError('conflict', `Export stopped: the final text still identifies someone (${left.length} found). ${where}. Nothing was written.`);
    }
    writeExportFile(target, rendered.text);
    const sha256 = createHash('sha256').update(rendered.text, 'utf8').digest('hex');
    const counts = Object.entries(rendered.counts).map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
    this.commit([], 'exported', interview.code, `${part} as ${format}; redactions: ${counts}; kept ${decisions.keep.length}; sha256 ${sha256}`);
    return { path: target, redactions: rendered.counts, sha256 };
  }

  auditLog(): readonly AuditEntry[] {
    return this.requireSession().audit.list();
  }

  private putOp(kind: RecordKind, record: Interview | Person): WriteOp {
    // id and revision live in the row (and the associated data), not inside the ciphertext.
    const { id, revision: _revision, ...data } = record;
    return { type: 'put', kind, id, data };
  }
}

function snippetOf(i: Interview, words: readonly string[]): string {
  // Cut the excerpt from the raw prose first, then clean only the excerpt: cleaning whole notes for every
  // hit would cost more than the search itself.
  const fromProse = snippet(`${i.summary}\n\n${i.body}`, words);
  // snippet() falls back to the opening text when nothing matches; then the match is in a field value.
  const excerpt = fromProse.includes('«') ? fromProse : snippet(interviewText(i), words);
  return plainProse(excerpt).replace(/\*\*|__|`/g, '').replace(/\n/g, ' ');
}
