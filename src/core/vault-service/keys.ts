import type { AuditEntry, KdfParams } from '../../shared/domain';
import { passphraseBytes } from '../crypto/kdf';
import { wipe } from '../crypto/sodium';
import { rechain } from '../domain/audit';
import { VaultError } from '../errors';
import type { HeaderWriteHooks } from '../vault/header';
import type { RekeyNote } from '../vault/store';
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
export async function rekey(slot: SessionSlot, current: string, next: string, kdf: KdfParams | undefined): Promise<RekeyOutcome> {
  const s = requireSession(slot);
  await s.verification;
  if (s.report.damaged.length > 0 || s.store.integrityFlags !== 0) {
    throw new VaultError('integrity', 'Deal with the integrity warnings first (restore or remove damaged records, or accept the vault as it is); nothing was changed.');
  }
  const cur = passphraseBytes(current);
  const nxt = passphraseBytes(next);
  try {
    if (!s.audit.verify()) throw new VaultError('integrity', 'The audit log does not verify; nothing was changed.');
    let rechained: AuditEntry[] = [];
    // Throws only when nothing was committed; once it returns, the records, seal and keys are the new ones.
    const { notes } = await s.store.rekey(
      cur,
      nxt,
      (records, hash) => {
        const sorted = [...records].sort((a, b) => (a.data as AuditEntry).seq - (b.data as AuditEntry).seq);
        rechained = rechain(hash, sorted.map((r) => r.data as AuditEntry));
        const data = new Map(sorted.map((r, i) => [r.id, rechained[i] as unknown]));
        const last = rechained[rechained.length - 1];
        return { data, anchor: { seq: last?.seq ?? 0, hash: last?.hash ?? '0'.repeat(64) } };
      },
      kdf,
    );
    // Memory follows the new chain. The log hashes through the store (its current key), so it needs no new key.
    const ids = new Map([...s.auditEntries].map(([id, e]) => [e.seq, id]));
    s.auditEntries.clear();
    for (const e of rechained) s.auditEntries.set(ids.get(e.seq)!, e);
    s.audit.load(rechained);
    s.dirty = true;
    // The session may have been locked meanwhile (the store then refuses); the re-encryption stands either way.
    const all = notes.map((n) => REKEY_NOTES[n].text);
    if (slot.get() === s) {
      try {
        commit(s, [], 'vault re-encrypted under a new key', '', notes.map((n) => REKEY_NOTES[n].audit).join('; '));
        persistCache(s);
      } catch (err) {
        all.push(`The re-encryption is complete, but its audit entry could not be written (${(err as Error).message}).`);
      }
    }
    return { notes: all };
  } finally {
    wipe(cur, nxt);
  }
}

/** What the researcher is told, and the audit entry's detail (fixed words the interface translates). */
export const REKEY_NOTES: Record<RekeyNote, { readonly text: string; readonly audit: string }> = {
  'header-pending': {
    text: 'The re-encryption is complete, but the new header could not yet be put in place of the old one (the file was busy); this is finished automatically at the next unlock with the new passphrase. The old passphrase no longer opens the vault.',
    audit: 'new header put in place at the next unlock',
  },
  'compaction-pending': {
    text: 'The re-encryption is complete, but the vault file could not yet be compacted, so pages written under the old key may remain in it; this is done again at lock and at the next unlock with the new passphrase. The old passphrase no longer opens the vault.',
    audit: 'vault file compacted at the next unlock',
  },
};

/** A re-encryption that returned has happened; notes say what is finished at the next unlock. */
export interface RekeyOutcome {
  readonly notes: readonly string[];
}
