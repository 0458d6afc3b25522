import { describe, expect, it } from 'vitest';
import { normalise, toOriginal } from '../../src/core/redaction/normalise';
import { tokenise, wordKey } from '../../src/core/redaction/keys';

describe('redaction normalise', () => {
  it('removes zero-width characters and soft hyphens and maps back to the original offsets', () => {
    const text = 'x Sultan\u200balie\u00adva y';
    const n = normalise(text);
    expect(n.text).toBe('x Sultanalieva y');
    const at = n.text.indexOf('Sultanalieva');
    expect(toOriginal(n, at, at + 'Sultanalieva'.length)).toEqual({ start: 2, end: text.indexOf(' y') });
  });

  it('turns non-breaking and narrow spaces into spaces and ё into е', () => {
    expect(normalise('+996\u00a0555\u202f123 Артём').text).toBe('+996 555 123 Артем');
  });

  it('composes to NFC without losing the map', () => {
    const text = 'Aygu\u0308l 5'; // u + combining diaeresis
    const n = normalise(text);
    expect(n.text).toBe('Aygül 5');
    expect(toOriginal(n, 0, 6)).toEqual({ start: 0, end: 7 });
  });

  it('folds look-alike letters into the majority script of the word', () => {
    expect(normalise('Sult\u0430nalieva').text).toBe('Sultanalieva'); // Cyrillic а in a Latin word
    expect(normalise('Султ\u0061налиева').text).toBe('Султаналиева'); // Latin a in a Cyrillic word
    expect(normalise('Bishkek Бишкек').text).toBe('Bishkek Бишкек');
  });

  it('rejoins a word hyphenated across a line break, but not a hyphen before a capital', () => {
    const text = 'Султана-\nлиева and Петров-\nВодкин';
    const n = normalise(text);
    expect(n.text.startsWith('Султаналиева and')).toBe(true);
    expect(n.text).toContain('Петров-\nВодкин');
    expect(toOriginal(n, 0, 'Султаналиева'.length)).toEqual({ start: 0, end: text.indexOf(' and') });
  });

  it('folds compatibility forms (fullwidth, mathematical, ligatures) with NFKC and maps every unit back', () => {
    const text = 'тел. ＋９９６ ５５５ １２３ ４５６, ａｉｇｕｌ＠ｍａｉｌ．ｒｕ, 𝐀𝐢𝐠𝐮𝐥, ﬁle';
    const n = normalise(text);
    expect(n.text).toBe('тел. +996 555 123 456, aigul@mail.ru, Aigul, file');
    const at = n.text.indexOf('+996');
    const o = toOriginal(n, at, at + '+996 555 123 456'.length);
    expect(text.slice(o.start, o.end)).toBe('＋９９６ ５５５ １２３ ４５６');
    const bold = n.text.indexOf('Aigul');
    expect(text.slice(toOriginal(n, bold, bold + 5).start, toOriginal(n, bold, bold + 5).end)).toBe('𝐀𝐢𝐠𝐮𝐥'); // astral: two units each
    const fi = n.text.indexOf('file');
    expect(toOriginal(n, fi, fi + 1)).toEqual({ start: text.indexOf('ﬁ'), end: text.indexOf('ﬁ') + 1 });
    expect(n.starts).toHaveLength(n.text.length);
  });

  it('keeps the compatibility characters that matching needs as they are: №, superscripts, primes, spacing accents', () => {
    const text = '№ 12, Sultanalieva¹, 42°52′28.6″N, o´g´li, 2ª';
    expect(normalise(text).text).toBe(text);
  });

  it('reads other scripts\' digits as ASCII digits', () => {
    expect(normalise('۰۵۵۵ ۱۲۳ ٤٥٦').text).toBe('0555 123 456');
  });

  it('treats hyphens always, and dashes and minus signs between digits, as "-"; a spaced dash stays punctuation', () => {
    const n = normalise('0555\u201112\u201134, 996\u2212555\u2012123\u2013456, Петров\u2010Водкин, 2019 \u2013 2021, Бишкек\u2013Ош');
    expect(n.text).toBe('0555-12-34, 996-555-123-456, Петров-Водкин, 2019 \u2013 2021, Бишкек\u2013Ош');
  });

  it('sees a number wrapped over a line break as one run', () => {
    expect(normalise('+996 555\n123 456').text).toBe('+996 555 123 456');
    expect(normalise('2019\n\n2020').text).toBe('2019\n\n2020');
  });
});

describe('redaction keys', () => {
  it('gives one key to the same name across scripts, schemes and case', () => {
    const k = wordKey('Султаналиевой');
    for (const v of ['SULTANALIEVOY', 'Sultanalievoi', 'Sultanalievoj', 'Sultanaliyevoy']) expect(wordKey(v)).toBe(k);
    expect(wordKey('Юсупова')).toBe(wordKey('Yusupova'));
    expect(wordKey('Юсупова')).toBe(wordKey('Iusupova'));
    expect(wordKey('Жылдыз')).toBe(wordKey('Zhyldyz'));
    expect(wordKey('Мээрим')).toBe(wordKey('Meerim'));
    expect(wordKey('Рахимов')).toBe(wordKey('Rakhimov'));
    expect(wordKey('Рахимов')).not.toBe(wordKey('Karimov'));
  });

  it('tokenises Cyrillic words without \\b, marks initials and leaves possessives outside the word', () => {
    const tokens = tokenise("А. Султаналиева and Sultanalieva's статья");
    expect(tokens.map((t) => t.text)).toEqual(['А', 'Султаналиева', 'and', 'Sultanalieva', 'статья']);
    expect(tokens[0]!.initial).toBe(true);
    expect(tokens[1]!.joined).toBe(true);
    expect(tokens[3]!.key).toBe(tokens[1]!.key);
  });
});
