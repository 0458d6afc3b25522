import type { AuditEntry, KdfParams } from '../../shared/domain';
import { passphraseBytes } from '../crypto/kdf';
import { loadSodium, wipe } from '../crypto/sodium';
import { AuditLog, rechain } from '../domain/audit';
import { VaultError } from '../errors';
import type { HeaderWriteHooks } from '../vault/header';
import { commit, persistCache, requireSession, type SessionSlot } from './session';

/**
 * Changing the passphrase, and re-encrypting everything under a fresh key. Both await before they record the
 * change in the audit log, so they take the slot and look the open session up again for that entry.
 */

export async function changePassphrase(
  slot: SessionSlot,
  current: string,
  next: string,
  headerHooks: HeaderWriteHooks | undefined,
  kdf: KdfParams | undefined,
): Promise<void> {
  const s = requireSession(slot);
  const cur = passphraseBytes(current);
  const nxt = passphraseBytes(next);
  try {
    await s.store.changePassphrase(cur, nxt, headerHooks, kdf);
    commit(requireSession(slot), [], 'passphrase changed', '');
  } finally {
    wipe(cur, nxt);
  }
}

/**
 * "Change passphrase and re-encrypt everything": a fresh master key, every record re-encrypted under it, the
 * audit chain re-keyed, the database vacuumed and its WAL truncated. Only on a vault whose every record has
 * been checked and whose warnings have been dealt with (re-keying must not launder evidence of tampering).
 */
export async function rekey(slot: SessionSlot, current: string, next: string, kdf: KdfParams | undefined): Promise<void> {
  const s = requireSession(slot);
  await s.verification;
  if (s.report.damaged.length > 0 || s.store.integrityFlags !== 0) {
    throw new VaultError('integrity', 'Deal with the integrity warnings first (restore or remove damaged records, or accept the vault as it is); nothing was changed.');
  }
  const sodium = await loadSodium();
  const cur = passphraseBytes(current);
  const nxt = passphraseBytes(next);
  try {
    if (!s.audit.verify()) throw new VaultError('integrity', 'The audit log does not verify; nothing was changed.');
    let rechained: AuditEntry[] = [];
    await s.store.rekey(
      cur,
      nxt,
      (records, auditKey) => {
        const sorted = [...records].sort((a, b) => (a.data as AuditEntry).seq - (b.data as AuditEntry).seq);
        rechained = rechain(sodium, auditKey, sorted.map((r) => r.data as AuditEntry));
        const data = new Map(sorted.map((r, i) => [r.id, rechained[i] as unknown]));
        const last = rechained[rechained.length - 1];
        return { data, anchor: { seq: last?.seq ?? 0, hash: last?.hash ?? '0'.repeat(64) } };
      },
      kdf,
    );
    // Memory follows the new key: the audit log verifies under it from now on, the search cache is rewritten.
    const ids = new Map([...s.auditEntries].map(([id, e]) => [e.seq, id]));
    s.auditEntries.clear();
    for (const e of rechained) s.auditEntries.set(ids.get(e.seq)!, e);
    s.audit = new AuditLog(sodium, s.store.auditKey);
    s.audit.load(rechained);
    s.dirty = true;
    commit(requireSession(slot), [], 'vault re-encrypted under a new key', '');
    persistCache(s);
  } finally {
    wipe(cur, nxt);
  }
}
