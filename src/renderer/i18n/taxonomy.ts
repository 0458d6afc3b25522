import type { IncidentGroup, IncidentType, Taxonomy } from '../../shared/domain';
import { allTranslations, hasMessage, messagesFor, SOURCE_LANGUAGE } from './catalogs';
import type { Translate } from './I18nProvider';

/**
 * Labels of incident types and groups in the interface's language.
 *
 * The vault stores one label per type, as written (the built-in ones in English, from resources/taxonomy.json).
 * A built-in type whose label is still the English default is shown from the catalogs ("taxonomy.type.<id>"),
 * so it reads in every interface language and a new language translates it in its file. A type the researcher
 * added, or a built-in one they renamed, has a label of their own: it is shown as written, in whatever language
 * they wrote it (no per-language labels to keep in step in the vault).
 */

function catalogId(kind: 'type' | 'group', id: string, stored: string): string | null {
  const key = `taxonomy.${kind}.${id}`;
  return hasMessage(key) && messagesFor(SOURCE_LANGUAGE)[key] === stored ? key : null;
}

export function typeLabel(t: Translate, type: IncidentType): string {
  const key = catalogId('type', type.id, type.label);
  return key ? t(key as Parameters<Translate>[0]) : type.label;
}

export function groupLabel(t: Translate, group: IncidentGroup): string {
  const key = catalogId('group', group.id, group.label);
  return key ? t(key as Parameters<Translate>[0]) : group.label;
}

/** A type's label for an id on an interview (the id itself when the type was removed since). */
export function incidentTypeLabel(t: Translate, taxonomy: Taxonomy, id: string): string {
  for (const g of taxonomy.groups) for (const x of g.types) if (x.id === id) return typeLabel(t, x);
  return id;
}

/** Every label a type or group answers to when filtering: as stored, and a built-in one in every language. */
function labelsOf(kind: 'type' | 'group', item: IncidentType | IncidentGroup): readonly string[] {
  const key = catalogId(kind, item.id, item.label);
  return key ? [item.label, ...allTranslations(key)] : [item.label];
}

/** Case- and accent-insensitive form for matching ("Задерж" and "задерж", "é" and "e", "ё" and "е"). */
export function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The taxonomy's groups with only the types matching a query (in the active language or any other: "задерж"
 * finds "Arbitrary arrest" also in the English interface); a group's name matching keeps all its types.
 */
export function filterTaxonomy(taxonomy: Taxonomy, query: string): readonly IncidentGroup[] {
  const q = fold(query.trim());
  if (!q) return taxonomy.groups;
  const matches = (labels: readonly string[]) => labels.some((l) => fold(l).includes(q));
  return taxonomy.groups
    .map((g) => (matches(labelsOf('group', g)) ? g : { ...g, types: g.types.filter((x) => matches(labelsOf('type', x))) }))
    .filter((g) => g.types.length > 0);
}
