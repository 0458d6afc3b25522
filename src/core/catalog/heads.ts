import type { Interview, InterviewSummaryRow, Person } from '../../shared/domain';
import type { IndexedDocument } from '../search/index';

/** What stays in memory for each interview while unlocked: everything but the notes and the summary. */
export type InterviewHead = Omit<Interview, 'body' | 'summary'>;

export function headOf(i: Interview): InterviewHead {
  const { body: _body, summary: _summary, ...head } = i;
  return head;
}

export function summaryRow(i: InterviewHead): InterviewSummaryRow {
  return { id: i.id, code: i.code, title: i.title, date: i.date, place: i.place, status: i.status, updatedAt: i.updatedAt };
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
