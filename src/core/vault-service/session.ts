import {
  defaultVaultSettings,
  emptyInterviewFields,
  emptyPersonFields,
  type AuditEntry,
  type Interview,
  type Person,
  type Taxonomy,
  type UnlockReport,
  type VaultSettings,
} from '../../shared/domain';
import { headOf, interviewDoc, personDoc, type InterviewHead } from '../catalog/heads';
import { LazyMap } from '../catalog/lazy-map';
import { encodeSnapshot, type DecodedSnapshot, type LazyRegister, type Snapshot, type SnapshotRows } from '../catalog/snapshot';
import { wipe } from '../crypto/sodium';
import { wipeIdentity, type DeliveryIdentity } from '../delivery/identity';
import { colleagueOf, receivedHeadOf, type ColleagueHead, type ReceivedHead } from '../delivery/records';
import { AuditLog } from '../domain/audit';
import { lockDetail, type LockReasonCode } from '../domain/audit-changes';
import type { History } from '../domain/history';
import { VaultError } from '../errors';
import { SearchIndex } from '../search/index';
import { IntegrityFlag, READ_ONLY_REFUSAL, RecordKind, type AuditAnchor, type RecordStore, type StoredRecord, type WriteOp } from '../vault/store';

/**
 * An unlocked vault in memory, and the few operations every domain module shares: reading a record into memory
 * (apply), dropping one (forget), writing (write, commit) and storing the search cache (persistCache).
 */

export interface Counters {
  readonly interview: number;
  readonly person: number;
}

export interface Session {
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
  /** Sealed delivery: the identity record's id ('' when there is none), its keys once used (wiped at lock). */
  delivery: { identityId: string; identity: DeliveryIdentity | null };
  /** Colleagues' cards by record id. */
  readonly colleagues: Map<string, ColleagueHead>;
  /** Received briefs (without their files) by record id. Never indexed, never part of the register. */
  readonly received: Map<string, ReceivedHead>;
  report: UnlockReport;
  /** What the last session's copy knew of each record's kind (for naming damaged and missing records). */
  readonly knownKinds: KnownKinds;
  /** People the copy held whole and the database no longer has (or cannot read): they can be put back. */
  readonly recoverable: Map<string, Person>;
  /** Memory differs from the stored search cache. */
  dirty: boolean;
  /** The cache's heads and register while still undecoded (heads and people read them on first use). */
  readonly register: LazyRegister | null;
  verification: Promise<void>;
}

/**
 * Where the open session lives (VaultService's private `session` field). Unlock installs the session through it,
 * the background verification checks the session is still the open one, and the operations that await before
 * they commit look the session up again afterwards.
 */
export interface SessionSlot {
  get(): Session | null;
  set(session: Session | null): void;
}

/**
 * For operations that write outside the vault and then record it (a sealed bundle, a saved received brief, a
 * backup): on a read-only disk they are refused before anything is written anywhere. (Writes to the vault itself
 * are refused by the store.)
 */
export function requireWritable(s: Session): void {
  if (s.store.readOnly) throw new VaultError('read-only', READ_ONLY_REFUSAL);
}

export function requireSession(slot: SessionSlot): Session {
  const s = slot.get();
  if (!s) throw new VaultError('locked', 'The vault is locked. Unlock it to continue.');
  return s;
}

/** A session as the search cache left it (or empty when there is none); unlock brings it up to date. */
export function newSession(store: RecordStore, snap: DecodedSnapshot | null, sealIntact: boolean): Session {
  const register = snap?.register ?? null;
  // Decoded from the cache on first use: a search alone never needs the heads or the register. A register part
  // that does not authenticate is read from the records instead, and the next lock writes a whole cache again.
  // A register part that authenticates but does not hold exactly the rows of the core part's list, at the same
  // revisions, is not used either (the parts are bound to each other; this is the second wall).
  let fromRecords: ReturnType<typeof registerFromRecords> | null = null;
  const load = () => {
    const cached = register?.load() ?? null;
    if (cached && registerMatches(cached, snap!)) return cached;
    return (fromRecords ??= (() => {
      session.dirty = true;
      return registerFromRecords(store);
    })());
  };
  const session: Session = {
    store,
    heads: register ? new LazyMap(snap!.interviewIds, () => load().interviews.map((h) => [h.id, h] as const)) : new Map(),
    people: register ? new LazyMap(snap!.personKeys.map(([id]) => id), () => load().people.map((p) => [p.id, p] as const)) : new Map(),
    auditEntries: new Map(snap?.audit.map(([id, e]) => [id, e])),
    audit: new AuditLog(store.auditHash),
    index: snap ? SearchIndex.fromFrozen(snap.index) : new SearchIndex(),
    covered: snap ? columnMap(snap.rows.ids, snap.rows.revisions) : new Map(),
    countersId: snap?.countersId ?? '',
    counters: snap?.counters ?? { interview: 0, person: 0 },
    histories: new Map(snap?.histories.map(([iid, hid, at]) => [iid, { historyId: hid, lastSavedAt: at }])),
    taxonomy: snap?.taxonomy ?? null,
    settings: snap?.settings ?? null,
    codes: new Map(snap?.personKeys.map(([id, code]) => [code, id])),
    delivery: { identityId: snap?.delivery?.identityId ?? '', identity: null },
    colleagues: new Map(snap?.delivery?.colleagues.map((c) => [c.id, c])),
    received: new Map(snap?.delivery?.received.map((r) => [r.id, r])),
    report: {
      interviews: 0,
      people: 0,
      damaged: [],
      sealIntact,
      auditChainIntact: true,
      schemaIntact: true,
      sealDifferences: [],
      missing: [],
      verified: false,
      ...(store.readOnly ? { readOnly: true } : {}),
    },
    knownKinds: new KnownKinds(snap?.rows ?? null),
    recoverable: new Map(),
    dirty: !snap,
    register,
    verification: Promise.resolve(),
  };
  return session;
}

/**
 * Whether a decoded register part holds exactly the interviews and people the core part lists, each at the
 * revision of the core part's row list: no one missing, no one extra, nothing older.
 */
export function registerMatches(r: { readonly interviews: readonly InterviewHead[]; readonly people: readonly Person[] }, snap: DecodedSnapshot): boolean {
  if (r.interviews.length !== snap.interviewIds.length || r.people.length !== snap.personKeys.length) return false;
  const revisions = columnMap(snap.rows.ids, snap.rows.revisions);
  const kinds = columnMap(snap.rows.ids, snap.rows.kinds);
  const listed = (id: unknown, revision: unknown, kind: RecordKind, ids: ReadonlySet<string>): boolean =>
    typeof id === 'string' && ids.has(id) && kinds.get(id) === kind && revisions.get(id) === revision;
  const interviewIds = new Set(snap.interviewIds);
  const personIds = new Set(snap.personKeys.map(([id]) => id));
  if (interviewIds.size !== r.interviews.length || personIds.size !== r.people.length) return false;
  const seen = new Set<string>();
  for (const h of r.interviews) {
    if (!listed(h?.id, h?.revision, RecordKind.interview, interviewIds) || seen.has(h.id)) return false;
    seen.add(h.id);
  }
  for (const p of r.people) {
    if (!listed(p?.id, p?.revision, RecordKind.person, personIds) || seen.has(p.id)) return false;
    seen.add(p.id);
  }
  return true;
}

/** A Map from two columns (key i is keys[i], its value values[i]), without an array per entry. */
function columnMap<V>(keys: readonly string[], values: ArrayLike<V>): Map<string, V> {
  const m = new Map<string, V>();
  for (let i = 0; i < keys.length; i++) m.set(keys[i]!, values[i]!);
  return m;
}

/**
 * The kind of each row the last session's copy reflected, looked up only to name a damaged or missing record:
 * the map is made on the first lookup, which a whole vault never needs.
 */
export class KnownKinds {
  private byId: Map<string, number> | null = null;

  constructor(private rows: SnapshotRows | null) {}

  get(id: string): number | undefined {
    if (!this.byId) {
      this.byId = this.rows ? columnMap(this.rows.ids, this.rows.kinds) : new Map();
      this.rows = null;
    }
    return this.byId.get(id);
  }
}

/**
 * The interview heads and the register read from the records themselves: what the cache's register part holds,
 * for when that part does not authenticate (altered or damaged at rest). Only the first use pays for it; the
 * session is then marked dirty by the caller's writes or by the next lock's rebuilt cache.
 */
function registerFromRecords(store: RecordStore): { readonly interviews: readonly InterviewHead[]; readonly people: readonly Person[] } {
  const interviews: InterviewHead[] = [];
  const people: Person[] = [];
  for (let after: string | null = null; ; ) {
    const batch = store.readBatch(after, 500);
    for (const r of batch.records) {
      const data = r.data as Record<string, unknown>;
      if (r.kind === RecordKind.interview) interviews.push(headOf({ ...emptyInterviewFields, ...(data as unknown as Interview), id: r.id, revision: r.revision }));
      else if (r.kind === RecordKind.person) people.push({ ...emptyPersonFields, ...(data as unknown as Person), id: r.id, revision: r.revision });
    }
    if (batch.lastId === null) break;
    after = batch.lastId;
  }
  return { interviews, people };
}

/**
 * Records the lock (best effort, like the unlock's entry: a full disk or a failing database must never keep the
 * vault from locking), stores the search cache (best effort), then drops everything the session held and closes
 * the database.
 */
export function closeSession(s: Session, reason?: LockReasonCode): void {
  try {
    // A vault on a read-only disk gets no lock entry and no cache: nothing is written to its folder.
    if (s.store.readOnly) return;
    try {
      commit(s, [], 'vault locked', '', lockDetail(reason));
    } catch {
      // the lock goes ahead; this session's entries up to here are stored
    }
    persistCache(s);
  } finally {
    s.index.clear();
    s.heads.clear();
    s.people.clear();
    s.auditEntries.clear();
    s.covered.clear();
    s.histories.clear();
    s.codes.clear();
    s.colleagues.clear();
    s.received.clear();
    wipeIdentity(s.delivery.identity);
    s.delivery = { identityId: '', identity: null };
    s.register?.discard();
    s.store.close();
  }
}

export function refreshCounts(s: Session): void {
  s.report = { ...s.report, interviews: s.heads.size, people: s.people.size };
}

/** Brings memory up to date with one decrypted record. */
export function apply(s: Session, r: StoredRecord): void {
  forget(s, r.id);
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
    case RecordKind.deliveryIdentity:
      // Only the id: the keys are read from the record when first used (delivery.ts), never kept in the cache.
      s.delivery = { identityId: r.id, identity: null };
      break;
    case RecordKind.colleague: {
      const c = colleagueOf(r.id, data);
      if (c) s.colleagues.set(r.id, c);
      break;
    }
    case RecordKind.received: {
      // Colleagues' redacted material: not indexed, not in the register, not in the interview list.
      const h = receivedHeadOf(r.id, data);
      if (h) s.received.set(r.id, h);
      break;
    }
    default:
      // Unknown kinds come from a newer Fieldvault; they stay on disk untouched.
      break;
  }
}

export function forget(s: Session, id: string): void {
  s.covered.delete(id);
  s.heads.delete(id);
  const person = s.people.get(id);
  if (person && s.codes.get(person.code) === id) s.codes.delete(person.code);
  s.people.delete(id);
  for (const [iid, h] of s.histories) if (h.historyId === id) s.histories.delete(iid);
  if (s.taxonomy?.id === id) s.taxonomy = null;
  if (s.settings?.id === id) s.settings = null;
  s.auditEntries.delete(id);
  s.colleagues.delete(id);
  s.received.delete(id);
  if (s.delivery.identityId === id) {
    wipeIdentity(s.delivery.identity);
    s.delivery = { identityId: '', identity: null };
  }
  s.index.remove(id);
}

/**
 * Writes ops plus one audit entry in a single transaction; memory changes only after it commits. `s` is the open
 * session: callers that awaited since they looked it up pass requireSession(slot) again.
 */
export function commit(s: Session, ops: readonly WriteOp[], action: string, subject: string, detail = ''): Map<string, number> {
  const { entry, op } = s.audit.prepare(action, subject, detail, () => s.store.newId());
  const revisions = write(s, [...ops, op], { seq: entry.seq, hash: entry.hash });
  s.audit.commit(entry);
  s.auditEntries.set(op.id, entry);
  return revisions;
}

export function write(s: Session, ops: readonly WriteOp[], anchor?: AuditAnchor): Map<string, number> {
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
export function persistCache(s: Session): void {
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
    delivery: { identityId: s.delivery.identityId, colleagues: [...s.colleagues.values()], received: [...s.received.values()] },
    index: s.index.freeze(),
    ...((s.store.integrityFlags & IntegrityFlag.sealMismatch) !== 0 && s.report.missing.length > 0
      ? { unresolved: { missing: s.report.missing, recoverable: s.report.missing.flatMap((m) => s.recoverable.get(m.id) ?? []) } }
      : {}),
  };
  const { core, register } = encodeSnapshot(snapshot);
  try {
    s.store.writeCache([core, register]);
    s.dirty = false;
  } catch {
    // A full or read-only disk must not stop the lock; the next unlock rebuilds from the records.
  } finally {
    wipe(core, register);
  }
}

export function putOp(kind: RecordKind, record: Interview | Person): WriteOp {
  // id and revision live in the row (and the associated data), not inside the ciphertext.
  const { id, revision: _revision, ...data } = record;
  return { type: 'put', kind, id, data };
}
