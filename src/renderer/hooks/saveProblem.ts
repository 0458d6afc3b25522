import type { ZodType } from 'zod';
import { createIntl } from 'react-intl';
import type { AppError } from '../../shared/result';
import { messagesFor, SOURCE_LANGUAGE } from '../i18n/catalogs';
import { translator, type Translate } from '../i18n/I18nProvider';

/**
 * Why a save did not reach the vault, in a researcher's words, and whether trying again later can help. The
 * core's own text is never shown for a rejected request: it is a validator's ("Invalid request … Too big").
 */
export interface SaveProblem {
  readonly code: AppError['code'];
  /** Short, for the status beside the title: "Not saved: the disk is full". */
  readonly title: string;
  /** What to do, under it. */
  readonly detail: string;
  /** Whether the editor retries on its own (a full disk can be freed; a too-long title stays too long). */
  readonly retries: boolean;
}

/** Names of an editor's fields for messages; nested fields by their dotted path ("place.country"). */
export type FieldLabels = Readonly<Record<string, string>>;

/**
 * Without a translator (a unit test, a call outside React) the messages are the English catalog's: the same
 * words the interface shows in English.
 */
const english: Translate = translator(createIntl({ locale: SOURCE_LANGUAGE, messages: messagesFor(SOURCE_LANGUAGE) }));

export function saveProblem(error: AppError, t: Translate = english): SaveProblem {
  // Honest about the one way they can still be lost: a lock drops them, since they may not go to disk unencrypted.
  const keep = t('save.problem.keep');
  const title = (what: string) => t('save.problem.title', { what });
  switch (error.code) {
    case 'disk-full':
      return { code: error.code, title: title(t('save.problem.diskFull')), detail: t('save.problem.diskFullDetail', { keep }), retries: true };
    case 'read-only':
      return { code: error.code, title: title(t('save.problem.readOnly')), detail: t('save.problem.readOnlyDetail', { keep }), retries: true };
    case 'permission-denied':
      return { code: error.code, title: title(t('save.problem.permission')), detail: t('save.problem.permissionDetail', { keep }), retries: true };
    case 'locked':
      return { code: error.code, title: title(t('save.problem.locked')), detail: t('save.problem.lockedDetail'), retries: false };
    case 'not-found':
      return { code: error.code, title: title(t('save.problem.gone')), detail: t('save.problem.goneDetail'), retries: false };
    case 'invalid-request':
      // Normally caught before sending (checkFields): a field the screen did not limit, or a newer core.
      return { code: error.code, title: title(t('save.problem.invalid')), detail: t('save.problem.invalidDetail'), retries: false };
    default:
      return { code: error.code, title: title(t('save.problem.other')), detail: t('save.problem.otherDetail', { keep }), retries: true };
  }
}

/**
 * Checks changed fields against the same schema the core applies, so a field over its limit is named in the
 * message ("The title is too long: at most 1,000 characters") instead of failing with the validator's text.
 */
export function checkFields(schema: ZodType | undefined, changes: object, labels: FieldLabels, t: Translate = english): SaveProblem | null {
  if (!schema) return null;
  const parsed = schema.safeParse(changes);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  if (!issue) return null;
  const path = issue.path.filter((p) => typeof p === 'string').join('.');
  const top = typeof issue.path[0] === 'string' ? issue.path[0] : '';
  const label = labels[path] ?? labels[top] ?? t('save.problem.aField');
  const title = (what: string) => t('save.problem.title', { what });
  const item = typeof issue.path.at(-1) === 'number';
  if (issue.code === 'too_big') {
    const max = Number((issue as { maximum?: number | bigint }).maximum ?? 0);
    const origin = (issue as { origin?: string }).origin;
    if (origin === 'array') {
      return { code: 'invalid-request', title: title(t('save.problem.tooMany', { label })), detail: t('save.problem.tooManyDetail', { label, max }), retries: false };
    }
    const what = item ? t('save.problem.entryIn', { label }) : label;
    return { code: 'invalid-request', title: title(t('save.problem.tooLong', { what })), detail: t('save.problem.tooLongDetail', { what, max }), retries: false };
  }
  return { code: 'invalid-request', title: title(t('save.problem.notValid', { label })), detail: t('save.problem.notValidDetail', { label }), retries: false };
}
