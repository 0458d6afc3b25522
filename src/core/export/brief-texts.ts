import type { BriefContent, BriefFieldText, BriefIncidentRow, BriefLanguage } from '../../shared/brief';
import type { Interview, Place, Taxonomy } from '../../shared/domain';
import { formatMonth } from '../brief/labels';
import { markdownToText } from './plain-text';

/**
 * The texts of a brief taken from one interview, before redaction: what the review shows and the engine scans.
 * The summary and the quotations are plain text (markdownToText) from the start, so that the offsets the
 * reviewer sees are the offsets of what is written.
 */

/** "city, country": the district is left out of a brief (it narrows a place down to a few streets). */
export function briefPlace(p: Place): string {
  return [p.city, p.country].map((x) => x.trim()).filter(Boolean).join(', ');
}

/** yyyy-mm of an ISO date; '' when undated. */
export function monthOf(date: string): string {
  return /^\d{4}-\d{2}/.test(date) ? date.slice(0, 7) : '';
}

/** Taxonomy type id -> its label; an id the taxonomy no longer has is shown as it is. */
export function incidentLabels(taxonomy: Taxonomy): (id: string) => string {
  const labels = new Map<string, string>();
  for (const g of taxonomy.groups) for (const t of g.types) labels.set(t.id, t.label);
  return (id) => labels.get(id) ?? id;
}

/**
 * The quotations marked in notes as Markdown blockquotes: consecutive "> " lines make one quotation. Nested
 * marks ("> > ") are read as the same quotation; a quotation with no words is skipped.
 */
export function quotationsIn(notes: string): string[] {
  const quotes: string[] = [];
  let current: string[] | null = null;
  const close = () => {
    if (current) {
      const text = markdownToText(current.join('\n')).trim();
      if (text) quotes.push(text);
    }
    current = null;
  };
  for (const line of notes.replace(/\r\n?/g, '\n').split('\n')) {
    const m = /^\s{0,3}>\s?(.*)$/.exec(line);
    if (m) (current ??= []).push(m[1]!.replace(/^(\s{0,3}>\s?)+/, ''));
    else close();
  }
  close();
  return quotes;
}

/**
 * The texts of one interview in a brief: heading, details, summary, then (when asked for) its quotations. The
 * month is spelled out ("April 2016"): a bare 2016-04 under a heading that ends in a year reads, to the leak
 * check and to a reader alike, as one number.
 */
export function interviewTexts(i: Interview, content: BriefContent, label: (id: string) => string, language: BriefLanguage): BriefFieldText[] {
  const month = monthOf(i.date);
  const details = [month ? formatMonth(month, language) : '', briefPlace(i.place), i.incidentTypes.map(label).join(', ')].filter((d) => d.trim() !== '');
  const fields: BriefFieldText[] = [
    { field: 'heading', index: 0, label: 'Heading', original: i.title.trim() },
    ...details.map((d, index) => ({ field: 'details' as const, index, label: 'Details', original: d })),
    // an empty summary stays in the review (original '') so that it can say nothing is written for it
    { field: 'summary', index: 0, label: i.summary.trim() ? 'Summary' : 'Summary (empty: nothing is written for it)', original: markdownToText(i.summary) },
  ];
  if (content === 'summary-and-quotes') {
    quotationsIn(i.body).forEach((q, index) => fields.push({ field: 'quote', index, label: `Quotation ${index + 1}`, original: q }));
  }
  return fields;
}

/** The title and the method note of the brief. */
export function frontTexts(title: string, method: string): BriefFieldText[] {
  return [
    { field: 'title', index: 0, label: 'Title', original: title.trim() },
    { field: 'method', index: 0, label: 'Method', original: method.replace(/\r\n?/g, '\n').trim() },
  ];
}

/** What the incidents table counts: the interview's incident types at its place (as the engine left it) and month. */
export interface IncidentSource {
  readonly types: readonly string[];
  readonly place: string;
  readonly month: string;
}

/** Rows of the incidents table: how many interviews report each type, at each place, in each month. */
export function incidentRows(sources: readonly IncidentSource[]): BriefIncidentRow[] {
  const counts = new Map<string, { type: string; place: string; month: string; count: number }>();
  for (const s of sources) {
    for (const type of new Set(s.types)) {
      const key = JSON.stringify([type, s.place, s.month]);
      const row = counts.get(key) ?? { type, place: s.place, month: s.month, count: 0 };
      row.count++;
      counts.set(key, row);
    }
  }
  return [...counts.values()].sort((a, b) => a.type.localeCompare(b.type) || a.place.localeCompare(b.place) || a.month.localeCompare(b.month));
}

/** Paragraphs of a plain text: blocks separated by blank lines, each trimmed; empty ones dropped. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}
