/** export.forms through the router: every form of a hand-redacted text in the fields under review. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter, type Dispatch } from '../../src/core/router';
import type { VaultService } from '../../src/core/service';
import type { ExportForms, ExportReview, Interview } from '../../src/shared/domain';
import type { Result } from '../../src/shared/result';
import { cheapService, removeDir, tempDir } from '../fixtures/vault-helpers';

const PASS = 'export forms test passphrase';
const TITLE = 'Задержание Рустама в Оше';
const SUMMARY = 'Рустам вернулся из Москвы в марте. Рустаму угрожали на границе; с Рустамом потом говорил адвокат. Rustam asked us not to publish the date.';
const NOTES = 'Полные заметки. Брат Рустама живёт в Бишкеке. О Рустаме знает соседка Айгуль.';

let dir = '';
let svc: VaultService;
let dispatch: Dispatch;
let interview: Interview;

beforeAll(async () => {
  dir = tempDir('fv-forms-');
  svc = cheapService();
  dispatch = createRouter(svc);
  const created = await dispatch('vault.create', { path: join(dir, 'vault'), passphrase: PASS });
  expect(created.ok).toBe(true);
  const r = (await dispatch('interviews.create', { fields: { title: TITLE, date: '2026-03-02', place: { country: 'Kyrgyzstan', city: 'Osh', district: '' }, summary: SUMMARY, body: NOTES } })) as Result<Interview>;
  if (!r.ok) throw new Error(r.error.message);
  interview = r.value;
});
afterAll(() => {
  svc.lock();
  removeDir(dir);
});

async function forms(payload: unknown): Promise<Result<ExportForms>> {
  return (await dispatch('export.forms', payload)) as Result<ExportForms>;
}

function texts(review: ExportReview, f: ExportForms): string[] {
  return f.ranges.map((r) => `${r.field}:${review.fields.find((x) => x.field === r.field)!.original.slice(r.start, r.end)}`);
}

async function review(part: 'summary' | 'notes'): Promise<ExportReview> {
  const r = (await dispatch('export.review', { interviewId: interview.id, part, personMode: 'redacted' })) as Result<ExportReview>;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('export.forms', () => {
  it('returns the ranges of every form in every field under review (title and the chosen part), not in the other part', async () => {
    const summary = await forms({ interviewId: interview.id, part: 'summary', text: 'Рустама' });
    expect(summary.ok).toBe(true);
    if (!summary.ok) return;
    expect(summary.value.morphology).toBe(true);
    expect(texts(await review('summary'), summary.value)).toEqual(['title:Рустама', 'text:Рустам', 'text:Рустаму', 'text:Рустамом', 'text:Rustam']);

    const notes = await forms({ interviewId: interview.id, part: 'notes', text: 'Рустама' });
    expect(notes.ok && texts(await review('notes'), notes.value)).toEqual(['title:Рустама', 'text:Рустама', 'text:Рустаме']);
  });

  it('those ranges, redacted by hand, give a file with no form of the name left', async () => {
    const f = await forms({ interviewId: interview.id, part: 'summary', text: ' Рустама ' });
    if (!f.ok) throw new Error(f.error.message);
    const audited = async () => {
      const r = (await dispatch('audit.list', {})) as Result<unknown[]>;
      return r.ok ? r.value.length : -1;
    };
    const before = await audited();
    const path = join(dir, 'INT-0001-summary.md');
    const written = await dispatch('export.write', {
      interviewId: interview.id,
      part: 'summary',
      personMode: 'redacted',
      format: 'md',
      decisions: { keep: [], redact: f.value.ranges.map((r) => ({ field: r.field, start: r.start, end: r.end })) },
      path,
    });
    expect(written.ok).toBe(true);
    const file = readFileSync(path, 'utf8');
    expect(file).not.toMatch(/Рустам|Rustam/);
    expect(file).toContain('# Задержание [REDACTED] в Оше');
    expect(file.match(/\[REDACTED\]/g)).toHaveLength(5);
    // looking for forms itself records nothing and writes nothing: only the export is audited
    expect((await audited()) - before).toBe(1);
  });

  it('a text that is not a name finds its exact repetitions only', async () => {
    const f = await forms({ interviewId: interview.id, part: 'summary', text: 'the date' });
    expect(f.ok && f.value).toEqual({ morphology: false, ranges: [{ field: 'text', start: SUMMARY.indexOf('the date'), end: SUMMARY.indexOf('the date') + 8 }] });
    const none = await forms({ interviewId: interview.id, part: 'summary', text: 'Самарканд' });
    expect(none.ok && none.value.ranges).toEqual([]);
  });

  it('validates the payload and reports errors as values', async () => {
    const code = async (payload: unknown) => {
      const r = await forms(payload);
      return r.ok ? 'ok' : r.error.code;
    };
    const base = { interviewId: interview.id, part: 'summary' };
    expect(await code({ ...base, text: '' })).toBe('invalid-request');
    expect(await code({ ...base, text: ' \n ' })).toBe('invalid-request');
    expect(await code({ ...base, text: 'x'.repeat(501) })).toBe('invalid-request');
    expect(await code({ ...base, text: 42 })).toBe('invalid-request');
    expect(await code({ ...base, part: 'everything', text: 'Рустам' })).toBe('invalid-request');
    expect(await code({ ...base, text: 'Рустам', personMode: 'redacted' })).toBe('invalid-request');
    expect(await code({ interviewId: 'not-an-id', part: 'summary', text: 'Рустам' })).toBe('invalid-request');
    expect(await code({ ...base, interviewId: 'b'.repeat(32), text: 'Рустам' })).toBe('not-found');
  });

  it('forgets every compiled selection when the vault locks, and refuses while locked', async () => {
    await forms({ interviewId: interview.id, part: 'summary', text: 'Рустама' });
    const cache = (svc as unknown as { wordForms: { size: number } }).wordForms;
    expect(cache.size).toBeGreaterThan(0);
    await dispatch('vault.lock', {});
    expect(cache.size).toBe(0);
    const locked = await forms({ interviewId: interview.id, part: 'summary', text: 'Рустама' });
    expect(!locked.ok && locked.error.code).toBe('locked');
    expect((await dispatch('vault.unlock', { path: join(dir, 'vault'), passphrase: PASS })).ok).toBe(true);
  });
});
