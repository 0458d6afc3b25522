import type { Interview, InterviewRevisionInfo } from '../../shared/domain';

/**
 * Earlier versions of one interview, kept in one encrypted record (kind "history") next to it. A version is
 * kept when an editing burst starts (the last kept one is older than BURST_MS) and before a restore; autosave
 * runs every two seconds, so keeping every save would leave twenty versions of the last forty seconds.
 */
export const MAX_VERSIONS = 20;
export const BURST_MS = 5 * 60 * 1000;

export interface KeptVersion {
  readonly revisionId: string;
  readonly savedAt: string;
  readonly interview: Omit<Interview, 'id' | 'revision'>;
}

export interface History {
  readonly interviewId: string;
  readonly versions: readonly KeptVersion[]; // newest first
}

export function keep(history: History, version: KeptVersion): History {
  return { interviewId: history.interviewId, versions: [version, ...history.versions].slice(0, MAX_VERSIONS) };
}

export function describe(v: KeptVersion): InterviewRevisionInfo {
  return { revisionId: v.revisionId, savedAt: v.savedAt, title: v.interview.title, characters: v.interview.body.length + v.interview.summary.length };
}
