import { createRequire } from 'node:module';

// Loaded on first use (a few milliseconds at every start otherwise): only redaction declines names.
let lvovich: typeof import('lvovich') | null = null;
const lib = (): typeof import('lvovich') => (lvovich ??= createRequire(import.meta.url)('lvovich') as typeof import('lvovich'));

/**
 * Russian case forms of names, through lvovich (the maintained TypeScript successor of petrovich's rules).
 * When the gender cannot be told from the name (many Central Asian given names), both genders' forms are
 * produced: for matching, a superset is what we want. lvovich leaves feminine names in a soft sign
 * (Айгуль) undeclined; Russian declines them (Айгули, Айгулью), so a rule adds those forms.
 */

export type NamePart = 'given' | 'family' | 'patronymic';
export type Gender = 'male' | 'female';

const CASES = ['nominative', 'genitive', 'dative', 'accusative', 'instrumental', 'prepositional'] as const;

export interface NameTriple {
  readonly given: string;
  readonly family: string;
  readonly patronymic: string;
  /** A relative's form of the name (her surname for him, the family plural): the person or a relative. */
  readonly relative?: boolean;
}

const RUSSIAN_PATRONYMIC = /(ович|евич|ич|овна|евна|ична|инична)$/u;
const GENDERED_SURNAME = /(?:ова|ева|ёва|ина|ына|ая|ов|ев|ёв|ый|ий|ой)$/u;

function inclineOne(word: string, part: NamePart, c: (typeof CASES)[number], gender: Gender): string {
  switch (part) {
    case 'given':
      return lib().inclineFirstname(word, c, gender);
    case 'family':
      return lib().inclineLastname(word, c, gender);
    case 'patronymic':
      return lib().inclineMiddlename(word, c, gender);
  }
}

const inflected = new Map<string, string>();

/** Inflects each word of a (possibly multi-word) name part; particles like уулу/кызы/зода stay as written. */
function inclineWords(value: string, part: NamePart, c: (typeof CASES)[number], gender: Gender): string {
  if (value === '') return '';
  // The same parts are declined for every spelling and gender of a person, and across people: cache.
  const key = `${value}|${part}|${c}|${gender}`;
  const hit = inflected.get(key);
  if (hit !== undefined) return hit;
  const out = inclineUncached(value, part, c, gender);
  if (inflected.size > 200_000) inflected.clear();
  inflected.set(key, out);
  return out;
}

function inclineUncached(value: string, part: NamePart, c: (typeof CASES)[number], gender: Gender): string {
  const words = value.split(/\s+/);
  if (part === 'patronymic' && !RUSSIAN_PATRONYMIC.test(words[words.length - 1]!.toLowerCase())) return value;
  return words
    .map((w) => {
      if (!/\p{Script=Cyrillic}/u.test(w) || w.length < 2) return w;
      // lvovich works on the letters; keep the hyphenated parts (Шариф-зода) separate.
      return w
        .split('-')
        .map((piece) => {
          try {
            return inclineOne(piece, part, c, gender) || piece;
          } catch {
            return piece;
          }
        })
        .join('-');
    })
    .join(' ');
}

function softSignForms(given: string): string[] {
  // Feminine third declension: Айгуль -> Айгули (gen/dat/prep), Айгулью (instr).
  if (!/ь$/u.test(given)) return [];
  const stem = given.slice(0, -1);
  return [`${stem}и`, `${stem}ью`];
}

/**
 * A masculine noun's case forms with no vowel dropped (Руснок -> Руснока, where lvovich reads Руснка), with a soft
 * ending (Мануэль -> Мануэля, Померой -> Помероя), and the family plural of a noun-declined surname (Буши, Бушей).
 */
function nounForms(word: string, plural = false): string[] {
  if (/[ьй]$/u.test(word) && word.length >= 4) {
    const stem = word.slice(0, -1);
    return [`${stem}я`, `${stem}ю`, `${stem}ем`, `${stem}е`];
  }
  if (!/[бвгдзклмнпрстфхжшчщц]$/u.test(word)) return [];
  const hush = /[жшчщц]$/u.test(word);
  const sing = [`${word}а`, `${word}у`, `${word}ом`, ...(hush ? [`${word}ем`] : []), `${word}е`];
  if (!plural) return sing;
  const ki = /[гкхжшчщ]$/u.test(word);
  return [...sing, `${word}${ki ? 'и' : 'ы'}`, `${word}${hush ? 'ей' : 'ов'}`, `${word}ам`, `${word}ами`, `${word}ах`];
}

const MALE: readonly Gender[] = ['male'];
const FEMALE: readonly Gender[] = ['female'];
const BOTH: readonly Gender[] = ['male', 'female'];
const genders = new Map<string, readonly Gender[]>();

export function gendersOf(t: NameTriple): readonly Gender[] {
  const key = `${t.given}|${t.family}|${t.patronymic}`;
  const hit = genders.get(key);
  if (hit !== undefined) return hit;
  let g: string | null;
  try {
    g = lib().getGender({ first: t.given || null, last: t.family || null, middle: t.patronymic || null });
  } catch {
    g = null;
  }
  const out = g === 'male' ? MALE : g === 'female' ? FEMALE : BOTH;
  if (genders.size > 100_000) genders.clear();
  genders.set(key, out);
  return out;
}

/** Every case form of a Cyrillic name triple, in each plausible gender (nominative first). */
export function caseForms(t: NameTriple): NameTriple[] {
  const out: NameTriple[] = [t];
  const seen = new Set<string>([`${t.given}|${t.family}|${t.patronymic}`]);
  const add = (x: NameTriple): void => {
    const k = `${x.given}|${x.family}|${x.patronymic}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(x);
    }
  };
  for (const gender of gendersOf(t)) {
    for (const c of CASES) {
      add({
        given: inclineWords(t.given, 'given', c, gender),
        family: inclineWords(t.family, 'family', c, gender),
        patronymic: inclineWords(t.patronymic, 'patronymic', c, gender),
      });
    }
    if (gender === 'female') {
      for (const g of softSignForms(t.given)) {
        add({ given: g, family: inclineWords(t.family, 'family', 'genitive', gender), patronymic: inclineWords(t.patronymic, 'patronymic', 'genitive', gender) });
      }
    }
  }
  // A surname without a gendered ending (Уильям, Логэн, Хоулетт) declines for a man and stays as it is for a woman;
  // the register's gender guess may be wrong (Эзра Уильям), so both. Foreign surnames decline as nouns with no
  // vowel dropped (Руснока, Мердока, Берковеца, Чаплином, not only lvovich's Руснка, Чаплиным); in a hyphenated
  // surname only the last part declines (Стросс-Кана, Мак-Киннону), and each part may stand alone.
  // A given name whose gender lvovich misreads (Мануэль as feminine) or leaves undeclined (Лоран) still declines
  // for a man.
  if (t.given !== '' && !/[\s-]/.test(t.given) && /\p{Script=Cyrillic}/u.test(t.given)) {
    for (const form of nounForms(t.given)) add({ given: form, family: '', patronymic: '' });
  }
  if (/^.+[ое]й$/u.test(t.family) && /\p{Script=Cyrillic}/u.test(t.family)) {
    for (const form of nounForms(t.family)) add({ given: '', family: form, patronymic: '' });
  }
  if (t.family !== '' && !/\s/.test(t.family) && !GENDERED_SURNAME.test(t.family) && /\p{Script=Cyrillic}/u.test(t.family)) {
    const parts = t.family.split('-');
    const head = parts.slice(0, -1).map((p) => `${p}-`).join('');
    const last = parts[parts.length - 1]!;
    for (const c of CASES) add({ given: '', family: inclineWords(t.family, 'family', c, 'male'), patronymic: '' });
    for (const form of nounForms(last, parts.length === 1)) add({ given: '', family: head + form, patronymic: '' });
    if (parts.length > 1) {
      for (const part of parts) {
        if (part.length < 4) continue;
        add({ given: '', family: part, patronymic: '' });
        if (!GENDERED_SURNAME.test(part)) for (const form of nounForms(part)) add({ given: '', family: form, patronymic: '' });
      }
    }
  }
  return out;
}
