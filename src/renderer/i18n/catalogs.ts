/// <reference types="vite/client" />
import type { LanguageChoice } from '../../shared/domain';
import en from './messages/en.json';

/**
 * The interface languages are the catalogs in ./messages: one JSON file per language, named by its code
 * (en.json, ru.json). Adding ky.json, with its own "language.name", is the whole job for a third language: the
 * list in Settings and the choice of the system's language both come from the files found here. English is the
 * source: a message missing from a catalog is shown in English.
 */
export type MessageId = keyof typeof en;
export type Catalog = Readonly<Record<string, string>>;

export const SOURCE_LANGUAGE = 'en';

const files = import.meta.glob<Catalog>('./messages/*.json', { eager: true, import: 'default' });

const catalogs: ReadonlyMap<string, Catalog> = new Map(
  Object.entries(files)
    .map(([path, catalog]) => [/([^/]+)\.json$/.exec(path)?.[1] ?? '', catalog] as const)
    .filter(([code]) => code !== ''),
);

/** Every language the interface can be shown in: code and its own name ("Русский"), English first. */
export function interfaceLanguages(): readonly { readonly code: string; readonly name: string }[] {
  return [...catalogs.entries()]
    .map(([code, c]) => ({ code, name: c['language.name'] ?? code }))
    .sort((a, b) => (a.code === SOURCE_LANGUAGE ? -1 : b.code === SOURCE_LANGUAGE ? 1 : a.name.localeCompare(b.name)));
}

/** A language code with a catalog for a BCP-47 tag ("ru-RU" -> "ru"), or null. */
function catalogCode(tag: string): string | null {
  const lower = tag.toLowerCase();
  for (const code of catalogs.keys()) if (code.toLowerCase() === lower) return code;
  const primary = lower.split('-')[0] ?? '';
  for (const code of catalogs.keys()) if (code.toLowerCase() === primary) return code;
  return null;
}

/** The system's languages, most preferred first (navigator.languages; empty outside a browser). */
export function systemLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : navigator.language ? [navigator.language] : [];
}

/**
 * The language to show for a choice: the chosen catalog, or for 'system' (and a code without a catalog) the first
 * of the system's languages that has one, else English.
 */
export function resolveLanguage(choice: LanguageChoice | undefined, system: readonly string[] = systemLanguages()): string {
  if (choice && choice !== 'system') {
    const code = catalogCode(choice);
    if (code) return code;
  }
  for (const tag of system) {
    const code = catalogCode(tag);
    if (code) return code;
  }
  return SOURCE_LANGUAGE;
}

const merged = new Map<string, Catalog>();

/** A language's messages over the English ones, so a message not yet translated shows in English. */
export function messagesFor(code: string): Catalog {
  let m = merged.get(code);
  if (!m) {
    m = code === SOURCE_LANGUAGE ? (en as Catalog) : { ...(en as Catalog), ...(catalogs.get(code) ?? {}) };
    merged.set(code, m);
  }
  return m;
}

/** Every catalog's messages for one id (English first), e.g. to match a label in any language. */
export function allTranslations(id: string): readonly string[] {
  const out: string[] = [];
  const english = (en as Catalog)[id];
  if (english !== undefined) out.push(english);
  for (const [code, c] of catalogs) if (code !== SOURCE_LANGUAGE && c[id] !== undefined) out.push(c[id] as string);
  return out;
}

/** True when the English catalog has this id (for ids built at run time, such as a taxonomy type's). */
export function hasMessage(id: string): id is MessageId {
  return Object.prototype.hasOwnProperty.call(en, id);
}
