import { finding, trimEnd, type Recogniser } from './util';

/**
 * Street addresses. Russian and Kyrgyz forms (ул., улица, пр-т, пер., б-р, мкр, ж/м, көчөсү; д., дом, корп., кв.; р-н
 * when it leads into a street), and English forms ("12 Chui Avenue, apt 5", "Chui Avenue 12", "microdistrict 7,
 * house 15, apartment 8"). The span runs from the first component to the last house, building or flat number.
 */
const NAME_WORD = "[\\p{Lu}\\d][\\p{L}\\d'’-]*\\.?";
const RU_STREET =
  '(?:ул\\.|улиц[аеуы]|пр\\.|пр-т|просп\\.|проспект[аеу]?|пер\\.|переул(?:ок|ке|ка)|б-р|бульвар[аеу]?|мкр\\.?|мкрн\\.?|микрорайон[аеу]?|ж/м|жилмассив[аеу]?|ш\\.|шоссе|пл\\.|площад[ьи]|туп\\.|тупик[аеу]?|кварта[лу]|квартале)';
const KG_STREET = '(?:көчөсү|кӧчөсү|көч\\.|проспектиси|бульвары|кичи\\s+району|м-н)';
const HOUSE = '(?:,?\\s*(?:д\\.|дом[аеу]?|здани[ея]|строение|стр\\.)?\\s*\\d{1,4}\\s?[\\p{L}]?(?:/\\d{1,4}[\\p{L}]?)?(?![\\p{L}\\p{N}]))';
const TAIL = '(?:,?\\s*(?:корп\\.|корпус|к\\.|блок)\\s*\\d{1,3}[\\p{L}]?)?(?:,?\\s*(?:кв\\.|квартир[аеуы]|кв|ком\\.|комната)\\s*\\d{1,4}[\\p{L}]?)?';
const DISTRICT = `(?:(?:${NAME_WORD}\\s+){1,2}(?:р-н|район[аеу]?)\\s*,\\s*)?`;

const RU = new RegExp(
  `(?<![\\p{L}\\p{N}])${DISTRICT}(?:\\d{1,2}[-\\s]?(?:й\\s+)?)?${RU_STREET}\\s*(?:${NAME_WORD}\\s*){0,3}${HOUSE}?${TAIL}`,
  'gu',
);
const KG_NAME = "\\p{Lu}[\\p{L}'’-]*";
const KG = new RegExp(`(?<![\\p{L}\\p{N}])(?:${KG_NAME}\\s+){1,2}${KG_STREET}${HOUSE}?${TAIL}`, 'gu');
const RU_HOUSE_FLAT = new RegExp(`(?<![\\p{L}\\p{N}])(?:д\\.|дом)\\s*\\d{1,4}[\\p{L}]?(?:/\\d{1,4})?\\s*,?\\s*(?:кв\\.|квартира)\\s*\\d{1,4}`, 'gu');

const EN_TYPE = '(?:Street|St\\.|Str\\.|Avenue|Ave\\.|Av\\.|Road|Rd\\.|Lane|Ln\\.|Boulevard|Blvd\\.?|Drive|Prospekt|Prospect|Ulitsa|Ulica|Kochosu|Köchösü|Highway|Square|Sq\\.|Alley|Lane)';
const EN_FLAT = '(?:,?\\s*(?:apt\\.?|apartment|flat|kv\\.?|unit|room)\\s*#?\\d{1,4}[A-Za-z]?)?';
const EN_NUMBER_FIRST = new RegExp(`(?<![\\p{L}\\p{N}])\\d{1,5}[A-Za-z]?(?:/\\d{1,4})?,?\\s+(?:${NAME_WORD}\\s+){1,3}${EN_TYPE}${EN_FLAT}`, 'gu');
const EN_NAME_FIRST = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${NAME_WORD}\\s+){1,3}${EN_TYPE}\\s*,?\\s*(?:(?:house|building|bldg\\.?|no\\.?|№)\\s*)?\\d{1,5}[A-Za-z]?(?:/\\d{1,4})?(?![\\p{L}\\p{N}])${EN_FLAT}`,
  'gu',
);
const EN_TYPE_FIRST = new RegExp(`(?<![\\p{L}\\p{N}])(?:Ulitsa|Prospekt|ul\\.)\\s+(?:${NAME_WORD}\\s+){1,3}\\d{1,5}[A-Za-z]?(?:/\\d{1,4})?(?![\\p{L}\\p{N}])${EN_FLAT}`, 'gu');
const EN_MICRODISTRICT = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:microdistrict|micro-district|mkr\\.?|mikrorayon)\\s+(?:${NAME_WORD}\\s*){1,2}(?:,?\\s*(?:house|building|bldg\\.?|block|d\\.)\\s*\\d{1,4}[A-Za-z]?)?${EN_FLAT}`,
  'giu',
);

export const recogniseAddresses: Recogniser = (text) => {
  const out = [];
  for (const re of [RU, KG, RU_HOUSE_FLAT, EN_NUMBER_FIRST, EN_NAME_FIRST, EN_TYPE_FIRST, EN_MICRODISTRICT]) {
    for (const m of text.matchAll(re)) {
      let end = trimEnd(text, m.index, m.index + m[0].trimEnd().length, ',;:');
      // An address must carry a number or a named street: "ул." alone is not one.
      const body = text.slice(m.index, end);
      if (!/\d/.test(body) && !/\p{Lu}\p{Ll}{2,}/u.test(body.replace(/^\S+\s*/u, ''))) continue;
      // Keep an abbreviation's full stop ("ул.", "кв.") but not a sentence's.
      if (text[end - 1] === '.' && !/(?:ул|пр|пер|д|кв|корп|мкр|мкрн|ш|пл|St|Ave|Rd|Ln|Blvd|Sq|Str|Av|apt|kv|стр|ком)\.$/u.test(body)) end--;
      const confidence = /\d/.test(body) ? 0.9 : 0.55;
      out.push(finding(m.index, end, 'address', confidence, 'address'));
    }
  }
  return out;
};
