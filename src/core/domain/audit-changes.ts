import type { Person, PersonFields, VaultSettings } from '../../shared/domain';

/**
 * What an audit entry says about a change: field group and setting names, counts and reasons only — never a
 * value. Names, contacts, allow-list strings and the like stay out of the log, which is shown on screen and
 * kept for as long as the vault lives.
 */

/** The groups a person's fields are named by in the log, in the order they are listed. */
const PERSON_GROUPS: readonly (readonly [string, readonly (keyof PersonFields)[]])[] = [
  ['pseudonym', ['pseudonym']],
  ['names', ['given', 'family', 'patronymic', 'otherSpellings']],
  ['contacts', ['contacts']],
  ['details', ['birthDate', 'age', 'gender', 'nationality', 'ethnicity', 'location']],
  ['role', ['role']],
  ['consent', ['consent']],
  ['risk notes', ['riskNotes']],
];

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export interface AuditNote {
  readonly action: string;
  readonly detail: string;
}

/**
 * The audit entry for saving a person, or null when no field changed. Withdrawing consent (a withdrawal date set
 * where there was none) is its own action, as is undoing one; other changed groups follow in the detail.
 */
export function personChange(before: Person, after: Person): AuditNote | null {
  const groups = PERSON_GROUPS.filter(([, keys]) => keys.some((k) => !same(before[k], after[k]))).map(([name]) => name);
  if (groups.length === 0) return null;
  const wasWithdrawn = before.consent.withdrawnOn !== '';
  const isWithdrawn = after.consent.withdrawnOn !== '';
  if (!wasWithdrawn && isWithdrawn) return { action: 'consent withdrawn', detail: groups.filter((g) => g !== 'consent').join(', ') };
  if (wasWithdrawn && !isWithdrawn) return { action: 'consent withdrawal undone', detail: groups.filter((g) => g !== 'consent').join(', ') };
  return { action: 'person updated', detail: groups.join(', ') };
}

/** The audit detail for a settings change ("auto-lock, allow-list: 2 added"), or null when nothing changed. */
export function settingsChange(before: VaultSettings, after: VaultSettings): string | null {
  const parts: string[] = [];
  if (before.autoLockMinutes !== after.autoLockMinutes) parts.push('auto-lock');
  if (before.searchIncludesPeople !== after.searchIncludesPeople) parts.push('search includes people');
  const was = new Set(before.allowList);
  const now = new Set(after.allowList);
  const added = [...now].filter((x) => !was.has(x)).length;
  const removed = [...was].filter((x) => !now.has(x)).length;
  if (added || removed) parts.push(`allow-list: ${[added ? `${added} added` : '', removed ? `${removed} removed` : ''].filter(Boolean).join(', ')}`);
  if (before.theme !== after.theme) parts.push('theme');
  if (before.language !== after.language) parts.push('language');
  if ((before.backupReminderDays ?? null) !== (after.backupReminderDays ?? null)) parts.push('backup reminder');
  return parts.length ? parts.join('; ') : null;
}

/** Why the vault was locked, as the renderer reports it (absent when it does not say, e.g. the command line). */
export type LockReasonCode = 'user' | 'idle' | 'requested' | 'system';

export function lockDetail(reason: LockReasonCode | undefined): string {
  switch (reason) {
    case 'user':
      return 'by the user';
    case 'idle':
      return 'after inactivity';
    case 'requested':
    case 'system':
      return 'by the system (sleep, screen lock or quitting)';
    default:
      return '';
  }
}
