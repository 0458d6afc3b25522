import { userPath } from './paths';
import { forTerminal } from './terminal';
import type { BriefFormat, BriefLanguage, BriefRequest } from '../shared/brief';
import type { InterviewFilter, PersonReplacement } from '../shared/domain';
import type { VaultService as Service } from '../core/service';
import { VaultError } from '../core/errors';
import { recipientsByLabel } from './delivery';

/**
 * `fieldvault brief`: a brief across the interviews the filters match, with the engine's automatic findings only
 * (no one reviews it by hand here), through the same consent rules and fail-closed leak check as the app.
 */

export class BriefUsageError extends Error {}

export interface BriefOptions {
  readonly format: BriefFormat;
  readonly out: string;
  readonly title: string;
  readonly filter: InterviewFilter;
  readonly incident: string | undefined;
  readonly quotes: boolean;
  readonly people: PersonReplacement;
  readonly language: BriefLanguage;
  /** --seal-to: colleagues' labels; the brief is then sealed to them into a .fvb bundle at `out`. */
  readonly sealTo: readonly string[] | undefined;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (2026-02-29 and 2026-13-45 are not). */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d); // not Date.UTC: it reads years 0-99 as 1900-1999
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The options, checked before the vault is opened (a typo costs no passphrase). */
export function briefOptions(flags: ReadonlyMap<string, string | true>): BriefOptions {
  const value = (name: string): string | undefined => {
    const v = flags.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const format = value('format');
  if (format !== 'md' && format !== 'txt' && format !== 'docx' && format !== 'pdf') throw new BriefUsageError('--format must be md, txt, docx or pdf.');
  const out = value('out');
  if (!out) throw new BriefUsageError('--out FILE is required.');
  const people = value('people') ?? 'redacted';
  if (people !== 'redacted' && people !== 'pseudonym' && people !== 'code') throw new BriefUsageError('--people must be redacted, pseudonym or code.');
  const language = value('language') ?? 'en';
  if (language !== 'en' && language !== 'ru') throw new BriefUsageError('--language must be en or ru.');
  const from = value('from');
  const to = value('to');
  for (const [name, d] of [['from', from], ['to', to]] as const) {
    if (d !== undefined && !isCalendarDate(d)) throw new BriefUsageError(`--${name} must be a real date written YYYY-MM-DD, such as 2026-03-01.`);
  }
  if (from !== undefined && to !== undefined && from > to) throw new BriefUsageError(`--from (${from}) is after --to (${to}): no interview could match.`);
  const title = (value('title') ?? (language === 'ru' ? 'Справка' : 'Brief')).trim();
  if (!title) throw new BriefUsageError('--title must not be empty.');
  const place = value('place');
  const tag = value('tag');
  const filter: InterviewFilter = { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(place ? { place } : {}), ...(tag ? { tag } : {}) };
  const sealFlag = value('seal-to');
  const sealTo = sealFlag === undefined ? undefined : sealFlag.split(',').map((l) => l.trim()).filter(Boolean);
  if (sealTo !== undefined && (sealTo.length === 0 || sealTo.length > 16)) throw new BriefUsageError('--seal-to takes 1 to 16 colleagues, separated by commas.');
  if (sealTo !== undefined && !out.toLowerCase().endsWith('.fvb')) throw new BriefUsageError('With --seal-to, --out must be a .fvb file (the sealed bundle).');
  if (sealTo === undefined && !out.toLowerCase().endsWith(`.${format}`)) {
    throw new BriefUsageError(`--out must end in .${format} for --format ${format} (got "${out}"): the file is written exactly where --out says, and nothing is added to its name.`);
  }
  return { format, out: userPath(out, 'export'), title, filter, incident: value('incident'), quotes: flags.has('quotes'), people, language, sealTo };
}

/** An incident type by its id or its label (either case), as the taxonomy has it. */
function incidentId(service: Service, wanted: string): string {
  const w = wanted.trim().toLocaleLowerCase();
  for (const g of service.taxonomy().groups) {
    for (const t of g.types) if (t.id.toLocaleLowerCase() === w || t.label.toLocaleLowerCase() === w) return t.id;
  }
  throw new VaultError('invalid-request', `No incident type "${wanted}" in this vault's taxonomy (give its id or its label).`);
}

/** Writes the brief; what to print (a line for people, or JSON). */
export async function briefCommand(service: Service, o: BriefOptions, json: boolean): Promise<string> {
  const filter: InterviewFilter = o.incident === undefined ? o.filter : { ...o.filter, incidentType: incidentId(service, o.incident) };
  const request: BriefRequest = {
    title: o.title,
    method: '',
    selection: { filter },
    content: o.quotes ? 'summary-and-quotes' : 'summary',
    personMode: o.people,
    language: o.language,
  };
  if (o.sealTo) {
    const to = await recipientsByLabel(service, o.sealTo);
    const sealed = await service.briefSeal({ request, format: o.format, decisions: {}, path: o.out, recipients: to.ids });
    if (json) return JSON.stringify(sealed);
    const n = sealed.interviews;
    return `Sealed a brief of ${n} ${n === 1 ? 'interview' : 'interviews'} (${sealed.inner.format}) to ${sealed.recipients.map(forTerminal).join(', ')} in ${forTerminal(sealed.path)} (sha256 ${sealed.sha256.slice(0, 16)}…)`;
  }
  const result = await service.briefWrite({ request, format: o.format, decisions: {}, path: o.out });
  if (json) return JSON.stringify(result);
  const counts = Object.entries(result.redactions).map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
  return `Wrote a brief of ${result.interviews} ${result.interviews === 1 ? 'interview' : 'interviews'} to ${forTerminal(result.path)} (redactions: ${counts}; sha256 ${result.sha256.slice(0, 16)}…)`;
}
