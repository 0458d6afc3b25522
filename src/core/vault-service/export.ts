import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import {
  exportRefusal,
  type ExportDecisions,
  type ExportFormat,
  type ExportForms,
  type ExportPart,
  type ExportResult,
  type ExportReview,
  type Person,
  type PersonReplacement,
} from '../../shared/domain';
import { peopleOf } from '../catalog/heads';
import { formsInFields } from '../export/forms';
import { consentBlocks, exportFields, findAll, leaks, registerPerson, render } from '../export/review';
import { writeExportFile } from '../export/write-file';
import { VaultError } from '../errors';
import { compileRedactor, type Redactor } from '../redaction';
import type { WordFormsCache } from '../redaction/word-forms';
import { expandHome } from '../vault/layout';
import { getInterview } from './interviews';
import { commit, type Session } from './session';
import { settings } from './settings';

/** Redaction review and export: what an export would reveal, the forms of a hand-made redaction, and the write. */

/** The register compiled for redaction, reused until a person or the allow-list changes (compiling is slow). */
export class RedactorCache {
  private cached: { key: string; redactor: Redactor } | null = null;

  redactor(s: Session): Redactor {
    const people = [...s.people.values()];
    const allow = settings(s).allowList;
    const key = JSON.stringify([s.store.paths.dir, people.map((p) => [p.id, p.revision]), allow]);
    if (this.cached?.key !== key) {
      this.cached = { key, redactor: compileRedactor({ people: people.map(registerPerson), allow }) };
    }
    return this.cached.redactor;
  }

  clear(): void {
    this.cached = null;
  }
}

function prepareExport(s: Session, redactors: RedactorCache, interviewId: string, part: ExportPart, mode: PersonReplacement) {
  const interview = getInterview(s, interviewId);
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
  return { interview, redactor, fields, findings, consent: consentBlocks(concerned) };
}

/** Every place where `text` appears again, in any of its forms, in the fields under review. */
export function exportForms(s: Session, wordForms: WordFormsCache, interviewId: string, part: ExportPart, text: string): ExportForms {
  return formsInFields(wordForms, exportFields(getInterview(s, interviewId), part), text);
}

export function exportReview(s: Session, redactors: RedactorCache, interviewId: string, part: ExportPart, mode: PersonReplacement): ExportReview {
  const { interview, fields, findings, consent } = prepareExport(s, redactors, interviewId, part, mode);
  return { interviewId, code: interview.code, part, fields, findings, consent };
}

/**
 * Writes a redacted export. Refused when consent forbids it, when the file name itself names someone, or
 * when the final output still contains any register form or contact pattern (fail closed).
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
): ExportResult {
  const refusal = exportRefusal(s.report);
  if (refusal) throw new VaultError('integrity', `${refusal} Nothing was written.`);
  const { interview, redactor, fields, findings, consent } = prepareExport(s, redactors, interviewId, part, mode);
  if (consent.length > 0) {
    throw new VaultError('invalid-request', `Export refused: ${consent.map((c) => c.reason).join(' ')}`);
  }
  let target = expandHome(path);
  if (extname(target).toLowerCase() !== `.${format}`) target = `${target}.${format}`;
  if (redactor.detect(basename(target)).spans.length > 0) {
    throw new VaultError('invalid-request', 'The file name contains a name or contact detail. Choose a name such as INT-0031-summary.');
  }
  const rendered = render(fields, findings, decisions, format);
  const left = leaks(redactor, rendered, decisions.keep);
  if (left.length > 0) {
    // Kinds and fields only: an error message must never quote the text (it can reach logs and screenshots).
    const where = left.slice(0, 5).map((l) => `${l.kind} in the ${l.field}`).join('; ');
    throw new VaultError('conflict', `Export stopped: the final text still identifies someone (${left.length} found). ${where}. Nothing was written.`);
  }
  writeExportFile(target, rendered.text);
  const sha256 = createHash('sha256').update(rendered.text, 'utf8').digest('hex');
  const counts = Object.entries(rendered.counts).map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
  commit(s, [], 'exported', interview.code, `${part} as ${format}; redactions: ${counts}; kept ${decisions.keep.length}; sha256 ${sha256}`);
  return { path: target, redactions: rendered.counts, sha256 };
}
