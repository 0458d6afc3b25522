import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type {
  Brief,
  BriefDecisions,
  BriefFieldText,
  BriefFinding,
  BriefFormat,
  BriefForms,
  BriefInterviewReview,
  BriefPeriod,
  BriefRequest,
  BriefResult,
  BriefReview,
  BriefSection,
  BriefWriteRequest,
} from '../../shared/brief';
import { exportRefusal, STALE_REVIEW, type ConsentBlock, type Person, type PersonReplacement, type RedactionKind } from '../../shared/domain';
import { BRIEF_MAX_INTERVIEWS } from '../../shared/schemas';
import { matchesFilter, peopleOf, type InterviewHead } from '../catalog/heads';
import { allText } from '../brief/read-back';
import { briefAsMarkdown, briefAsText } from '../export/brief-plain';
import { redactTexts, type RedactedText } from '../export/brief-render';
import { frontTexts, incidentLabels, incidentRows, interviewTexts, monthOf, briefPlace, paragraphsOf } from '../export/brief-texts';
import { consentBlocks, findAll, isOwnReplacement, type SourceField } from '../export/review';
import { exportTarget, writeExportFile } from '../export/write-file';
import { formsInTexts } from '../export/forms';
import type { WordFormsCache } from '../redaction/word-forms';
import { VaultError } from '../errors';
import { markdownReadingSpans, REDACTED, type DetectedSpan, type Redactor } from '../redaction';
import type { RedactorCache } from './export';
import { getInterview } from './interviews';
import { commit, requireSession, type Session, type SessionSlot } from './session';
import { taxonomy } from './settings';

/**
 * Briefs: many interviews in one redacted document. The same engine, consent rules and fail-closed leak check as
 * a single export (export.ts), over every text of the brief: its title and method note, and each interview's
 * heading, details, summary and quotations, under brief-local codes (B-1, B-2…) so that vault codes stay inside.
 */

/** Vault codes of interviews: never in a brief. */
const VAULT_CODE = /INT-\d+/;

interface PreparedInterview {
  readonly review: BriefInterviewReview;
  readonly types: readonly string[];
  readonly month: string;
  readonly place: string;
}

interface Prepared {
  readonly revision: string;
  readonly redactor: Redactor;
  readonly review: BriefReview;
  readonly interviews: readonly PreparedInterview[];
}

/** The interviews of the brief, in its order: the ids as given, else the filter's matches by date, then code. */
function selectedHeads(s: Session, request: BriefRequest): InterviewHead[] {
  const { ids, filter } = request.selection;
  let heads: InterviewHead[];
  if (ids !== undefined) {
    if (new Set(ids).size !== ids.length) throw new VaultError('invalid-request', 'An interview was chosen twice for the brief.');
    heads = ids.map((id) => {
      const h = s.heads.get(id);
      if (!h) throw new VaultError('invalid-request', 'An interview chosen for the brief does not exist (it may have been deleted). Choose again.');
      return h;
    });
  } else {
    const codeOf = (id: string) => s.people.get(id)?.code;
    heads = [...s.heads.values()]
      .filter((h) => matchesFilter(h, filter, codeOf))
      // by date, undated last (a reader follows the period), then by code: INT-0999 before INT-1000 before INT-10000
      .sort((a, b) => Number(!a.date) - Number(!b.date) || a.date.localeCompare(b.date) || a.code.localeCompare(b.code, 'en', { numeric: true }));
  }
  if (heads.length === 0) throw new VaultError('invalid-request', 'No interviews are chosen for the brief: choose some, or widen the filters.');
  if (heads.length > BRIEF_MAX_INTERVIEWS) {
    throw new VaultError('invalid-request', `A brief holds at most ${BRIEF_MAX_INTERVIEWS} interviews; ${heads.length} match. Narrow the filters.`);
  }
  return heads;
}

/** From the earliest to the latest interview date; '' at both ends when none is dated. */
function periodOf(heads: readonly InterviewHead[]): BriefPeriod {
  const dates = heads.map((h) => h.date).filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();
  return { from: dates[0] ?? '', to: dates[dates.length - 1] ?? '' };
}

/**
 * What a review is of: the request, the interviews at their revisions, the register and allow-list, and the
 * taxonomy (its labels are in the brief). brief.write refuses decisions made on any other.
 */
function briefRevision(s: Session, key: string, request: BriefRequest, heads: readonly InterviewHead[]): string {
  const interviews = heads.map((h) => [h.id, h.revision]);
  return createHash('sha256').update(JSON.stringify(['brief', request, interviews, key, taxonomy(s)])).digest('hex');
}

/** The engine over a group of texts, in the review's terms (field and index of each text). */
function findIn(redactor: Redactor, texts: readonly BriefFieldText[], request: BriefRequest): { findings: BriefFinding[]; named: Set<number> } {
  const findings: BriefFinding[] = [];
  const named = new Set<number>();
  texts.forEach((t) => {
    // findAll works on export fields; each text is run on its own and its findings labelled with field and index
    const r = findAll(redactor, [{ field: 'text', label: t.label, original: t.original } satisfies SourceField], request.personMode);
    r.named.forEach((n) => named.add(n));
    for (const { field: _field, ...f } of r.findings) findings.push({ ...f, field: t.field, index: t.index });
  });
  return { findings, named };
}

function prepareBrief(s: Session, redactors: RedactorCache, request: BriefRequest): Prepared {
  const heads = selectedHeads(s, request);
  const { key, redactor } = redactors.compiled(s);
  const revision = briefRevision(s, key, request, heads);
  const known = redactors.recallBrief(revision) as Prepared | null;
  if (known) return known;
  const label = incidentLabels(taxonomy(s));
  const front = frontTexts(request.title, request.method);
  const frontFound = findIn(redactor, front, request);
  const interviews = heads.map((h, n): PreparedInterview => {
    const interview = getInterview(s, h.id);
    const all = interviewTexts(interview, request.content, label, request.language);
    const found = findIn(redactor, all, request);
    // Consent covers everyone the interview concerns: linked, mentioned by code, or named in its texts.
    const ids = new Set(peopleOf(h, (code) => s.codes.get(code)));
    for (const i of found.named) {
      const id = redactor.people[i]?.id;
      if (id) ids.add(id);
    }
    const concerned = [...ids].map((id) => s.people.get(id)).filter((p): p is Person => p !== undefined);
    // Withdrawn or never given refuses the brief; a refusal of quotation only leaves the quotations out.
    const consent: ConsentBlock[] = consentBlocks(concerned.filter((p) => p.consent.withdrawnOn || (!p.consent.givenOn && !p.consent.method)));
    const quotesAllowed = concerned.every((p) => p.consent.allowsQuote);
    const quotes = all.filter((t) => t.field === 'quote').length;
    const fields = quotesAllowed ? all : all.filter((t) => t.field !== 'quote');
    const findings = quotesAllowed ? found.findings : found.findings.filter((f) => f.field !== 'quote');
    const place = briefPlace(h.place);
    return {
      review: {
        interviewId: h.id,
        vaultCode: h.code,
        briefCode: `B-${n + 1}`,
        fields,
        findings,
        consent,
        quotesLeftOut: quotesAllowed ? 0 : quotes,
      },
      types: h.incidentTypes.map(label),
      month: monthOf(h.date),
      // a place the engine flags (a village named after someone, an address) is withheld from the table
      place: place && redactor.detect(place, { person: request.personMode }).spans.length > 0 ? REDACTED : place,
    };
  });
  const review: BriefReview = {
    revision,
    period: periodOf(heads),
    front,
    frontFindings: frontFound.findings,
    interviews: interviews.map((i) => i.review),
    incidents: incidentRows(interviews),
  };
  const prepared: Prepared = { revision, redactor, review, interviews };
  redactors.rememberBrief(revision, prepared);
  return prepared;
}

export function briefReview(s: Session, redactors: RedactorCache, request: BriefRequest): BriefReview {
  return prepareBrief(s, redactors, request).review;
}

/**
 * Every place where `text` appears again, in any of its forms, in the brief's texts as reviewed (the same texts
 * and offsets as brief.review: quotations left out for consent are not searched), grouped as the review groups them.
 */
export function briefForms(s: Session, redactors: RedactorCache, wordForms: WordFormsCache, request: BriefRequest, text: string): BriefForms {
  const { review } = prepareBrief(s, redactors, request);
  const forms = wordForms.get(text);
  const interviews = review.interviews.map((i) => ({ interviewId: i.interviewId, ranges: formsInTexts(forms, i.fields) })).filter((i) => i.ranges.length > 0);
  return { revision: review.revision, front: formsInTexts(forms, review.front), interviews, morphology: forms.morphology };
}

const NO_DECISIONS: BriefDecisions = { keep: [], redact: [] };

/** Where a text sits in the brief, for the leak check's message (never the text itself). */
interface Placed {
  readonly where: string;
  readonly text: string;
  readonly keep: readonly string[];
}

const text = (outs: readonly RedactedText[], field: RedactedText['field'], index = 0) => outs.find((o) => o.field === field && o.index === index)?.output ?? '';

/** The brief as written: every text with the decisions of its group applied. */
function assemble(p: Prepared, request: BriefRequest, decisions: BriefWriteRequest['decisions']): { brief: Brief; placed: Placed[]; counts: Partial<Record<RedactionKind, number>> } {
  const counts: Partial<Record<RedactionKind, number>> = {};
  const placed: Placed[] = [];
  const frontDecisions = decisions['front'] ?? NO_DECISIONS;
  const front = redactTexts(p.review.front, p.review.frontFindings, frontDecisions, counts);
  for (const o of front) placed.push({ where: `the brief's ${o.field}`, text: o.output, keep: frontDecisions.keep });
  const sections = p.interviews.map(({ review }): BriefSection => {
    const d = decisions[review.interviewId] ?? NO_DECISIONS;
    const outs = redactTexts(review.fields, review.findings, d, counts);
    for (const o of outs) placed.push({ where: `${review.briefCode} ${o.field}`, text: o.output, keep: d.keep });
    return {
      code: review.briefCode,
      heading: text(outs, 'heading'),
      details: outs.filter((o) => o.field === 'details' && o.output).map((o) => o.output),
      blocks: [
        ...paragraphsOf(text(outs, 'summary')).map((t) => ({ kind: 'paragraph' as const, text: t })),
        ...outs.filter((o) => o.field === 'quote' && o.output).map((o) => ({ kind: 'quote' as const, text: o.output })),
      ],
    };
  });
  for (const r of p.review.incidents) placed.push({ where: 'the incidents table', text: `${r.type}\n${r.place}`, keep: [] });
  const brief: Brief = {
    title: text(front, 'title'),
    period: p.review.period,
    method: paragraphsOf(text(front, 'method')),
    incidents: p.review.incidents,
    sections,
  };
  return { brief, placed, counts };
}

/** The document's bytes and the text read back from them (for docx and pdf, out of the finished file). */
async function render(brief: Brief, request: BriefRequest, format: BriefFormat): Promise<{ bytes: Uint8Array; readBack: readonly string[] }> {
  switch (format) {
    case 'md': {
      const md = briefAsMarkdown(brief, request.language);
      // the escapes a Markdown reader drops could split a name: the plain rendering is checked as well
      return { bytes: Buffer.from(md, 'utf8'), readBack: [md, briefAsText(brief, request.language)] };
    }
    case 'txt': {
      const txt = briefAsText(brief, request.language);
      return { bytes: Buffer.from(txt, 'utf8'), readBack: [txt] };
    }
    // Loaded when a brief is written, not when the vault worker starts: docx, pdfkit and pdf.js are large.
    case 'docx': {
      const [{ writeDocx }, { textOfDocx }] = await Promise.all([import('../brief/docx-writer'), import('../brief/read-docx')]);
      const bytes = await writeDocx(brief, { language: request.language });
      return { bytes, readBack: [allText(await textOfDocx(bytes))] };
    }
    case 'pdf': {
      const [{ writePdf }, { textOfPdf }] = await Promise.all([import('../brief/pdf-writer'), import('../brief/read-pdf')]);
      const bytes = await writePdf(brief, { language: request.language });
      return { bytes, readBack: [allText(await textOfPdf(bytes))] };
    }
  }
}

/** The fail-closed scan: kinds and places of whatever identifying is left; empty when the brief is clean. */
function leaksIn(redactor: Redactor, mode: PersonReplacement, placed: readonly Placed[], readBack: readonly string[], keep: ReadonlySet<string>): string[] {
  const found: string[] = [];
  // Each text as written and as read through any Markdown marks left in it ("a*i*gul@exa*m*ple.org" is an address
  // to a reader of the .txt, the .docx or the .pdf as much as of the rendered .md).
  // (The rendered reading is searched where it differs from the text as written: markdownReadingSpans.)
  const scan = (where: string, written: string, kept: ReadonlySet<string>) => {
    for (const r of markdownReadingSpans(redactor, written)) scanOne(where, r.text, r.spans, kept);
  };
  const scanOne = (where: string, t: string, spans: readonly DetectedSpan[], kept: ReadonlySet<string>) => {
    for (const span of spans) {
      // A reviewer may keep a name (a namesake, a public figure); never a contact detail (allow-list only).
      if (span.kind === 'person' && kept.has(t.slice(span.start, span.end))) continue;
      if (isOwnReplacement(redactor, mode, t, span)) continue;
      found.push(`${span.kind} in ${where}`);
    }
    if (VAULT_CODE.test(t)) found.push(`a vault code in ${where}`);
  };
  for (const p of placed) scan(p.where, p.text, new Set(p.keep));
  // The finished document too, as read back from its bytes: nothing may appear across the joins or the layout.
  if (found.length === 0) for (const t of readBack) scan('the finished document', t, keep);
  return [...new Set(found)];
}

/** A brief made and checked, not yet written anywhere: brief.write puts it in a file, brief.seal in a bundle. */
export interface FinishedBrief {
  /** The open session, checked again after the documents were made. */
  readonly session: Session;
  readonly bytes: Uint8Array;
  /** The brief's title as written (redacted). */
  readonly title: string;
  readonly interviews: number;
  readonly redactions: Partial<Record<RedactionKind, number>>;
  /** For the audit entry: its subject, and its detail without the file's hash. */
  readonly subject: string;
  readonly detail: string;
}

/**
 * Makes a brief. Refused while the vault's integrity refuses exports, when the review shown is stale, when
 * consent forbids it, when a file name that leaves with it (`names`) names someone, and when the text read back
 * from the finished file still identifies anyone or carries a vault code (fail closed). On return the vault is
 * still the one open and the review still current: the caller writes and audits without awaiting in between.
 */
export async function finishBrief(slot: SessionSlot, redactors: RedactorCache, write: Omit<BriefWriteRequest, 'path'>, names: readonly string[]): Promise<FinishedBrief> {
  const s = requireSession(slot);
  const refusal = exportRefusal(s.report);
  if (refusal) throw new VaultError('integrity', `${refusal} Nothing was written.`);
  const { request, format, decisions } = write;
  const prepared = prepareBrief(s, redactors, request);
  if (write.reviewed !== undefined && write.reviewed !== prepared.revision) {
    throw new VaultError('invalid-request', `${STALE_REVIEW} Nothing was written; check the review again, then write the brief.`);
  }
  const blocks = prepared.review.interviews.flatMap((i) => i.consent.map((c) => `${i.briefCode}: ${c.reason}`));
  if (blocks.length > 0) throw new VaultError('invalid-request', `Brief refused: ${blocks.join(' ')} Leave those interviews out or record consent.`);
  if (names.some((name) => prepared.redactor.detect(name).spans.length > 0 || VAULT_CODE.test(name))) {
    throw new VaultError('invalid-request', 'The file name contains a name, a contact detail or a vault code. Choose a name such as brief-2026-03.');
  }
  const { brief, placed, counts } = assemble(prepared, request, decisions);
  const { bytes, readBack } = await render(brief, request, format);
  const keep = new Set(Object.values(decisions).flatMap((d) => d.keep));
  const left = leaksIn(prepared.redactor, request.personMode, placed, readBack, keep);
  if (left.length > 0) {
    // Kinds and places only: an error message must never quote the text (it can reach logs and screenshots).
    throw new VaultError('conflict', `Brief stopped: the final text still identifies someone (${left.length} found). ${left.slice(0, 5).join('; ')}. Nothing was written.`);
  }
  // The documents were made while awaiting: the vault must still be the one open, unchanged, to write and audit.
  if (slot.get() !== s) throw new VaultError('locked', 'The vault was locked while the brief was being made. Nothing was written.');
  const late = exportRefusal(s.report);
  if (late) throw new VaultError('integrity', `${late} Nothing was written.`);
  if (prepareRevision(s, redactors, request) !== prepared.revision) {
    throw new VaultError('invalid-request', `${STALE_REVIEW} Nothing was written; check the review again, then write the brief.`);
  }
  const n = prepared.interviews.length;
  const codes = prepared.interviews.map((i) => `${i.review.briefCode}=${i.review.vaultCode}`).join(' ');
  const redactions = Object.entries(counts).map(([k, c]) => `${k} ${c}`).join(', ') || 'none';
  const kept = Object.values(decisions).reduce((x, d) => x + d.keep.length, 0);
  return {
    session: s,
    bytes,
    title: brief.title,
    interviews: n,
    redactions: counts,
    subject: `${n} ${n === 1 ? 'interview' : 'interviews'}`,
    detail: `${format}; ${request.content}; ${codes}; redactions: ${redactions}; kept ${kept}`,
  };
}

/** Writes a brief to a file (see finishBrief for what refuses it). */
export async function briefWrite(slot: SessionSlot, redactors: RedactorCache, write: BriefWriteRequest): Promise<BriefResult> {
  const target = exportTarget(write.path, write.format);
  const done = await finishBrief(slot, redactors, write, [basename(target)]);
  writeExportFile(target, done.bytes);
  const sha256 = createHash('sha256').update(done.bytes).digest('hex');
  // Read-only disk: not recorded, and the result says so (as exportWrite).
  if (done.session.store.readOnly) return { path: target, interviews: done.interviews, redactions: done.redactions, sha256, notAudited: true };
  commit(done.session, [], 'brief exported', done.subject, `${done.detail}; sha256 ${sha256}`);
  return { path: target, interviews: done.interviews, redactions: done.redactions, sha256 };
}

/** The review's identity as things are now, without redoing the review (for the check after the documents are made). */
function prepareRevision(s: Session, redactors: RedactorCache, request: BriefRequest): string {
  return briefRevision(s, redactors.compiled(s).key, request, selectedHeads(s, request));
}
