import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportRefusal } from '../../shared/domain';
import type { TravelCounts, TravelEndResult, TravelReissueResult, TravelStartResult, TravelStatus } from '../../shared/travel';
import { loadSodium, wipe, type Sodium } from '../crypto/sodium';
import { decodeCard, isCard } from '../delivery/card';
import { describeIoError, VaultError } from '../errors';
import { fsyncDir, tempPathFor } from '../fs/atomic';
import { assertLocalLocation, liesInside, refuseNonLocalSpelling } from '../vault/layout';
import { decodeRecoveryCode, encodeRecoveryCode, isRecoveryEntropy, RECOVERY_ENTROPY_BYTES } from '../vault/recovery-code';
import { RecordKind, type StoredRecord, type VerbatimRow, type WriteOp } from '../vault/store';
import { encodeTravelPackage, openPayload, readTravelPackageFile, unwrapAsColleague, unwrapWithCode, type ParsedTravelPackage } from '../vault/travel-package';
import { identityOf } from './delivery';
import { apply, commit, forget, persistCache, refreshCounts, requireSession, requireWritable, write, type Session, type SessionSlot } from './session';

/**
 * Travel mode (SECURITY.md, "Travel mode"). travel.start moves the register (and interviews with chosen tags, with
 * their kept versions) into a package that only a recovery code opens, then removes them so that neither their
 * plaintext nor their ciphertext remains in the vault's files; travel.end puts them back, row for row as they
 * were stored. The rows stay encrypted under the vault's keys inside the package: the code alone reveals nothing.
 *
 * Crash safety: (a) the package is written, fsynced, renamed and read back with the code before the vault
 * changes; (b) one transaction removes the rows and writes the travel record (phase 'compacting', holding the
 * package key and path); (c) the cache is rewritten, the file vacuumed and its WAL truncated, then the record
 * becomes 'away' without the key, and only then is the code handed out. An unlock that finds 'compacting'
 * (the code was never shown) puts everything back from the package instead: nothing is lost to a crash.
 */

/** Kind 11's content (inside the encrypted record). */
interface TravelRecord {
  readonly phase: 'compacting' | 'away';
  readonly startedAt: string;
  readonly packageId: string;
  readonly moved: TravelCounts;
  readonly includeTags: readonly string[];
  readonly awayCodes: readonly string[];
  readonly sealedTo: readonly string[];
  readonly movedIds: readonly string[];
  /** Only while 'compacting': where the package is and its key (base64), to undo an interrupted start. */
  readonly pending?: { readonly path: string; readonly key: string };
}

/** Test hooks: the code as soon as the package is verified (before the vault changes); a call after step (b). */
export interface TravelHooks {
  readonly afterPackage?: (recoveryCode: string) => void;
  readonly afterRemoval?: () => void;
}

const MOVABLE: ReadonlySet<number> = new Set([RecordKind.person, RecordKind.interview, RecordKind.history]);

const cached = new WeakMap<Session, { readonly id: string; readonly revision: number; readonly record: TravelRecord | null }>();

/** The travel record, or null at home. A record that cannot be read counts as away (exports stay refused). */
function current(s: Session): { readonly id: string; readonly record: TravelRecord | null } | null {
  const id = s.store.idsOfKind(RecordKind.travel)[0];
  if (id === undefined) return null;
  const revision = s.store.revisionOf(id);
  const hit = cached.get(s);
  if (hit && hit.id === id && hit.revision === revision) return hit;
  let record: TravelRecord | null;
  try {
    record = s.store.read(id).data as TravelRecord;
  } catch {
    record = null;
  }
  const entry = { id, revision, record };
  cached.set(s, entry);
  return entry;
}

const sinceText = (r: TravelRecord | null) => (r ? r.startedAt.slice(0, 16).replace('T', ' ') + ' UTC' : 'an unknown date');

/** Exports and briefs need every name for redaction: refused while the register is away. */
export function refuseWhileAway(s: Session): void {
  const t = current(s);
  if (!t) return;
  throw new VaultError(
    'invalid-request',
    `The identity register is away (travel mode since ${sinceText(t.record)}): exports and briefs are off until travel end, because redaction needs the names that are not on this laptop.`,
  );
}

/** A fresh master key would leave the package's rows (encrypted under the current one) unreadable forever. */
export function refuseRekeyWhileAway(s: Session): void {
  const t = current(s);
  if (!t) return;
  throw new VaultError(
    'invalid-request',
    `The identity register is away (travel mode since ${sinceText(t.record)}). Re-encrypting under a new key now would make the travel package impossible to bring back, so it is off until travel end. Changing the passphrase alone is possible. Nothing was changed.`,
  );
}

export function travelStatus(s: Session): TravelStatus {
  const t = current(s);
  if (!t) return { state: 'home' };
  const r = t.record;
  if (!r) return { state: 'away', since: '', moved: { people: 0, interviews: 0, records: 0 }, includeTags: [], awayCodes: [], sealedTo: [] };
  return { state: 'away', since: r.startedAt, moved: r.moved, includeTags: r.includeTags, awayCodes: r.awayCodes, sealedTo: r.sealedTo };
}

const lockedDuring = () => new VaultError('locked', 'The vault was locked during travel mode; nothing was changed. Unlock and try again.');

function packageError(err: unknown): VaultError {
  if (err instanceof VaultError) return err;
  const code = (err as { code?: string } | null)?.code ?? '';
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new VaultError('disk-full', 'There is not enough free space where the travel package was to go. Nothing left the vault; choose another drive.');
    case 'EROFS':
      return new VaultError('read-only', 'The place chosen for the travel package is read-only. Nothing left the vault; choose another place.');
    case 'EACCES':
    case 'EPERM':
      return new VaultError('permission-denied', 'Fieldvault is not allowed to write where the travel package was to go. Nothing left the vault.');
    case 'ENOENT':
      return new VaultError('not-found', 'The folder chosen for the travel package does not exist. Nothing left the vault.');
    default:
      return new VaultError('internal', `Writing the travel package failed (${code || 'unexpected error'}). Nothing left the vault.`);
  }
}

/** The package path as an absolute path: a new file, outside the vault's folder. */
function checkPackagePath(s: Session, path: string): string {
  const target = assertLocalLocation(path, 'travel');
  if (liesInside(s.store.paths.dir, target)) {
    throw new VaultError('invalid-request', 'The travel package cannot go inside the vault folder: it would stay on this laptop with the vault. Choose another place (a USB stick, or a cloud folder synced to this computer). Nothing left the vault.');
  }
  let exists = false;
  try {
    statSync(target);
    exists = true;
  } catch {
    /* a new file: as it should be */
  }
  if (exists) throw new VaultError('conflict', 'Something already exists at that location. Choose a new file name for the travel package. Nothing left the vault.');
  return target;
}

function sameRows(a: readonly VerbatimRow[], b: readonly VerbatimRow[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((r, i) => {
    const o = b[i]!;
    return r.id === o.id && r.kind === o.kind && r.revision === o.revision && Buffer.compare(r.box, o.box) === 0;
  });
}

function countsOf(rows: readonly { kind: number }[]): TravelCounts {
  return {
    people: rows.filter((r) => r.kind === RecordKind.person).length,
    interviews: rows.filter((r) => r.kind === RecordKind.interview).length,
    records: rows.length,
  };
}

const countsText = (c: TravelCounts) => `${c.people} people, ${c.interviews} interviews, ${c.records} records`;

function writePackage(target: string, bytes: Uint8Array): void {
  const tmp = tempPathFor(target);
  let fd = -1;
  try {
    fd = openSync(tmp, 'wx', 0o600);
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, done);
    fsyncSync(fd);
    closeSync(fd);
    fd = -1;
    renameSync(tmp, target);
    try {
      fsyncDir(dirname(target));
    } catch {
      /* some file systems cannot fsync a folder; the rename is still atomic */
    }
  } catch (err) {
    if (fd >= 0) closeSync(fd);
    rmSync(tmp, { force: true });
    throw packageError(err);
  }
}

/**
 * givenCode: a recovery code from newRecoveryCode that the researcher wrote down before this (the app); absent,
 * a new one is made and returned (the command line prints it).
 */
export async function travelStart(
  slot: SessionSlot,
  path: string,
  includeTags: readonly string[],
  sealTo: readonly string[],
  hooks: TravelHooks = {},
  givenCode?: string,
): Promise<TravelStartResult> {
  const s = requireSession(slot);
  // On a read-only disk the package would be written and the vault then refuse to let anything go.
  requireWritable(s);
  await s.verification;
  if (slot.get() !== s) throw lockedDuring();
  const away = current(s);
  if (away) {
    throw new VaultError('conflict', `The register is already away (travel mode since ${sinceText(away.record)}). End that journey with its package and recovery code first. Nothing was changed.`);
  }
  const refusal = exportRefusal(s.report);
  if (refusal || s.store.integrityFlags !== 0 || !s.report.auditChainIntact || s.report.schemaIntact === false) {
    throw new VaultError(
      'integrity',
      `Travel mode needs a vault whose every record is checked and whole, so that what leaves can be brought back exactly. ${refusal ?? 'Deal with the integrity warnings first.'} Nothing left the vault.`,
    );
  }
  const sodium = await loadSodium();
  if (slot.get() !== s) throw lockedDuring();
  const target = checkPackagePath(s, path);
  const tags = [...new Set(includeTags.map((t) => t.trim()).filter(Boolean))];
  const wanted = new Set(tags.map((t) => t.toLocaleLowerCase()));
  const recipients: Uint8Array[] = [];
  const sealedTo: string[] = [];
  for (const id of new Set(sealTo)) {
    const c = s.colleagues.get(id);
    if (!c) throw new VaultError('not-found', 'A colleague chosen for the package is no longer in this vault. Nothing left the vault.');
    const card = decodeCard(sodium, c.card);
    if (!isCard(card)) throw new VaultError('integrity', `The card of "${c.label}" cannot be read. Nothing left the vault.`);
    recipients.push(card.boxPublicKey);
    sealedTo.push(c.label);
  }
  // What leaves: every person, and the interviews carrying a chosen tag with their kept versions.
  const people = [...s.people.values()].sort((a, b) => a.code.localeCompare(b.code));
  const interviews = [...s.heads.values()].filter((h) => h.tags.some((t) => wanted.has(t.trim().toLocaleLowerCase())));
  const histories = interviews.flatMap((h) => s.histories.get(h.id)?.historyId ?? []);
  const ids = [...people.map((p) => p.id), ...interviews.map((h) => h.id), ...histories];
  if (ids.length === 0) throw new VaultError('invalid-request', 'There is nothing to take away: the register is empty and no interview carries the chosen tags. Nothing was changed.');
  const rows = s.store.readVerbatim(ids);
  const moved = countsOf(rows);
  // A given code is checked before anything is written: one that does not read back must never lock the
  // register in a package.
  const given = givenCode === undefined ? null : decodeRecoveryCode(givenCode);
  if (given !== null && !isRecoveryEntropy(given)) {
    throw new VaultError('invalid-request', 'The recovery code given for the package is not a valid code. Nothing left the vault.');
  }
  const entropy = given ?? sodium.randombytes_buf(RECOVERY_ENTROPY_BYTES);
  const packageKey = sodium.randombytes_buf(32);
  const packageId = sodium.randombytes_buf(16);
  const startedAt = new Date();
  let written = false;
  let committed = false;
  try {
    const recoveryCode = encodeRecoveryCode(entropy);
    const bytes = encodeTravelPackage(sodium, { vaultId: s.store.vaultId, packageId, createdAt: startedAt.getTime(), entropy, packageKey, recipients, rows });
    writePackage(target, bytes);
    written = true;
    // (a) Read back from the drive and opened with the code as typed: the package must bring back every row.
    try {
      const back = readTravelPackageFile(target);
      const code = decodeRecoveryCode(recoveryCode);
      const key = isRecoveryEntropy(code) ? unwrapWithCode(sodium, back, code) : null;
      if (isRecoveryEntropy(code)) wipe(code);
      if (!key) throw new Error('the code does not open it');
      const inside = openPayload(sodium, back, key);
      wipe(key);
      if (!sameRows(inside, rows)) throw new Error('it holds other rows');
    } catch (err) {
      rmSync(target, { force: true });
      if (err instanceof VaultError && err.code !== 'invalid-request') throw err;
      throw new VaultError('internal', 'The travel package did not read back correctly from the drive, so it was removed and nothing left the vault. Try again, or another drive.');
    }
    hooks.afterPackage?.(recoveryCode);
    if (slot.get() !== s) throw lockedDuring();
    const record: TravelRecord = {
      phase: 'compacting',
      startedAt: startedAt.toISOString(),
      packageId: sodium.to_hex(packageId),
      moved,
      includeTags: tags,
      awayCodes: people.map((p) => p.code),
      sealedTo,
      movedIds: ids,
      // A view, not a copy: Buffer.from(packageKey) would leave the key in Node's shared pool.
      pending: { path: target, key: Buffer.from(packageKey.buffer, packageKey.byteOffset, packageKey.byteLength).toString('base64') },
    };
    const travelId = s.store.newId();
    // (b) One transaction: the rows leave, the travel record arrives, the seal and the audit log follow.
    commit(s, [...ids.map((id): WriteOp => ({ type: 'delete', id })), { type: 'put', kind: RecordKind.travel, id: travelId, data: record }], 'travel started', '', countsText(moved));
    committed = true;
    for (const id of ids) forget(s, id);
    refreshCounts(s);
    hooks.afterRemoval?.();
    // (c) Nothing of them left in the files; if that cannot be done, they come back now.
    try {
      settle(s, travelId, record);
    } catch (err) {
      try {
        undoStart(s, sodium, travelId, record);
      } catch {
        throw new VaultError(
          'internal',
          "The removed records could not be cleared from the vault's files, and putting them back failed too. They are safe in the package, whose key the vault keeps for now: unlock the vault again (with the package where it is) and Fieldvault brings them back.",
        );
      }
      throw new VaultError(
        err instanceof VaultError ? err.code : 'internal',
        `The removed records could not be cleared from the vault's files (${err instanceof Error ? err.message : 'unexpected error'}), so everything was put back and nothing left the vault. Free some space and try again.`,
      );
    }
    return { recoveryCode, package: target, moved, startedAt: record.startedAt, sealedTo };
  } catch (err) {
    // A package whose code was never shown opens for no one: it goes unless the vault depends on it.
    if (written && !committed) rmSync(target, { force: true });
    throw err;
  } finally {
    wipe(entropy, packageKey, packageId);
  }
}

/** Step (c): cache rewritten without what left, file vacuumed, WAL truncated; then 'away', without the key. */
function settle(s: Session, travelId: string, record: TravelRecord): void {
  s.dirty = true;
  persistCache(s);
  if (s.dirty) throw new VaultError('disk-full', 'the search cache could not be rewritten');
  s.store.compact();
  const { pending: _pending, ...rest } = record;
  write(s, [{ type: 'put', kind: RecordKind.travel, id: travelId, data: { ...rest, phase: 'away' } satisfies TravelRecord }]);
  persistCache(s);
  s.store.checkpoint();
}

/**
 * Writes `ops` and puts `rows` back verbatim plus one audit entry, in one transaction (what commit does for
 * ordinary writes).
 */
function commitVerbatim(s: Session, rows: readonly VerbatimRow[], ops: readonly WriteOp[], action: string, detail: string): void {
  const { entry, op } = s.audit.prepare(action, '', detail, () => s.store.newId());
  const all = [...ops, op];
  const revisions = s.store.write(all, { seq: entry.seq, hash: entry.hash }, rows);
  s.audit.commit(entry);
  s.auditEntries.set(op.id, entry);
  for (const o of all) {
    if (o.type === 'delete') s.covered.delete(o.id);
    else s.covered.set(o.id, revisions.get(o.id)!);
  }
  s.dirty = true;
}

/**
 * Puts the package's rows back: each must be one that left on this journey and authenticate with the vault's
 * keys (checked for all before anything is written). A row whose id is in the vault again is kept as the
 * vault has it, and counted.
 */
function putBack(s: Session, travelId: string, record: TravelRecord | null, rows: readonly VerbatimRow[], action: string): { returned: TravelCounts; conflicts: number } {
  const movedIds = new Set(record?.movedIds ?? []);
  const opened: StoredRecord[] = [];
  const insert: VerbatimRow[] = [];
  let conflicts = 0;
  if (record && (rows.length !== movedIds.size || rows.some((r) => !movedIds.has(r.id)))) {
    throw new VaultError('conflict', 'This package does not hold what left the vault on this journey. Nothing was changed.');
  }
  for (const row of rows) {
    if (!MOVABLE.has(row.kind)) throw new VaultError('integrity', 'This package holds a record of a kind travel mode never moves. Nothing was changed.');
    const r = s.store.openVerbatim(row);
    if (!r) throw new VaultError('integrity', "A record in this package does not authenticate with this vault's keys: it was altered. Nothing was changed.");
    if (s.store.has(row.id)) {
      conflicts++;
      continue;
    }
    opened.push(r);
    insert.push(row);
  }
  const returned = countsOf(insert);
  commitVerbatim(s, insert, [{ type: 'delete', id: travelId }], action, `${countsText(returned)}${conflicts ? `; ${conflicts} kept as the vault has them` : ''}`);
  cached.delete(s);
  for (const r of opened) apply(s, r);
  refreshCounts(s);
  persistCache(s);
  return { returned, conflicts };
}

/** Brings back what an interrupted travel.start removed (its code was never shown), from the package and its key. */
function undoStart(s: Session, sodium: Sodium, travelId: string, record: TravelRecord): void {
  const pending = record.pending;
  if (!pending) throw new VaultError('internal', 'The interrupted travel start cannot be undone: its key is not kept.');
  // Decoded into a pooled Buffer: copied out, then that pool slice is zeroed.
  const decoded = Buffer.from(pending.key, 'base64');
  const key = new Uint8Array(decoded);
  decoded.fill(0);
  try {
    const rows = openPayload(sodium, readTravelPackageFile(pending.path), key);
    putBack(s, travelId, record, rows, 'travel start undone');
  } finally {
    wipe(key);
  }
  // Its code was never shown, so the package opens for no one: it is removed (best effort).
  try {
    rmSync(pending.path, { force: true });
  } catch {
    /* a drive removed meanwhile: the file is useless anyway */
  }
  // The key was in the travel record: its pages go the same way as the rows did.
  try {
    s.store.compact();
  } catch {
    /* best effort: the key only opens a package whose rows are back in the vault */
  }
}

/**
 * At unlock: a travel.start cut off between its transaction and handing out the code left phase 'compacting'.
 * Everything is put back from the package (the researcher never saw the code). If the package cannot be read,
 * the vault stays away and says so in the audit log.
 */
export async function finishInterrupted(slot: SessionSlot): Promise<void> {
  const s = slot.get();
  if (!s) return;
  const t = current(s);
  if (!t?.record || t.record.phase !== 'compacting') return;
  const sodium = await loadSodium();
  if (slot.get() !== s) return;
  try {
    undoStart(s, sodium, t.id, t.record);
  } catch (err) {
    if (err instanceof VaultError && (err.code === 'read-only' || err.code === 'disk-full')) return;
    try {
      commit(s, [], 'travel start interrupted', '', 'the package could not be read to bring the records back');
    } catch {
      /* best effort */
    }
  }
}

export async function travelEnd(slot: SessionSlot, path: string, recoveryCode: string): Promise<TravelEndResult> {
  const s = requireSession(slot);
  requireWritable(s);
  const source = refuseNonLocalSpelling(path, 'source');
  await s.verification;
  if (slot.get() !== s) throw lockedDuring();
  const t = current(s);
  if (!t) throw new VaultError('invalid-request', 'The register is at home: there is no journey to end. Nothing was changed.');
  if (!t.record) throw new VaultError('integrity', 'The travel record of this vault is damaged: restore the vault from a backup. Nothing was changed.');
  const record = t.record;
  const parsed: ParsedTravelPackage = readTravelPackageFile(source);
  const sodium = await loadSodium();
  if (slot.get() !== s) throw lockedDuring();
  if (!sodium.memcmp(parsed.vaultId, s.store.vaultId)) {
    throw new VaultError('conflict', 'This travel package belongs to another vault. Choose the package this vault wrote. Nothing was changed.');
  }
  if (sodium.to_hex(parsed.packageId) !== record.packageId) {
    throw new VaultError('conflict', `This travel package is from another journey of this vault, not the one since ${sinceText(record)}. Choose the package written then. Nothing was changed.`);
  }
  const code = decodeRecoveryCode(recoveryCode);
  if (!isRecoveryEntropy(code)) {
    const why =
      code.problem === 'count'
        ? `a recovery code has 12 words, and ${code.words} were given`
        : code.problem === 'unknown-word'
          ? `word ${code.position} is not one of the code's words`
          : 'a word is mistyped (the code\'s check does not match)';
    throw new VaultError('invalid-request', `That is not a valid recovery code: ${why}. Check it against the written copy. Nothing was changed.`);
  }
  const key = unwrapWithCode(sodium, parsed, code);
  wipe(code);
  if (!key) {
    throw new VaultError('invalid-request', "That recovery code is valid, but it does not open this package: it is another package's code. Check it against the written copy. Nothing was changed.");
  }
  let rows: VerbatimRow[];
  try {
    rows = openPayload(sodium, parsed, key);
  } finally {
    wipe(key);
  }
  try {
    const { returned, conflicts } = putBack(s, t.id, record, rows, 'travel ended');
    return { returned, startedAt: record.startedAt, endedAt: new Date().toISOString(), ...(conflicts ? { conflicts } : {}) };
  } catch (err) {
    throw describeIoError(err, 'bringing the register back');
  }
}

/**
 * A colleague's side of a package sealed to them: their vault opens its stanza with its delivery keys and writes
 * the same package (same vault, same journey, the same rows still encrypted under the researcher's vault keys)
 * under a new recovery code, for a researcher who lost theirs. The colleague reads nothing of the register; the
 * new package also stays sealed to this vault. Written outside this vault's folder, like travel.start's.
 */
export async function travelReissue(slot: SessionSlot, packagePath: string, outPath: string): Promise<TravelReissueResult> {
  const s = requireSession(slot);
  requireWritable(s);
  const sodium = await loadSodium();
  if (slot.get() !== s) throw lockedDuring();
  const parsed = readTravelPackageFile(refuseNonLocalSpelling(packagePath, 'source'));
  if (Buffer.compare(Buffer.from(parsed.vaultId), Buffer.from(s.store.vaultId)) === 0) {
    throw new VaultError('invalid-request', 'This is this vault’s own travel package: bring it back with "travel end" and its recovery code. Nothing was changed.');
  }
  const identity = identityOf(s, sodium);
  const target = checkPackagePath(s, outPath);
  const packageKey = unwrapAsColleague(sodium, parsed, identity.boxPublicKey, identity.boxSecretKey);
  if (!packageKey) {
    throw new VaultError('invalid-request', 'This travel package was not sealed to this vault, so it cannot make a new code for it. Nothing was changed.');
  }
  const entropy = sodium.randombytes_buf(RECOVERY_ENTROPY_BYTES);
  try {
    const rows = openPayload(sodium, parsed, packageKey);
    const bytes = encodeTravelPackage(sodium, {
      vaultId: parsed.vaultId,
      packageId: parsed.packageId,
      createdAt: parsed.createdAt,
      entropy,
      packageKey,
      recipients: [identity.boxPublicKey],
      rows,
    });
    writePackage(target, bytes);
    const counts = countsOf(rows);
    commit(s, [], 'travel package reissued', '', `for a colleague's vault: ${countsText(counts)}`);
    return { recoveryCode: encodeRecoveryCode(entropy), package: target, moved: counts };
  } finally {
    wipe(entropy, packageKey);
  }
}
