import type { MessageId } from '../../i18n/catalogs';
import type { Translate } from '../../i18n/I18nProvider';
import type { RedactionKind } from '../../../shared/domain';
import { KIND_LABELS } from './redaction';

/**
 * The engine words its reasons in English (they also reach the CLI's --json output); the review shows them in
 * the interface's language, read by their shape here.
 */

/** A redaction kind's name; a kind this version does not know, as given. */
export function kindLabel(t: Translate, kind: string): string {
  return kind in KIND_LABELS ? t(KIND_LABELS[kind as RedactionKind]) : kind;
}

/** The name recogniser's grounds for a suggestion, as the core words them, and their messages. */
const NAME_GROUNDS: Readonly<Record<string, MessageId>> = {
  'a given name': 'export.why.name.given',
  'a surname': 'export.why.name.surname',
  'a patronymic': 'export.why.name.patronymic',
  initials: 'export.why.name.initials',
  'a patronymic particle': 'export.why.name.particle',
  'after a family or role word': 'export.why.name.afterFamily',
  'after a verb of speech': 'export.why.name.afterSpeech',
  'before a family word': 'export.why.name.beforeFamily',
  'before a verb of speech': 'export.why.name.beforeSpeech',
  'listed with other names': 'export.why.name.listed',
  'the name in another script': 'export.why.name.otherScript',
  'the same name as another suggestion': 'export.why.name.sameName',
  'a capitalised word where a name may stand': 'export.why.name.capitalised',
};

/** The phone recogniser's plain reasons, and their messages. */
const PHONE_REASONS: Readonly<Record<string, MessageId>> = {
  'country code without +': 'export.why.phone.countryWithoutPlus',
  'no country code': 'export.why.phone.noCountryCode',
  length: 'export.why.phone.length',
  'international prefix': 'export.why.phone.internationalPrefix',
  date: 'export.why.phone.date',
};

/**
 * The core's reason for a finding, translated by its shape (tests/unit/finding-reasons.test.ts checks every
 * reason the engine gives on the fixture corpus has one); a reason of an unknown shape is shown as written.
 */
export function findingReason(t: Translate, reason: string, kind?: string): string {
  if (reason === 'a person in the register') return t('export.why.register');
  const contact = /^a contact detail \(([\w-]+)\)$/.exec(reason);
  if (contact) return t('export.why.contact', { kind: kindLabel(t, contact[1] ?? '').toLowerCase() });
  if (reason.startsWith('a register name next to a name')) return t('export.why.mixed');
  const valid = /^valid (\w+) number( with trunk 8)?$/.exec(reason);
  if (valid && valid[1] !== 'international') return t(valid[2] ? 'export.why.validNumberTrunk' : 'export.why.validNumber', { country: valid[1] });
  if (reason === 'valid international number') return t('export.why.international');
  if (reason === 'possible international number') return t('export.why.possibleInternational');
  if (reason === 'digit run that may be a phone number') return t('export.why.digitRun');
  if (reason === 'close to a register name') return t('export.why.nearRegister');
  const phone = PHONE_REASONS[reason];
  if (phone) return t(phone);
  const unlisted = /^a name not in the register \((.*)\)$/s.exec(reason);
  if (unlisted) {
    const grounds = (unlisted[1] ?? '').split(', ').map((g) => (NAME_GROUNDS[g] ? t(NAME_GROUNDS[g]) : g));
    return t('export.why.unlisted', { why: grounds.join(', ') });
  }
  // a recogniser's name for itself ("id:passport", "email:spaced"): say which kind of pattern matched
  if (kind && /^[a-z-]+(:[a-z-]+)?$/.test(reason)) return t('export.why.pattern', { kind: kindLabel(t, kind).toLowerCase() });
  return reason;
}
