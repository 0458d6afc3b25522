import type { BriefDecisions, BriefField, BriefFieldText, BriefFinding, BriefForms, BriefInterviewReview, BriefReview } from '../../../shared/brief';
import type { ExportFinding, ExportReview, InterviewFilter } from '../../../shared/domain';
import { addManual, isCovered, tidy, type Decisions, type FormText, type Span } from '../export/redaction';

/**
 * The brief's review reuses the single export's drawing and preview (ReviewText, redaction.ts), which work on
 * one ExportReview and its fields. Each text of the brief (the title, the method note, an interview's summary,
 * one quotation…) is shown as an ExportReview of its own with a single field, 'text'; the reviewer's decisions are
 * kept per group (the front, or one interview), as brief.write takes them, and handed to each text as Decisions.
 */

/** Where the brief's interviews come from: the list's filters, or ids chosen by hand in the list. */
export type BriefStart = { readonly ids: readonly string[] } | { readonly filter: InterviewFilter };

/** The navigation memory's key under which the interview list hands its selection or filters to the brief. */
export const BRIEF_START = 'brief.start';

/** 'front' or an interview's id: the groups brief.write takes decisions for. */
export type GroupKey = string;
export const FRONT: GroupKey = 'front';

/** One text of the brief: which group, which field, which one (quotations are numbered). */
export interface TextRef {
  readonly group: GroupKey;
  readonly field: BriefField;
  readonly index: number;
}

export const textKey = (r: { readonly field: BriefField; readonly index: number }): string => `${r.field}:${r.index}`;

/** A hand redaction: a stretch of one text. */
export interface BriefSpan {
  readonly field: BriefField;
  readonly index: number;
  readonly start: number;
  readonly end: number;
}

export interface GroupDecisions {
  /** Exact texts of automatic findings kept as written (the core keeps every occurrence in the group). */
  readonly kept: ReadonlySet<string>;
  /** Suggestions the reviewer chose to redact: findingKey of the text ("field:index:start:end"). */
  readonly accepted: ReadonlySet<string>;
  readonly manual: readonly BriefSpan[];
}

export const noGroupDecisions: GroupDecisions = { kept: new Set(), accepted: new Set(), manual: [] };

export const briefFindingKey = (f: { readonly field: BriefField; readonly index: number; readonly start: number; readonly end: number }): string =>
  `${f.field}:${f.index}:${f.start}:${f.end}`;

/** One group of the review: its texts and the engine's findings in them. */
export interface ReviewGroup {
  readonly key: GroupKey;
  readonly fields: readonly BriefFieldText[];
  readonly findings: readonly BriefFinding[];
}

export function groupsOf(review: BriefReview): ReviewGroup[] {
  return [{ key: FRONT, fields: review.front, findings: review.frontFindings }, ...review.interviews.map((i) => ({ key: i.interviewId, fields: i.fields, findings: i.findings }))];
}

/** A text of the brief as the export review's single-field review (field 'text'). */
export function textReview(group: ReviewGroup, text: BriefFieldText, revision: string): ExportReview {
  const findings: ExportFinding[] = [];
  for (const f of group.findings) {
    if (f.field !== text.field || f.index !== text.index) continue;
    findings.push({ field: 'text', start: f.start, end: f.end, kind: f.kind, certainty: f.certainty, reason: f.reason, replacement: f.replacement });
  }
  return { interviewId: group.key, code: '', part: 'summary', revision, fields: [{ field: 'text', label: text.label, original: text.original }], findings, consent: [] };
}

/** The group's decisions as the export review's Decisions for one of its texts. */
export function textDecisions(d: GroupDecisions, text: { readonly field: BriefField; readonly index: number }): Decisions {
  const prefix = `${textKey(text)}:`;
  const accepted = new Set<string>();
  for (const k of d.accepted) if (k.startsWith(prefix)) accepted.add(`text:${k.slice(prefix.length)}`);
  const manual: Span[] = d.manual.filter((m) => m.field === text.field && m.index === text.index).map((m) => ({ field: 'text', start: m.start, end: m.end }));
  return { kept: d.kept, accepted, manual };
}

/** Adds hand redactions to a group (a span inside one already there changes nothing; one covering others replaces them). */
export function addBriefManual(d: GroupDecisions, spans: readonly BriefSpan[]): GroupDecisions {
  let manual = [...d.manual];
  for (const s of spans) {
    const same = manual.filter((m) => m.field === s.field && m.index === s.index);
    const others = manual.filter((m) => !(m.field === s.field && m.index === s.index));
    const added = addManual(
      same.map((m) => ({ field: 'text', start: m.start, end: m.end })),
      { field: 'text', start: s.start, end: s.end },
    );
    manual = [...others, ...added.map((m) => ({ field: s.field, index: s.index, start: m.start, end: m.end }))];
  }
  return { ...d, manual };
}

/** Whether an automatic finding or a suggestion will be redacted under the group's decisions. */
export function briefRedacted(group: ReviewGroup, f: BriefFinding, d: GroupDecisions): boolean {
  if (f.certainty === 'suggestion') return d.accepted.has(briefFindingKey(f));
  const text = group.fields.find((x) => x.field === f.field && x.index === f.index)?.original ?? '';
  return !d.kept.has(text.slice(f.start, f.end));
}

/** The group's decisions as brief.write takes them; null when there are none (the engine's findings stand). */
export function toBriefDecisions(group: ReviewGroup, d: GroupDecisions): BriefDecisions | null {
  const redact: { field: BriefField; index: number; start: number; end: number }[] = [];
  for (const f of group.findings) {
    if (f.certainty === 'suggestion' && d.accepted.has(briefFindingKey(f))) redact.push({ field: f.field, index: f.index, start: f.start, end: f.end });
  }
  for (const m of d.manual) redact.push({ field: m.field, index: m.index, start: m.start, end: m.end });
  if (redact.length === 0 && d.kept.size === 0) return null;
  return { keep: [...d.kept], redact };
}

/** What a group's texts are: decisions made on other texts (offsets, kept words) do not carry over to them. */
export const groupFingerprint = (g: ReviewGroup): string => g.fields.map((f) => `${textKey(f)}\u0000${f.original}`).join('\u0001');

/** Counts for a group's header: findings redacted as things stand, open suggestions, hand redactions. */
export function groupCounts(group: ReviewGroup, d: GroupDecisions): { readonly redacted: number; readonly suggestions: number; readonly manual: number } {
  let redacted = 0;
  let suggestions = 0;
  for (const f of group.findings) {
    if (briefRedacted(group, f, d)) redacted++;
    else if (f.certainty === 'suggestion') suggestions++;
  }
  return { redacted, suggestions, manual: d.manual.length };
}

/** Interviews the brief cannot carry as it is: someone's consent does not allow it. */
export const blockedInterviews = (review: BriefReview): BriefInterviewReview[] => review.interviews.filter((i) => i.consent.length > 0);

// ---- the other forms of a hand redaction (brief.forms) ----

/** A stretch of one text in one group: where a form of a hand-redacted text stands. */
export interface GroupSpan {
  readonly group: GroupKey;
  readonly span: BriefSpan;
}

export const groupSpanKey = (s: GroupSpan): string => `${s.group}:${briefFindingKey(s.span)}`;

/** brief.forms' answer as one list, the front first, then the interviews in the brief's order. */
export function formSpans(forms: BriefForms): GroupSpan[] {
  return [...forms.front.map((span) => ({ group: FRONT, span })), ...forms.interviews.flatMap((i) => i.ranges.map((span) => ({ group: i.interviewId, span })))];
}

/**
 * Whether a stretch is redacted already under its group's decisions (by hand, or inside a finding that is
 * redacted), judged as the single export judges it. A text no longer in the review counts as covered: there is
 * nothing left there to offer.
 */
export function briefCovered(groups: ReadonlyMap<GroupKey, ReviewGroup>, decisions: ReadonlyMap<GroupKey, GroupDecisions>, s: GroupSpan): boolean {
  const group = groups.get(s.group);
  const text = group?.fields.find((x) => x.field === s.span.field && x.index === s.span.index);
  if (!group || !text || s.span.end > text.original.length) return true;
  return isCovered(textReview(group, text, ''), textDecisions(decisions.get(s.group) ?? noGroupDecisions, text), { field: 'text', start: s.span.start, end: s.span.end });
}

/** Hand redactions added for each stretch, group by group. */
export function addGroupSpans(decisions: ReadonlyMap<GroupKey, GroupDecisions>, spans: readonly GroupSpan[]): Map<GroupKey, GroupDecisions> {
  const next = new Map(decisions);
  for (const s of spans) next.set(s.group, addBriefManual(next.get(s.group) ?? noGroupDecisions, [s.span]));
  return next;
}

/** Undoes addGroupSpans: the stretches it added go, and the hand redactions they had replaced come back. */
export function removeGroupSpans(decisions: ReadonlyMap<GroupKey, GroupDecisions>, added: readonly GroupSpan[], before: ReadonlyMap<GroupKey, readonly BriefSpan[]>): Map<GroupKey, GroupDecisions> {
  const gone = new Set(added.map(groupSpanKey));
  const next = new Map(decisions);
  for (const [group, was] of before) {
    const d = next.get(group) ?? noGroupDecisions;
    next.set(group, addBriefManual({ ...d, manual: d.manual.filter((m) => !gone.has(groupSpanKey({ group, span: m }))) }, was));
  }
  return next;
}

/** The stretches as the offer's chips: each text, how often, and where in the brief (B-1, B-2…). */
export function briefFormTexts(groups: ReadonlyMap<GroupKey, ReviewGroup>, spans: readonly GroupSpan[], partOf: (group: GroupKey) => string): FormText[] {
  const byText = new Map<string, { count: number; parts: Set<string> }>();
  for (const s of spans) {
    const original = groups.get(s.group)?.fields.find((x) => x.field === s.span.field && x.index === s.span.index)?.original ?? '';
    const text = tidy(original.slice(s.span.start, s.span.end));
    const entry = byText.get(text) ?? { count: 0, parts: new Set<string>() };
    entry.count++;
    entry.parts.add(partOf(s.group));
    byText.set(text, entry);
  }
  return [...byText].map(([text, e]) => ({ text, count: e.count, fields: [], parts: [...e.parts] }));
}
