import { FILE_NOT_CHOSEN } from '../../../shared/api';
import type { AppError } from '../../../shared/result';
import { commonError } from '../../errors';
import type { Translate } from '../../i18n/I18nProvider';

/*
 * The core's travel refusals (src/core/vault-service/travel.ts, src/core/vault/travel-package.ts) are English
 * sentences; each known one gets its own text in the interface's language, as the other refusals do (errors.ts,
 * delivery-errors.ts). A sentence not recognised here is shown as the core wrote it.
 */

/** Whether an error is the core's refusal of an export or a brief because the register is away. */
export function isAwayRefusal(error: AppError): boolean {
  return /^The identity register is away \(travel mode since/.test(error.message) && /exports and briefs are off/.test(error.message);
}

/** Why travel.start did not run, in the interface's language. Nothing left the vault in any of these cases. */
export function travelStartError(error: AppError, t: Translate): string {
  const m = error.message;
  if (m === FILE_NOT_CHOSEN) return t('file.notChosen');
  if (m.startsWith('The register is already away')) return t('travel.error.alreadyAway');
  if (m.startsWith('Something already exists at that location')) return t('travel.error.fileExists');
  if (m.startsWith('The travel package cannot go inside the vault folder')) return t('travel.error.insideVault');
  if (m.startsWith('Travel mode needs a vault whose every record is checked')) return t('travel.error.damagedVault');
  if (m.startsWith('There is nothing to take away')) return t('travel.error.nothing');
  if (m.startsWith('The folder chosen for the travel package does not exist')) return t('travel.error.noFolder');
  if (m.startsWith('A colleague chosen for the package is no longer')) return t('travel.error.colleagueGone');
  if (error.code === 'disk-full') return t('travel.error.noSpace');
  if (error.code === 'read-only') return t('travel.error.readOnlyPlace');
  if (m.startsWith('The travel package did not read back correctly')) return t('travel.error.readBack');
  return commonError(error, t);
}

/** Which field a travel.end error belongs to: the package, the code, or the form as a whole. */
export interface TravelEndError {
  readonly field: 'file' | 'code' | 'form';
  readonly message: string;
}

/**
 * Why travel.end did not bring the register back: a mistyped word (the code's own check), a wrong code, a package of
 * another vault or journey, a damaged package, or something else. Nothing changes in the vault in any of these cases.
 */
export function travelEndError(error: AppError, t: Translate): TravelEndError {
  const m = error.message;
  if (m === FILE_NOT_CHOSEN) return { field: 'file', message: t('file.notChosen') };
  if (m.startsWith('That is not a valid recovery code')) {
    const count = /a recovery code has 12 words, and (\d+) were given/.exec(m);
    if (count) return { field: 'code', message: t('travel.error.wordCount', { count: Number(count[1]) }) };
    const word = /word (\d+) is not one of the code's words/.exec(m);
    if (word) return { field: 'code', message: t('travel.error.mistypedWord', { n: Number(word[1]) }) };
    return { field: 'code', message: t('travel.error.mistyped') };
  }
  if (m.startsWith('That recovery code is valid, but it does not open this package')) return { field: 'code', message: t('travel.error.wrongCode') };
  if (m.startsWith('This travel package belongs to another vault')) return { field: 'file', message: t('travel.error.otherVault') };
  if (m.startsWith('This travel package is from another journey')) return { field: 'file', message: t('travel.error.otherJourney') };
  if (m.startsWith('That file is not a Fieldvault travel package')) return { field: 'file', message: t('travel.error.notAPackage') };
  if (error.code === 'newer-version') return { field: 'file', message: t('travel.error.newer') };
  if (
    m.startsWith('This travel package is damaged') ||
    m.startsWith('This package does not hold what left the vault') ||
    m.startsWith('This package holds a record of a kind') ||
    m.startsWith('A record in this package does not authenticate')
  ) {
    return { field: 'file', message: t('travel.error.damaged') };
  }
  if (m.startsWith('There is no travel package at that location')) return { field: 'file', message: t('travel.error.missing') };
  if (m.startsWith('The register is at home')) return { field: 'form', message: t('travel.error.notAway') };
  return { field: 'form', message: commonError(error, t) };
}

/** The recovery code split into its words, for showing them numbered (the core joins them with single spaces). */
export function codeWords(code: string): readonly string[] {
  return code.split(/\s+/u).filter(Boolean);
}
