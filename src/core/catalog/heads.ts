import type { Interview, InterviewFilter, InterviewSort, InterviewSummaryRow, Person } from '../../shared/domain';
import type { IndexedDocument } from '../search/index';

/**
 * What stays in memory for each interview while unlocked: everything but the notes and the summary, plus the
 * code names (W-017) that the notes or summary mention. Codes, not ids: codes are never reused, and a code
 * can be resolved whatever order records were loaded in.
 */
export type InterviewHead = Omit<Interview, 'body' | 'summary'> & { readonly mentions: readonly string[] };

/** Person codes as written in notes: "W-017", optionally "@W-017". */
const PERSON_CODE = /(?<![\p{L}\p{N}-])W-\d{3,}(?![\p{L}\p{N}])/gu;

export function mentionedCodes(i: Pick<Interview, 'body' | 'summary'>): string[] {
  return [...new Set([...`${i.summary}\n${i.body}`.matchAll(PERSON_CODE)].map((m) => m[0]))];
}

export function headOf(i: Interview): InterviewHead {
  const { body: _body, summary: _summary, ...head } = i;
  return { ...head, mentions: mentionedCodes(i) };
}

export type IdByCode = (code: string) => string | undefined;

/** Everyone an interview concerns: linked explicitly or mentioned by code (people still in the register). */
export function peopleOf(h: InterviewHead, idByCode: IdByCode): string[] {
  const mentioned = h.mentions.map(idByCode).filter((id): id is string => id !== undefined);
  return [...new Set([...h.people, ...mentioned])];
}

export function summaryRow(h: InterviewHead, idByCode: IdByCode): InterviewSummaryRow {
  return {
    id: h.id,
    code: h.code,
    title: h.title,
    date: h.date,
    place: h.place,
    status: h.status,
    format: h.format,
    languages: h.languages,
    interviewer: h.interviewer,
    incidentTypes: h.incidentTypes,
    tags: h.tags,
    people: peopleOf(h, idByCode),
    createdAt: h.createdAt,
    updatedAt: h.updatedAt,
  };
}

const lower = (s: string) => s.toLocaleLowerCase();

export function matchesFilter(h: InterviewHead, f: InterviewFilter | undefined, codeOf: (id: string) => string | undefined): boolean {
  if (!f) return true;
  if (f.from && (!h.date || h.date < f.from)) return false;
  if (f.to && (!h.date || h.date > f.to)) return false;
  if (f.country && lower(h.place.country.trim()) !== lower(f.country.trim())) return false;
  if (f.place) {
    const q = lower(f.place.trim());
    if (!lower(h.place.city).includes(q) && !lower(h.place.district).includes(q)) return false;
  }
  if (f.incidentType && !h.incidentTypes.includes(f.incidentType)) return false;
  if (f.tag && !h.tags.some((t) => lower(t) === lower(f.tag!))) return false;
  if (f.status && h.status !== f.status) return false;
  if (f.personId && !h.people.includes(f.personId)) {
    const code = codeOf(f.personId);
    if (!code || !h.mentions.includes(code)) return false;
  }
  return true;
}

export function compareHeads(sort: InterviewSort | undefined): (a: InterviewHead, b: InterviewHead) => number {
  const s = sort ?? { key: 'code', direction: 'desc' };
  const sign = s.direction === 'asc' ? 1 : -1;
  const key = (h: InterviewHead): string => {
    switch (s.key) {
      case 'date':
        return h.date || '0000';
      case 'code':
        return h.code;
      case 'title':
        return lower(h.title);
      case 'place':
        return lower(`${h.place.country} ${h.place.city} ${h.place.district}`);
      case 'status':
        return h.status;
      case 'updated':
        return h.updatedAt;
    }
  };
  return (a, b) => sign * key(a).localeCompare(key(b)) || b.code.localeCompare(a.code);
}

export function interviewText(i: Interview): string {
  const p = i.place;
  return [p.country, p.city, p.district, i.interviewer, i.languages.join(' '), i.incidentTypes.join(' '), i.tags.join(' '), i.summary, i.body].join('\n');
}

export function interviewDoc(i: Interview): IndexedDocument {
  return { kind: 'interview', id: i.id, code: i.code, title: i.title, text: interviewText(i) };
}

export function personText(p: Person): string {
  const names = [p.given, p.family, p.patronymic].flatMap((n) => [n.latin, n.cyrillic]);
  return [p.pseudonym, ...names, ...p.otherSpellings, ...p.contacts.map((c) => c.value), p.location, p.nationality, p.ethnicity, p.riskNotes].join('\n');
}

export function personDoc(p: Person): IndexedDocument {
  return { kind: 'person', id: p.id, code: p.code, title: p.pseudonym || p.code, text: personText(p) };
}
