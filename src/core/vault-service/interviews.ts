import {
  emptyInterviewFields,
  type Interview,
  type InterviewFields,
  type InterviewFilter,
  type InterviewSort,
  type InterviewSummaryRow,
} from '../../shared/domain';
import { compareHeads, headOf, interviewDoc, matchesFilter, summaryRow } from '../catalog/heads';
import { interviewCode } from '../domain/codes';
import { BURST_MS, keepReason } from '../domain/history';
import { VaultError } from '../errors';
import { RecordKind, type WriteOp } from '../vault/store';
import { keepVersionOp, noteKept } from './history';
import { commit, forget, persistCache, putOp, refreshCounts, write, type Session } from './session';

/** Interviews: the list (from the heads in memory), reading one (decrypted on demand), creating, saving, deleting. */

/** Imports at least this large write the search cache straight away. */
const BULK_CACHE_THRESHOLD = 200;

export function listInterviews(s: Session, filter?: InterviewFilter, sort?: InterviewSort): InterviewSummaryRow[] {
  const codeOf = (id: string) => s.people.get(id)?.code;
  const idByCode = (code: string) => s.codes.get(code);
  return [...s.heads.values()]
    .filter((h) => matchesFilter(h, filter, codeOf))
    .sort(compareHeads(sort))
    .map((h) => summaryRow(h, idByCode));
}

export function getInterview(s: Session, id: string): Interview {
  if (!s.heads.has(id)) throw new VaultError('not-found', 'That interview does not exist (it may have been deleted).');
  const r = s.store.read(id);
  return { ...emptyInterviewFields, ...(r.data as Interview), id, revision: r.revision };
}

/** Creation of one or many interviews in one transaction (imports use many). */
export function createInterviews(s: Session, list: readonly Partial<InterviewFields>[]): Interview[] {
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
  const revisions = commit(
    s,
    [...drafts.map((d) => putOp(RecordKind.interview, d)), { type: 'put', kind: RecordKind.counters, id: s.countersId, data: counters }],
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
  refreshCounts(s);
  // After a bulk import, store the cache now: a crash before lock would otherwise mean re-indexing it all.
  if (drafts.length >= BULK_CACHE_THRESHOLD) persistCache(s);
  return saved;
}

/** Saves edits; revision must match the stored one so two editors never silently overwrite each other. */
export function updateInterview(s: Session, id: string, revision: number, fields: Partial<InterviewFields>): Interview {
  const current = getInterview(s, id);
  if (current.revision !== revision) {
    throw new VaultError('conflict', `${current.code} was changed elsewhere (revision ${current.revision}); reload it before saving.`);
  }
  const now = new Date();
  const next: Interview = { ...current, ...fields, updatedAt: now.toISOString() };
  // The text as the researcher left it becomes a version (domain/history.ts says when).
  const keepOp = keepReason(current, next, s.histories.get(id)?.lastSavedAt, now) ? keepVersionOp(s, current, now) : null;
  const ops: WriteOp[] = keepOp ? [putOp(RecordKind.interview, next), keepOp] : [putOp(RecordKind.interview, next)];
  // One audit entry per editing burst, not one per autosave.
  const revs = editedRecently(s, current.code, now.getTime()) ? write(s, ops) : commit(s, ops, 'interview edited', current.code);
  if (keepOp) noteKept(s, id, keepOp.id, now);
  const saved = { ...next, revision: revs.get(id)! };
  s.heads.set(id, headOf(saved));
  s.index.upsert(interviewDoc(saved));
  return saved;
}

/** Whether the audit log already says this interview was edited within the last BURST_MS. */
function editedRecently(s: Session, code: string, now: number): boolean {
  const entries = s.audit.list();
  for (let k = entries.length - 1; k >= 0; k--) {
    const e = entries[k]!;
    if (now - Date.parse(e.at) >= BURST_MS) return false;
    if (e.action === 'interview edited' && e.subject === code) return true;
  }
  return false;
}

export function deleteInterview(s: Session, id: string): void {
  const head = s.heads.get(id);
  if (!head) throw new VaultError('not-found', 'That interview does not exist (it may have been deleted).');
  const kept = s.histories.get(id);
  // The earlier versions go with it: secure_delete overwrites both ciphertexts in the database file.
  commit(s, [{ type: 'delete', id }, ...(kept ? [{ type: 'delete' as const, id: kept.historyId }] : [])], 'interview deleted', head.code);
  forget(s, id);
  if (kept) forget(s, kept.historyId);
  s.histories.delete(id);
  refreshCounts(s);
}
