/**
 * The interface catalogs (src/renderer/i18n/messages/*.json): every language has exactly the English keys, every
 * message is valid ICU MessageFormat, a translation uses the same placeholders as the English, and plurals give
 * Russian its one/few/many forms.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../ui/support';

const dir = join(repoRoot, 'src/renderer/i18n/messages');
const catalogs = new Map(
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>] as const),
);
const en = catalogs.get('en') ?? {};

/**
 * Placeholder names and what they take ("count:number", "name:text"), through plural and select branches: a
 * number may be a plural in one language and a plain number in another, but never text in one and a number in
 * the other.
 */
function placeholders(elements: readonly MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const e of elements) {
    switch (e.type) {
      case TYPE.argument:
        out.add(`${e.value}:text`);
        break;
      case TYPE.number:
        out.add(`${e.value}:number`);
        break;
      case TYPE.date:
      case TYPE.time:
        out.add(`${e.value}:date`);
        break;
      case TYPE.plural:
      case TYPE.select:
        out.add(`${e.value}:${e.type === TYPE.plural ? 'number' : 'text'}`);
        for (const option of Object.values(e.options)) placeholders(option.value, out);
        break;
      case TYPE.tag:
        out.add(`<${e.value}>`);
        placeholders(e.children, out);
        break;
      default:
        break;
    }
  }
  return out;
}

describe('interface catalogs', () => {
  it('has English and Russian, each naming itself', () => {
    expect([...catalogs.keys()]).toEqual(expect.arrayContaining(['en', 'ru']));
    for (const [code, c] of catalogs) expect(typeof c['language.name'], code).toBe('string');
    expect(catalogs.get('ru')?.['language.name']).toBe('Русский');
  });

  for (const [code, catalog] of catalogs) {
    it(`${code}: same keys as English, every message a string that parses, same placeholders`, () => {
      expect(Object.keys(catalog).sort()).toEqual(Object.keys(en).sort());
      for (const [id, text] of Object.entries(catalog)) {
        expect(typeof text, id).toBe('string');
        let ast: MessageFormatElement[] = [];
        expect(() => (ast = parse(text as string)), `${code} ${id}`).not.toThrow();
        const english = placeholders(parse(en[id] as string));
        expect([...placeholders(ast)].sort(), `${code} ${id}`).toEqual([...english].sort());
      }
    });
  }

  it('Russian plurals give one, few and many their own forms; no untranslated Latin-only sentences', () => {
    const ru = catalogs.get('ru') ?? {};
    const plurals = Object.entries(ru).filter(([, t]) => /,\s*plural,/.test(t as string));
    expect(plurals.length).toBeGreaterThan(5);
    const branches = (elements: readonly MessageFormatElement[], out: string[][] = []): string[][] => {
      for (const e of elements) {
        if (e.type === TYPE.plural) out.push(Object.keys(e.options));
        if (e.type === TYPE.plural || e.type === TYPE.select) for (const o of Object.values(e.options)) branches(o.value, out);
        if (e.type === TYPE.tag) branches(e.children, out);
      }
      return out;
    };
    for (const [id, text] of plurals) {
      // one/few/many/other all together (one is also 21, 31...); "=1" alone is for a sentence about exactly one
      for (const keys of branches(parse(text as string))) {
        expect(keys, id).toContain('other');
        if (keys.some((k) => ['one', 'few', 'many'].includes(k))) expect(keys, id).toEqual(expect.arrayContaining(['one', 'few', 'many']));
      }
      // and the message formats for every count (values of the right kind for each placeholder)
      const f = new IntlMessageFormat(text as string, 'ru');
      const names = [...placeholders(parse(text as string))].filter((p) => !p.startsWith('<'));
      const values = (n: number) => Object.fromEntries(names.map((p) => [p.split(':')[0], p.endsWith(':number') ? n : p.endsWith(':date') ? new Date(0) : 'x']));
      for (const n of [0, 1, 2, 5, 11, 21, 1.5]) expect(() => f.format(values(n)), `${id} ${n}`).not.toThrow();
    }
    // A Russian message that has words but no Cyrillic letter was most likely left in English.
    const latinOnly = Object.entries(ru).filter(([id, t]) => !/[А-Яа-яЁё]/.test(t as string) && /[A-Za-z]{4,}\s+[A-Za-z]{4,}/.test((t as string).replace(/\{[^}]*\}/g, '')) && id !== 'language.name');
    expect(latinOnly).toEqual([]);
  });

  it('formats a Russian plural as a Russian speaker says it', () => {
    const ru = catalogs.get('ru') ?? {};
    const minutes = new IntlMessageFormat(ru['settings.lock.minutes'] as string, 'ru');
    expect([1, 2, 5, 21, 11].map((count) => minutes.format({ count }))).toEqual(['1 минута', '2 минуты', '5 минут', '21 минута', '11 минут']);
  });
});
