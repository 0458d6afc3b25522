import type { AuditEntry } from '../../shared/domain';
import { RecordKind, type WriteOp } from '../vault/store';

/**
 * The append-only audit log. Each entry is its own encrypted record and carries the hash of the one before;
 * hash = BLAKE2b-256(audit key, prevHash | JSON of the entry without its hash). Entries name record codes,
 * never people's names.
 */
export const GENESIS = '0'.repeat(64);

type Unhashed = Omit<AuditEntry, 'hash'>;

/**
 * Keyed BLAKE2b-256 of a message under the audit key. The key stays with its owner (RecordStore.auditHash): an
 * audit log never holds the key array itself, so it always hashes with the vault's current key (a
 * re-encryption replaces it) and never with one zeroed under it.
 */
export type AuditHasher = (message: Uint8Array) => Uint8Array;

function entryHash(hash: AuditHasher, e: Unhashed): string {
  const payload = JSON.stringify([e.seq, e.at, e.action, e.subject, e.detail, e.prevHash]);
  // Buffer's UTF-8 and hex rather than TextEncoder and the wrapper's hex: every unlock hashes the whole chain.
  return Buffer.from(hash(Buffer.from(`${e.prevHash}|${payload}`, 'utf8'))).toString('hex');
}

/**
 * The same entries chained again under another key (a re-encryption under a fresh master key changes the
 * audit key). Only for a chain that verified under the old key: re-chaining must never launder a broken one.
 */
export function rechain(hash: AuditHasher, entries: readonly AuditEntry[]): AuditEntry[] {
  let prev = GENESIS;
  return [...entries]
    .sort((a, b) => a.seq - b.seq)
    .map((e) => {
      const unhashed: Unhashed = { seq: e.seq, at: e.at, action: e.action, subject: e.subject, detail: e.detail, prevHash: prev };
      const entry = { ...unhashed, hash: entryHash(hash, unhashed) };
      prev = entry.hash;
      return entry;
    });
}

export class AuditLog {
  private entries: AuditEntry[] = [];

  constructor(private readonly hash: AuditHasher) {}

  /** Loads entries and reports whether the chain is unbroken (no entry changed, removed or reordered). */
  load(entries: readonly AuditEntry[]): boolean {
    this.entries = [...entries].sort((a, b) => a.seq - b.seq);
    let prev = GENESIS;
    let intact = true;
    this.entries.forEach((e, i) => {
      if (e.seq !== i + 1 || e.prevHash !== prev || entryHash(this.hash, e) !== e.hash) intact = false;
      prev = e.hash;
    });
    return intact;
  }

  /** Whether the loaded chain still verifies. */
  verify(): boolean {
    return this.load(this.entries);
  }

  list(): readonly AuditEntry[] {
    return this.entries;
  }

  /** Builds the next entry and the write that stores it; commit() once the write has succeeded. */
  prepare(action: string, subject: string, detail = '', newId: () => string): { entry: AuditEntry; op: WriteOp } {
    const last = this.entries[this.entries.length - 1];
    const unhashed: Unhashed = {
      seq: (last?.seq ?? 0) + 1,
      at: new Date().toISOString(),
      action,
      subject,
      detail,
      prevHash: last?.hash ?? GENESIS,
    };
    const entry: AuditEntry = { ...unhashed, hash: entryHash(this.hash, unhashed) };
    return { entry, op: { type: 'put', kind: RecordKind.audit, id: newId(), data: entry } };
  }

  commit(entry: AuditEntry): void {
    this.entries.push(entry);
  }
}
