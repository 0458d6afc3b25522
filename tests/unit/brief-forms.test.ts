/** brief.forms through the router: every form of a hand-redacted text across the brief's texts, grouped as the review groups them. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter, type Dispatch } from '../../src/core/router';
import type { VaultService } from '../../src/core/service';
import type { BriefFieldText, BriefForms, BriefRange, BriefRequest, BriefReview } from '../../src/shared/brief';
import type { Interview } from '../../src/shared/domain';
import type { Result } from '../../src/shared/result';
import { cheapService, removeDir, tempDir } from '../fixtures/vault-helpers';

const PASS = 'brief forms test passphrase';

let dir = '';
let svc: VaultService;
let dispatch: Dispatch;
let osh: Interview;
let bishkek: Interview;
let outside: Interview;

const request = (ids: readonly string[], over: Partial<BriefRequest> = {}): BriefRequest => ({
  title: 'Detentions, spring 2026',
  method: 'Интервью записаны лично. С Рустамом говорили дважды.',
  selection: { ids },
  content: 'summary-and-quotes',
  personMode: 'redacted',
  language: 'en',
  ...over,
});

async function call<T>(op: string, payload: unknown): Promise<Result<T>> {
  return (await dispatch(op, payload)) as Result<T>;
}

async function reviewOf(req: BriefRequest): Promise<BriefReview> {
  const r = await call<BriefReview>('brief.review', req);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** The ranges as "field:index:text", read out of the review's own texts (the offsets must point at the forms). */
function read(texts: readonly BriefFieldText[], ranges: readonly BriefRange[]): string[] {
  return ranges.map((r) => `${r.field}:${r.index}:${texts.find((t) => t.field === r.field && t.index === r.index)!.original.slice(r.start, r.end)}`);
}

beforeAll(async () => {
  dir = tempDir('fv-brief-forms-');
  svc = cheapService();
  dispatch = createRouter(svc);
  expect((await call('vault.create', { path: join(dir, 'vault'), passphrase: PASS })).ok).toBe(true);
  const create = async (fields: object) => {
    const r = await call<Interview>('interviews.create', { fields });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  osh = await create({
    title: 'Задержание в Оше',
    date: '2026-03-02',
    place: { country: 'Kyrgyzstan', city: 'Osh', district: '' },
    summary: 'Рустам вернулся из Москвы в марте. Рустаму угрожали на границе.',
  });
  bishkek = await create({
    title: 'Обыск в Бишкеке',
    date: '2026-04-10',
    place: { country: 'Kyrgyzstan', city: 'Bishkek', district: '' },
    summary: 'Соседка видела, как увели брата Рустама. Рустамбек, его друг, был рядом.',
    body: 'Notes.\n\n> О Рустаме никто ничего не сказал.\n',
  });
  // a third interview, not chosen for the brief: its forms of the name are no business of this brief
  outside = await create({ title: 'Другое интервью', date: '2026-05-01', summary: 'Рустаму звонили ночью. С Рустамом говорил адвокат.' });
});

afterAll(() => {
  svc.lock();
  removeDir(dir);
});

describe('brief.forms', () => {
  it('finds the forms across two interviews and the front, grouped per interview, with offsets into the reviewed texts', async () => {
    const req = request([osh.id, bishkek.id]);
    const review = await reviewOf(req);
    const r = await call<BriefForms>('brief.forms', { request: req, text: 'Рустаму' });
    if (!r.ok) throw new Error(r.error.message);
    const forms = r.value;
    expect(forms.morphology).toBe(true);
    expect(forms.revision).toBe(review.revision);
    expect(read(review.front, forms.front)).toEqual(['method:0:Рустамом']);
    expect(forms.interviews.map((i) => i.interviewId)).toEqual([osh.id, bishkek.id]);
    const texts = (id: string) => review.interviews.find((i) => i.interviewId === id)!.fields;
    expect(read(texts(osh.id), forms.interviews[0]!.ranges)).toEqual(['summary:0:Рустам', 'summary:0:Рустаму']);
    // another name that starts the same way (Рустамбек) is not a form of this one; the quotation is searched too
    expect(read(texts(bishkek.id), forms.interviews[1]!.ranges)).toEqual(['summary:0:Рустама', 'quote:0:Рустаме']);
  });

  it('offers nothing from interviews not in the brief, and leaves out interviews with no form', async () => {
    const r = await call<BriefForms>('brief.forms', { request: request([bishkek.id], { method: '' }), text: 'Рустаму' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.interviews.map((i) => i.interviewId)).toEqual([bishkek.id]);
    expect(r.value.interviews.some((i) => i.interviewId === outside.id || i.interviewId === osh.id)).toBe(false);
    expect(r.value.front).toEqual([]);

    // the outside interview, chosen now, has its forms found; the others (none of whose texts has "адвокат") drop out
    const all = await call<BriefForms>('brief.forms', { request: request([osh.id, bishkek.id, outside.id]), text: 'адвокат' });
    expect(all.ok && all.value.interviews.map((i) => i.interviewId)).toEqual([outside.id]);
  });

  it('refuses an empty selection or a brief with an interview that does not exist, as values', async () => {
    expect(await call('brief.forms', { request: request([osh.id]), text: '   ' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await call('brief.forms', { request: request([osh.id, 'f'.repeat(32)]), text: 'Рустам' })).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});
