import { BUNDLE_REFUSALS, type BundleRefusal } from '../../../shared/delivery';
import { FILE_NOT_CHOSEN } from '../../../shared/api';
import type { AppError } from '../../../shared/result';
import { commonError } from '../../errors';
import type { Translate } from '../../i18n/I18nProvider';

/** The bundle refusal an error value carries (its message is one of BUNDLE_REFUSALS), or null. */
export function bundleRefusal(error: AppError): BundleRefusal | null {
  for (const [reason, message] of Object.entries(BUNDLE_REFUSALS)) if (error.message === message) return reason as BundleRefusal;
  return null;
}

/** Why a bundle was not opened, in the interface's language: each refusal its own text. */
export function openError(error: AppError, t: Translate): string {
  const reason = bundleRefusal(error);
  if (reason) {
    switch (reason) {
      case 'not-a-bundle':
        return t('received.refused.not-a-bundle');
      case 'newer-version':
        return t('received.refused.newer-version');
      case 'damaged':
        return t('received.refused.damaged');
      case 'not-for-you':
        return t('received.refused.not-for-you');
      case 'replay':
        return t('received.refused.replay');
      case 'too-large':
        return t('received.refused.too-large');
    }
  }
  if (error.code === 'not-found' && /no file at that path/.test(error.message)) return t('received.refused.missing');
  return deliveryError(error, t);
}

/** A card or colleague error in the interface's language (the core's text when not one of these). */
export function deliveryError(error: AppError, t: Translate): string {
  const m = error.message;
  if (m === FILE_NOT_CHOSEN) return t('file.notChosen');
  if (m.startsWith('That is not a Fieldvault card')) return t('colleagues.error.notACard');
  if (m.startsWith('That card is mistyped')) return t('colleagues.error.mistyped');
  if (m.startsWith('That card was made by a newer')) return t('colleagues.error.newer');
  if (m.startsWith('That is this vault’s own card')) return t('colleagues.error.own');
  const dup = /^That card is already in your colleagues, as "(.*)"\.$/s.exec(m);
  if (dup) return t('colleagues.error.duplicate', { label: dup[1] });
  const same = /^A colleague is already called "(.*)"\. Choose another name\.$/s.exec(m);
  if (same) return t('colleagues.error.sameName', { label: same[1] });
  if (m === 'Give the colleague a name.') return t('colleagues.add.needLabel');
  if (m.startsWith('That colleague is no longer')) return t('colleagues.error.gone');
  return commonError(error, t);
}
