import { describe, expect, it } from 'vitest';
import { compileRedactor, redact, type Suggestion } from '../../src/core/redaction';
import { analyseWord, morphologyAvailable, morphologyStats } from '../../src/core/redaction/morphology';
import { evaluate, loadSuites, type CorpusDoc } from '../fixtures/redaction/evaluate';

/**
 * People the register does not list (relatives, neighbours, officers, drivers named in passing) are flagged as
 * suggestions for the reviewer, never redacted on their own. Scored on tests/fixtures/redaction/corpus/unlisted.json.
 */

const suite = loadSuites().find((s) => s.name === 'unlisted')!;
const redactor = compileRedactor({ people: suite.people, allow: suite.allow });
const predict = (d: CorpusDoc): { spans: readonly { start: number; end: number; kind: string }[]; suggestions: readonly Suggestion[] } => {
  const r = redactor.redact(d.text);
  return { spans: r.spans, suggestions: r.suggestions };
};
const words = (text: string): number => text.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
const suggested = (text: string, people = suite.people): string[] => redact(text, { people }).suggestions.map((s) => text.slice(s.start, s.end));

describe('unlisted names: the fixture suite', () => {
  const result = evaluate(suite.docs, predict);

  it('is a real suite: field notes in all six languages, with people named in passing and traps', () => {
    expect(suite.docs.length).toBeGreaterThanOrEqual(20);
    for (const lang of ['en', 'ru', 'ky', 'kk', 'uz', 'tg'] as const) expect(suite.docs.filter((d) => d.lang === lang).length, lang).toBeGreaterThanOrEqual(3);
    expect(result.unlisted.gold).toBeGreaterThanOrEqual(50);
  });

  it('flags at least 95% of the people the register does not list (as suggestions or redactions)', () => {
    expect(result.unlisted.recall, result.misses.join('\n')).toBeGreaterThanOrEqual(0.95);
  });

  it('still redacts the register person and touches nothing it must keep', () => {
    expect(result.byKind.person!.recall).toBe(1);
    expect(result.keepViolations).toEqual([]);
    expect(result.falsePositives).toEqual([]);
  });

  it('suggests nothing in the traps: places, streets, organisations, months, weekdays, sentence openers', () => {
    const bad: string[] = [];
    for (const d of suite.docs) {
      for (const s of predict(d).suggestions) {
        for (const k of d.keep) {
          for (let at = d.text.indexOf(k); at >= 0; at = d.text.indexOf(k, at + 1)) {
            if (s.start < at + k.length && at < s.end) bad.push(`${d.id}: ${d.text.slice(s.start, s.end)} (${s.reason})`);
          }
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('costs the reviewer little: few suggestions that are not people, and few in notes without unlisted people', () => {
    let wrong = 0;
    let total = 0;
    for (const d of suite.docs) {
      total += words(d.text);
      const gold = d.expect.map((e) => e.text);
      for (const s of predict(d).suggestions) if (!gold.some((g) => d.text.slice(s.start, s.end).includes(g) || g.includes(d.text.slice(s.start, s.end)))) wrong++;
    }
    expect((wrong * 1000) / total).toBeLessThanOrEqual(3);
    const quiet = suite.docs.filter((d) => !d.expect.some((e) => e.tag === 'unlisted'));
    expect(quiet.length).toBeGreaterThanOrEqual(4);
    const quietEval = evaluate(quiet, predict);
    expect(quietEval.suggestionsPer1000Words).toBeLessThanOrEqual(15);
  });
});

describe('unlisted names: the detector', () => {
  it('flags a relative, an officer, a neighbour and a driver named in passing, and never redacts them', () => {
    const text = 'Через брата, Рустама, он передал деньги следователю Маматову. Her neighbour Dilfuza saw it. Водитель Бекзат Ө. ждал в машине.';
    const r = redact(text);
    expect(r.text).toBe(text);
    expect(r.spans).toEqual([]);
    expect(r.suggestions.map((s) => text.slice(s.start, s.end))).toEqual(['Рустама', 'Маматову', 'Dilfuza', 'Бекзат Ө.']);
    for (const s of r.suggestions) {
      expect(s.kind).toBe('person');
      expect(s.confidence).toBeLessThan(0.5);
      expect(s.reason).toMatch(/not in the register/);
    }
  });

  it('stays a suggestion whatever the threshold', () => {
    const text = 'Следователь Маматов А. Б. угрожал ей.';
    const r = compileRedactor({}).redact(text, { threshold: 0.1 });
    expect(r.spans).toEqual([]);
    expect(r.suggestions.map((s) => text.slice(s.start, s.end))).toEqual(['Маматов А. Б.']);
  });

  it('matches given names in any case form, Russian and Central Asian', () => {
    for (const form of ['Рустама', 'Рустаму', 'Рустамом', 'Рустамдын', 'Рустамга', 'Rustamning', 'Rustamni', 'Рустамро']) {
      expect(suggested(`Вчера мы видели, как ${form} увезли.`), form).toEqual([form]);
    }
    expect(suggested('Кийин Айгүлдүн апасы келди.')).toEqual(['Айгүлдүн']);
    expect(suggested('Keyin Dilnozaning onasi keldi.')).toEqual(['Dilnozaning']);
    expect(suggested('Айгерімнің анасы келді.')).toEqual(['Айгерімнің']);
  });

  it('reads surnames by their endings, with initials in either order and patronymic particles', () => {
    expect(suggested('Протокол подписал лейтенант А. Маматов.')).toEqual(['А. Маматов']);
    expect(suggested('Протокол подписал Абдыкадыров А. Б. вечером.')).toEqual(['Абдыкадыров А. Б.']);
    expect(suggested('Потом пришла Нурматова и всё записала.')).toEqual(['Нурматова']);
    expect(suggested('Её задержал Жумабек уулу Азамат у рынка.')).toEqual(['Жумабек уулу Азамат']);
    expect(suggested('Ҳамсояи мо Зарина Шарифзода ҳама чизро дид.')).toEqual(['Зарина Шарифзода']);
    expect(suggested('An officer named Nurpeisova wrote the report.')).toEqual(['Nurpeisova']);
  });

  it('gives more confidence to more evidence', () => {
    const conf = (text: string): number => redact(text).suggestions[0]!.confidence;
    expect(conf('Следователь Алмазбек Маматов пришёл.')).toBeGreaterThan(conf('Пришёл Маматов.'));
    expect(conf('Через брата, Рустама, передали.')).toBeGreaterThan(conf('Потом Рустама увезли.'));
  });

  it('does not take places, organisations, months, weekdays, streets or sentence openers for names', () => {
    const traps = [
      'Также она сообщила, что в Москве работала на стройке.',
      'В понедельник её задержали в Бишкеке, на улице Токтогула.',
      'Мы обратились в Министерство труда и в ОсОО «Азия Строй».',
      'В августе она уехала в Нарын, потом в Оше жила у родных.',
      'On Monday the Ministry of Internal Affairs confirmed it. In March they moved to Osh.',
      'Дүйшөмбү күнү Токтогул көчөсүндө кармалдым.',
      'Дар кӯчаи Рӯдакӣ милиса интизор буд. Муҳоҷирони Тоҷикистонро бурданд.',
      'Dushanba kuni Toshkentga keldi.',
      'В аэропорту Манас его продержали до утра, потом отвезли в Чолпон-Ату.',
    ];
    for (const t of traps) expect(suggested(t), t).toEqual([]);
  });

  it('does not suggest again what the register already redacts', () => {
    const people = [{ otherSpellings: ['Рустам Каримзода'] }];
    const text = 'Рустам Каримзода сказал, что его брат Рустам тоже был там.';
    const r = redact(text, { people });
    expect(r.spans.length).toBeGreaterThan(0);
    for (const s of r.suggestions) expect(r.spans.some((x) => x.start < s.end && s.start < x.end)).toBe(false);
  });

  it('keeps the near-miss suggestion for register names', () => {
    const people = [{ otherSpellings: ['Aigul Sultanalieva'] }];
    const text = 'Sultanalieava called on Monday.';
    const r = redact(text, { people });
    expect(r.suggestions.map((s) => [text.slice(s.start, s.end), s.reason])).toEqual([['Sultanalieava', 'close to a register name']]);
  });

  it('finds the same name again in the text once it has good evidence', () => {
    expect(suggested('Президент Дональд Трамп заявил об этом. Трамп знает, что делает.')).toEqual(['Дональд Трамп', 'Трамп']);
  });
});

describe('unlisted names: the dictionary', () => {
  it('loads OpenCorpora through az once, synchronously, and tags names, surnames, places', () => {
    expect(morphologyAvailable()).toBe(true);
    const stats = morphologyStats();
    expect(stats.loaded).toBe(true);
    expect(stats.loadMs).toBeGreaterThan(0);
    const t0 = performance.now();
    expect(morphologyAvailable()).toBe(true);
    expect(performance.now() - t0).toBeLessThan(5);
    expect(analyseWord('Рустама')).toMatchObject({ known: true, lemma: 'рустам' });
    expect(analyseWord('Рустама')!.name).toBeGreaterThan(0.9);
    expect(analyseWord('Жумабекову')!.surname + analyseWord('Жумабекову')!.guessedSurname).toBeGreaterThan(0);
    expect(analyseWord('Бишкеке')!.place).toBeGreaterThan(0.9);
    expect(analyseWord('Асанович')!.patronymic).toBeGreaterThan(0.9);
    expect(analyseWord('Rustam')).toBeNull();
  });
});
