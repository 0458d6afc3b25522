import type { BriefLanguage, BriefPeriod } from '../../shared/brief';

/**
 * The writers' own words, in the brief's language. Month names are spelled out here rather than taken from
 * Intl, so that a brief reads the same on every machine (ICU data differs between Node and Electron builds).
 */
export interface BriefLabels {
  /** What the document is, above its title. */
  readonly documentKind: string;
  readonly period: string;
  readonly interviews: (count: number) => string;
  readonly method: string;
  readonly anonymity: string;
  readonly incidents: string;
  readonly noIncidents: string;
  readonly type: string;
  readonly place: string;
  readonly month: string;
  readonly count: string;
  readonly total: string;
  readonly notStated: string;
  readonly sections: string;
  readonly quote: string;
  /** "Page 2 of 5" as the text before, between and after the two numbers (Word fills them in as fields). */
  readonly pageOf: readonly [string, string, string];
}

const EN: BriefLabels = {
  documentKind: 'Brief',
  period: 'Period',
  interviews: (n) => `${n} ${n === 1 ? 'interview' : 'interviews'}`,
  method: 'Method',
  anonymity:
    'Names and other details that could identify a person have been removed. Interviews are cited by codes that exist only in this brief (B-1, B-2…).',
  incidents: 'Incidents by type, place and month',
  noIncidents: 'No incidents recorded in the interviews of this brief.',
  type: 'Type of incident',
  place: 'Place',
  month: 'Month',
  count: 'Cases',
  total: 'Total',
  notStated: 'not stated',
  sections: 'Interviews',
  quote: 'Quotation',
  pageOf: ['Page ', ' of ', ''],
};

const RU: BriefLabels = {
  documentKind: 'Справка',
  period: 'Период',
  // "интервью" does not decline
  interviews: (n) => `${n} интервью`,
  method: 'Методология',
  anonymity:
    'Имена и другие сведения, по которым можно установить личность, удалены. Интервью обозначены кодами, которые действуют только в этой справке (B-1, B-2…).',
  incidents: 'Нарушения по видам, местам и месяцам',
  noIncidents: 'В интервью этой справки нарушения не отмечены.',
  type: 'Вид нарушения',
  place: 'Место',
  month: 'Месяц',
  count: 'Случаев',
  total: 'Итого',
  notStated: 'не указано',
  sections: 'Интервью',
  quote: 'Цитата',
  pageOf: ['Стр. ', ' из ', ''],
};

export function labelsFor(language: BriefLanguage): BriefLabels {
  switch (language) {
    case 'en':
      return EN;
    case 'ru':
      return RU;
  }
}

/** A quotation in the language's quotation marks. */
export function quoted(text: string, language: BriefLanguage): string {
  switch (language) {
    case 'en':
      return `\u201C${text}\u201D`;
    case 'ru':
      return `\u00AB${text}\u00BB`;
  }
}

export function pageLabel(labels: BriefLabels, page: number, pages: number): string {
  const [before, between, after] = labels.pageOf;
  return `${before}${page}${between}${pages}${after}`;
}

const MONTHS: Record<BriefLanguage, { readonly standalone: readonly string[]; readonly inDate: readonly string[] }> = {
  en: {
    standalone: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    inDate: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  },
  ru: {
    standalone: ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'],
    // "1 марта": the genitive after a day
    inDate: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
  },
};

/** yyyy-mm → "March 2026" / "март 2026"; anything else is shown as it is (it is already reviewed text). */
export function formatMonth(month: string, language: BriefLanguage): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const name = m ? MONTHS[language].standalone[Number(m[2]) - 1] : undefined;
  return m && name ? `${name} ${m[1]}` : month;
}

/** yyyy-mm-dd → "1 March 2026" / "1 марта 2026"; yyyy-mm as formatMonth. */
export function formatDate(date: string, language: BriefLanguage): string {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!d) return formatMonth(date, language);
  const name = MONTHS[language].inDate[Number(d[2]) - 1];
  return name ? `${Number(d[3])} ${name} ${d[1]}` : date;
}

/** "1 March 2026 – 31 May 2026", "from 1 March 2026", "с 1 марта 2026"; '' when both ends are open. */
export function formatPeriod(period: BriefPeriod, language: BriefLanguage): string {
  const from = period.from ? formatDate(period.from, language) : '';
  const to = period.to ? formatDate(period.to, language) : '';
  if (from && to) return from === to ? from : `${from} – ${to}`;
  if (from) return language === 'ru' ? `с ${from}` : `from ${from}`;
  if (to) return language === 'ru' ? `по ${to}` : `until ${to}`;
  return '';
}
