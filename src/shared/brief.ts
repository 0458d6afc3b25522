/**
 * A finished brief: what goes into the Word or PDF file, after redaction and review. Every string here is final,
 * already redacted text (plain text, not Markdown); the document writers add only their own fixed labels.
 * Interviews appear under brief-local codes (B-1, B-2…) so that vault codes never leave the vault.
 */
import type { ConsentBlock, ExportFinding, InterviewFilter, PersonReplacement } from './domain';

/** The language of the writers' own labels ("Method", "Page 2 of 5", month names). */
export type BriefLanguage = 'en' | 'ru';

export interface BriefPeriod {
  /** ISO date, yyyy-mm-dd or yyyy-mm; '' when open-ended. */
  readonly from: string;
  readonly to: string;
}

/** One row of the incidents table: how many interviews report this type of incident, here, in this month. */
export interface BriefIncidentRow {
  readonly type: string;
  /** '' when the place was withheld or unknown. */
  readonly place: string;
  /** yyyy-mm; '' when undated. */
  readonly month: string;
  readonly count: number;
}

export type BriefBlock =
  | { readonly kind: 'paragraph'; readonly text: string }
  /**
   * Words of the person interviewed (needs their quotation consent), without quotation marks: the writers set
   * it apart and add the marks of the brief's language.
   */
  | { readonly kind: 'quote'; readonly text: string };

export interface BriefSection {
  /** Brief-local code: B-1, B-2… */
  readonly code: string;
  readonly heading: string;
  /** Short facts shown under the heading (month, place, incident types), already redacted; may be empty. */
  readonly details: readonly string[];
  /** Summary, excerpts and quotes, in reading order. */
  readonly blocks: readonly BriefBlock[];
}

export interface Brief {
  readonly title: string;
  readonly period: BriefPeriod;
  /** The method note, one string per paragraph. */
  readonly method: readonly string[];
  readonly incidents: readonly BriefIncidentRow[];
  readonly sections: readonly BriefSection[];
}

// --- The contract of the brief operations (brief.review, brief.forms, brief.write) ----------------------
// A brief is built from interviews the researcher chose (by the list's filters or by hand) and passes through
// the same engine, consent rules, review and fail-closed leak check as a single export.

/** The formats a brief is written in. */
export type BriefFormat = 'md' | 'txt' | 'docx' | 'pdf';

/** What goes in for each interview: its summary, or its summary and the quotations marked in its notes. */
export type BriefContent = 'summary' | 'summary-and-quotes';

/** Which interviews: these ids in this order (chosen by hand), else every interview the filter matches, by date. */
export interface BriefSelection {
  readonly ids?: readonly string[];
  readonly filter?: InterviewFilter;
}

/** What the researcher asked for: everything brief.review needs. */
export interface BriefRequest {
  readonly title: string;
  /** The method note as written (paragraphs separated by blank lines); reviewed like the interviews' text. */
  readonly method: string;
  readonly selection: BriefSelection;
  readonly content: BriefContent;
  readonly personMode: PersonReplacement;
  /** The language of the document's own labels. */
  readonly language: BriefLanguage;
}

/** A reviewable text of the brief: the title, the method note, or a field of one interview. */
export type BriefField = 'title' | 'method' | 'heading' | 'details' | 'summary' | 'quote';

export interface BriefFieldText {
  readonly field: BriefField;
  /** For quotations, which one (0, 1…) in the interview's notes; 0 otherwise. */
  readonly index: number;
  readonly label: string;
  readonly original: string;
}

export interface BriefFinding extends Omit<ExportFinding, 'field'> {
  readonly field: BriefField;
  readonly index: number;
}

/** One interview in the review: under its brief-local code, with what the engine found in its texts. */
export interface BriefInterviewReview {
  readonly interviewId: string;
  /** The vault's code (shown to the researcher in the review only; never written into the brief). */
  readonly vaultCode: string;
  /** B-1, B-2…: the only code the brief carries. */
  readonly briefCode: string;
  readonly fields: readonly BriefFieldText[];
  readonly findings: readonly BriefFinding[];
  /** Non-empty: the brief is refused until the interview is left out or consent is recorded. */
  readonly consent: readonly ConsentBlock[];
  /** Quotations not included because someone the interview concerns did not allow quotation. */
  readonly quotesLeftOut: number;
}

export interface BriefReview {
  /** What this review is of (request, interviews at their revisions, register, allow-list); brief.write checks it. */
  readonly revision: string;
  readonly period: BriefPeriod;
  /** The title and the method note, reviewed like any text (a place or a name can be in them). */
  readonly front: readonly BriefFieldText[];
  readonly frontFindings: readonly BriefFinding[];
  readonly interviews: readonly BriefInterviewReview[];
  /** The incidents table as it will be written (places pass through the engine too). */
  readonly incidents: readonly BriefIncidentRow[];
}

/** The reviewer's decisions on one text group: the front ('front') or one interview (its id). */
export interface BriefDecisions {
  readonly keep: readonly string[];
  readonly redact: readonly { readonly field: BriefField; readonly index: number; readonly start: number; readonly end: number }[];
}

/** brief.forms: the brief as reviewed (the same request as brief.review) and the text redacted by hand. */
export interface BriefFormsRequest {
  readonly request: BriefRequest;
  readonly text: string;
}

/** A stretch of one text of the brief: which field, which one, where. */
export interface BriefRange {
  readonly field: BriefField;
  readonly index: number;
  readonly start: number;
  readonly end: number;
}

/**
 * Where a hand-redacted text appears again in the brief, in any of its forms, grouped as the review groups its
 * findings: the brief's own texts, then each interview. Offsets only: the review already shows the texts.
 */
export interface BriefForms {
  /** The review these offsets belong to (BriefReview.revision): an answer for another is dropped. */
  readonly revision: string;
  /** The selection's own place is among them. */
  readonly front: readonly BriefRange[];
  /** Only interviews with at least one form, in the brief's order. */
  readonly interviews: readonly { readonly interviewId: string; readonly ranges: readonly BriefRange[] }[];
  /** True when the register's morphology was used (a name-like text); false: exact repetitions only. */
  readonly morphology: boolean;
}

export interface BriefWriteRequest {
  readonly request: BriefRequest;
  readonly format: BriefFormat;
  /** Keyed by 'front' or an interview id; absent means the engine's findings as they are. */
  readonly decisions: Readonly<Record<string, BriefDecisions>>;
  readonly path: string;
  /** The revision of the review the researcher saw (BriefReview.revision). */
  readonly reviewed?: string;
}

export interface BriefResult {
  readonly path: string;
  readonly interviews: number;
  readonly redactions: Readonly<Record<string, number>>;
  readonly sha256: string;
  /** As ExportResult.notAudited: written from a vault open read-only, so not in its audit log. */
  readonly notAudited?: true;
}
