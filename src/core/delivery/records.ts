import { isBundleMeta, type BundleMeta } from './bundle';

/**
 * What the delivery kinds hold inside their (encrypted) records, and the parts kept in memory and in the search
 * cache. Cards are public; the identity record (kind 8, identity.ts) is the only one with secrets, and its keys
 * are never kept here.
 */

/** Kind 9: a colleague's card and the label this vault gives it. */
export interface ColleagueRecord {
  readonly label: string;
  /** The card as text (fvcard1.…), normalised (no spaces). */
  readonly card: string;
  readonly addedAt: string;
}

/** Kind 10: a received brief, read-only. The file is kept whole, as the sender's Fieldvault wrote it. */
export interface ReceivedRecord {
  /** The bundle's id (hex): a bundle already filed is refused as a replay. */
  readonly bundleId: string;
  /** The sender's keys (base64), as the bundle's signature proved them. */
  readonly senderBox: string;
  readonly senderSign: string;
  readonly meta: BundleMeta;
  readonly receivedAt: string;
  /** The file (base64). */
  readonly file: string;
}

/** A received brief without its file: what lists show (kept in memory and in the search cache). */
export interface ReceivedHead extends Omit<ReceivedRecord, 'file'> {
  readonly id: string;
  readonly size: number;
}

export interface ColleagueHead extends ColleagueRecord {
  readonly id: string;
}

const isString = (v: unknown, max = 10_000): v is string => typeof v === 'string' && v.length <= max;

export function colleagueOf(id: string, data: unknown): ColleagueHead | null {
  if (typeof data !== 'object' || data === null) return null;
  const r = data as Record<string, unknown>;
  if (!isString(r.label, 1000) || !isString(r.card, 2000) || !isString(r.addedAt, 100)) return null;
  return { id, label: r.label, card: r.card, addedAt: r.addedAt };
}

/** The head of a received record (the file's size without decoding it). */
export function receivedHeadOf(id: string, data: unknown): ReceivedHead | null {
  if (typeof data !== 'object' || data === null) return null;
  const r = data as Record<string, unknown>;
  if (!isString(r.bundleId, 64) || !isString(r.senderBox, 64) || !isString(r.senderSign, 64) || !isString(r.receivedAt, 100) || !isBundleMeta(r.meta)) return null;
  if (typeof r.file !== 'string') return null;
  const padding = r.file.endsWith('==') ? 2 : r.file.endsWith('=') ? 1 : 0;
  return {
    id,
    bundleId: r.bundleId,
    senderBox: r.senderBox,
    senderSign: r.senderSign,
    meta: r.meta,
    receivedAt: r.receivedAt,
    size: Math.max(0, Math.floor((r.file.length * 3) / 4) - padding),
  };
}
