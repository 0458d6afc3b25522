/**
 * Case, plural and possessive endings that Kyrgyz, Kazakh, Uzbek and Tajik glue to a name (and English adds:
 * "the Abdyldaevs'"), so that a register name is found as a stem followed by a valid chain of endings rather than
 * from a list of forms: Бекзаттын, Өмүрбековдордун, Ержанның, Jasurning, Мӯъминаро, уулунун.
 *
 * A chain is (plural)? (possessive)? (case)?. Kyrgyz and Kazakh chains must agree with the stem: vowel harmony
 * (front е и ө ү ә і / back а ы о у ұ) and the stem's last sound (after a vowel н-, after a voiced consonant д-/г-,
 * after a voiceless one т-/к-/қ-). Uzbek and Tajik have no harmony; their endings attach to any stem. Russian case
 * endings are not here: declension.ts generates those forms from the register.
 */

interface Chain {
  /** A Kyrgyz/Kazakh ending: checked for harmony and assimilation against the stem. */
  harmonic: boolean;
  /** An Uzbek/Tajik/English ending: attaches to any stem. */
  free: boolean;
}

/** Letters only Kyrgyz and Kazakh write: on such a stem an ending must obey their harmony even if Uzbek has it too. */
const KYRGYZ_KAZAKH_LETTERS = /[өүңәіұ]/u;

const FRONT = new Set([...'еэиөүәіöüäie']);
const VOWELS = new Set([...'аеёиоуыэюяөүәіұaeiouyöüä']);
const VOICELESS = new Set([...'пфктсшщчцхқҳptksfhcq']);

function cross(...parts: readonly (readonly string[])[]): string[] {
  return parts.reduce<string[]>((acc, part) => acc.flatMap((a) => part.map((p) => a + p)), ['']);
}

/** Kyrgyz and Kazakh, Cyrillic and Latin transliteration of Kyrgyz. */
function harmonicChains(): string[] {
  const plural = ['лар', 'лер', 'лор', 'лөр', 'дар', 'дер', 'дор', 'дөр', 'тар', 'тер', 'тор', 'төр'];
  const cases = [
    // genitive
    'нын', 'нин', 'нун', 'нүн', 'дын', 'дин', 'дун', 'дүн', 'тын', 'тин', 'тун', 'түн',
    'ның', 'нің', 'дың', 'дің', 'тың', 'тің',
    // dative
    'га', 'ге', 'го', 'гө', 'ка', 'ке', 'ко', 'кө', 'ға', 'қа',
    // accusative
    'ны', 'ни', 'ну', 'нү', 'ды', 'ди', 'ду', 'дү', 'ты', 'ти', 'ту', 'тү', 'ні', 'ді', 'ті',
    // locative
    'да', 'де', 'до', 'дө', 'та', 'те', 'то', 'тө',
    // ablative
    'дан', 'ден', 'дон', 'дөн', 'тан', 'тен', 'тон', 'төн', 'нан', 'нен', 'нон', 'нөн',
    // instrumental / comitative (Kazakh), "the one of" (Kyrgyz -ныкы)
    'мен', 'бен', 'пен', 'менен', 'ныкы', 'ники', 'нуку', 'нүкү', 'дыкы', 'дики', 'дуку', 'дүкү', 'тыкы', 'тики', 'туку', 'түкү',
  ];
  // After a possessive ending (уулу, кызы are possessive forms themselves): -нын, -на, -ны/-н, -нда, -нан.
  const afterPossessive = ['на', 'не', 'но', 'нө', 'н', 'нда', 'нде', 'ндо', 'ндө', 'нан', 'нен', 'нон', 'нөн', 'нын', 'нин', 'нун', 'нүн', 'ның', 'нің', 'ны', 'ни', 'ну', 'нү', 'ні'];
  const possessive = ['ы', 'и', 'у', 'ү', 'і', 'сы', 'си', 'су', 'сү', 'сі'];
  const latin = [
    'nyn', 'nin', 'nun', 'nün', 'dyn', 'din', 'dun', 'dün', 'tyn', 'tin', 'tun', 'tün',
    'ga', 'ge', 'go', 'gö', 'ka', 'ke', 'ko', 'kö',
    'ny', 'nu', 'nü', 'dy', 'di', 'du', 'dü', 'ty', 'ti', 'tu', 'tü',
    'do', 'dö', 'ta', 'te', 'to', 'tö',
    'dan', 'den', 'don', 'dön', 'tan', 'ten', 'ton', 'tön',
  ];
  const latinPlural = ['lar', 'ler', 'lor', 'lör', 'dar', 'der', 'dor', 'dör', 'tar', 'ter', 'tor', 'tör'];
  return [
    ...cases,
    ...plural,
    ...cross(plural, cases),
    ...cross(possessive, afterPossessive),
    ...cross(plural, possessive, afterPossessive),
    ...afterPossessive,
    ...latin,
    ...latinPlural,
    ...cross(latinPlural, latin),
  ];
}

/** Uzbek (Latin and Cyrillic) and Tajik (Cyrillic and Latin), and the English plural. */
function freeChains(): string[] {
  const uzCases = ['ning', 'ni', 'ga', 'ka', 'qa', 'da', 'dan', 'niki', 'dagi', 'nikі'];
  const uzPlural = ['lar'];
  const uzPossessive = ['i', 'si'];
  const uzCyrCases = ['нинг', 'ни', 'га', 'ка', 'қа', 'да', 'дан', 'ники', 'даги'];
  const uzCyrPossessive = ['и', 'си'];
  const tajik = ['ро', 'и', 'ҳо', 'ҳоро', 'ҳои', 'он', 'онро', 'ён', 'ёнро', 'ям', 'ам', 'ат', 'аш', 'ашро', 'амро', 'атро', 'ҳояш', 'ҳоямон', 'ямон', 'ашон'];
  const tajikLatin = ['ro', 'ho', 'horo', 'hoi', 'ash', 'ashro'];
  return [
    ...uzCases,
    ...uzPlural,
    ...cross(uzPlural, uzCases),
    ...cross(uzPossessive, uzCases),
    ...cross(uzPlural, uzPossessive),
    ...cross(uzPlural, uzPossessive, uzCases),
    ...uzCyrCases,
    'лар',
    ...cross(['лар'], uzCyrCases),
    ...cross(uzCyrPossessive, uzCyrCases),
    ...tajik,
    ...tajikLatin,
    // English plural ("the Abdyldaevs"), the possessive "'s" is cut off by the tokeniser.
    's',
  ];
}

/**
 * Russian relational adjectives made from a surname identify the person as well (шукшинские дни, зворыкинский
 * телескоп, сталинских лагерей): -ск- plus an adjective ending, after a surname stem in -ин/-ов/-ев.
 */
const ADJECTIVE_ENDINGS = ['ий', 'ая', 'ое', 'ие', 'ого', 'ому', 'им', 'ом', 'ой', 'ую', 'их', 'ими', 'ая'];
const RELATIONAL = new Set(ADJECTIVE_ENDINGS.map((e) => `ск${e}`));
const RELATIONAL_STEM = /(?:ин|ын|ов|ев|ёв)$/u;

const CHAINS = new Map<string, Chain>();
for (const c of harmonicChains()) CHAINS.set(c, { harmonic: true, free: false });
for (const c of freeChains()) {
  const known = CHAINS.get(c);
  if (known === undefined) CHAINS.set(c, { harmonic: false, free: true });
  else known.free = true;
}
const LONGEST = Math.max(...[...CHAINS.keys()].map((k) => k.length));

function lastVowel(s: string): string | undefined {
  for (let i = s.length - 1; i >= 0; i--) if (VOWELS.has(s[i]!)) return s[i];
  return undefined;
}

/** Whether a Kyrgyz/Kazakh chain agrees with its stem in harmony and in the first consonant. */
function agrees(stem: string, chain: string): boolean {
  const end = stem[stem.length - 1]!;
  const first = chain[0]!;
  const endsInVowel = VOWELS.has(end);
  if (VOWELS.has(first)) {
    if (endsInVowel) return false; // a vowel-initial possessive follows a consonant
  } else if ('нn'.includes(first)) {
    // н- after a vowel; Kazakh -ның also after м, н, ң
    if (!endsInVowel && !(chain.startsWith('ның') || chain.startsWith('нің')) && chain !== 'н') return false;
    if (!endsInVowel && !'мнң'.includes(end)) return false;
  } else if ('тткқtkq'.includes(first)) {
    // т-/к- after a voiceless consonant (Kazakh treats a Russian -в as voiceless: Сейітовтың, Сейітовке)
    if (endsInVowel || !(VOICELESS.has(end) || end === 'в' || end === 'v')) return false;
    // After -в only Kazakh does it, with its own letters or a front vowel (Сейітовтың, Сейітовке); "Ивановка" is a
    // village, not Иванов's dative (Kyrgyz Ивановго, Kazakh Ивановқа).
    if ((end === 'в' || end === 'v') && !/[ңқ]/u.test(chain) && !FRONT.has([...chain].find((ch) => VOWELS.has(ch)) ?? 'а')) return false;
  } else if ('дгғdg'.includes(first)) {
    // д-/г- after a vowel or a voiced consonant
    if (!endsInVowel && VOICELESS.has(end)) return false;
  } else if ('сs'.includes(first)) {
    if (!endsInVowel) return false;
  } else if ('лl'.includes(first)) {
    if (!endsInVowel && !'йрлyrl'.includes(end)) return false;
  }
  // Harmony: the chain's first vowel is front or back as the stem's last vowel is. A Russian surname ending (-ов,
  // -ева, -ин) is not native: after it Kazakh and Kyrgyz writers use either (Сейітовтың, Сейітовке).
  const cv = [...chain].find((ch) => VOWELS.has(ch));
  const sv = lastVowel(stem);
  if (cv === undefined || sv === undefined) return true;
  if (FRONT.has(cv) === FRONT.has(sv)) return true;
  // After a Russian ending, a front chain follows the native stem before it (Сейіт-ов-ке, not Иван-ов-ке).
  const native = stem.replace(/(?:ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|ov|ev|in|ova|eva|ina)$/u, '');
  if (native === stem) return false;
  const nv = lastVowel(native);
  return !FRONT.has(cv) || (nv !== undefined && FRONT.has(nv) && nv !== 'и' && nv !== 'i');
}

/** The surname stem of a relational adjective (Шукшинские -> шукшин), or null. */
export function relationalStem(word: string): string | null {
  const lower = word.toLowerCase();
  for (const chain of RELATIONAL) {
    if (lower.length - chain.length >= 4 && lower.endsWith(chain)) {
      const stem = lower.slice(0, lower.length - chain.length);
      if (RELATIONAL_STEM.test(stem)) return stem;
    }
  }
  return null;
}

const cache = new Map<string, readonly string[]>();

/**
 * The stems a word may be, once a valid chain of endings is taken off its end (lower case, longest chain first).
 * Empty when no ending fits. Stems are at least three letters long.
 */
export function suffixStems(word: string): readonly string[] {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const lower = word.toLowerCase();
  const out: string[] = [];
  for (let len = Math.min(LONGEST, lower.length - 3); len >= 1; len--) {
    const chain = lower.slice(lower.length - len);
    const c = CHAINS.get(chain);
    if (c === undefined) continue;
    const stem = lower.slice(0, lower.length - len);
    if (!/\p{L}$/u.test(stem)) continue;
    const checked = c.harmonic && (!c.free || KYRGYZ_KAZAKH_LETTERS.test(stem));
    if (checked && !agrees(stem, chain)) continue;
    // Uzbek -ka/-qa only after k, g, q, g‘ (elsewhere -ga): Ивановка, Сапаровка are villages.
    if (!checked && /^(?:ка|қа|ka|qa)/u.test(chain) && !/[кгқғkgq]$/u.test(stem) && !(c.harmonic && agrees(stem, chain))) continue;
    out.push(stem);
    // A doubled consonant at the join belongs to both (Бекзат + тын is written Бекзаттын): the stem keeps it.
  }
  if (cache.size > 200_000) cache.clear();
  cache.set(word, out);
  return out;
}
