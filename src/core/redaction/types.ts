import type { Contact, ScriptedName } from '../../shared/domain';

/** What a contact-detail finding is. Every one of these always becomes `[REDACTED]`. */
export type ContactFindingKind = 'phone' | 'email' | 'handle' | 'id-number' | 'birth-date' | 'address' | 'location';
export type FindingKind = ContactFindingKind | 'person';

export const CONTACT_KINDS: readonly ContactFindingKind[] = ['phone', 'email', 'handle', 'id-number', 'birth-date', 'address', 'location'];
export const ALL_KINDS: readonly FindingKind[] = ['person', ...CONTACT_KINDS];

/** One recogniser hit. Offsets are JavaScript string offsets into the text the recogniser was given. */
export interface Finding {
  readonly start: number;
  readonly end: number;
  readonly kind: FindingKind;
  /** 0..1; below the engine's threshold a finding is a suggestion, not a redaction. */
  readonly confidence: number;
  /** Which recogniser found it ("register", "phone:libphonenumber", "email:obfuscated", ...). */
  readonly source: string;
  /** For register matches: the indexes of the people it may be (one unless two people share a name). */
  readonly people?: readonly number[];
  /** For suggestions: why a reviewer should look. */
  readonly reason?: string;
  /** A register name that may not be that person (a relative sharing the surname): never their pseudonym or code. */
  readonly mixed?: boolean;
}

/** A register entry as the engine needs it: any of the fields may be missing (the identities file has no codes). */
export interface RegisterPerson {
  readonly id?: string;
  readonly code?: string;
  readonly pseudonym?: string;
  readonly given?: ScriptedName;
  readonly family?: ScriptedName;
  readonly patronymic?: ScriptedName;
  readonly otherSpellings?: readonly string[];
  readonly contacts?: readonly Contact[];
}

export interface Span {
  readonly start: number;
  readonly end: number;
  readonly kind: FindingKind;
}

export interface Suggestion {
  readonly start: number;
  readonly end: number;
  readonly kind: FindingKind;
  readonly confidence: number;
  readonly reason: string;
}

export const REDACTED = '[REDACTED]';
