import { z } from 'zod';
import { briefWriteSchema, recordIdSchema, vaultPathSchema } from './schemas';
import type { BriefFormat, BriefResult } from './brief';

/**
 * The contract of sealed delivery: the vault's public card, its colleagues' cards, briefs sealed to colleagues
 * (brief.seal) and the read-only Received area (received.*). Keys never cross this boundary; cards are public.
 */

/** The vault's own public card (fvcard1.…) and its fingerprint: 8 words to compare by phone. */
export interface DeliveryCard {
  readonly card: string;
  readonly fingerprint: readonly string[];
}

export interface Colleague {
  readonly id: string;
  /** The name this vault gives the card (cards carry no name). */
  readonly label: string;
  readonly card: string;
  readonly fingerprint: readonly string[];
  /** ISO timestamp. */
  readonly addedAt: string;
}

/** What a received bundle says about its file (the sender wrote it; shown as the sender's). */
export interface ReceivedMeta {
  readonly format: BriefFormat;
  /** The file name the sender chose. */
  readonly name: string;
  readonly title: string;
  readonly interviews: number;
}

/**
 * Who sent a received brief, resolved against the colleagues this vault holds now: a known colleague only when
 * both of the sender's keys are that colleague's card; anyone else is unknown, shown by fingerprint only.
 */
export type ReceivedSender =
  | { readonly kind: 'known'; readonly colleagueId: string; readonly label: string; readonly fingerprint: readonly string[] }
  | { readonly kind: 'unknown'; readonly fingerprint: readonly string[] };

export interface ReceivedBrief {
  readonly id: string;
  readonly sender: ReceivedSender;
  readonly meta: ReceivedMeta;
  /** ISO timestamp: when this vault filed it. */
  readonly receivedAt: string;
  /** Size of the file it carries, in bytes. */
  readonly size: number;
}

/** A received brief for reading: its text (md and txt as they are; docx and pdf as extracted from the file). */
export interface ReceivedBriefText extends ReceivedBrief {
  readonly text: string;
}

export interface SealResult extends BriefResult {
  /** The labels of the colleagues it was sealed to, in the order given. */
  readonly recipients: readonly string[];
  /** The brief inside the bundle: its format and file name. */
  readonly inner: { readonly format: BriefFormat; readonly name: string };
}

export interface ReceivedSaveResult {
  readonly path: string;
  readonly sha256: string;
}

/**
 * Why a bundle was not filed, and the message (the error value's message) for each: the renderer maps these
 * messages to its own texts. Nothing is changed in any of these cases.
 */
export type BundleRefusal = 'not-a-bundle' | 'newer-version' | 'damaged' | 'not-for-you' | 'replay' | 'too-large';

export const BUNDLE_REFUSALS: Readonly<Record<BundleRefusal, string>> = {
  'not-a-bundle': 'This file is not a Fieldvault bundle (.fvb). Nothing was changed.',
  'newer-version': 'This bundle was made by a newer version of Fieldvault. Update Fieldvault to open it. Nothing was changed.',
  damaged: 'This bundle is damaged or was altered on the way (cut short, or changed): it cannot be opened. Ask the sender to send it again. Nothing was changed.',
  'not-for-you': 'This bundle was not sealed to this vault: it can only be opened by the colleagues it was sent to. Nothing was changed.',
  replay: 'This bundle is already in Received (the same bundle was opened before). Nothing was changed.',
  'too-large': 'This file is larger than 256 MiB, more than any bundle Fieldvault makes. Nothing was changed.',
};

/** Bundles larger than this are refused before they are read. */
export const MAX_BUNDLE_BYTES = 256 * 1024 * 1024;
/** A bundle is sealed to 1..16 colleagues. */
export const MAX_SEAL_RECIPIENTS = 16;
export const COLLEAGUE_LABEL_MAX = 100;

const colleagueLabel = z
  .string()
  .max(COLLEAGUE_LABEL_MAX)
  .refine((l) => l.trim() !== '', 'Give the colleague a name.')
  // eslint-disable-next-line no-control-regex
  .refine((l) => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(l), 'A colleague’s name cannot hold control characters or line breaks.');

export const deliverySchemas = {
  'delivery.card': z.object({}).strict(),
  'colleagues.list': z.object({}).strict(),
  /** card: the text a colleague pasted (fvcard1.…; spaces and line breaks are ignored). */
  'colleagues.add': z.object({ card: z.string().max(2000), label: colleagueLabel }).strict(),
  /**
   * A pasted card checked as colleagues.add would check it (well formed, not this vault's, not already held) and
   * its fingerprint, so the researcher compares the words with the colleague before adding. Writes nothing.
   */
  'colleagues.check': z.object({ card: z.string().max(2000) }).strict(),
  'colleagues.rename': z.object({ id: recordIdSchema, label: colleagueLabel }).strict(),
  'colleagues.remove': z.object({ id: recordIdSchema }).strict(),
  /** brief.write's request, sealed to colleagues (their ids) into one .fvb file at `path`. */
  'brief.seal': briefWriteSchema.extend({
    recipients: z.array(recordIdSchema).min(1).max(MAX_SEAL_RECIPIENTS).readonly(),
  }),
  'received.open': z.object({ path: vaultPathSchema }).strict(),
  'received.list': z.object({}).strict(),
  'received.get': z.object({ id: recordIdSchema }).strict(),
  'received.remove': z.object({ id: recordIdSchema }).strict(),
  'received.save': z.object({ id: recordIdSchema, path: vaultPathSchema }).strict(),
} as const;

export type SealRequest = z.infer<(typeof deliverySchemas)['brief.seal']>;

export interface DeliveryResults {
  'delivery.card': DeliveryCard;
  'colleagues.list': readonly Colleague[];
  'colleagues.add': Colleague;
  'colleagues.check': { readonly fingerprint: readonly string[] };
  'colleagues.rename': Colleague;
  'colleagues.remove': null;
  'brief.seal': SealResult;
  'received.open': ReceivedBrief;
  'received.list': readonly ReceivedBrief[];
  'received.get': ReceivedBriefText;
  'received.remove': null;
  'received.save': ReceivedSaveResult;
}
