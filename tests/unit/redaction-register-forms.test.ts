import { describe, expect, it } from 'vitest';
import { splitName } from '../../src/core/domain/people-import';
import { compileRedactor, redact } from '../../src/core/redaction';
import { looseKey, tokenise } from '../../src/core/redaction/keys';
import { compileNames } from '../../src/core/redaction/matcher';
import { normalise } from '../../src/core/redaction/normalise';
import { suffixStems } from '../../src/core/redaction/suffixes';
import type { RegisterPerson } from '../../src/core/redaction/types';
import { evaluate, loadSuites } from '../fixtures/redaction/evaluate';

const person = (names: string[], extra: Partial<RegisterPerson> = {}): RegisterPerson => ({ otherSpellings: names, ...extra });

describe('register names in every order', () => {
  it('finds the patronymic wherever it stands', () => {
    expect(splitName('Бакыт Асанович Жумабеков')).toEqual({ given: 'Бакыт', family: 'Жумабеков', patronymic: 'Асанович' });
    expect(splitName('Жумабеков Бакыт Асанович')).toEqual({ given: 'Бакыт', family: 'Жумабеков', patronymic: 'Асанович' });
    expect(splitName('Бакыт уулу Азамат')).toEqual({ given: 'Азамат', family: '', patronymic: 'Бакыт уулу' });
    expect(splitName('Salim Sharipov Kamolovich')).toEqual({ given: 'Salim', family: 'Sharipov', patronymic: 'Kamolovich' });
    expect(splitName('Жумабеков Бакыт')).toEqual({ given: 'Бакыт', family: 'Жумабеков', patronymic: '' });
  });

  it('declines the family name of "given patronymic family" entries', () => {
    const out = redact('Жене Жумабекова звонили, Жумабекову угрожали; Бакыт Асанович молчал.', { people: [person(['Бакыт Асанович Жумабеков'])] }).text;
    expect(out).toBe('Жене [REDACTED] звонили, [REDACTED] угрожали; [REDACTED] молчал.');
  });

  it('takes initials and the patronymic with a matched name', () => {
    const people = [person(['Абдылдаева Гульнара Токтобековна']), person(['Бекзат Өмүрбеков']), person(['Айнура Турдубаева'])];
    const out = redact('Абдылдаева Г.Т. и Бекзат Ө. говорили с А. К. Турдубаевой.', { people }).text;
    expect(out).toBe('[REDACTED] и [REDACTED] говорили с [REDACTED].');
  });
});

describe('Turkic and Tajik endings', () => {
  it('takes off valid chains of endings, with harmony and the stem\'s last sound', () => {
    expect(suffixStems('Бекзаттын')).toContain('бекзат');
    expect(suffixStems('Өмүрбековдордун')).toContain('өмүрбеков');
    expect(suffixStems('Ержанның')).toContain('ержан');
    expect(suffixStems('Jasurning')).toContain('jasur');
    expect(suffixStems('Мӯъминаро')).toContain('мӯъмина');
    expect(suffixStems('уулунун')).toContain('уулу');
    // A voiceless ending after a vowel, a back ending on a front stem: no.
    expect(suffixStems('Гүлнаратын')).not.toContain('гүлнара');
    expect(suffixStems('Айгерімга')).not.toContain('айгерім');
    // A name is not a stem of a longer name.
    expect(suffixStems('Таласбек')).toEqual([]);
  });

  it('finds suffixed register names but not a city or a word that a name starts with', () => {
    const people = [person(['Таласбек Аманов']), person(['Кубанычбек Осмонов']), person(['Мирлан Асанов'])];
    const r = redact('Таласта жашайт. Таласбектин үйү. Кубаныч менен. Кубанычбекке кат. Мирланды кармашты.', { people });
    expect(r.text).toBe('Таласта жашайт. [REDACTED] үйү. Кубаныч менен. [REDACTED] кат. [REDACTED] кармашты.');
  });
});

describe('other transliteration traditions', () => {
  it('folds French, German, passport and Uzbek spellings to one loose key', () => {
    const same = (a: string, b: string): void => expect(looseKey(a), `${a} ~ ${b}`).toBe(looseKey(b));
    same('Abdyldaïeva', 'Abdyldaeva');
    same('Abdyldajewa', 'Абдылдаева');
    same('Tyulegenova', 'Tülegenova');
    same('Yo‘lchiyeva', 'Yulchieva');
    same('Yoʻlchiyeva', 'Юлчиева');
    same('Qo‘ziyev', 'Kuziev');
    same('Oussoubaliev', 'Усубалиев');
    same('Whitlock', 'Уитлок');
    expect(looseKey('Kuziev')).not.toBe(looseKey('Kaziev'));
  });

  it('meets an Arabic-script register spelling typed with Arabic or Persian letters', () => {
    const people = [person(['Jamshid Karimov', 'جمشید کریموف'])];
    // Arabic kaf and yeh (ك ي) for the register's Persian ک ی, and a tatweel inside the word.
    expect(redact('Письмо подписано: جمشيد كريموف.', { people }).text).toBe('Письмо подписано: [REDACTED].');
    expect(redact('Подпись: کریـموف', { people }).text).toBe('Подпись: [REDACTED]');
  });
});

describe('replacement modes never merge two people', () => {
  const people: RegisterPerson[] = [
    { code: 'W-001', pseudonym: 'Timur', given: { cyrillic: 'Тимур', latin: '' }, family: { cyrillic: 'Каримов', latin: '' } },
    { code: 'W-002', pseudonym: 'Aziza', given: { cyrillic: 'Рустам', latin: '' }, family: { cyrillic: 'Жумабеков', latin: '' } },
  ];
  const r = compileRedactor({ people });

  it('a register given name next to a stranger\'s surname is redacted whole and flagged', () => {
    const d = r.detect('Её брат Рустам Каримов приезжал.', { person: 'pseudonym' });
    expect(d.spans).toHaveLength(1);
    expect(d.spans[0]!.people).toEqual([]);
    expect(d.spans[0]!.reason).toMatch(/relative/);
    expect(r.redact('Её брат Рустам Каримов приезжал.', { person: 'pseudonym' }).text).toBe('Её брат [REDACTED] приезжал.');
    expect(r.redact('Её брат Рустам Каримов приезжал.', { person: 'code' }).text).toBe('Её брат [REDACTED] приезжал.');
  });

  it('a stranger\'s given name before a register surname too, when a lexicon says it is a given name', () => {
    const text = 'Её брат Азиз Каримов приезжал, потом Москва Каримову ответила.';
    const tokens = tokenise(normalise(text).text);
    const matches = compileNames(people).scan(tokens, (w) => /^Азиз/u.test(w));
    const spans = matches.map((m) => ({ text: text.slice(tokens[m.first]!.start, tokens[m.last]!.end), foreign: m.foreignNeighbour, people: m.people }));
    expect(spans).toEqual([
      { text: 'Азиз Каримов', foreign: true, people: [0] },
      { text: 'Каримову', foreign: false, people: [0] },
    ]);
  });

  it('the person himself still becomes his pseudonym or code, and a code in the text follows the mode', () => {
    expect(r.redact('Тимур Каримов (W-001) и W-002.', { person: 'pseudonym' }).text).toBe('Timur (Timur) и Aziza.');
    expect(r.redact('Тимур Каримов (W-001) и W-002.', { person: 'code' }).text).toBe('W-001 (W-001) и W-002.');
    expect(r.redact('Тимур Каримов (W-001) и W-002.').text).toBe('[REDACTED] ([REDACTED]) и [REDACTED].');
    // Not a code: a longer code or a number that starts like one.
    expect(r.redact('W-0012 and W-001-5').text).toBe('W-0012 and W-001-5');
  });
});

describe('register forms fixture corpus', () => {
  const suite = loadSuites().find((s) => s.name === 'register-forms')!;
  const redactor = compileRedactor({ people: suite.people, allow: suite.allow });
  const result = evaluate(suite.docs, (d) => redactor.redact(d.text).spans);

  it('covers every language and phenomenon', () => {
    expect(suite.docs.length).toBeGreaterThanOrEqual(30);
    for (const lang of ['en', 'ru', 'ky', 'kk', 'uz', 'tg']) expect(suite.docs.some((d) => d.lang === lang), lang).toBe(true);
    expect(result.byKind.person!.gold).toBeGreaterThanOrEqual(120);
  });

  it('recalls every register mention and touches nothing it must keep', () => {
    expect(result.misses).toEqual([]);
    expect(result.keepViolations).toEqual([]);
    expect(result.overall.precision).toBeGreaterThanOrEqual(0.97);
  });
});
