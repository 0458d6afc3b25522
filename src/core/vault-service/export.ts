import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import {
  exportRefusal,
  STALE_REVIEW,
  type ConsentBlock,
  type ExportDecisions,
  type ExportFinding,
  type ExportFormat,
  type ExportForms,
  type ExportPart,
  type ExportResult,
  type ExportReview,
  type Interview,
  type Person,
  type PersonReplacement,
} from '../../shared/domain';
import { peopleOf } from '../catalog/heads';
import { formsInFields } from '../export/forms';
import { consentBlocks, exportFields, findAll, leaks, registerPerson, render, type SourceField } from '../export/review';
import { exportTarget, writeExportFile } from '../export/write-file';
import { VaultError } from '../errors';
import { compileRedactor, type Redactor } from '../redaction';
import type { WordFormsCache } from '../redaction/word-forms';
import { getInterview } from './interviews';
import { commit, type Session } from './session';
import { settings } from './settings';

/** Redaction review and export: what an export would reveal, the forms of a hand-made redaction, and the write. */

/** The register compiled for redaction, reused until a person or the allow-list changes (compiling is slow). */
export class RedactorCache {
  private cached: { key: string; redactor: Redactor } | null = null;
  /** The last review made, so that writing it does not run the redaction of a long note a second time. */
  private review: Prepared | null = null;
  /** The last brief reviewed (brief.ts), kept for its write in the same way; dropped with the rest at lock. */
  private brief: { readonly revision: string; readonly prepared: unknown } | null = null;

  redactor(s: Session): Redactor {
    return this.compiled(s).redactor;
  }

  compiled(s: Session): { key: string; redactor: Redactor } {
    const people = [...s.people.values()];
    const allow = settings(s).allowList;
    const key = JSON.stringify([s.store.paths.dir, people.map((p) => [p.id, p.revision]), allow]);
    if (this.cached?.key !== key) {
      this.cached = { key, redactor: compileRedactor({ people: people.map(registerPerson), allow }) };
    }
    return this.cached;
  }

  recall(revision: string): Prepared | null {
    return this.review?.revision === revision ? this.review : null;
  }

  remember(p: Prepared): void {
    this.review = p;
  }

  recallBrief(revision: string): unknown {
    return this.brief?.revision === revision ? this.brief.prepared : null;
  }

  rememberBrief(revision: string, prepared: unknown): void {
    this.brief = { revision, prepared };
  }

  clear(): void {
    this.cached = null;
    this.review = null;
    this.brief = null;
  }
}

interface Prepared {
  readonly revision: string;
  readonly interview: Interview;
  readonly redactor: Redactor;
  readonly fields: SourceField[];
  readonly findings: ExportFinding[];
  readonly consent: ConsentBlock[];
}

/**
 * What a review is of: the interview at its revision, the part, the person mode, the register and the allow-list.
 * The same identity means the same findings; export.write checks it against the review the reviewer saw.
 */
function reviewRevision(s: Session, redactors: RedactorCache, interview: Interview, part: ExportPart, mode: PersonReplacement): string {
  const { key } = redactors.compiled(s);
  return createHash('sha256').update(JSON.stringify([interview.id, interview.revision, part, mode, key])).digest('hex');
}

function prepareExport(s: Session, redactors: RedactorCache, interviewId: string, part: ExportPart, mode: PersonReplacement): Prepared {
  const interview = getInterview(s, interviewId);
  const revision = reviewRevision(s, redactors, interview, part, mode);
  const known = redactors.recall(revision);
  if (known) return known;
  const redactor = redactors.redactor(s);
  const fields = exportFields(interview, part);
  const { findings, named } = findAll(redactor, fields, mode);
  // Consent covers everyone the interview concerns: linked, mentioned by code, or named in what is exported.
  const ids = new Set(peopleOf(s.heads.get(interviewId)!, (code) => s.codes.get(code)));
  for (const n of named) {
    const id = redactor.people[n]?.id;
    if (id) ids.add(id);
  }
  const concerned = [...ids].map((id) => s.people.get(id)).filter((p): p is Person => p !== undefined);
  const prepared: Prepared = { revision, interview, redactor, fields, findings, consent: consentBlocks(concerned) };
  redactors.remember(prepared);
  return prepared;
}

/** Every place where `text` appears again, in any of its forms, in the fields under review. */
export function exportForms(s: Session, wordForms: WordFormsCache, interviewId: string, part: ExportPart, text: string): ExportForms {
  return formsInFields(wordForms, exportFields(getInterview(s, interviewId), part), text);
}

export function exportReview(s: Session, redactors: RedactorCache, interviewId: string, part: ExportPart, mode: PersonReplacement): ExportReview {
  const { revision, interview, fields, findings, consent } = prepareExport(s, redactors, interviewId, part, mode);
  return { interviewId, code: interview.code, part, revision, fields, findings, consent };
}

/**
 * Writes a redacted export. Refused when consent forbids it, when the file name itself names someone, or
 * when the final output still contains any register form or contact pattern (fail closed). With `reviewed` (the
 * revision of the review the reviewer saw), also when anything the findings depend on changed since: the decisions
 * were made on that review, and the file must say what it showed.
 */
export function exportWrite(
  s: Session,
  redactors: RedactorCache,
  interviewId: string,
  part: ExportPart,
  mode: PersonReplacement,
  format: ExportFormat,
  decisions: ExportDecisions,
  path: string,
  reviewed?: string,
): ExportResult {
  const refusal = exportRefusal(s.report);
  if (refusal) throw new VaultError('integrity', `${refusal} Nothing was written.`);
  const { revision, interview, redactor, fields, findings, consent } = prepareExport(s, redactors, interviewId, part, mode);
  if (reviewed !== undefined && reviewed !== revision) {
    throw new VaultError('invalid-request', `${STALE_REVIEW} Nothing was written; check the review again, then export.`);
  }
  if (consent.length > 0) {
    throw new VaultError('invalid-request', `Export refused: ${consent.map((c) => c.reason).join(' ')}`);
  }
  const target = exportTarget(path, format);
  if (redactor.detect(basename(target)).spans.length > 0) {
    throw new VaultError('invalid-request', 'The file name contains a name or contact detail. Choose a name such as INT-0031-summary.');
  }
  const rendered = render(fields, findings, decisions, format);
  const left = leaks(redactor, rendered, decisions.keep, mode);
  if (left.length > 0) {
    // Kinds and fields only: an error message must never quote the text (it can reach logs and screenshots).
    const where = left.slice(0, 5).map((l) => `${l.kind} in the ${l.field}`).join('; ');
    throw new VaultError('conflict', `Export stopped: the final text still identifies someone (${left.length} found). ${where}. Nothing was written.`);
  }
  writeExportFile(target, rendered.text);
  const sha256 = createHash('sha256').update(rendered.text, 'utf8').digest('hex');
  const counts = Object.entries(rendered.counts).map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
  // A vault on a read-only disk cannot record the export, and keeping the record anywhere else until it is
  // writable would put a trace of the vault's content outside it: the result says it is not in the audit log.
  if (s.store.readOnly) return { path: target, redactions: rendered.counts, sha256, notAudited: true };
  commit(s, [], 'exported', interview.code, `${part} as ${format}; redactions: ${counts}; kept ${decisions.keep.length}; sha256 ${sha256}`);
  return { path: target, redactions: rendered.counts, sha256 };
}
