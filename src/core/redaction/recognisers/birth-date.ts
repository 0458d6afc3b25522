import { finding, type Recogniser } from './util';

/** Dates of birth, recognised by their context: born, DOB, date of birth, д.р., г.р., дата рождения, родился/родилась. */
const EN_MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';
const RU_MONTHS = 'января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|янв|фев|мар|апр|июн|июл|авг|сен|окт|ноя|дек';
const DATE = [
  '\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}',
  '\\d{4}-\\d{1,2}-\\d{1,2}',
  `\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${EN_MONTHS})\\.?,?\\s+\\d{4}`,
  `(?:${EN_MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}`,
  `\\d{1,2}\\s+(?:${RU_MONTHS})\\.?\\s+\\d{4}(?:\\s*(?:г\\.|года|г(?![\\p{L}])))?`,
  `(?:${EN_MONTHS}|${RU_MONTHS})\\.?\\s+\\d{4}`,
  '(?:19|20)\\d{2}(?:\\s*(?:г\\.|года|г(?![\\p{L}])))?',
].join('|');

const BEFORE = new RegExp(
  `(?<![\\p{L}])(?:born(?:\\s+(?:on|in))?|date\\s+of\\s+birth|birth\\s*date|DOB|D\\.O\\.B\\.|b\\.|д\\.\\s?р\\.|д/р|дата\\s+рождения|год\\s+рождения|родил(?:ся|ась|ись)(?:\\s+в)?|рожд(?:ения|\\.))\\s*[:\\-–—]?\\s*(?:on\\s+|in\\s+)?(${DATE})(?![\\p{L}\\p{N}])`,
  'giu',
);
const AFTER = new RegExp(`(?<![\\p{L}\\p{N}])(${DATE})\\s*(?:г\\.\\s?р\\.|года\\s+рождения|г\\.\\s?рождения|гр\\.|\\(?г\\.р\\.\\)?)`, 'giu');

export const recogniseBirthDates: Recogniser = (text) => {
  const out = [];
  for (const m of text.matchAll(BEFORE)) {
    const d = m[1]!;
    const start = m.index + m[0].length - d.length;
    out.push(finding(start, start + d.length, 'birth-date', 0.95, 'dob:context'));
  }
  for (const m of text.matchAll(AFTER)) {
    const d = m[1]!;
    out.push(finding(m.index, m.index + d.trimEnd().length, 'birth-date', 0.95, 'dob:context'));
  }
  return out;
};
