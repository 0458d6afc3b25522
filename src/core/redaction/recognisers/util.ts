import type { Finding, FindingKind } from '../types';

/** Unicode-aware word edges: never `\b`, which does not know Cyrillic. */
export const NOT_AFTER_WORD = '(?<![\\p{L}\\p{N}_])';
export const NOT_BEFORE_WORD = '(?![\\p{L}\\p{N}_])';

export function finding(start: number, end: number, kind: FindingKind, confidence: number, source: string, reason?: string): Finding {
  return reason === undefined ? { start, end, kind, confidence, source } : { start, end, kind, confidence, source, reason };
}

/** Trims trailing punctuation that a greedy pattern may have taken (a sentence's full stop, a closing bracket). */
export function trimEnd(text: string, start: number, end: number, chars = '.,;:)]}»"\'!?'): number {
  let e = end;
  while (e > start && chars.includes(text[e - 1]!)) e--;
  return e;
}

export type Recogniser = (text: string) => Finding[];
