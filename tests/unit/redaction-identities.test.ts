import { describe, expect, it } from 'vitest';
import { caseForms } from '../../src/core/redaction/declension';
import { nameTriples, personForms } from '../../src/core/redaction/identities';
import { wordKey } from '../../src/core/redaction/keys';
import { compileNames } from '../../src/core/redaction/matcher';
import { tokenise } from '../../src/core/redaction/keys';
import { normalise, toOriginal } from '../../src/core/redaction/normalise';
import { toCyrillicVariants, toLatinVariants } from '../../src/core/redaction/translit';
import type { RegisterPerson } from '../../src/core/redaction/types';

const aigul: RegisterPerson = {
  given: { latin: 'Aigul', cyrillic: 'Айгуль' },
  family: { latin: 'Sultanalieva', cyrillic: 'Султаналиева' },
  patronymic: { latin: '', cyrillic: 'Бакытовна' },
};

function found(people: RegisterPerson[], text: string): string[] {
  const n = normalise(text);
  const tokens = tokenise(n.text);
  return compileNames(people)
    .scan(tokens)
    .map((m) => {
      const o = toOriginal(n, tokens[m.first]!.start, tokens[m.last]!.end);
      return text.slice(o.start, o.end);
    });
}

describe('redaction declension', () => {
  it('produces Russian case forms of all three parts, including feminine soft-sign names', () => {
    const forms = caseForms({ given: 'Айгуль', family: 'Султаналиева', patronymic: 'Бакытовна' });
    const families = new Set(forms.map((f) => f.family));
    expect(families).toEqual(expect.objectContaining(new Set(['Султаналиева', 'Султаналиевой', 'Султаналиеву'])));
    expect(forms.map((f) => f.patronymic)).toContain('Бакытовной');
    expect(forms.map((f) => f.given)).toEqual(expect.arrayContaining(['Айгули', 'Айгулью']));
    const male = caseForms({ given: 'Фарход', family: 'Шарифзода', patronymic: '' });
    expect(male.map((f) => `${f.given} ${f.family}`)).toEqual(expect.arrayContaining(['Фархода Шарифзоды', 'Фарходу Шарифзоде', 'Фарходом Шарифзодой']));
  });
});

describe('redaction transliteration', () => {
  it('spells Cyrillic names in several Latin schemes and Central Asian letters by our table', () => {
    expect(toLatinVariants('Юсупова')).toEqual(expect.arrayContaining(['Yusupova', 'Iusupova']));
    const omur = toLatinVariants('Өмүрбек');
    expect(omur).toEqual(expect.arrayContaining(['Omurbek', 'Ömürbek']));
    expect(toLatinVariants('Ҷамшед').some((v) => v.startsWith('J') || v.startsWith('Dzh'))).toBe(true);
  });

  it('reads Latin names in Cyrillic', () => {
    expect(toCyrillicVariants('Sultanalieva')).toContain('Султаналиева');
    expect(toCyrillicVariants('Aigul')).toEqual(expect.arrayContaining(['Айгул', 'Айгуль']));
    expect(toCyrillicVariants('Kholova')).toContain('Холова');
  });
});

describe('redaction identities', () => {
  it('interchanges Kyrgyz particles and Russian patronymics, and Tajik -zoda forms', () => {
    const triples = nameTriples({ otherSpellings: ['Азамат Бакыт уулу', 'Фарход Шарифзода'] });
    const patronymics = new Set(triples.map((t) => t.patronymic));
    expect([...patronymics]).toEqual(expect.arrayContaining(['Бакыт уулу', 'Бакыт улы', 'Бакытович']));
    const families = new Set(triples.map((t) => t.family));
    expect([...families]).toEqual(expect.arrayContaining(['Шарифзода', 'Шарифзаде', 'Шариф-зода']));
  });

  it('makes initials forms in both orders', () => {
    const keys = personForms(aigul).map((f) => f.keys.join(' '));
    expect(keys).toContain(`#a ${wordKey('Султаналиева')}`);
    expect(keys).toContain(`${wordKey('Султаналиева')} #a #b`);
  });

  it('finds a person in any inflection, script, case, initials or possessive', () => {
    const text = [
      'Мы говорили с Султаналиевой Айгуль Бакытовной.',
      'Aigul Sultanalieva said so; SULTANALIEVA signed.',
      "А. Султаналиева and A. Sultanalieva and Sultanalieva's lawyer.",
      'Султаналиева А. Б. подписала.',
    ].join('\n');
    expect(found([aigul], text)).toEqual([
      'Султаналиевой Айгуль Бакытовной',
      'Aigul Sultanalieva',
      'SULTANALIEVA',
      'А. Султаналиева',
      'A. Sultanalieva',
      'Sultanalieva',
      'Султаналиева А. Б',
    ]);
  });

  it('finds a name listed only in Latin when it is inflected in Russian text, and the reverse', () => {
    expect(found([{ otherSpellings: ['Sayyora Kholova'] }], 'Заметка о встрече с Сайёрой Холовой.')).toEqual(['Сайёрой Холовой']);
    expect(found([{ otherSpellings: ['Мээрим Токтогулова'] }], 'Meerim Toktogulova and TOKTOGULOVA.')).toEqual(['Meerim Toktogulova', 'TOKTOGULOVA']);
  });

  it('needs a capital for a bare given name but not for a full name', () => {
    const people = [{ otherSpellings: ['Роза Асанова'] }];
    expect(found(people, 'роза в саду. Роза пришла.')).toEqual(['Роза']);
    expect(found(people, 'роза асанова')).toEqual(['роза асанова']);
  });

  it('does not match other people with a similar name', () => {
    expect(found([aigul], 'Aigerim Sultanova and Гульнара Султанова met.')).toEqual([]);
  });
});
