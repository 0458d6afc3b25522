import { finding, linesWithAt, matchesOn, trimEnd, re, type Recogniser } from './util';

/**
 * Email addresses: plain (internationalised local parts and domains included) and obfuscated
 * ("aigul [at] mail [dot] ru", "aigul собака mail.ru", "aigul (at) gmail (dot) com", "aigul at mail dot ru").
 */
const LOCAL = '[\\p{L}\\p{N}._%+\\-]*[\\p{L}\\p{N}_]';
const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\-]*[\\p{L}\\p{N}])?';
const PLAIN = re(`(?<![\\p{L}\\p{N}._%+\\-])${LOCAL}@${LABEL}(?:\\.${LABEL})*\\.\\p{L}{2,24}(?![\\p{L}\\p{N}])`, 'gu');

const AT_WORDS = 'at|собака|собачка|эт|эт-символ';
const DOT_WORDS = 'dot|точка|dt';
const BRACKETED_AT = `\\s*(?:\\[\\s*(?:${AT_WORDS}|@)\\s*\\]|\\(\\s*(?:${AT_WORDS}|@)\\s*\\)|\\{\\s*(?:${AT_WORDS}|@)\\s*\\}|<\\s*(?:${AT_WORDS})\\s*>)\\s*`;
const PLAIN_AT = `\\s+(?:${AT_WORDS}|собака|AT)\\s+`;
const BRACKETED_DOT = `\\s*(?:\\[\\s*(?:${DOT_WORDS}|\\.)\\s*\\]|\\(\\s*(?:${DOT_WORDS}|\\.)\\s*\\)|\\{\\s*(?:${DOT_WORDS})\\s*\\}|<\\s*(?:${DOT_WORDS})\\s*>)\\s*`;
const PLAIN_DOT = `\\s+(?:${DOT_WORDS}|DOT)\\s+`;
const TLD = '(?:ru|kg|kz|tj|uz|com|org|net|info|me|io|de|uk|eu|su|рф|ua|by|tr|ch|fr|edu|gov|mail|am|az|ge|tm|co|online)';
const DOT = `(?:${BRACKETED_DOT}|${PLAIN_DOT}|\\.)`;
const DOMAIN = `${LABEL}(?:${DOT}${LABEL})*?${DOT}${TLD}`;
const OBF_LOCAL = `${LOCAL}(?:(?:${BRACKETED_DOT}|${PLAIN_DOT})${LOCAL})?`;
const OBFUSCATED = re(
  `(?<![\\p{L}\\p{N}._%+\\-])${OBF_LOCAL}(?:(?:${BRACKETED_AT})${LABEL}(?:${DOT}${LABEL})*${DOT}\\p{L}{2,24}|(?:${PLAIN_AT}|${BRACKETED_AT})${DOMAIN})(?![\\p{L}\\p{N}])`,
  'giu',
);

/** "aigul @ mail.ru", "aigul@ mail.ru": spaces typed around the @ of a real domain. */
const SPACED = re(`(?<![\\p{L}\\p{N}._%+\\-])${LOCAL}[ \\t]?@[ \\t]?${LABEL}(?:\\.${LABEL})*\\.${TLD}(?![\\p{L}\\p{N}])`, 'giu');
/** "aigul@gmail", "aigul@mail": a mail provider's name with the domain left off. */
const PROVIDER = re(`(?<![\\p{L}\\p{N}._%+\\-])${LOCAL}[ \\t]?@[ \\t]?(?:gmail|googlemail|mail|yandex|ya|bk|inbox|list|rambler|yahoo|outlook|hotmail|live|icloud|proton|protonmail|tutanota)(?![\\p{L}\\p{N}.@])`, 'giu');

export const recogniseEmails: Recogniser = (text) => {
  const out = [];
  const lines = linesWithAt(text);
  for (const m of matchesOn(text, lines, PLAIN)) out.push(finding(m.index, m.index + m.text.length, 'email', 0.99, 'email'));
  for (const m of matchesOn(text, lines, SPACED)) if (/\s/.test(m.text)) out.push(finding(m.index, m.index + m.text.length, 'email', 0.95, 'email:spaced'));
  for (const m of matchesOn(text, lines, PROVIDER)) out.push(finding(m.index, m.index + m.text.length, 'email', 0.9, 'email:provider'));
  for (const m of text.matchAll(OBFUSCATED)) {
    if (m[0].includes('@') && !/[[({<]/.test(m[0])) continue; // a plain address, found above
    out.push(finding(m.index, trimEnd(text, m.index, m.index + m[0].length, '.,;:'), 'email', 0.95, 'email:obfuscated'));
  }
  return out;
};
