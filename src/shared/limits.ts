/**
 * How long each text may be, in UTF-16 code units (what String.length and zod's max() count). schemas.ts
 * enforces them at the boundary; the renderer's fields enforce the same numbers while the researcher types,
 * so a save never fails for a length the screen allowed.
 */
export const LIMITS = {
  interviewTitle: 1000,
  /** Place, interviewer, pseudonym, each part of a name, a contact, a location. */
  shortText: 500,
  language: 64,
  /** One tag or incident type. */
  label: 200,
  notes: 5_000_000,
  summary: 1_000_000,
  age: 20,
  /** Gender, nationality, ethnicity. */
  personDetail: 100,
  riskNotes: 100_000,
  /** A brief's method note. */
  briefMethod: 20_000,
  vaultPath: 4096,
  passphrase: 1024,
} as const;

export interface Clipped {
  readonly value: string;
  /** Characters that were typed or pasted and did not fit (0: everything fitted). */
  readonly cut: number;
}

/**
 * Applies a change to a text field without going over `max`: what the change inserted is shortened from its
 * end, so the text around it stays as it was and a paste keeps what fits. `prev` is the value before the change.
 * A change that shortens the text, or a value that was already too long, is left alone (never lose text).
 */
export function clipToLimit(prev: string, next: string, max: number): Clipped {
  if (next.length <= max || next.length <= prev.length) return { value: next, cut: 0 };
  let start = 0;
  const shortest = Math.min(prev.length, next.length);
  while (start < shortest && prev[start] === next[start]) start++;
  let end = 0;
  while (end < shortest - start && prev[prev.length - 1 - end] === next[next.length - 1 - end]) end++;
  const inserted = next.slice(start, next.length - end);
  const kept = prev.length - (prev.length - start - end); // what remains of prev around the insertion
  let room = Math.max(0, max - kept);
  // never split a surrogate pair (an emoji or a rare script) in half
  if (room > 0 && room < inserted.length && /[\uD800-\uDBFF]/.test(inserted[room - 1]!)) room--;
  const keptInsert = inserted.slice(0, room);
  return { value: next.slice(0, start) + keptInsert + next.slice(next.length - end), cut: inserted.length - keptInsert.length };
}

/** Whether a counter should show: from 90 % of the limit on. */
export function nearLimit(length: number, max: number): boolean {
  return length >= max * 0.9;
}
