import { sentenceCase } from '../format';
import { hasMessage } from './catalogs';
import type { MessageId } from './catalogs';
import type { Translate } from './I18nProvider';

/**
 * Audit log entries are written by the core in fixed English words ("vault locked", "by the user") and are part
 * of the tamper-evident chain, so they stay as written in the vault; the log screen shows the ones it knows in
 * the interface's language and any other as written (an entry from a newer version, a record code).
 */
export function auditAction(t: Translate, action: string): string {
  const key = `audit.action.${action.replace(/\s+/g, '-')}`;
  return hasMessage(key) ? t(key) : sentenceCase(action);
}

/** Settings changes: "auto-lock; allow-list: 2 added, 1 removed; theme" part by part. */
function settingsDetail(t: Translate, detail: string): string {
  return detail
    .split('; ')
    .map((part) => {
      const allow = /^allow-list: (.*)$/.exec(part);
      if (allow) {
        const changes = (allow[1] ?? '').split(', ').map((c) => {
          const m = /^(\d+) (added|removed)$/.exec(c);
          return m ? t(m[2] === 'added' ? 'audit.setting.allowAdded' : 'audit.setting.allowRemoved', { count: Number(m[1]) }) : c;
        });
        return t('audit.setting.allowList', { changes: changes.join(', ') });
      }
      const key = `audit.setting.${part}`;
      return hasMessage(key) ? t(key) : part;
    })
    .join('; ');
}

/** The subject: a record code as it is; the count of an import ("4 interviews") in the interface's words. */
export function auditSubject(t: Translate, subject: string): string {
  const m = /^(\d+) (interviews|people)$/.exec(subject);
  return m ? t(m[2] === 'interviews' ? 'audit.subject.interviews' : 'audit.subject.people', { count: Number(m[1]) }) : subject;
}

/** Field groups of a person ("pseudonym, names"), as core/domain/audit-changes.ts names them. */
function groupsDetail(t: Translate, detail: string): string {
  return detail
    .split(', ')
    .map((g) => {
      const key = `audit.group.${g}`;
      return hasMessage(key) ? t(key) : g;
    })
    .join(', ');
}

/** "summary as md; redactions: person 3, phone 1; kept 0; sha256 …" (vault-service/export.ts). */
function exportDetail(t: Translate, detail: string): string {
  const m = /^(summary|notes) as (md|txt); redactions: (.*); kept (\d+); sha256 ([0-9a-f]{64})$/.exec(detail);
  if (!m) return detail;
  const counts =
    m[3] === 'none'
      ? t('audit.export.none')
      : (m[3] ?? '')
          .split(', ')
          .map((c) => {
            const k = /^([a-z-]+) (\d+)$/.exec(c);
            return k && hasMessage(`export.kind.${k[1]}`) ? `${t(`export.kind.${k[1]}` as MessageId)} ${k[2]}` : c;
          })
          .join(', ');
  return t('audit.export.detail', { part: t(m[1] === 'summary' ? 'export.part.summary' : 'export.part.notes'), format: t(m[2] === 'md' ? 'export.format.md' : 'export.format.txt'), counts, kept: Number(m[4]), sha256: m[5] });
}

/** Phrases joined by "; " (integrity warnings), each translated when known. */
function phrasesDetail(t: Translate, detail: string): string {
  return detail
    .split('; ')
    .map((p) => {
      const key = `audit.detail.${p}`;
      return hasMessage(key) ? t(key as MessageId) : p;
    })
    .join('; ');
}

export function auditDetail(t: Translate, action: string, detail: string): string {
  if (!detail) return detail;
  if (action === 'settings changed') return settingsDetail(t, detail);
  if (action === 'exported') return exportDetail(t, detail);
  if (action === 'integrity warning' || action === 'vault re-encrypted under a new key' || action === 'vault re-encryption completed') return phrasesDetail(t, detail);
  const missing = /^missing: (.*)$/.exec(detail);
  if (missing) return t('audit.detail.missing', { codes: missing[1] });
  if (action === 'person updated' || action === 'consent withdrawn' || action === 'consent withdrawal undone') return groupsDetail(t, detail);
  const damaged = /^(\d+) damaged$/.exec(detail);
  if (damaged) return t('audit.detail.damaged', { count: Number(damaged[1]) });
  const key = `audit.detail.${detail}`;
  return hasMessage(key) ? t(key) : detail;
}
