import type { Interview } from '../../shared/domain';
import { keep, type History } from '../domain/history';
import { RecordKind, type WriteOp } from '../vault/store';
import type { Session } from './session';

/**
 * An interview's history record: the versions kept as it is edited (domain/history.ts decides which). Saving
 * (interviews.ts) adds to it; browsing and restoring versions (revisions.ts) reads it.
 */

/**
 * The write that adds the current version of an interview to its history (newest first, at most 20), or null
 * when the history already ends with exactly this text.
 */
export function keepVersionOp(s: Session, current: Interview, at: Date): WriteOp | null {
  const kept = s.histories.get(current.id);
  const history: History = kept ? (s.store.read(kept.historyId).data as History) : { interviewId: current.id, versions: [] };
  const { id: _id, revision: _revision, ...interview } = current;
  const next = keep(history, { revisionId: s.store.newId(), savedAt: at.toISOString(), interview });
  if (next === history) return null;
  return { type: 'put', kind: RecordKind.history, id: kept?.historyId ?? s.store.newId(), data: next };
}

export function noteKept(s: Session, interviewId: string, historyId: string, at: Date): void {
  s.histories.set(interviewId, { historyId, lastSavedAt: at.toISOString() });
}

export function historyOf(s: Session, interviewId: string): History {
  const kept = s.histories.get(interviewId);
  return kept ? (s.store.read(kept.historyId).data as History) : { interviewId, versions: [] };
}
