import { emptyInterviewFields, type Interview, type InterviewRevisionInfo } from '../../shared/domain';
import { headOf, interviewDoc } from '../catalog/heads';
import { describe as describeVersion } from '../domain/history';
import { VaultError } from '../errors';
import { RecordKind } from '../vault/store';
import { historyOf, keepVersionOp, noteKept } from './history';
import { getInterview } from './interviews';
import { commit, putOp, type Session } from './session';

/** An interview's earlier versions: listing them, reading one, making one current again. */

export function revisions(s: Session, id: string): InterviewRevisionInfo[] {
  getInterview(s, id);
  return historyOf(s, id).versions.map(describeVersion);
}

export function revision(s: Session, id: string, revisionId: string): Interview {
  const current = getInterview(s, id);
  const v = historyOf(s, id).versions.find((x) => x.revisionId === revisionId);
  if (!v) throw new VaultError('not-found', 'That earlier version is no longer kept.');
  return { ...emptyInterviewFields, ...v.interview, id, revision: current.revision, code: current.code };
}

/** Makes an earlier version current again; the version it replaces is kept first, so a restore can be undone. */
export function restoreRevision(s: Session, id: string, revisionId: string, expectedRevision: number): Interview {
  const current = getInterview(s, id);
  if (current.revision !== expectedRevision) {
    throw new VaultError('conflict', `${current.code} was changed elsewhere (revision ${current.revision}); reload it before restoring.`);
  }
  const old = revision(s, id, revisionId);
  const now = new Date();
  const { id: _i, revision: _r, code: _c, createdAt: _ca, updatedAt: _u, ...fields } = old;
  const next: Interview = { ...current, ...fields, updatedAt: now.toISOString() };
  const keepOp = keepVersionOp(s, current, now);
  const revs = commit(s, keepOp ? [putOp(RecordKind.interview, next), keepOp] : [putOp(RecordKind.interview, next)], 'interview version restored', current.code);
  if (keepOp) noteKept(s, id, keepOp.id, now);
  const saved = { ...next, revision: revs.get(id)! };
  s.heads.set(id, headOf(saved));
  s.index.upsert(interviewDoc(saved));
  return saved;
}
