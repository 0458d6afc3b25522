/**
 * Field limits shared by the renderer and the schemas (shared/limits.ts), the clipping a field applies while the
 * researcher types or pastes, and the plain-words message for a change the core would refuse.
 */
import { describe, expect, it } from 'vitest';
import { clipToLimit, LIMITS, nearLimit } from '../../src/shared/limits';
import { interviewFieldsSchema, personFieldsSchema } from '../../src/shared/schemas';
import { checkFields, saveProblem } from '../../src/renderer/hooks/saveProblem';
import { retryDelay } from '../../src/renderer/hooks/useAutosave';

describe('clipToLimit', () => {
  it('leaves changes within the limit, and shortening changes, alone', () => {
    expect(clipToLimit('abc', 'abcd', 5)).toEqual({ value: 'abcd', cut: 0 });
    expect(clipToLimit('abcdefgh', 'abc', 5)).toEqual({ value: 'abc', cut: 0 });
    // a value already over (from before the limit existed) is never cut by an edit that shortens it
    expect(clipToLimit('abcdefgh', 'abcdefg', 5)).toEqual({ value: 'abcdefg', cut: 0 });
  });

  it('keeps what fits of an insertion, at its place, and counts the rest', () => {
    expect(clipToLimit('ab', 'abXYZ', 4)).toEqual({ value: 'abXY', cut: 1 });
    // pasted in the middle: the text after the cursor stays whole
    expect(clipToLimit('abcd', 'abPASTEcd', 6)).toEqual({ value: 'abPAcd', cut: 3 });
    // pasted over a selection: what it replaced is not counted as kept
    expect(clipToLimit('abcdef', 'aPASTEf', 4)).toEqual({ value: 'aPAf', cut: 3 });
    // nothing fits
    expect(clipToLimit('abcd', 'abcdX', 4)).toEqual({ value: 'abcd', cut: 1 });
  });

  it('never splits a surrogate pair', () => {
    const r = clipToLimit('ab', 'ab😀😀', 5);
    expect(r.value).toBe('ab😀');
    expect(r.cut).toBe(2);
    expect(() => encodeURIComponent(r.value)).not.toThrow();
  });

  it('a counter shows from 90 % of the limit', () => {
    expect(nearLimit(899, 1000)).toBe(false);
    expect(nearLimit(900, 1000)).toBe(true);
  });
});

describe('the limits are the ones the core enforces', () => {
  it('title, notes, summary, names', () => {
    const i = interviewFieldsSchema.partial();
    expect(i.safeParse({ title: 'x'.repeat(LIMITS.interviewTitle) }).success).toBe(true);
    expect(i.safeParse({ title: 'x'.repeat(LIMITS.interviewTitle + 1) }).success).toBe(false);
    expect(i.safeParse({ summary: 'x'.repeat(LIMITS.summary + 1) }).success).toBe(false);
    const p = personFieldsSchema.partial();
    expect(p.safeParse({ pseudonym: 'x'.repeat(LIMITS.shortText) }).success).toBe(true);
    expect(p.safeParse({ given: { latin: 'x'.repeat(LIMITS.shortText + 1), cyrillic: '' } }).success).toBe(false);
    expect(p.safeParse({ riskNotes: 'x'.repeat(LIMITS.riskNotes + 1) }).success).toBe(false);
  });
});

describe('a change the core would refuse is named in plain words', () => {
  const labels = { title: 'The title', tags: 'Tags', given: 'The given name', 'place.country': 'Country' };
  it('too long, too many, an entry too long, a nested field', () => {
    const i = interviewFieldsSchema.partial();
    expect(checkFields(i, { title: 'x'.repeat(1001) }, labels)).toMatchObject({ code: 'invalid-request', title: 'Not saved: The title is too long', retries: false });
    expect(checkFields(i, { title: 'x'.repeat(1001) }, labels)!.detail).toMatch(/at most 1,000 characters/);
    expect(checkFields(i, { tags: Array.from({ length: 201 }, (_, n) => `t${n}`) }, labels)!.title).toBe('Not saved: too many entries in Tags');
    expect(checkFields(i, { tags: ['x'.repeat(201)] }, labels)!.title).toBe('Not saved: An entry in Tags is too long');
    expect(checkFields(i, { place: { country: 'x'.repeat(501), city: '', district: '' } }, labels)!.title).toBe('Not saved: Country is too long');
    expect(checkFields(personFieldsSchema.partial(), { given: { latin: 'x'.repeat(501), cyrillic: '' } }, labels)!.title).toBe('Not saved: The given name is too long');
    expect(checkFields(i, { title: 'fine' }, labels)).toBeNull();
    for (const p of [checkFields(i, { title: 'x'.repeat(1001) }, labels)!, saveProblem({ code: 'invalid-request', message: 'Invalid request for interviews.update at fields.title: Too big' })]) {
      expect(`${p.title} ${p.detail}`).not.toMatch(/Invalid request|Too big|too_big/);
    }
  });

  it('disk and permission failures retry, with growing pauses; a lock or a deleted record does not', () => {
    expect(saveProblem({ code: 'disk-full', message: 'x' })).toMatchObject({ title: 'Not saved: the disk is full', retries: true });
    expect(saveProblem({ code: 'read-only', message: 'x' }).retries).toBe(true);
    expect(saveProblem({ code: 'locked', message: 'x' }).retries).toBe(false);
    expect(saveProblem({ code: 'not-found', message: 'x' }).retries).toBe(false);
    expect([1, 2, 3, 4, 5, 20].map(retryDelay)).toEqual([2000, 4000, 8000, 15000, 15000, 15000]);
  });
});
