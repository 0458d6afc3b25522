import type { AuditEntry, UnlockReport } from '../../shared/domain';
import { personDoc } from '../catalog/heads';
import { flagsToReport } from '../domain/integrity';
import { VaultError } from '../errors';
import { RecordKind } from '../vault/store';
import { commit, forget, putOp, refreshCounts, type Session } from './session';

/** Dealing with what unlock found (damaged, missing and tampered records), and the audit log that records it. */

/**
 * The researcher has checked every record and reviewed what is missing, and accepts the vault as it now is:
 * the warnings stop repeating and exports are possible again (the audit log keeps the warnings). Refused
 * while records are unchecked or damaged: those must be removed or restored first.
 */
export function acknowledgeIntegrity(s: Session): UnlockReport {
  if (!s.report.verified) throw new VaultError('integrity', 'Every record must be checked first; try again in a moment.');
  if (s.report.damaged.length > 0) {
    throw new VaultError('integrity', 'Remove or restore the damaged records first; accepting the vault cannot make them readable.');
  }
  if (s.store.integrityFlags === 0) return s.report;
  s.store.setIntegrityFlags(0);
  const what = s.report.missing.map((m) => m.code || m.kind).join(', ');
  commit(s, [], 'vault accepted as it is', '', what ? `missing: ${what}` : '');
  s.recoverable.clear();
  s.dirty = true; // the cache's record of what was missing goes with the warning
  s.report = { ...s.report, ...flagsToReport(0), sealDifferences: [], missing: [] };
  return s.report;
}

/** Removes a damaged record after the researcher has seen which it is. Audited with its kind and code. */
export function removeDamagedRecord(s: Session, id: string): UnlockReport {
  const d = s.report.damaged.find((x) => x.id === id);
  if (!d) throw new VaultError('not-found', 'That record is not among the damaged ones.');
  if (s.store.has(id)) commit(s, [{ type: 'delete', id }], 'damaged record removed', d.code ?? '', d.kind ?? '');
  else {
    s.store.removeDamaged(id);
    commit(s, [], 'damaged record removed', '', 'unaccountable row');
  }
  forget(s, id);
  s.recoverable.delete(id);
  s.report = { ...s.report, damaged: s.report.damaged.filter((x) => x.id !== id) };
  refreshCounts(s);
  return s.report;
}

/**
 * Puts a missing or damaged person back from the last session's encrypted copy (the search cache holds the
 * register whole), under the same id, so the register is complete again before anything is exported.
 */
export function restoreRecord(s: Session, id: string): UnlockReport {
  const person = s.recoverable.get(id);
  if (!person) throw new VaultError('not-found', 'No copy of that record is kept; restore the vault from a backup instead.');
  const revs = commit(s, [putOp(RecordKind.person, person)], 'person restored from the last session\'s copy', person.code);
  const saved = { ...person, revision: revs.get(id)! };
  s.people.set(id, saved);
  s.codes.set(saved.code, id);
  s.index.upsert(personDoc(saved));
  s.recoverable.delete(id);
  s.report = {
    ...s.report,
    damaged: s.report.damaged.filter((x) => x.id !== id),
    missing: s.report.missing.filter((x) => x.id !== id),
    // What the seal counted at unlock, against what is here now that she is back.
    sealDifferences: s.report.sealDifferences.map((d) => (d.kind === 'person' ? { ...d, present: d.present + 1 } : d)).filter((d) => d.present !== d.sealed),
  };
  refreshCounts(s);
  return s.report;
}

export function auditLog(s: Session): readonly AuditEntry[] {
  // a copy: the log's own array keeps growing (the lock's entry, say) after the caller has it
  return [...s.audit.list()];
}
