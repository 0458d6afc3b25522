/**
 * The contract of travel mode (travel.start, travel.end, travel.status). Before a border crossing the identity
 * register (and, if chosen, interviews with given tags) leaves the vault for a travel package that only a
 * recovery code opens; the vault's files then hold neither the plaintext nor the ciphertext of what left.
 * After the crossing travel.end brings it back (SECURITY.md, "Travel mode").
 */
import { z } from 'zod';
import { recordIdSchema, vaultPathSchema } from './schemas';

/** What left the vault (travel.start) or came back (travel.end). */
export interface TravelCounts {
  readonly people: number;
  readonly interviews: number;
  /** Every record moved: people, interviews and their kept earlier versions. */
  readonly records: number;
}

/**
 * travel.start's answer. The recovery code is shown once and is never stored on the laptop: it is the only
 * thing besides the package that brings the register back (with the vault's passphrase).
 */
export interface TravelStartResult {
  /** Words to write down and leave with a colleague or at home; travel.end takes it back in any case or spacing. */
  readonly recoveryCode: string;
  /** The package file, as an absolute path. */
  readonly package: string;
  readonly moved: TravelCounts;
  /** ISO 8601 (UTC). */
  readonly startedAt: string;
  /** Labels of the colleagues whose card can also open the package (none unless asked for). */
  readonly sealedTo: readonly string[];
}

/**
 * A fresh recovery code (travel.newCode), nothing else: no package and no change to the vault. The app shows it
 * and has the researcher copy it and type some words back BEFORE travel.start takes it, so that a lock, a crash
 * or a miscopied word while the code is on screen can never leave the register in a package nobody can open.
 */
export interface NewRecoveryCode {
  readonly recoveryCode: string;
}

/**
 * A colleague's vault made a new recovery code for a package sealed to it (`fieldvault travel reissue`): the
 * same package under a new code, for a researcher who lost theirs. The colleague never sees the register.
 */
export interface TravelReissueResult {
  readonly recoveryCode: string;
  /** The new package file (absolute): the researcher brings the register back with it and the new code. */
  readonly package: string;
  readonly moved: TravelCounts;
}

export interface TravelEndResult {
  readonly returned: TravelCounts;
  /**
   * Records of the package whose id is in the vault again (only after a restore or a repair): the vault's own
   * copy was kept and the package's left out. Absent when there were none.
   */
  readonly conflicts?: number;
  /** ISO 8601 (UTC) of travel.start, for "away since". */
  readonly startedAt: string;
  readonly endedAt: string;
}

/**
 * Whether the register is at home or away. While away, exports and briefs are refused (the names that
 * redaction needs are not on the laptop), and interviews show the away people by code name only.
 */
export type TravelStatus =
  | { readonly state: 'home' }
  | {
      readonly state: 'away';
      /** ISO 8601 (UTC) of travel.start. */
      readonly since: string;
      readonly moved: TravelCounts;
      /** The tags whose interviews also left (empty: the register only). */
      readonly includeTags: readonly string[];
      /** Code names (W-017) of the people who left: safe to show; names and contacts are in the package. */
      readonly awayCodes: readonly string[];
      readonly sealedTo: readonly string[];
    };

/** At most this many tags (each as a tag is elsewhere) and colleagues in one travel.start. */
export const MAX_TRAVEL_TAGS = 64;
export const MAX_TRAVEL_SEAL_TO = 16;

export const travelOperationSchemas = {
  /**
   * Needs an unlocked, verified vault with nothing damaged. path: the package file to write (a new file);
   * includeTags: interviews carrying any of these tags leave too; sealTo: colleague ids whose card may also
   * open the package.
   */
  'travel.start': z
    .object({
      path: vaultPathSchema,
      includeTags: z.array(z.string().min(1).max(200)).max(MAX_TRAVEL_TAGS).optional(),
      sealTo: z.array(recordIdSchema).max(MAX_TRAVEL_SEAL_TO).optional(),
      /** A code from travel.newCode, already written down; absent: travel.start makes one (the command line). */
      recoveryCode: z.string().min(1).max(1024).optional(),
    })
    .strict(),
  /** A fresh recovery code to write down before travel.start (changes nothing). */
  'travel.newCode': z.object({}).strict(),
  /** path: the package travel.start wrote; recoveryCode: as the researcher types it. */
  'travel.end': z.object({ path: vaultPathSchema, recoveryCode: z.string().min(1).max(1024) }).strict(),
  'travel.status': z.object({}).strict(),
} as const;

export interface TravelOperationResults {
  'travel.start': TravelStartResult;
  'travel.newCode': NewRecoveryCode;
  'travel.end': TravelEndResult;
  'travel.status': TravelStatus;
}
