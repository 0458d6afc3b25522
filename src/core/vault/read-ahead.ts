import type { Database as Db } from 'better-sqlite3';
import type { BoxStream, PackedBoxes, PackedMessages } from '../crypto/unlock-worker';
import { isKnownKind, recordAdBytes, ROW_MESSAGE_BYTES, writeRecordAd, writeRowMessage } from './format';

/**
 * Every row of the records table read in one pass before the key is known (ciphertext only: nothing here is
 * readable without the key). The command line does this while Argon2id runs in a worker, so the database read
 * costs no time of its own; the row scan then uses these rows and a worker authenticates the boxes.
 */
export interface RowsReadAhead {
  /**
   * What the seal scan needs, worked out before the key is there: every row that fits by id, and in row order
   * what it cannot account for (rows whose columns are not what Fieldvault writes, by raw id; unknown kinds).
   */
  readonly scan: {
    /** Handed to the store as its row map (taken over by the first scan, not copied). */
    readonly rows: Map<string, { readonly kind: number; readonly revision: number }>;
    readonly unaccounted: readonly ({ readonly rawId: unknown } | { readonly id: string })[];
  };
  /** The rows to authenticate (those that fit and are of a known kind), in the order of `packed`. */
  // `packed` and `rowMessages` are moved to the unlock worker (UnlockWorker.stage): empty here afterwards.
  readonly ids: readonly string[];
  readonly packed: PackedBoxes;
  /** Rows that fit but whose kind Fieldvault does not know: damaged without any cryptography. */
  readonly unknownKinds: readonly string[];
  /** What the seal's row hashes cover, for every row that fits (unknown kinds included, as the scan does). */
  readonly rowMessages: PackedMessages;
  /** The encrypted search cache as stored (null when there is none). */
  readonly cacheBox: Uint8Array | null;
  /** Where the boxes went as they were read (packed.boxes is then empty), or null when they are in packed.boxes. */
  readonly streamed: BoxStream | null;
}

/** Boxes are moved to a stream in groups of this many rows (or fewer at the end). */
const STREAM_ROWS = 256;

/** Above this much ciphertext the rows are not held in memory at once; verification reads them in batches. */
export const READ_AHEAD_LIMIT_BYTES = 512 * 1024 * 1024;

/** Whether a row's columns are what Fieldvault writes (the schema's STRICT constraints, checked again). */
export const ROW_FITS = `typeof(id) = 'blob' AND length(id) = 16 AND typeof(kind) = 'integer' AND kind BETWEEN 1 AND 4294967295
  AND typeof(revision) = 'integer' AND revision BETWEEN 1 AND 9007199254740991`;

/**
 * Reads every row (format-2 vaults), or returns null when the vault holds more than `limitBytes` of ciphertext.
 * With `streamTo` (given the boxes' total size), the boxes are moved to the stream it opens as they are read
 * instead of being copied into one buffer: copying 85 MB into fresh memory costs the reading thread more than
 * SQLite's reading does.
 */
export function readAllRows(
  db: Db,
  vaultId: Uint8Array,
  limitBytes = READ_AHEAD_LIMIT_BYTES,
  streamTo?: (boxBytes: number) => BoxStream | null,
  groupRows = STREAM_ROWS,
): RowsReadAhead | null {
  // length() of a blob comes from the record header: this does not read the ciphertext.
  const [count, bytes] = db.prepare(`SELECT count(*), coalesce(sum(CASE WHEN typeof(box) = 'blob' THEN length(box) ELSE 0 END), 0) FROM records`).raw(true).get() as [number, number];
  if (bytes > limitBytes) return null;
  // The associated data and row messages are written straight into their packed buffers (fixed lengths), so
  // this loop allocates nothing per row but the id and the box SQLite hands over: it runs beside Argon2id.
  const adBytes = recordAdBytes(2);
  const ads = new Uint8Array(count * adBytes);
  const adView = new DataView(ads.buffer);
  const adEnds: number[] = [];
  const messages = new Uint8Array(count * ROW_MESSAGE_BYTES);
  const messageView = new DataView(messages.buffer);
  const messageEnds: number[] = [];
  // Every box end to end in one buffer (its size is known from the count above), moved to the worker in one
  // piece; or, streaming, moved a group at a time.
  const stream = streamTo?.(bytes) ?? null;
  const boxes = new Uint8Array(stream ? 0 : bytes);
  let group: Uint8Array[] = [];
  const boxEnds: number[] = [];
  let boxAt = 0;
  const scanned = new Map<string, { kind: number; revision: number }>();
  const unaccounted: ({ rawId: unknown } | { id: string })[] = [];
  const ids: string[] = [];
  const unknownKinds: string[] = [];
  const rows = db.prepare(`SELECT id, kind, revision, box, ${ROW_FITS} AS fits FROM records`).raw(true).iterate() as IterableIterator<[unknown, unknown, unknown, unknown, number]>;
  for (const [rawId, kind, revision, box, fits] of rows) {
    if (!fits || !Buffer.isBuffer(rawId) || typeof kind !== 'number' || typeof revision !== 'number') {
      unaccounted.push({ rawId });
      continue;
    }
    // The count was read under the vault's exclusive lock: no row can appear since. Should one, it is left
    // to the batched check rather than written past the buffers.
    if (messageEnds.length === count) return null;
    const id = rawId.toString('hex');
    scanned.set(id, { kind, revision });
    const m = messageEnds.length * ROW_MESSAGE_BYTES;
    writeRowMessage(messages, messageView, m, rawId, kind, revision);
    messageEnds.push(m + ROW_MESSAGE_BYTES);
    if (!isKnownKind(kind)) {
      unaccounted.push({ id });
      unknownKinds.push(id);
      continue;
    }
    // A box that is not a blob goes in empty and fails authentication: it is damage, not something to skip.
    if (box instanceof Uint8Array) {
      if (boxAt + box.length > bytes) return null; // more than counted: left to the batched check
      const at = boxAt;
      boxAt += box.length; // before the box is moved (a moved buffer reads as empty)
      if (!stream) {
        boxes.set(box, at);
      } else {
        group.push(box);
        if (group.length === groupRows) {
          stream.add(group);
          group = [];
        }
      }
    }
    boxEnds.push(boxAt);
    ids.push(id);
    const a = adEnds.length * adBytes;
    writeRecordAd(ads, adView, a, 2, vaultId, kind, rawId, revision);
    adEnds.push(a + adBytes);
  }
  // The last group, even an empty one: the stream then exists in the worker whatever the number of boxes.
  if (stream) stream.add(group);
  const cache = db.prepare('SELECT box FROM cache WHERE slot = 1').get() as { box: unknown } | undefined;
  return {
    scan: { rows: scanned, unaccounted },
    ids,
    packed: { boxes: boxes.buffer, boxEnds: Uint32Array.from(boxEnds), ads: ads.buffer, adEnds: Uint32Array.from(adEnds) },
    unknownKinds,
    rowMessages: { messages: messages.buffer, ends: Uint32Array.from(messageEnds) },
    cacheBox: cache?.box instanceof Uint8Array ? cache.box : null,
    streamed: stream,
  };
}
