import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { BriefResult } from '../../shared/brief';
import {
  BUNDLE_REFUSALS,
  COLLEAGUE_LABEL_MAX,
  MAX_BUNDLE_BYTES,
  type BundleRefusal,
  type Colleague,
  type DeliveryCard,
  type ReceivedBrief,
  type ReceivedBriefText,
  type ReceivedSaveResult,
  type ReceivedSender,
  type SealRequest,
  type SealResult,
} from '../../shared/delivery';
import type { ErrorCode } from '../../shared/result';
import { loadSodium, wipe, type Sodium } from '../crypto/sodium';
import { openBundle, sealBundle, type BundleMeta } from '../delivery/bundle';
import { decodeCard, encodeCard, fingerprintWords, isCard, sameCard, type PublicCard } from '../delivery/card';
import { identityFromRecord, publicCard, type DeliveryIdentity } from '../delivery/identity';
import { colleagueOf, receivedHeadOf, type ColleagueHead, type ColleagueRecord, type ReceivedHead, type ReceivedRecord } from '../delivery/records';
import { describeIoError, VaultError } from '../errors';
import { exportTarget, writeExportFile } from '../export/write-file';
import { assertLocalLocation, expandHome, refuseNonLocalSpelling } from '../vault/layout';
import { RecordKind } from '../vault/store';
import type { RedactorCache } from './export';
import { finishBrief } from './brief';
import { commit, requireSession, requireWritable, type Session, type SessionSlot } from './session';

/**
 * Sealed delivery: the vault's public card, its colleagues' cards, briefs sealed to colleagues, and the
 * read-only Received area. Received briefs are colleagues' redacted material: they never feed the register, the
 * interview list or search (session.ts keeps them apart). Audit entries name colleagues by their labels, which
 * stay inside the vault (the audit log is encrypted like everything else).
 */

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
const fromB64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

/** The vault's delivery keys, read from their record on first use and kept (in Uint8Arrays) until lock. */
export function identityOf(s: Session, sodium: Sodium): DeliveryIdentity {
  if (s.delivery.identity) return s.delivery.identity;
  const id = s.delivery.identityId;
  if (!id || !s.store.has(id)) {
    throw new VaultError('integrity', 'This vault has no delivery keys (their record is missing): sealed delivery is not possible. Restore the vault from a backup.');
  }
  let data: unknown;
  try {
    data = s.store.read(id).data;
  } catch (err) {
    if (err instanceof VaultError && err.code === 'damaged-vault') {
      throw new VaultError('integrity', 'This vault’s delivery keys are damaged: sealed delivery is not possible. Restore the vault from a backup.');
    }
    throw err;
  }
  const identity = identityFromRecord(sodium, data);
  if (!identity) throw new VaultError('integrity', 'This vault’s delivery keys are damaged: sealed delivery is not possible. Restore the vault from a backup.');
  s.delivery = { identityId: id, identity };
  return identity;
}

function ownCard(s: Session, sodium: Sodium): PublicCard {
  return publicCard(identityOf(s, sodium));
}

export async function deliveryCard(slot: SessionSlot): Promise<DeliveryCard> {
  const sodium = await loadSodium();
  const s = requireSession(slot);
  const card = ownCard(s, sodium);
  return { card: encodeCard(sodium, card), fingerprint: fingerprintWords(sodium, card) };
}

// ---- colleagues ----

const CARD_PROBLEMS = {
  'not-a-card': 'That is not a Fieldvault card: a card starts with "fvcard1." Ask your colleague to copy their card again.',
  mistyped: 'That card is mistyped or cut short (its check does not match). Ask your colleague to copy their card again.',
  'newer-version': 'That card was made by a newer version of Fieldvault. Update Fieldvault to add it.',
} as const;

function cardOfText(sodium: Sodium, text: string): PublicCard {
  const decoded = decodeCard(sodium, text);
  if (!isCard(decoded)) throw new VaultError('invalid-request', CARD_PROBLEMS[decoded.problem]);
  return decoded;
}

function storedCard(sodium: Sodium, c: ColleagueHead): PublicCard | null {
  const decoded = decodeCard(sodium, c.card);
  return isCard(decoded) ? decoded : null;
}

function colleagueView(sodium: Sodium, c: ColleagueHead): Colleague {
  const card = storedCard(sodium, c);
  return { id: c.id, label: c.label, card: c.card, fingerprint: card ? fingerprintWords(sodium, card) : [], addedAt: c.addedAt };
}

/** The label as stored: trimmed, 1..100 characters, one line (the command line passes it without the schema). */
function checkedLabel(label: string): string {
  const name = label.trim();
  if (!name) throw new VaultError('invalid-request', 'Give the colleague a name.');
  if (name.length > COLLEAGUE_LABEL_MAX) throw new VaultError('invalid-request', `A colleague’s name is at most ${COLLEAGUE_LABEL_MAX} characters.`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(name)) throw new VaultError('invalid-request', 'A colleague’s name cannot hold control characters or line breaks.');
  return name;
}

const sameLabel = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

function requireColleague(s: Session, id: string): ColleagueHead {
  const c = s.colleagues.get(id);
  if (!c) throw new VaultError('not-found', 'That colleague is no longer in this vault.');
  return c;
}

export async function listColleagues(slot: SessionSlot): Promise<Colleague[]> {
  const sodium = await loadSodium();
  const s = requireSession(slot);
  return [...s.colleagues.values()].sort((a, b) => a.label.localeCompare(b.label)).map((c) => colleagueView(sodium, c));
}

/** A pasted card as a new colleague's: well formed, not this vault's own, not one already held. */
function newColleagueCard(s: Session, sodium: Sodium, cardText: string, name: string | null): PublicCard {
  const card = cardOfText(sodium, cardText);
  const own = ownCard(s, sodium);
  if (sodium.memcmp(card.boxPublicKey, own.boxPublicKey) || sodium.memcmp(card.signPublicKey, own.signPublicKey)) {
    throw new VaultError('invalid-request', 'That is this vault’s own card. Add your colleagues’ cards here.');
  }
  for (const c of s.colleagues.values()) {
    const other = storedCard(sodium, c);
    // Either key alone already names a vault: a card sharing one with a colleague is theirs (or forged).
    if (other && (sodium.memcmp(other.boxPublicKey, card.boxPublicKey) || sodium.memcmp(other.signPublicKey, card.signPublicKey))) {
      throw new VaultError('conflict', `That card is already in your colleagues, as "${c.label}".`);
    }
    if (name !== null && sameLabel(c.label, name)) throw new VaultError('conflict', `A colleague is already called "${c.label}". Choose another name.`);
  }
  return card;
}

/** The fingerprint of a card about to be added (checked as colleagues.add checks it), to compare first. */
export async function checkColleagueCard(slot: SessionSlot, cardText: string): Promise<{ fingerprint: readonly string[] }> {
  const sodium = await loadSodium();
  const s = requireSession(slot);
  return { fingerprint: fingerprintWords(sodium, newColleagueCard(s, sodium, cardText, null)) };
}

export async function addColleague(slot: SessionSlot, cardText: string, label: string): Promise<Colleague> {
  const sodium = await loadSodium();
  const s = requireSession(slot);
  cardOfText(sodium, cardText);
  const name = checkedLabel(label);
  const card = newColleagueCard(s, sodium, cardText, name);
  const id = s.store.newId();
  const record: ColleagueRecord = { label: name, card: encodeCard(sodium, card), addedAt: new Date().toISOString() };
  commit(s, [{ type: 'put', kind: RecordKind.colleague, id, data: record }], 'colleague added', name, fingerprintWords(sodium, card).join(' '));
  const head = colleagueOf(id, record)!;
  s.colleagues.set(id, head);
  return colleagueView(sodium, head);
}

export async function renameColleague(slot: SessionSlot, id: string, label: string): Promise<Colleague> {
  const sodium = await loadSodium();
  const s = requireSession(slot);
  const c = requireColleague(s, id);
  const name = checkedLabel(label);
  for (const other of s.colleagues.values()) {
    if (other.id !== id && sameLabel(other.label, name)) throw new VaultError('conflict', `A colleague is already called "${other.label}". Choose another name.`);
  }
  const record: ColleagueRecord = { label: name, card: c.card, addedAt: c.addedAt };
  commit(s, [{ type: 'put', kind: RecordKind.colleague, id, data: record }], 'colleague renamed', name, `was ${c.label}`);
  const head = colleagueOf(id, record)!;
  s.colleagues.set(id, head);
  return colleagueView(sodium, head);
}

export function removeColleague(slot: SessionSlot, id: string): null {
  const s = requireSession(slot);
  const c = requireColleague(s, id);
  commit(s, [{ type: 'delete', id }], 'colleague removed', c.label);
  s.colleagues.delete(id);
  return null;
}

// ---- sealing a brief ----

/** A path for a bundle: absolute after ~, ending in .fvb (a bundle under another name would be mistaken). */
function bundleTarget(path: string): string {
  const target = expandHome(path);
  if (extname(target).toLowerCase() !== '.fvb') throw new VaultError('invalid-request', 'A sealed bundle is saved as a .fvb file: give a name such as brief-2026-03.fvb.');
  return target;
}

export async function sealBrief(slot: SessionSlot, redactors: RedactorCache, request: SealRequest): Promise<SealResult> {
  const sodium = await loadSodium();
  const target = bundleTarget(request.path);
  const before = requireSession(slot);
  requireWritable(before);
  if (new Set(request.recipients).size !== request.recipients.length) throw new VaultError('invalid-request', 'A colleague was chosen twice.');
  const chosen = request.recipients.map((id) => requireColleague(before, id));
  // The name of the file inside: the bundle's own name with the brief's extension (checked like any file name).
  const inner = `${basename(target, extname(target))}.${request.format}`;
  const { recipients: _recipients, path: _path, ...write } = request;
  const done = await finishBrief(slot, redactors, write, [basename(target), inner]);
  const s = done.session;
  // Colleagues may have changed while the documents were made: the ones chosen must still be there, unchanged.
  const cards = chosen.map((c) => {
    const now = s.colleagues.get(c.id);
    const card = now && now.card === c.card ? storedCard(sodium, now) : null;
    if (!card) throw new VaultError('conflict', 'A colleague chosen for this brief was removed or changed meanwhile. Nothing was written; choose again.');
    return card;
  });
  const meta: BundleMeta = { kind: 'brief', format: request.format, name: inner, title: done.title, interviews: done.interviews };
  const bundle = sealBundle(sodium, identityOf(s, sodium), cards, { meta, file: done.bytes });
  writeExportFile(target, bundle);
  const sha256 = createHash('sha256').update(bundle).digest('hex');
  const labels = chosen.map((c) => c.label);
  commit(s, [], 'brief sealed', done.subject, `to ${labels.join(', ')}; ${done.detail}; bundle sha256 ${sha256}`);
  const result: BriefResult = { path: target, interviews: done.interviews, redactions: done.redactions, sha256 };
  return { ...result, recipients: labels, inner: { format: request.format, name: inner } };
}

// ---- received briefs ----

function refuse(reason: BundleRefusal): never {
  const codes: Readonly<Record<BundleRefusal, ErrorCode>> = {
    'not-a-bundle': 'invalid-request',
    'newer-version': 'newer-version',
    damaged: 'invalid-request',
    'not-for-you': 'permission-denied',
    replay: 'conflict',
    'too-large': 'invalid-request',
  };
  throw new VaultError(codes[reason], BUNDLE_REFUSALS[reason]);
}

/** Reads a bundle file, bounded: a file larger than any bundle is refused before it is read. */
function readBundleFile(path: string): Uint8Array {
  const target = refuseNonLocalSpelling(path, 'source');
  let fd: number;
  try {
    fd = openSync(target, 'r');
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT') throw new VaultError('not-found', 'There is no file at that path.');
    if (code === 'EISDIR') refuse('not-a-bundle');
    throw describeIoError(err, 'reading the bundle', 'source');
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) refuse('not-a-bundle');
    if (stat.size > MAX_BUNDLE_BYTES) refuse('too-large');
    const bytes = new Uint8Array(stat.size);
    let at = 0;
    while (at < bytes.length) {
      const n = readSync(fd, bytes, at, bytes.length - at, at);
      if (n === 0) break;
      at += n;
    }
    // A file that changed size while read is read as far as it went: the bundle's seal decides.
    return at === bytes.length ? bytes : bytes.subarray(0, at);
  } catch (err) {
    throw describeIoError(err, 'reading the bundle', 'source');
  } finally {
    closeSync(fd);
  }
}

function senderOf(s: Session, sodium: Sodium, h: ReceivedHead): ReceivedSender {
  const sender: PublicCard = { boxPublicKey: fromB64(h.senderBox), signPublicKey: fromB64(h.senderSign) };
  const fingerprint = fingerprintWords(sodium, sender);
  // Known only when both keys are a colleague's card (the signature proved the signing key; the box key is signed).
  for (const c of s.colleagues.values()) {
    const card = storedCard(sodium, c);
    if (card && sameCard(sodium, card, sender)) return { kind: 'known', colleagueId: c.id, label: c.label, fingerprint };
  }
  return { kind: 'unknown', fingerprint };
}

function receivedView(s: Session, sodium: Sodium, h: ReceivedHead): ReceivedBrief {
  const { format, name, title, interviews } = h.meta;
  return { id: h.id, sender: senderOf(s, sodium, h), meta: { format, name, title, interviews }, receivedAt: h.receivedAt, size: h.size };
}

export async function openReceived(slot: SessionSlot, path: string): Promise<ReceivedBrief> {
  const sodium = await loadSodium();
  const s = requireSession(slot);
  const bytes = readBundleFile(path);
  const opened = openBundle(sodium, identityOf(s, sodium), bytes);
  if ('problem' in opened) refuse(opened.problem);
  try {
    for (const h of s.received.values()) if (h.bundleId === opened.bundleId) refuse('replay');
    const id = s.store.newId();
    const record: ReceivedRecord = {
      bundleId: opened.bundleId,
      senderBox: b64(opened.sender.boxPublicKey),
      senderSign: b64(opened.sender.signPublicKey),
      meta: opened.content.meta,
      receivedAt: new Date().toISOString(),
      file: b64(opened.content.file),
    };
    const head = receivedHeadOf(id, record)!;
    const sender = senderOf(s, sodium, head);
    // The audit names the sender as this vault knows them, else by fingerprint; never the brief's title.
    const from = sender.kind === 'known' ? sender.label : `unknown sender ${sender.fingerprint.join(' ')}`;
    commit(s, [{ type: 'put', kind: RecordKind.received, id, data: record }], 'brief received', `from ${from}`, `${head.meta.format}; ${head.meta.interviews} interviews; bundle ${opened.bundleId}`);
    s.received.set(id, head);
    return receivedView(s, sodium, head);
  } finally {
    wipe(opened.content.file);
  }
}

export async function listReceived(slot: SessionSlot): Promise<ReceivedBrief[]> {
  const sodium = await loadSodium();
  const s = requireSession(slot);
  return [...s.received.values()].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt)).map((h) => receivedView(s, sodium, h));
}

function requireReceived(s: Session, id: string): ReceivedHead {
  const h = s.received.get(id);
  if (!h) throw new VaultError('not-found', 'That received brief is no longer in this vault.');
  return h;
}

/** The file of a received brief, decrypted from its record. */
function fileOf(s: Session, id: string): Uint8Array {
  const data = s.store.read(id).data as Partial<ReceivedRecord>;
  if (typeof data.file !== 'string') throw new VaultError('damaged-vault', 'This received brief’s record is damaged and cannot be read.');
  return fromB64(data.file);
}

export async function getReceived(slot: SessionSlot, id: string): Promise<ReceivedBriefText> {
  const sodium = await loadSodium();
  const s = requireSession(slot);
  const h = requireReceived(s, id);
  const file = fileOf(s, id);
  let text: string;
  try {
    text = await textOf(h.meta.format, file);
  } finally {
    wipe(file);
  }
  return { ...receivedView(requireSession(slot), sodium, h), text };
}

/** The text a reader sees: md and txt as they are; docx and pdf extracted from the file as the leak check does. */
async function textOf(format: BundleMeta['format'], file: Uint8Array): Promise<string> {
  try {
    switch (format) {
      case 'md':
      case 'txt':
        return new TextDecoder('utf-8', { fatal: false }).decode(file);
      case 'docx': {
        const { textOfDocx } = await import('../brief/read-docx');
        return (await textOfDocx(file)).body;
      }
      case 'pdf': {
        const { textOfPdf } = await import('../brief/read-pdf');
        return (await textOfPdf(file)).body;
      }
    }
  } catch {
    // The sender's file (signed by them, not by this vault's Fieldvault): unreadable text is not vault damage.
    throw new VaultError('invalid-request', 'The text of this received brief cannot be shown (its file cannot be read). Save the file and open it in another program.');
  }
}

export function removeReceived(slot: SessionSlot, id: string): null {
  const s = requireSession(slot);
  const h = requireReceived(s, id);
  commit(s, [{ type: 'delete', id }], 'received brief removed', '', `bundle ${h.bundleId}`);
  s.received.delete(id);
  return null;
}

/** Writes the original file of a received brief (the same checks as exports: local disk, atomic, no symlink). */
export function saveReceived(slot: SessionSlot, id: string, path: string): ReceivedSaveResult {
  const s = requireSession(slot);
  requireWritable(s);
  const h = requireReceived(s, id);
  const target = exportTarget(path, h.meta.format);
  assertLocalLocation(target, 'export');
  const file = fileOf(s, id);
  try {
    writeExportFile(target, file);
    const sha256 = createHash('sha256').update(file).digest('hex');
    commit(s, [], 'received brief saved', '', `${h.meta.format}; bundle ${h.bundleId}; sha256 ${sha256}`);
    return { path: target, sha256 };
  } finally {
    wipe(file);
  }
}
