import { emptyPersonFields, type InterviewSummaryRow, type Person, type PersonFields } from '../../shared/domain';
import { headOf, interviewDoc, personDoc } from '../catalog/heads';
import { personChange } from '../domain/audit-changes';
import { personCode } from '../domain/codes';
import { BURST_MS } from '../domain/history';
import { VaultError } from '../errors';
import { RecordKind } from '../vault/store';
import { getInterview, listInterviews } from './interviews';
import { commit, forget, putOp, refreshCounts, write, type Session } from './session';

/** The register of people: listing, reading, creating (one or an import), saving, deleting, and their interviews. */

export function listPeople(s: Session): Person[] {
  return [...s.people.values()].sort((a, b) => b.code.localeCompare(a.code));
}

export function getPerson(s: Session, id: string): Person {
  const p = s.people.get(id);
  if (!p) throw new VaultError('not-found', 'That person is not in the register (they may have been deleted).');
  return p;
}

/** Creation of one or many people in one transaction (imports use many). */
export function createPeople(s: Session, list: readonly Partial<PersonFields>[]): Person[] {
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
  const revisions = commit(
    s,
    [...drafts.map((d) => putOp(RecordKind.person, d)), { type: 'put', kind: RecordKind.counters, id: s.countersId, data: counters }],
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
  refreshCounts(s);
  return saved;
}

export function updatePerson(s: Session, id: string, revision: number, fields: Partial<PersonFields>): Person {
  const current = getPerson(s, id);
  if (current.revision !== revision) {
    throw new VaultError('conflict', `${current.code} was changed elsewhere (revision ${current.revision}); reload before saving.`);
  }
  const now = new Date();
  const next: Person = { ...current, ...fields, updatedAt: now.toISOString() };
  // The log names the field groups that changed (consent withdrawal as its own action), never their values.
  // Autosave while typing repeats the same entry: one within an editing burst is enough.
  const change = personChange(current, next);
  const last = s.audit.list().at(-1);
  const repeat =
    change !== null && last !== undefined && last.action === change.action && last.subject === current.code && last.detail === change.detail && now.getTime() - Date.parse(last.at) < BURST_MS;
  const ops = [putOp(RecordKind.person, next)];
  const revs = change && !repeat ? commit(s, ops, change.action, current.code, change.detail) : write(s, ops);
  const saved = { ...next, revision: revs.get(id)! };
  s.people.set(id, saved);
  s.index.upsert(personDoc(saved));
  return saved;
}

export function deletePerson(s: Session, id: string): void {
  const current = getPerson(s, id);
  // Interviews keep no dangling link to a person who is gone.
  const touched = [...s.heads.values()].filter((h) => h.people.includes(id)).map((h) => {
    const i = getInterview(s, h.id);
    return { ...i, people: i.people.filter((p) => p !== id) };
  });
  const revs = commit(s, [{ type: 'delete', id }, ...touched.map((i) => putOp(RecordKind.interview, i))], 'person deleted', current.code);
  forget(s, id);
  for (const i of touched) {
    const saved = { ...i, revision: revs.get(i.id)! };
    s.heads.set(i.id, headOf(saved));
    s.index.upsert(interviewDoc(saved));
  }
  refreshCounts(s);
}

/** Interviews that link or mention a person. */
export function interviewsOf(s: Session, personId: string): InterviewSummaryRow[] {
  getPerson(s, personId);
  return listInterviews(s, { personId }, { key: 'date', direction: 'desc' });
}
