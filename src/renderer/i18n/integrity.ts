import type { RecordKindName, UnlockReport } from '../../shared/domain';
import type { MessageId } from './catalogs';
import { hasMessage } from './catalogs';
import type { Translate } from './I18nProvider';

/**
 * The integrity report in the interface's language. The core reports structure (counts, kinds, codes) plus a
 * reason sentence per damaged record; the reasons it is known to give are translated here, any other is shown
 * as the core wrote it.
 */

const KIND_IDS: Readonly<Record<RecordKindName, string>> = {
  interview: 'interview',
  person: 'person',
  'audit entry': 'auditEntry',
  'code counters': 'codeCounters',
  'earlier versions': 'earlierVersions',
  'incident taxonomy': 'taxonomy',
  settings: 'settings',
  'delivery keys': 'deliveryKeys',
  colleague: 'colleague',
  'received brief': 'receivedBrief',
  'travel record': 'travelRecord',
};

/** "Interview INT-0003", "A record (person)", "A record of unknown kind". */
export function recordLabel(t: Translate, r: { readonly kind?: RecordKindName; readonly code?: string }): string {
  if (r.kind && r.code) return t(`integrity.record.${KIND_IDS[r.kind]}` as MessageId, { code: r.code });
  if (r.kind) return t('integrity.record.ofKind', { kind: t(`integrity.kind.${KIND_IDS[r.kind]}` as MessageId) });
  return t('integrity.record.unknown');
}

/** "3 interviews", "1 audit entry" with the language's plural rules. */
export function recordCount(t: Translate, kind: RecordKindName, count: number): string {
  return t(`integrity.count.${KIND_IDS[kind]}` as MessageId, { count });
}

const REASONS: Readonly<Record<string, string>> = {
  'authentication failed: the record was altered, damaged or moved from another row': 'integrity.reason.auth',
  'a record of a kind Fieldvault does not know: its row was altered': 'integrity.reason.kind',
  'a row Fieldvault cannot account for (its columns are not what Fieldvault writes)': 'integrity.reason.row',
  'the decrypted record is not valid JSON': 'integrity.reason.json',
};

export function damageReason(t: Translate, reason: string): string {
  const key = REASONS[reason];
  return key && hasMessage(key) ? t(key) : reason;
}

/** Why exports are refused, as shared/domain.ts exportRefusal decides it, or null when they are allowed. */
export function exportRefusalText(t: Translate, report: UnlockReport): string | null {
  if (report.damaged.length > 0) return t('integrity.refusal.damaged', { count: report.damaged.length });
  if (!report.sealIntact) return t('integrity.refusal.seal');
  if (!report.verified) return t('integrity.refusal.checking');
  return null;
}
