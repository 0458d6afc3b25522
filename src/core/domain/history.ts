import type { Interview, InterviewRevisionInfo } from '../../shared/domain';

/**
 * Earlier versions of one interview, kept in one encrypted record (kind "history") next to it.
 *
 * A kept version is a state the researcher actually left the text in, so the rule looks at the text before a
 * save (`current`), never at the moment a burst starts: keeping "the version before the first save" kept the
 * empty record a new interview starts as, and then nothing else while sessions were less than BURST_MS apart.
 * The text before a save is kept when
 *  - the last save is SESSION_GAP_MS old or more: it is the end of an editing session (the next day, after a
 *    lock, after a long pause);
 *  - the newest kept version (or the creation) is CHECKPOINT_MS old while editing goes on without such a pause;
 *  - the save deletes a large part of the notes and summary (a selection deleted, a paste over everything);
 *  - it is replaced by a restore (revisions.ts).
 * Empty texts and a text identical to the newest kept version are never kept; at most MAX_VERSIONS are.
 * Autosave runs every two seconds while typing, so keeping every save would leave twenty versions of the last
 * forty seconds.
 */
export const MAX_VERSIONS = 20;
/** One audit entry per editing burst: saves closer together than this are one burst. */
export const BURST_MS = 5 * 60 * 1000;
export const SESSION_GAP_MS = 10 * 60 * 1000;
export const CHECKPOINT_MS = 30 * 60 * 1000;
/** A save that removes at least this many characters, and at least a fifth of the text, keeps the text before. */
export const BIG_DELETION_CHARS = 200;

export type KeepReason = 'session' | 'checkpoint' | 'deletion';

type Text = Pick<Interview, 'title' | 'body' | 'summary' | 'updatedAt' | 'createdAt'>;

const length = (t: Pick<Interview, 'body' | 'summary'>) => t.body.length + t.summary.length;

/** Whether the text before a save (`current`) is worth keeping as a version, and why. */
export function keepReason(current: Text, next: Pick<Interview, 'body' | 'summary'>, lastKeptAt: string | undefined, now: Date): KeepReason | null {
  if (!current.title.trim() && !current.body.trim() && !current.summary.trim()) return null;
  const at = now.getTime();
  const removed = length(current) - length(next);
  if (removed >= BIG_DELETION_CHARS && removed * 5 >= length(current)) return 'deletion';
  const lastSave = Date.parse(current.updatedAt);
  if (Number.isFinite(lastSave) && at - lastSave >= SESSION_GAP_MS) return 'session';
  const since = Date.parse(lastKeptAt || current.createdAt);
  if (Number.isFinite(since) && at - since >= CHECKPOINT_MS) return 'checkpoint';
  return null;
}

export interface KeptVersion {
  readonly revisionId: string;
  readonly savedAt: string;
  readonly interview: Omit<Interview, 'id' | 'revision'>;
}

export interface History {
  readonly interviewId: string;
  readonly versions: readonly KeptVersion[]; // newest first
}

/** Whether two versions hold the same text and details (then the newer one adds nothing). */
export function sameContent(a: KeptVersion['interview'], b: KeptVersion['interview']): boolean {
  const { updatedAt: _a, ...x } = a;
  const { updatedAt: _b, ...y } = b;
  return JSON.stringify(x) === JSON.stringify(y);
}

/** The history with `version` added (newest first, at most MAX_VERSIONS); unchanged when it repeats the newest. */
export function keep(history: History, version: KeptVersion): History {
  const newest = history.versions[0];
  if (newest && sameContent(newest.interview, version.interview)) return history;
  return { interviewId: history.interviewId, versions: [version, ...history.versions].slice(0, MAX_VERSIONS) };
}

export function describe(v: KeptVersion): InterviewRevisionInfo {
  // the time the text was last written, which is what the researcher remembers, rather than when it was put aside
  return { revisionId: v.revisionId, savedAt: v.interview.updatedAt || v.savedAt, title: v.interview.title, characters: v.interview.body.length + v.interview.summary.length };
}
