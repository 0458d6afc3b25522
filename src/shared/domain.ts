/** Domain types shared by core, main, renderer and CLI. Plain data only: they cross structured clone. */

export type InterviewFormat = 'in-person' | 'remote' | 'phone';
export type InterviewStatus = 'draft' | 'reviewed';

export interface Place {
  readonly country: string;
  readonly city: string;
  readonly district: string;
}

export interface InterviewFields {
  readonly title: string;
  readonly date: string; // ISO yyyy-mm-dd or ''
  readonly place: Place;
  readonly languages: readonly string[];
  readonly interviewer: string;
  readonly format: InterviewFormat;
  readonly incidentTypes: readonly string[];
  readonly tags: readonly string[];
  readonly body: string; // Markdown
  readonly summary: string; // Markdown
  readonly status: InterviewStatus;
  readonly people: readonly string[]; // person ids
}

export interface Interview extends InterviewFields {
  readonly id: string;
  readonly revision: number;
  readonly code: string; // INT-0031
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What a list shows: every structured field, no notes, no summary. */
export interface InterviewSummaryRow {
  readonly id: string;
  readonly code: string;
  readonly title: string;
  readonly date: string;
  readonly place: Place;
  readonly status: InterviewStatus;
  readonly format: InterviewFormat;
  readonly languages: readonly string[];
  readonly interviewer: string;
  readonly incidentTypes: readonly string[];
  readonly tags: readonly string[];
  readonly people: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Filters shared by the interview list and search. Empty / absent fields do not filter. */
export interface InterviewFilter {
  readonly from?: string; // ISO date, inclusive
  readonly to?: string; // ISO date, inclusive
  readonly country?: string; // exact, case-insensitive
  readonly place?: string; // substring of city or district, case-insensitive
  readonly incidentType?: string; // taxonomy type id
  readonly tag?: string;
  readonly status?: InterviewStatus;
  readonly personId?: string; // linked or mentioned
}

export type InterviewSortKey = 'date' | 'code' | 'title' | 'place' | 'status' | 'updated';
export interface InterviewSort {
  readonly key: InterviewSortKey;
  readonly direction: 'asc' | 'desc';
}

/** One kept earlier version of an interview (the last 20 are kept, encrypted). */
export interface InterviewRevisionInfo {
  readonly revisionId: string;
  readonly savedAt: string; // when this version stopped being current
  readonly title: string;
  readonly characters: number; // length of notes + summary, to tell versions apart
}

/** Incident types: groups drawn from the field, each with its specific types; editable by the user. */
export interface IncidentType {
  readonly id: string;
  readonly label: string;
}
export interface IncidentGroup {
  readonly id: string;
  readonly label: string;
  readonly types: readonly IncidentType[];
}
export interface Taxonomy {
  readonly groups: readonly IncidentGroup[];
}

/** Per-vault settings, stored encrypted in the vault. */
export interface VaultSettings {
  readonly autoLockMinutes: number; // 1..240, default 5
  readonly searchIncludesPeople: boolean; // default false: register hits only when asked for
  /** Never redacted on export: public officials, the organisation's own letterhead phones and addresses. */
  readonly allowList: readonly string[];
  /** Light, dark, or whatever the system uses (the default). */
  readonly theme: ThemeChoice;
  /** The interface language: a catalog's code ("en", "ru") or whatever the system uses (the default). */
  readonly language: LanguageChoice;
  /** Remind when the last backup is older than this many days; 0: never. Absent: 7 (src/shared/backup.ts). */
  readonly backupReminderDays?: number;
  /** When the last verified backup was taken (ISO 8601); absent: never. Written by backup.create only. */
  readonly lastBackupAt?: string;
}

export type ThemeChoice = 'system' | 'light' | 'dark';
/** 'system' or a short language code; a code without a catalog falls back to the system's language. */
export type LanguageChoice = 'system' | (string & {});

export const defaultVaultSettings: VaultSettings = { autoLockMinutes: 5, searchIncludesPeople: false, allowList: [], theme: 'system', language: 'system' };

// ---- redaction review and export ----

export type ExportPart = 'summary' | 'notes';
export type ExportFormat = 'md' | 'txt';
/** What a register person becomes in an export. Contact details always become [REDACTED]. */
export type PersonReplacement = 'redacted' | 'pseudonym' | 'code';
export type RedactionKind = 'person' | 'phone' | 'email' | 'handle' | 'id-number' | 'birth-date' | 'address' | 'location' | 'manual';
/** The parts of an interview that leave the laptop: each passes through the redaction engine. */
export type ExportField = 'title' | 'date' | 'place' | 'text';

export interface ExportFinding {
  readonly field: ExportField;
  readonly start: number; // JavaScript string offsets into that field's original text
  readonly end: number;
  readonly kind: RedactionKind;
  /** 'auto': redacted unless the reviewer keeps it; 'suggestion': kept unless the reviewer redacts it. */
  readonly certainty: 'auto' | 'suggestion';
  readonly reason: string;
  /** What it becomes if redacted ([REDACTED], a pseudonym or a code name). */
  readonly replacement: string;
}

export interface ConsentBlock {
  readonly personId: string;
  readonly code: string;
  readonly reason: string;
}

export interface ExportReview {
  readonly interviewId: string;
  readonly code: string;
  readonly part: ExportPart;
  /**
   * What this review is of (the interview's revision, the part, the person mode, the register, the allow-list):
   * export.write given it refuses when any of these changed, so the file says what the review showed.
   */
  readonly revision: string;
  readonly fields: readonly { readonly field: ExportField; readonly label: string; readonly original: string }[];
  readonly findings: readonly ExportFinding[];
  /** Non-empty: the export is refused, with these reasons. */
  readonly consent: readonly ConsentBlock[];
}

/** export.write's refusal when the review shown is not of the interview, register and allow-list as they are now. */
export const STALE_REVIEW = 'The interview, the register or the allow-list changed after this review was made.';

/** The reviewer's decisions, applied on top of the engine's findings when writing. */
export interface ExportDecisions {
  /**
   * Exact texts the reviewer chose to keep (rejected findings). A kept name passes; a kept contact detail is
   * still caught by the leak check (contact details pass only through the allow-list in settings).
   */
  readonly keep: readonly string[];
  /** Extra spans to redact: accepted suggestions and text selected by hand. */
  readonly redact: readonly { readonly field: ExportField; readonly start: number; readonly end: number }[];
}

/** A stretch of one field's original text under review (JavaScript string offsets). */
export interface ExportSpan {
  readonly field: ExportField;
  readonly start: number;
  readonly end: number;
}

/** Where a hand-redacted text appears again in the fields under review, in any of its forms. */
export interface ExportForms {
  /** Sorted by field, then offset; the selection's own place is among them. */
  readonly ranges: readonly ExportSpan[];
  /** True when the register's morphology was used (a name-like text); false: exact repetitions only. */
  readonly morphology: boolean;
}

export interface ExportLeak {
  readonly field: ExportField;
  readonly kind: RedactionKind;
  /** The text around the leak with the leak itself replaced by ▮ marks: the message never repeats it. */
  readonly context: string;
}

export interface ExportResult {
  readonly path: string;
  readonly redactions: Readonly<Partial<Record<RedactionKind, number>>>;
  readonly sha256: string;
  /**
   * The vault is open read-only (UnlockReport.readOnly): this export could not be recorded in its audit log, and
   * will not be later (nothing may be kept elsewhere meanwhile). The researcher is told so.
   */
  readonly notAudited?: true;
}

export interface ScriptedName {
  readonly latin: string;
  readonly cyrillic: string;
}

export type ContactKind = 'phone' | 'email' | 'telegram' | 'whatsapp' | 'signal' | 'other';
export interface Contact {
  readonly kind: ContactKind;
  readonly value: string;
}

export type PersonRole = 'witness' | 'victim' | 'defender' | 'official' | 'other';
export type ConsentMethod = 'oral' | 'written' | 'recorded';

export interface Consent {
  readonly givenOn: string; // ISO date or ''
  readonly method: ConsentMethod | '';
  readonly allowsQuote: boolean;
  readonly allowsName: boolean;
  readonly allowsAudio: boolean;
  readonly shareWith: readonly string[]; // named partner organisations
  readonly withdrawnOn: string; // ISO date or '' when not withdrawn
}

export interface PersonFields {
  readonly pseudonym: string;
  readonly given: ScriptedName;
  readonly family: ScriptedName;
  readonly patronymic: ScriptedName;
  readonly otherSpellings: readonly string[];
  readonly contacts: readonly Contact[];
  readonly birthDate: string;
  readonly age: string;
  readonly gender: string;
  readonly nationality: string;
  readonly ethnicity: string;
  readonly location: string;
  readonly role: PersonRole;
  readonly consent: Consent;
  readonly riskNotes: string;
}

export interface Person extends PersonFields {
  readonly id: string;
  readonly revision: number;
  readonly code: string; // W-017
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface AuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly action: string;
  readonly subject: string; // a record code or id, never a name
  readonly detail: string;
  readonly prevHash: string;
  readonly hash: string;
}

export interface DamagedRecord {
  readonly id: string;
  readonly reason: string;
  /** Kind and code when the last session's encrypted copy knows this record (never a name). */
  readonly kind?: RecordKindName;
  readonly code?: string;
  /** The last session's copy holds it whole (a person), so it can be put back as it was. */
  readonly restorable?: boolean;
}

export type RecordKindName =
  | 'interview'
  | 'person'
  | 'audit entry'
  | 'code counters'
  | 'earlier versions'
  | 'incident taxonomy'
  | 'settings'
  | 'delivery keys'
  | 'colleague'
  | 'received brief'
  | 'travel record';

/** A kind of record whose count differs from the one the seal recorded at the last write. */
export interface SealDifference {
  readonly kind: RecordKindName;
  readonly sealed: number;
  readonly present: number;
}

/** A record the last session's encrypted copy (the search cache) knew and the database no longer holds. */
export interface MissingRecord {
  readonly id: string;
  readonly kind: RecordKindName;
  /** Its code (INT-0031, W-017) when the copy knows it; never a name. */
  readonly code: string;
  /** Whether the copy holds all of it, so it can be put back (people: yes; interviews: the copy has no notes). */
  readonly restorable: boolean;
}

export interface UnlockReport {
  readonly interviews: number;
  readonly people: number;
  /** Records that cannot be read, with their kind and code where the last session's copy knows them. */
  readonly damaged: readonly DamagedRecord[];
  /** False when rows were removed, rolled back or added outside Fieldvault. */
  readonly sealIntact: boolean;
  readonly auditChainIntact: boolean;
  /** False when objects Fieldvault did not create were found in the database (and removed). */
  readonly schemaIntact: boolean;
  /** What the seal says should be there and is not (or is there and should not be), by kind. */
  readonly sealDifferences: readonly SealDifference[];
  /** Records known to the last session's copy and now gone. */
  readonly missing: readonly MissingRecord[];
  /**
   * Unlock uses the encrypted search cache and checks every record in the background afterwards; until that
   * pass is done, damaged lists only what was found so far.
   */
  readonly verified: boolean;
  /**
   * The vault is on a read-only disk (a write-protected USB stick) and was opened for reading only: reading,
   * search and export work, every change is refused ('read-only'), and nothing is written to its folder (no
   * audit entries, no search cache). Absent when the vault is writable.
   */
  readonly readOnly?: true;
}

/**
 * Why nothing may leave the vault now, or null. While records are unchecked, damaged or missing, the register
 * may be incomplete and an export could name someone it should hide; acknowledging a warning does not change
 * that, only removing or restoring the records (or accepting the vault as it is, once it has been checked).
 */
export function exportRefusal(report: UnlockReport): string | null {
  if (report.damaged.length > 0) {
    const n = report.damaged.length;
    return `Exports are refused: ${n} ${n === 1 ? 'record is' : 'records are'} damaged, so the register may be incomplete. Restore the vault from a backup, or remove the damaged ${n === 1 ? 'record' : 'records'} after seeing which ${n === 1 ? 'it is' : 'they are'}.`;
  }
  if (!report.sealIntact) {
    return 'Exports are refused: records were removed, rolled back or added outside Fieldvault, so the register may be incomplete. Restore what is missing, or review the differences and accept the vault as it is.';
  }
  if (!report.verified) return 'Exports are available once every record has been checked (a few seconds after unlocking).';
  return null;
}

export type VaultState =
  | { readonly state: 'locked' }
  | { readonly state: 'unlocked'; readonly path: string; readonly report: UnlockReport };

export interface SearchHit {
  readonly kind: 'interview' | 'person';
  readonly id: string;
  readonly code: string;
  readonly title: string;
  readonly snippet: string;
}

export interface KdfParams {
  readonly opsLimit: number;
  readonly memLimitKiB: number;
}

export const emptyPlace: Place = { country: '', city: '', district: '' };

export const emptyInterviewFields: InterviewFields = {
  title: '',
  date: '',
  place: emptyPlace,
  languages: [],
  interviewer: '',
  format: 'in-person',
  incidentTypes: [],
  tags: [],
  body: '',
  summary: '',
  status: 'draft',
  people: [],
};

const noName: ScriptedName = { latin: '', cyrillic: '' };

export const emptyConsent: Consent = {
  givenOn: '',
  method: '',
  allowsQuote: false,
  allowsName: false,
  allowsAudio: false,
  shareWith: [],
  withdrawnOn: '',
};

export const emptyPersonFields: PersonFields = {
  pseudonym: '',
  given: noName,
  family: noName,
  patronymic: noName,
  otherSpellings: [],
  contacts: [],
  birthDate: '',
  age: '',
  gender: '',
  nationality: '',
  ethnicity: '',
  location: '',
  role: 'witness',
  consent: emptyConsent,
  riskNotes: '',
};
