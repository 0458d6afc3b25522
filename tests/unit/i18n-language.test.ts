/**
 * Which interface language is shown (the vault's choice, else the system's first language with a catalog, else
 * English), and incident types in every language: built-in ones from the catalogs, found by a word in any
 * language; a type the researcher added or renamed shown and found as written.
 */
import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import defaultTaxonomy from '../../resources/taxonomy.json';
import type { Taxonomy } from '../../src/shared/domain';
import { interfaceLanguages, messagesFor, resolveLanguage } from '../../src/renderer/i18n/catalogs';
import { translator } from '../../src/renderer/i18n/I18nProvider';
import { filterTaxonomy, typeLabel } from '../../src/renderer/i18n/taxonomy';
import { settingsChange } from '../../src/core/domain/audit-changes';
import { defaultVaultSettings } from '../../src/shared/domain';
import { vaultSettingsSchema } from '../../src/shared/schemas';

const t = (code: string) => translator(createIntl({ locale: code, messages: messagesFor(code) }));
const taxonomy = defaultTaxonomy as Taxonomy;
const typesOf = (groups: Taxonomy['groups']) => groups.flatMap((g) => g.types.map((x) => x.id));

describe('the interface language', () => {
  it('lists every catalog by its own name, English first', () => {
    const list = interfaceLanguages();
    expect(list[0]).toEqual({ code: 'en', name: 'English' });
    expect(list).toContainEqual({ code: 'ru', name: 'Русский' });
  });

  it('the vault’s choice, else the system’s first language with a catalog, else English', () => {
    expect(resolveLanguage('ru', ['en-US'])).toBe('ru');
    expect(resolveLanguage('en', ['ru-RU'])).toBe('en');
    expect(resolveLanguage('system', ['ru-RU', 'en-US'])).toBe('ru');
    expect(resolveLanguage('system', ['ky-KG', 'ru-KG'])).toBe('ru'); // no Kyrgyz catalog yet: the next language
    expect(resolveLanguage('system', ['de-DE', 'fr'])).toBe('en');
    expect(resolveLanguage('system', [])).toBe('en');
    // a code without a catalog (a vault from a build that had one) falls back like "system"
    expect(resolveLanguage('ky', ['ru-RU'])).toBe('ru');
    expect(resolveLanguage(undefined, ['RU'])).toBe('ru');
  });

  it('is a vault setting: "system" by default, a short language code, named in the audit log', () => {
    expect(defaultVaultSettings.language).toBe('system');
    const language = (value: unknown) => vaultSettingsSchema.partial().safeParse({ language: value }).success;
    expect(['system', 'ru', 'en', 'ky', 'pt-BR'].map(language)).toEqual([true, true, true, true, true]);
    expect(['', 'Русский', 'RU', 'ru_RU', 'x'.repeat(40), 5].map(language)).toEqual([false, false, false, false, false, false]);
    expect(settingsChange(defaultVaultSettings, { ...defaultVaultSettings, language: 'ru' })).toBe('language');
  });

  it('a message missing from a catalog is English, never an id', () => {
    const ru = messagesFor('ru');
    const en = messagesFor('en');
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
    expect(messagesFor('xx')['sections.interviews']).toBe('Interviews');
  });

  it('Russian plurals and dates through the catalog', () => {
    const ru = t('ru');
    expect([1, 2, 5, 21].map((count) => ru('people.count', { count }).split('.')[0])).toEqual(['В реестре 1 человек', 'В реестре 2 человека', 'В реестре 5 человек', 'В реестре 21 человек']);
    expect([1, 3, 11].map((count) => ru('search.results', { count }))).toEqual(['1 результат', '3 результата', '11 результатов']);
    expect(t('en')('search.results', { count: 1 })).toBe('1 result');
  });
});

describe('incident types in every language', () => {
  it('built-in types read in the interface’s language', () => {
    const arrest = taxonomy.groups[0]!.types.find((x) => x.id === 'arbitrary-arrest')!;
    expect(typeLabel(t('ru'), arrest)).toBe('Произвольное задержание');
    expect(typeLabel(t('en'), arrest)).toBe('Arbitrary arrest');
  });

  it('"задерж" finds the detention types in either interface language; an English word finds them too', () => {
    const found = typesOf(filterTaxonomy(taxonomy, 'задерж'));
    expect(found).toEqual(expect.arrayContaining(['arbitrary-arrest', 'airport-detention']));
    expect(found).not.toContain('dismissal');
    expect(typesOf(filterTaxonomy(taxonomy, 'ЗАДЕРЖАНИЕ В'))).toEqual(['airport-detention']);
    expect(typesOf(filterTaxonomy(taxonomy, 'arrest'))).toEqual(['arbitrary-arrest']);
    expect(typesOf(filterTaxonomy(taxonomy, 'торговля'))).toEqual(['trafficking']);
  });

  it('a renamed or added type is shown and found as the researcher wrote it', () => {
    const mine: Taxonomy = {
      groups: [
        {
          id: 'violence-detention',
          label: 'Violence and detention',
          types: [
            { id: 'arbitrary-arrest', label: 'Задержание без протокола' },
            { id: 'housing-eviction', label: 'Выселение из общежития' },
          ],
        },
      ],
    };
    const [renamed, added] = mine.groups[0]!.types;
    expect(typeLabel(t('en'), renamed!)).toBe('Задержание без протокола');
    expect(typeLabel(t('ru'), added!)).toBe('Выселение из общежития');
    expect(typesOf(filterTaxonomy(mine, 'выселен'))).toEqual(['housing-eviction']);
    // the built-in English name no longer applies to a renamed type
    expect(typesOf(filterTaxonomy({ groups: [{ ...mine.groups[0]!, label: 'Моя группа' }] }, 'arbitrary'))).toEqual([]);
  });
});
