/** word-forms: every form of a hand-redacted word, found with the register's own morphology. */
import { describe, expect, it } from 'vitest';
import { baseGuesses, compileWordForms, MAX_NAME_WORDS, WordFormsCache } from '../../src/core/redaction/word-forms';

/** The texts a finder returns in `text`, in order. */
const found = (selection: string, text: string): string[] => compileWordForms(selection).find(text).map((r) => text.slice(r.start, r.end));

const RUSTAM =
  'Рустам пришёл в полночь. Рустама задержали у рынка; Рустаму не дали позвонить. С Рустамом говорил следователь. ' +
  'О Рустаме писали. Rustam said the officers knew him. Рустамбек, его двоюродный брат, и Рустамова не при чём.';

describe('word forms of a hand selection', () => {
  it('an inflected given name finds its nominative, every other case and its Latin spelling, and nothing longer', () => {
    expect(found('Рустама', RUSTAM)).toEqual(['Рустам', 'Рустама', 'Рустаму', 'Рустамом', 'Рустаме', 'Rustam']);
    // the same from the nominative and from the Latin spelling: one morphology, whatever was selected
    expect(found('Рустам', RUSTAM)).toEqual(found('Рустама', RUSTAM));
    expect(found('Rustam', RUSTAM)).toEqual(found('Рустама', RUSTAM));
  });

  it('offsets are JavaScript string offsets into the text given, sorted and disjoint', () => {
    const ranges = compileWordForms('Рустаму').find(RUSTAM);
    expect(ranges[0]).toEqual({ start: 0, end: 'Рустам'.length });
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]!.start).toBeGreaterThanOrEqual(ranges[i - 1]!.end);
  });

  it('a surname in the dative reads both ways: his dative and her accusative', () => {
    const text = 'Жумабеков подал жалобу. Жумабековой отказали. Жумабекову вызвали. С Жумабековым говорили. Жумабековская улица.';
    expect(found('Жумабекову', text)).toEqual(['Жумабеков', 'Жумабековой', 'Жумабекову', 'Жумабековым']);
  });

  it('a full name in the genitive finds the nominative, the given name alone in another case, and the surname alone', () => {
    const text = 'Айгуль Султаналиева пришла сама. Мы говорили с Айгуль Султаналиевой. Брат Айгули ждал. Султаналиевой звонили.';
    expect(found('Айгуль Султаналиевой', text)).toEqual(['Айгуль Султаналиева', 'Айгуль Султаналиевой', 'Айгули', 'Султаналиевой']);
  });

  it('the polite address (given name and patronymic) is found in other cases', () => {
    const text = 'Бакыт Асанович ответил. Мы ждали Бакыта Асановича два часа. Бакыту Асановичу передали.';
    expect(found('Бакыта Асановича', text)).toEqual(['Бакыт Асанович', 'Бакыта Асановича', 'Бакыту Асановичу']);
  });

  it('a guessed base the engine cannot inflect into the selection is not used', () => {
    // "Рус" could be a stem of "Рустама" by letters, but its forms never give "Рустама": "Руса" must not be found
    expect(baseGuesses('Рустама')).toContain('Рус');
    expect(found('Рустама', 'Руса и Русу видели. Рустам тоже.')).toEqual(['Рустам']);
  });

  it('a phrase or a text with digits is matched as written (any case, whole words only)', () => {
    const forms = compileWordForms('ул.  Ленина 5');
    expect(forms.morphology).toBe(false);
    expect(forms.selection).toBe('ул. Ленина 5');
    const text = 'Жил на ул. Ленина 5, потом на УЛ. ЛЕНИНА 5; ул. Ленина 55 и ул. Ленина\n5 тоже.';
    expect(forms.find(text).map((r) => text.slice(r.start, r.end))).toEqual(['ул. Ленина 5', 'УЛ. ЛЕНИНА 5', 'ул. Ленина\n5']);
    const long = Array.from({ length: MAX_NAME_WORDS + 1 }, (_, i) => `Слово${'абвгд'[i]}`).join(' ');
    expect(compileWordForms(long).morphology).toBe(false);
  });

  it('exact repetitions count even when the morphology finds nothing more', () => {
    expect(found('Оше', 'В Оше и в ОШЕ, но не в Ошеломлении.')).toEqual(['Оше', 'ОШЕ']);
  });

  it('no contact detail or other finding of the engine leaks in: only forms of the selection', () => {
    const text = 'Рустам, +996 555 123 456, rustam@example.org, Бакыт Жумабеков.';
    expect(found('Рустама', text)).toEqual(['Рустам']);
  });

  it('empty and blank selections find nothing', () => {
    expect(found('', RUSTAM)).toEqual([]);
    expect(found('   ', RUSTAM)).toEqual([]);
  });
});

describe('WordFormsCache', () => {
  it('compiles a selection once, evicts the least recently used, and forgets everything on clear', () => {
    const cache = new WordFormsCache(2);
    const a = cache.get('Рустама');
    expect(cache.get(' Рустама ')).toBe(a); // the same selection after trimming
    cache.get('Айгули');
    expect(cache.get('Рустама')).toBe(a); // touched: now the most recent
    cache.get('Жумабекову'); // evicts Айгули
    expect(cache.size).toBe(2);
    expect(cache.get('Рустама')).toBe(a);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.get('Рустама')).not.toBe(a);
  });
});
