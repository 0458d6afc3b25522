import {
  emptyInterviewFields,
  emptyPersonFields,
  type AuditEntry,
  type Interview,
  type InterviewFields,
  type InterviewSummaryRow,
  type KdfParams,
  type Person,
  type PersonFields,
  type SearchHit,
  type UnlockReport,
  type VaultState,
} from '../shared/domain';
import { passphraseBytes } from './crypto/kdf';
import { loadSodium, wipe } from './crypto/sodium';
import { AuditLog } from './domain/audit';
import { codeNumber, interviewCode, personCode } from './domain/codes';
import { VaultError } from './errors';
import { SearchIndex, type IndexedDocument } from './search/index';
import { RecordKind, RecordStore, type WriteOp } from './vault/store';
import type { HeaderWriteHooks } from './vault/header';

interface Counters {
  readonly interview: number;
  readonly person: number;
}

interface Session {
  readonly store: RecordStore;
  readonly interviews: Map<string, Interview>;
  readonly people: Map<string, Person>;
  readonly audit: AuditLog;
  readonly index: SearchIndex;
  countersId: string;
  counters: Counters;
  report: UnlockReport;
}

export interface ServiceOptions {
  /** Key derivation for new vaults; tests use cheaper parameters, the app uses the default. */
  readonly kdf?: KdfParams;
  readonly headerHooks?: HeaderWriteHooks;
}

function interviewDoc(i: Interview): IndexedDocument {
  const p = i.place;
  return {
    kind: 'interview',
    id: i.id,
    code: i.code,
    title: i.title,
    text: [p.country, p.city, p.district, i.interviewer, i.languages.join(' '), i.incidentTypes.join(' '), i.tags.join(' '), i.summary, i.body].join('\n'),
  };
}

function personDoc(p: Person): IndexedDocument {
  const names = [p.given, p.family, p.patronymic].flatMap((n) => [n.latin, n.cyrillic]);
  return {
    kind: 'person',
    id: p.id,
    code: p.code,
    title: p.pseudonym || p.code,
    text: [p.pseudonym, ...names, ...p.otherSpellings, ...p.contacts.map((c) => c.value), p.location, p.nationality, p.ethnicity, p.riskNotes].join('\n'),
  };
}

function summaryRow(i: Interview): InterviewSummaryRow {
  return { id: i.id, code: i.code, title: i.title, date: i.date, place: i.place, status: i.status, updatedAt: i.updatedAt };
}

/**
 * The vault as the rest of the app sees it: typed operations over decrypted records held in memory while
 * unlocked. Everything is dropped, and every key zeroed, on lock.
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

  async unlock(path: string, passphrase: string): Promise<UnlockReport> {
    if (this.session) throw new VaultError('already-unlocked', 'A vault is already unlocked.');
    const bytes = passphraseBytes(passphrase);
    try {
      const store = await RecordStore.open(path, bytes);
      return await this.startSession(store, 'vault unlocked');
    } finally {
      wipe(bytes);
    }
  }

  private async startSession(store: RecordStore, action: string): Promise<UnlockReport> {
    const sodium = await loadSodium();
    try {
      const loaded = store.loadAll();
      const interviews = new Map<string, Interview>();
      const people = new Map<string, Person>();
      const auditEntries: AuditEntry[] = [];
      let countersId = '';
      let counters: Counters = { interview: 0, person: 0 };
      for (const r of loaded.records) {
        const data = r.data as Record<string, unknown>;
        switch (r.kind) {
          case RecordKind.interview:
            interviews.set(r.id, { ...emptyInterviewFields, ...(data as unknown as Interview), id: r.id, revision: r.revision });
            break;
          case RecordKind.person:
            people.set(r.id, { ...emptyPersonFields, ...(data as unknown as Person), id: r.id, revision: r.revision });
            break;
          case RecordKind.audit:
            auditEntries.push(data as unknown as AuditEntry);
            break;
          case RecordKind.counters:
            countersId = r.id;
            counters = data as unknown as Counters;
            break;
          default:
            // Unknown kinds come from a newer Fieldvault; they are kept on disk untouched.
            break;
        }
      }
      // Never hand out a code twice, even if the counters record was damaged.
      const maxI = Math.max(0, ...[...interviews.values()].map((i) => codeNumber(i.code)));
      const maxP = Math.max(0, ...[...people.values()].map((p) => codeNumber(p.code)));
      counters = { interview: Math.max(counters.interview, maxI), person: Math.max(counters.person, maxP) };
      const audit = new AuditLog(sodium, store.auditKey);
      const auditChainIntact = audit.load(auditEntries);
      const index = new SearchIndex();
      for (const i of interviews.values()) index.upsert(interviewDoc(i));
      for (const p of people.values()) index.upsert(personDoc(p));
      const report: UnlockReport = {
        interviews: interviews.size,
        people: people.size,
        damaged: loaded.damaged,
        sealIntact: loaded.sealIntact,
        auditChainIntact,
      };
      this.session = { store, interviews, people, audit, index, countersId: countersId || store.newId(), counters, report };
      this.commit([], action, store.paths.dir.split(/[\\/]/).pop() ?? '', report.damaged.length ? `${report.damaged.length} damaged` : '');
      return report;
    } catch (err) {
      store.close();
      this.session = null;
      throw err;
    }
  }

  /** Writes ops plus one audit entry in a single transaction; memory changes only after it commits. */
  private commit(ops: readonly WriteOp[], action: string, subject: string, detail = ''): Map<string, number> {
    const s = this.requireSession();
    const { entry, op } = s.audit.prepare(action, subject, detail, () => s.store.newId());
    const revisions = s.store.write([...ops, op]);
    s.audit.commit(entry);
    return revisions;
  }

  lock(): void {
    const s = this.session;
    if (!s) return;
    this.session = null;
    s.index.clear();
    s.interviews.clear();
    s.people.clear();
    s.store.close();
  }

  async changePassphrase(current: string, next: string): Promise<void> {
    const s = this.requireSession();
    const cur = passphraseBytes(current);
    const nxt = passphraseBytes(next);
    try {
      s.store.changePassphrase(cur, nxt, this.options.headerHooks, this.options.kdf);
      this.commit([], 'passphrase changed', '');
    } finally {
      wipe(cur, nxt);
    }
  }

  // ---- interviews ----

  listInterviews(): InterviewSummaryRow[] {
    const s = this.requireSession();
    return [...s.interviews.values()].map(summaryRow).sort((a, b) => b.code.localeCompare(a.code));
  }

  getInterview(id: string): Interview {
    const i = this.requireSession().interviews.get(id);
    if (!i) throw new VaultError('not-found', 'That interview does not exist (it may have been deleted).');
    return i;
  }

  createInterview(fields: Partial<InterviewFields>): Interview {
    const s = this.requireSession();
    const now = new Date().toISOString();
    const counters = { ...s.counters, interview: s.counters.interview + 1 };
    const id = s.store.newId();
    const draft: Interview = { ...emptyInterviewFields, ...fields, id, revision: 0, code: interviewCode(counters.interview), createdAt: now, updatedAt: now };
    const revisions = this.commit(
      [this.putOp(RecordKind.interview, draft), { type: 'put', kind: RecordKind.counters, id: s.countersId, data: counters }],
      'interview created',
      draft.code,
    );
    const saved = { ...draft, revision: revisions.get(id)! };
    s.counters = counters;
    s.interviews.set(id, saved);
    s.index.upsert(interviewDoc(saved));
    return saved;
  }

  /** Saves edits; revision must match the stored one so two editors never silently overwrite each other. */
  updateInterview(id: string, revision: number, fields: Partial<InterviewFields>): Interview {
    const s = this.requireSession();
    const current = this.getInterview(id);
    if (current.revision !== revision) {
      throw new VaultError('conflict', `${current.code} was changed elsewhere (revision ${current.revision}); reload it before saving.`);
    }
    const next: Interview = { ...current, ...fields, updatedAt: new Date().toISOString() };
    const revs = s.store.write([this.putOp(RecordKind.interview, next)]);
    const saved = { ...next, revision: revs.get(id)! };
    s.interviews.set(id, saved);
    s.index.upsert(interviewDoc(saved));
    return saved;
  }

  deleteInterview(id: string): void {
    const s = this.requireSession();
    const current = this.getInterview(id);
    this.commit([{ type: 'delete', id }], 'interview deleted', current.code);
    s.interviews.delete(id);
    s.index.remove(id);
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

  /** Bulk creation in one transaction (used by imports). */
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
    return drafts.map((d) => {
      const saved = { ...d, revision: revisions.get(d.id)! };
      s.people.set(saved.id, saved);
      s.index.upsert(personDoc(saved));
      return saved;
    });
  }

  /** Bulk interview creation in one transaction (used by imports). */
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
      'interviews imported',
      `${drafts.length} interviews`,
    );
    s.counters = counters;
    return drafts.map((d) => {
      const saved = { ...d, revision: revisions.get(d.id)! };
      s.interviews.set(saved.id, saved);
      s.index.upsert(interviewDoc(saved));
      return saved;
    });
  }

  updatePerson(id: string, revision: number, fields: Partial<PersonFields>): Person {
    const s = this.requireSession();
    const current = this.getPerson(id);
    if (current.revision !== revision) {
      throw new VaultError('conflict', `${current.code} was changed elsewhere (revision ${current.revision}); reload before saving.`);
    }
    const next: Person = { ...current, ...fields, updatedAt: new Date().toISOString() };
    const revs = s.store.write([this.putOp(RecordKind.person, next)]);
    const saved = { ...next, revision: revs.get(id)! };
    s.people.set(id, saved);
    s.index.upsert(personDoc(saved));
    return saved;
  }

  deletePerson(id: string): void {
    const s = this.requireSession();
    const current = this.getPerson(id);
    // Interviews keep no dangling link to a person who is gone.
    const touched = [...s.interviews.values()].filter((i) => i.people.includes(id)).map((i) => ({ ...i, people: i.people.filter((p) => p !== id) }));
    const revs = this.commit([{ type: 'delete', id }, ...touched.map((i) => this.putOp(RecordKind.interview, i))], 'person deleted', current.code);
    s.people.delete(id);
    s.index.remove(id);
    for (const i of touched) {
      const saved = { ...i, revision: revs.get(i.id)! };
      s.interviews.set(i.id, saved);
    }
  }

  // ---- search and audit ----

  search(query: string, limit = 50, kinds?: readonly SearchHit['kind'][]): SearchHit[] {
    return this.requireSession().index.search(query, { limit, kinds });
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
