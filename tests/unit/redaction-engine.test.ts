import { describe, expect, it } from 'vitest';
import { leakCheck, redact, REDACTED } from '../../src/core/redaction';
import type { RegisterPerson } from '../../src/core/redaction';

const people: RegisterPerson[] = [
  {
    code: 'W-017',
    pseudonym: 'Witness A',
    given: { latin: 'Aigul', cyrillic: 'Айгуль' },
    family: { latin: 'Sultanalieva', cyrillic: 'Султаналиева' },
    patronymic: { latin: '', cyrillic: 'Бакытовна' },
    contacts: [
      { kind: 'phone', value: '+996 555 123 456' },
      { kind: 'telegram', value: '@aigul_s' },
    ],
  },
];
const allow = ['Марат Асанов', '+996 312 66 00 00'];

describe('redaction engine', () => {
  it('redacts register people and contacts with offsets into the original', () => {
    const text = 'Айгуль\u00a0Султаналиевой звонили на 0555 12-34-56; телеграм aigul_s.';
    const r = redact(text, { people, allow });
    expect(r.text).toBe(`${REDACTED} звонили на ${REDACTED}; телеграм ${REDACTED}.`);
    expect(r.spans.map((s) => [text.slice(s.start, s.end), s.kind])).toEqual([
      ['Айгуль\u00a0Султаналиевой', 'person'],
      ['0555 12-34-56', 'phone'],
      ['aigul_s', 'handle'],
    ]);
  });

  it('uses the pseudonym or code by policy, but contacts are always [REDACTED]', () => {
    const text = 'Aigul Sultanalieva, +996 555 123 456';
    expect(redact(text, { people, policy: { person: 'pseudonym' } }).text).toBe(`Witness A, ${REDACTED}`);
    expect(redact(text, { people, policy: { person: 'code' } }).text).toBe(`W-017, ${REDACTED}`);
  });

  it('never redacts the allow-list, in any case form or phone format', () => {
    const text = 'Прокурор Марат Асанов ответил; встреча с Маратом Асановым. Офис: 0312 66-00-00.';
    const r = redact(text, { people, allow });
    expect(r.text).toBe(text);
  });

  it('keeps the whole phone number, country code included, as one span', () => {
    const r = redact('US partner: +1 (415) 555-2671.', {});
    expect(r.text).toBe(`US partner: ${REDACTED}.`);
  });

  it('merges overlapping findings into one span', () => {
    const text = 'wa.me/996555123456';
    const r = redact(text, { people });
    expect(r.spans).toEqual([{ start: 0, end: text.length, kind: 'handle' }]);
  });

  it('makes suggestions, not redactions, of uncertain findings', () => {
    const text = 'Bakyt Osmonov met Sultanalieava; code 12345678.';
    const r = redact(text, { people });
    expect(r.text).toBe(text);
    const s = r.suggestions.map((x) => [text.slice(x.start, x.end), x.kind]);
    expect(s).toEqual([
      ['Bakyt Osmonov', 'person'],
      ['Sultanalieava', 'person'],
      ['12345678', 'phone'],
    ]);
  });

  it('leak check finds what remains and nothing in a clean output', () => {
    const dirty = 'Witness said A. Sultanalieva called from +996 555 123 456.';
    expect(leakCheck(dirty, { people }).map((l) => l.kind)).toEqual(['person', 'phone']);
    const clean = redact(dirty, { people }).text;
    expect(leakCheck(clean, { people })).toEqual([]);
    expect(leakCheck('Прокурор Марат Асанов, +996 312 66 00 00', { people, allow })).toEqual([]);
  });
});
