import type { RegisterPerson } from '../src/core/redaction/types';

/**
 * A deterministic synthetic register and a long note for the timing bench: real-looking Central Asian and
 * Russian names, combined so that no two people share a full name.
 */

const MALE = ['Азамат', 'Бакыт', 'Нурлан', 'Фарход', 'Рустам', 'Алишер', 'Айбек', 'Азимжон', 'Тимур', 'Эрлан', 'Данияр', 'Улан', 'Канат', 'Мирлан', 'Жоомарт', 'Икром', 'Шерзод', 'Дилшод', 'Санжар', 'Бекзод', 'Талант', 'Марат', 'Ерлан', 'Бахтиёр', 'Жасур'];
const FEMALE = ['Айгуль', 'Гульнара', 'Дильноза', 'Мээрим', 'Жылдыз', 'Сайёра', 'Нодира', 'Асель', 'Айжан', 'Чолпон', 'Зарина', 'Малика', 'Нигора', 'Бермет', 'Гулшан', 'Айпери', 'Динара', 'Назгуль', 'Шахноза', 'Мадина'];
const FAMILY_STEMS = ['Султаналиев', 'Рахимов', 'Досмухамедов', 'Абдыкеримов', 'Осмонов', 'Юсупов', 'Токтогулов', 'Усмонов', 'Иманалиев', 'Жумабаев', 'Холов', 'Каримов', 'Турдубаев', 'Мамытов', 'Асанов', 'Исмаилов', 'Назаров', 'Сатыбалдиев', 'Кадыров', 'Эргашев', 'Бекмуратов', 'Шарипов', 'Алымкулов', 'Таджибаев', 'Садыков', 'Мырзаев', 'Орозбеков', 'Нуриев', 'Абдуллаев', 'Хамидов', 'Исаков', 'Курманалиев', 'Бейшеналиев', 'Тагаев', 'Маматов', 'Ахмедов', 'Шамшиев', 'Мусаев', 'Жолдошев', 'Акматов', 'Сыдыков', 'Кенжебаев', 'Омурзаков', 'Байзаков', 'Эшматов', 'Джураев', 'Латипов', 'Сафаров', 'Раджабов', 'Одинаев'];
const TAJIK = ['Шарифзода', 'Каримзода', 'Рахмонзода', 'Саидзода', 'Давлатзода'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const LATIN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n',
  о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y',
  ь: '', э: 'e', ю: 'yu', я: 'ya',
};
const lat = (s: string): string =>
  [...s].map((ch) => {
    const l = LATIN[ch.toLowerCase()] ?? ch;
    return ch === ch.toLowerCase() ? l : l.charAt(0).toUpperCase() + l.slice(1);
  }).join('');

export function syntheticRegister(size: number, seed = 7): RegisterPerson[] {
  const r = rng(seed);
  const out: RegisterPerson[] = [];
  const seen = new Set<string>();
  while (out.length < size) {
    const female = r() < 0.5;
    const given = female ? FEMALE[Math.floor(r() * FEMALE.length)]! : MALE[Math.floor(r() * MALE.length)]!;
    let family = r() < 0.1 ? TAJIK[Math.floor(r() * TAJIK.length)]! : FAMILY_STEMS[Math.floor(r() * FAMILY_STEMS.length)]!;
    if (female && /[вн]$/.test(family)) family += 'а';
    const father = MALE[Math.floor(r() * MALE.length)]!;
    const patronymic = r() < 0.5 ? `${father}${female ? 'овна' : 'ович'}` : '';
    const key = `${given} ${family} ${patronymic}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const n = out.length;
    out.push({
      code: `W-${String(n + 1).padStart(3, '0')}`,
      given: { cyrillic: given, latin: lat(given) },
      family: { cyrillic: family, latin: lat(family) },
      patronymic: { cyrillic: patronymic, latin: lat(patronymic) },
      otherSpellings: [],
      contacts: [{ kind: 'phone', value: `+996 55${n % 10} ${String(100000 + n * 7).slice(0, 3)} ${String(100 + (n % 900)).padStart(3, '0')}` }],
    });
  }
  return out;
}

const FILLER = [
  'The returnees described how border guards at the checkpoint searched their bags and confiscated phones.',
  'Respondents said the employer withheld wages for three months and kept their passports in a safe.',
  'Свидетели рассказали, что сотрудники полиции задержали мигрантов у рынка и требовали деньги.',
  'По словам опрошенных, на границе у них изъяли документы и продержали в аэропорту около десяти часов.',
  'Several women reported that officials threatened to deport them if they filed a complaint.',
  'Интервью проводилось по телефону; собеседница просила не указывать название её села.',
];

/** A note of about `bytes` UTF-8 bytes with names of the register and contacts scattered through it. */
export function syntheticNote(register: readonly RegisterPerson[], bytes: number, seed = 11): string {
  const r = rng(seed);
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    let s = FILLER[Math.floor(r() * FILLER.length)]!;
    if (r() < 0.3) {
      const p = register[Math.floor(r() * register.length)]!;
      s += r() < 0.5 ? ` ${p.given?.cyrillic} ${p.family?.cyrillic} подтвердил это.` : ` ${p.given?.latin} ${p.family?.latin} confirmed this.`;
    }
    if (r() < 0.1) s += ` Call +996 555 ${Math.floor(100 + r() * 899)} ${Math.floor(100 + r() * 899)} or write to witness${Math.floor(r() * 999)}@mail.ru.`;
    parts.push(s);
    size += Buffer.byteLength(s, 'utf8') + 1;
  }
  return parts.join('\n');
}
