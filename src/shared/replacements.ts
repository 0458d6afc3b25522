import type { RedactionKind } from './domain';

/** What replaces the text of a redacted span, unless the register gives a pseudonym or a code name. */
export const REDACTED = '[REDACTED]';

/** One span of a text and what it becomes. */
export interface Replacement {
  readonly start: number;
  readonly end: number;
  readonly kind: RedactionKind;
  readonly replacement: string;
}

/**
 * The spans a text will have replaced, in order and without overlaps: spans that overlap merge into one that
 * covers both (keeping the first one's kind); it keeps its replacement only if both spans are the same,
 * otherwise it becomes [REDACTED] (two different names cannot share one pseudonym). Used by the export and the
 * brief in the core and by the review's preview in the page, so that what is shown is what is written.
 */
export function mergeReplacements(chosen: readonly Replacement[]): Replacement[] {
  const sorted = [...chosen].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Replacement[] = [];
  for (const c of sorted) {
    const last = merged[merged.length - 1];
    if (last && c.start < last.end) {
      const same = c.start === last.start && c.end === last.end;
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, c.end), kind: last.kind, replacement: same ? last.replacement : REDACTED };
    } else merged.push(c);
  }
  return merged;
}
