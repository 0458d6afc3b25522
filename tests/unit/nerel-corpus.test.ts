import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildRegister,
  countWords,
  innermost,
  loadMorphology,
  loadSplit,
  parseAnn,
  parseDoc,
  resolveSource,
  uncovered,
  wordsIn,
  type Morphology,
  type NerelDoc,
  type RegisterEntry,
} from '../../bench/nerel-corpus';

/**
 * The NEREL loader of the redaction bench (bench/nerel-corpus.ts) on small samples written here: no corpus text
 * is in this repository.
 */

/** A brat .ann for `text`: each [type, surface] is annotated at its n-th occurrence (default the first). */
function annotate(text: string, items: readonly (readonly [string, string, number?])[]): string {
  return items
    .map(([type, surface, nth], i) => {
      let at = -1;
      for (let k = 0; k <= (nth ?? 0); k++) at = text.indexOf(surface, at + 1);
      if (at < 0) throw new Error(`no ${surface} in the sample`);
      return `T${i + 1}\t${type} ${at} ${at + surface.length}\t${surface}`;
    })
    .join('\n');
}

describe('brat parsing', () => {
  const text = 'Сергея и Юлии Скрипаль навестила миссис Обама.';
  const ann = [
    'T1\tPERSON 0 6;14 22\tСергея Скрипаль',
    'T2\tPERSON 9 22\tЮлии Скрипаль',
    'T3\tPERSON 33 45\tмиссис Обама',
    'T4\tPERSON 40 45\tОбама',
    'T5\tPERSON 40 45\tОбама',
    'R1\tSPOUSE Arg1:T1 Arg2:T2',
    '#1\tAnnotatorNotes T1\tnote',
    'T6\tPROFESSION 33 39\tмиссис',
  ].join('\n');

  it('reads T lines, discontinuous spans included, and ignores relations and notes', () => {
    const { entities, warnings } = parseAnn(ann);
    expect(warnings).toEqual([]);
    expect(entities.map((e) => e.id)).toEqual(['T1', 'T2', 'T3', 'T4', 'T5', 'T6']);
    expect(entities[0]).toEqual({ id: 'T1', type: 'PERSON', segments: [{ start: 0, end: 6 }, { start: 14, end: 22 }], start: 0, end: 22, text: 'Сергея Скрипаль' });
    expect(entities[5]!.type).toBe('PROFESSION');
  });

  it('keeps the innermost PERSON annotations: a title around a name goes, a discontinuous name is not nested', () => {
    const persons = parseAnn(ann).entities.filter((e) => e.type === 'PERSON');
    expect(innermost(persons).map((e) => e.text)).toEqual(['Сергея Скрипаль', 'Юлии Скрипаль', 'Обама']);
  });

  it('builds a document: gold mentions, their words, the word count, offset checks', () => {
    const doc = parseDoc('d1', 'dev', text, ann);
    expect(doc.persons.map((p) => p.text)).toEqual(['Сергея … Скрипаль', 'Юлии Скрипаль', 'Обама']);
    expect(doc.persons[0]!.words.map((w) => w.text)).toEqual(['Сергея', 'Скрипаль']);
    expect(doc.personAnnotations).toHaveLength(5);
    expect(doc.words).toBe(7);
    expect(doc.warnings).toEqual([]);
    const bad = parseDoc('d2', 'dev', text, 'T1\tPERSON 0 5\tСергея');
    expect(bad.warnings).toHaveLength(1);
    expect(bad.warnings[0]).toContain('T1');
  });

  it('splits mention words: initials, glued initials, particles, regnal numbers, nicknames in quotes', () => {
    const t = 'В.В. Путин, А. Вебер, Абу Бакр аль-Багдади, Джорджа Буша-младшего, Елизавета II, Джеймс «Бадди» Макгирт, Жан-Поль';
    const words = wordsIn(t, [{ start: 0, end: t.length }]);
    const pick = (s: string) => words.find((w) => w.text === s);
    expect(words.filter((w) => w.initial).map((w) => w.text)).toEqual(['В', 'В', 'А']);
    expect(pick('Багдади')).toMatchObject({ capital: true, initial: false });
    expect(pick('аль-Багдади')).toBeUndefined();
    expect(pick('Буша')).toMatchObject({ capital: true });
    expect(words.some((w) => w.text === 'II')).toBe(false);
    expect(pick('Бадди')).toMatchObject({ quoted: true });
    expect(pick('Джеймс')).toMatchObject({ quoted: false });
    expect(pick('Жан-Поль')).toMatchObject({ capital: true, initial: false });
    expect(countWords(t)).toBe(16);
  });
});

describe('the coverage rule', () => {
  const text = 'Вчера миссис Обама и Жан-Поль Сартр, а также В. Путин.';
  const doc = parseDoc('c', 'dev', text, annotate(text, [['PERSON', 'миссис Обама'], ['PERSON', 'Жан-Поль Сартр'], ['PERSON', 'В. Путин']]));
  const [obama, sartre, putin] = doc.persons as [NerelDoc['persons'][0], NerelDoc['persons'][0], NerelDoc['persons'][0]];
  const span = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });

  it('needs only the capitalised words: "миссис Обама" is recalled when "Обама" is covered', () => {
    expect(obama.required.map((w) => w.text)).toEqual(['Обама']);
    expect(uncovered(text, obama, [span('Обама')])).toEqual([]);
    expect(uncovered(text, obama, [span('миссис')]).map((w) => w.text)).toEqual(['Обама']);
  });

  it('counts letters, not the hyphen between two spans; a half-covered word is a miss', () => {
    expect(uncovered(text, sartre, [span('Жан'), span('Поль Сартр')])).toEqual([]);
    expect(uncovered(text, sartre, [span('Жан-Поль'), { start: text.indexOf('Сартр'), end: text.indexOf('Сартр') + 3 }]).map((w) => w.text)).toEqual(['Сартр']);
  });

  it('needs initials too', () => {
    expect(putin.required.map((w) => w.text)).toEqual(['В', 'Путин']);
    expect(uncovered(text, putin, [span('Путин')]).map((w) => w.text)).toEqual(['В']);
    expect(uncovered(text, putin, [span('В. Путин')])).toEqual([]);
  });

  it('needs every word of a mention with no capitalised word', () => {
    const t = 'приезд наследника престола';
    const d = parseDoc('l', 'dev', t, annotate(t, [['PERSON', 'наследника престола']]));
    expect(d.persons[0]!.required.map((w) => w.text)).toEqual(['наследника', 'престола']);
  });
});

describe('the register of every named person', () => {
  let morph: Morphology;
  beforeAll(async () => {
    morph = await loadMorphology();
  });

  const text = [
    'Бывший президент США Барак Обама прилетел в Москву.',
    'Обаму встретил Владимир Владимирович Путин.',
    'Жена Обамы Мишель осталась дома, а Мишель Обама прилетит позже.',
    'Барака поздравила Айгуль Жумабекова, и В. Путин поблагодарил Жумабекову.',
    'Вечером с Анной Ивановой говорил Джо Локхарт; Ивановой понравилось.',
  ].join(' ');
  const doc = parseDoc(
    'r',
    'dev',
    text,
    annotate(text, [
      ['PERSON', 'Барак Обама'],
      ['PERSON', 'Обаму'],
      ['PERSON', 'Владимир Владимирович Путин'],
      ['PERSON', 'Обамы'],
      ['PERSON', 'Мишель'],
      ['PERSON', 'Мишель Обама'],
      ['PERSON', 'Барака'],
      ['PERSON', 'Айгуль Жумабекова'],
      ['PERSON', 'В. Путин'],
      ['PERSON', 'Жумабекову'],
      ['PERSON', 'Анной Ивановой'],
      ['PERSON', 'Джо Локхарт'],
      ['PERSON', 'Ивановой', 1],
    ]),
  );
  const byFamily = (entries: readonly RegisterEntry[], family: string) => entries.filter((e) => e.parts.family?.value === family);

  it('groups mentions into people and writes each part in the nominative, in Cyrillic', () => {
    const { entries, mentionEntry } = buildRegister(doc, morph);
    const names = entries.map((e) => [e.person.given?.cyrillic, e.person.patronymic?.cyrillic, e.person.family?.cyrillic].join('|'));
    expect(names).toEqual(['Владимир|Владимирович|Путин', 'Барак||Обама', 'Мишель||Обама', 'Айгуль||Жумабекова', 'Анна||Иванова', 'Джо||Локхарт']);
    for (const e of entries) {
      expect(e.person.given?.latin).toBe('');
      expect(e.person.family?.latin).toBe('');
      expect(e.person.otherSpellings).toEqual([]);
    }
    // Барак Обама: his full name, "Обаму", "Обамы" and the lone given name "Барака"; Мишель alone joins Мишель Обама.
    const obama = entries.findIndex((e) => e.parts.given?.value === 'Барак');
    expect(doc.persons.filter((_, i) => mentionEntry[i] === obama).map((p) => p.text)).toEqual(['Барак Обама', 'Обаму', 'Обамы', 'Барака']);
    const michelle = entries.findIndex((e) => e.parts.given?.value === 'Мишель');
    expect(doc.persons.filter((_, i) => mentionEntry[i] === michelle).map((p) => p.text)).toEqual(['Мишель', 'Мишель Обама']);
    // "В. Путин" is the Путин of the full name (the initial agrees).
    const putin = entries.findIndex((e) => e.parts.family?.value === 'Путин');
    expect(doc.persons.filter((_, i) => mentionEntry[i] === putin).map((p) => p.text)).toEqual(['Владимир Владимирович Путин', 'В. Путин']);
  });

  it("keeps a woman's surname feminine and knows the genders", () => {
    const { entries } = buildRegister(doc, morph);
    expect(byFamily(entries, 'Жумабекова')[0]!.gender).toBe('f');
    expect(byFamily(entries, 'Иванова')[0]).toMatchObject({ gender: 'f', parts: { given: { value: 'Анна', source: 'az' }, family: { value: 'Иванова' } } });
    expect(byFamily(entries, 'Путин')[0]).toMatchObject({ gender: 'm', parts: { patronymic: { value: 'Владимирович' } } });
  });

  it('says where each part came from and flags what az only guessed', () => {
    const { entries } = buildRegister(doc, morph);
    const obama = entries.find((e) => e.parts.given?.value === 'Барак')!;
    expect(obama.parts.family).toEqual({ value: 'Обама', source: 'seen', from: ['Обама', 'Обаму', 'Обамы'] });
    expect(obama.uncertain).toEqual([]);
    // "Джо Локхарт" once, in the nominative: az only guesses at Локхарт, nothing else confirms it.
    const lockhart = byFamily(entries, 'Локхарт')[0]!;
    expect(lockhart.parts.family!.source).toBe('as-written');
    expect(lockhart.uncertain).toEqual(['family "Локхарт" taken as written (neither az nor another form confirms it)']);
    const lone = buildRegister(parseDoc('g', 'dev', 'Это сказал Джо Локхарту.', annotate('Это сказал Джо Локхарту.', [['PERSON', 'Джо Локхарту']])), morph).entries[0]!;
    expect(lone.parts.family).toMatchObject({ value: 'Локхарт', source: 'az-guess' });
    expect(lone.uncertain).toEqual(['family "Локхарт" guessed by az from Локхарту']);
  });

  it('gives a person known only by initials the initial as given name, flagged', () => {
    const t = 'Об этом сообщил А. Санько.';
    const e = buildRegister(parseDoc('i', 'dev', t, annotate(t, [['PERSON', 'А. Санько']])), morph).entries[0]!;
    expect(e.person.given?.cyrillic).toBe('А');
    expect(e.person.family?.cyrillic).toBe('Санько');
    expect(e.uncertain).toEqual(['given name known only as the initial А.']);
  });

  it('keeps nicknames and middle names of long names as other spellings', () => {
    const t = 'Тренер Джеймс «Бадди» Макгирт и президент Ибрахим Бубакар Кейта.';
    const { entries } = buildRegister(parseDoc('o', 'dev', t, annotate(t, [['PERSON', 'Джеймс «Бадди» Макгирт'], ['PERSON', 'Ибрахим Бубакар Кейта']])), morph);
    expect(entries.map((e) => [e.parts.given?.value, e.parts.family?.value, e.person.otherSpellings])).toEqual([
      ['Джеймс', 'Макгирт', ['Бадди', 'Джеймс Бадди Макгирт']],
      ['Ибрахим', 'Кейта', ['Бубакар', 'Ибрахим Бубакар Кейта']],
    ]);
  });
});

describe('reading the corpus from a checkout', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'fieldvault-nerel-test-'));
    for (const split of ['dev', 'test']) {
      const dir = join(root, 'NEREL-v1.1', split);
      mkdirSync(dir, { recursive: true });
      const t = `Документ ${split}: Барак Обама.`;
      writeFileSync(join(dir, `1_text.txt`), t);
      writeFileSync(join(dir, `1_text.ann`), annotate(t, [['PERSON', 'Барак Обама']]));
      writeFileSync(join(dir, `2_text.txt`), 'Без аннотаций.');
      writeFileSync(join(dir, `2_text.ann`), '');
      writeFileSync(join(dir, `3_text.txt`), 'Без пары.');
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('finds a checkout by FIELDVAULT_NEREL and reads a split in pairs', () => {
    const source = resolveSource(root);
    expect(source).toEqual({ kind: 'dir', path: join(root, 'NEREL-v1.1') });
    const docs = loadSplit(source!, 'test');
    expect(docs.map((d) => [d.id, d.split, d.persons.map((p) => p.text)])).toEqual([
      ['1_text', 'test', ['Барак Обама']],
      ['2_text', 'test', []],
    ]);
  });

  it('returns null for a folder that is not the corpus', () => {
    expect(resolveSource(join(root, 'missing'))).toBeNull();
    expect(resolveSource(join(root, 'NEREL-v1.1', 'dev'))).toBeNull();
  });
});
