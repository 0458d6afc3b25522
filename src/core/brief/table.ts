import type { Brief, BriefLanguage } from '../../shared/brief';
import { formatMonth, labelsFor } from './labels';

/** The incidents table as both writers show it: the cells as text, the total of the counts. */
export interface IncidentTable {
  readonly header: readonly [string, string, string, string];
  readonly rows: readonly (readonly [string, string, string, string])[];
  readonly total: readonly [string, string];
}

export function incidentTable(brief: Brief, language: BriefLanguage): IncidentTable {
  const l = labelsFor(language);
  const rows = brief.incidents.map(
    (r) => [r.type || l.notStated, r.place || l.notStated, r.month ? formatMonth(r.month, language) : l.notStated, String(r.count)] as const,
  );
  const sum = brief.incidents.reduce((n, r) => n + r.count, 0);
  return { header: [l.type, l.place, l.month, l.count], rows, total: [l.total, String(sum)] };
}
