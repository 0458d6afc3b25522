import type { ExportField, ExportFinding, ExportReview, RedactionKind } from '../../../shared/domain';

/**
 * The reviewer's decisions and the live preview: pure string work on the offsets export.review returned.
 * It mirrors what the core does when it writes (auto findings redacted unless their exact text is kept;
 * accepted suggestions and hand-selected spans become [REDACTED]; overlapping spans merge into one), so the
 * preview shows what the file will say. The core still decides, and scans the result again before writing.
 */

export const REDACTED = '[REDACTED]';

export interface Span {
  field: ExportField;
  start: number;
  end: number;
}

export interface Decisions {
  /** Exact texts of automatic findings the reviewer kept (the core keeps every occurrence of that text). */
  readonly kept: ReadonlySet<string>;
  /** Keys (findingKey) of suggestions the reviewer chose to redact. */
  readonly accepted: ReadonlySet<string>;
  /** Text selected and redacted by hand. */
  readonly manual: readonly Span[];
}

export const noDecisions: Decisions = { kept: new Set(), accepted: new Set(), manual: [] };

export const findingKey = (f: Span): string => `${f.field}:${f.start}:${f.end}`;

export function originalOf(review: ExportReview, field: ExportField): string {
  return review.fields.find((f) => f.field === field)?.original ?? '';
}

export const findingText = (review: ExportReview, f: ExportFinding): string => originalOf(review, f.field).slice(f.start, f.end);

/** Whether a finding will be redacted under these decisions. */
export function isRedacted(review: ExportReview, f: ExportFinding, d: Decisions): boolean {
  return f.certainty === 'auto' ? !d.kept.has(findingText(review, f)) : d.accepted.has(findingKey(f));
}

/** The decisions as export.write takes them. */
export function toExportDecisions(review: ExportReview, d: Decisions): { keep: string[]; redact: Span[] } {
  const redact: Span[] = [];
  for (const f of review.findings) {
    if (f.certainty === 'suggestion' && d.accepted.has(findingKey(f))) redact.push({ field: f.field, start: f.start, end: f.end });
  }
  for (const m of d.manual) redact.push({ field: m.field, start: m.start, end: m.end });
  return { keep: [...d.kept], redact };
}

export type PreviewPiece =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'kept'; readonly text: string; readonly kind: RedactionKind }
  | { readonly type: 'replaced'; readonly text: string; readonly kind: RedactionKind };

interface Chosen {
  readonly start: number;
  readonly end: number;
  readonly kind: RedactionKind;
  readonly replacement: string;
}

/** One field of the redacted result, as pieces: plain text, kept findings and replacements. */
export function previewField(review: ExportReview, field: ExportField, d: Decisions): PreviewPiece[] {
  const original = originalOf(review, field);
  const chosen: Chosen[] = [];
  const kept: Span[] = [];
  for (const f of review.findings) {
    if (f.field !== field || f.certainty !== 'auto') continue;
    if (d.kept.has(original.slice(f.start, f.end))) kept.push(f);
    else chosen.push({ start: f.start, end: f.end, kind: f.kind, replacement: f.replacement });
  }
  for (const r of toExportDecisions(review, d).redact) {
    if (r.field !== field) continue;
    const start = Math.max(0, Math.min(r.start, original.length));
    const end = Math.max(start, Math.min(r.end, original.length));
    if (end <= start) continue;
    const match = review.findings.find((f) => f.field === field && f.start === start && f.end === end);
    chosen.push({ start, end, kind: match?.kind ?? 'manual', replacement: REDACTED });
  }
  chosen.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Chosen[] = [];
  for (const c of chosen) {
    const last = merged[merged.length - 1];
    if (last && c.start < last.end) {
      const same = c.start === last.start && c.end === last.end;
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, c.end), kind: last.kind, replacement: same ? last.replacement : REDACTED };
    } else merged.push(c);
  }

  const pieces: PreviewPiece[] = [];
  const plain = (from: number, to: number) => {
    // kept findings inside plain text are marked, so the reviewer sees what leaves verbatim
    let at = from;
    for (const k of kept) {
      if (k.end <= at || k.start >= to) continue;
      const s = Math.max(k.start, at);
      const e = Math.min(k.end, to);
      if (s > at) pieces.push({ type: 'text', text: original.slice(at, s) });
      const kind = review.findings.find((f) => f.field === field && f.start === k.start && f.end === k.end)?.kind ?? 'person';
      pieces.push({ type: 'kept', text: original.slice(s, e), kind });
      at = e;
    }
    if (to > at) pieces.push({ type: 'text', text: original.slice(at, to) });
  };
  kept.sort((a, b) => a.start - b.start);
  let at = 0;
  for (const m of merged) {
    plain(at, m.start);
    pieces.push({ type: 'replaced', text: m.replacement, kind: m.kind });
    at = m.end;
  }
  plain(at, original.length);
  return pieces;
}

export const piecesText = (pieces: readonly PreviewPiece[]): string => pieces.map((p) => p.text).join('');

/** Adds a hand-selected span; a span inside one already there changes nothing. */
export function addManual(manual: readonly Span[], span: Span): Span[] {
  if (span.end <= span.start) return [...manual];
  if (manual.some((m) => m.field === span.field && m.start <= span.start && m.end >= span.end)) return [...manual];
  // spans the new one covers are replaced by it
  return [...manual.filter((m) => !(m.field === span.field && m.start >= span.start && m.end <= span.end)), span].sort(
    (a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field) || a.start - b.start,
  );
}

export const FIELD_ORDER: readonly ExportField[] = ['title', 'date', 'place', 'text'];

/** Text segments of a field for the original view: each run knows its offset and what covers it. */
export interface Run {
  readonly start: number;
  readonly end: number;
  readonly manual: boolean;
}

/** Splits [start, end) at the edges of hand redactions. */
export function runs(start: number, end: number, manual: readonly Span[], field: ExportField): Run[] {
  const cuts = new Set([start, end]);
  for (const m of manual) {
    if (m.field !== field) continue;
    if (m.start > start && m.start < end) cuts.add(m.start);
    if (m.end > start && m.end < end) cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Run[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i]!;
    const e = points[i + 1]!;
    out.push({ start: s, end: e, manual: manual.some((m) => m.field === field && m.start <= s && m.end >= e) });
  }
  return out;
}

/** Findings of one field that can be drawn without overlapping (the longest wins where two overlap). */
export function drawable(findings: readonly ExportFinding[], field: ExportField): ExportFinding[] {
  const own = findings.filter((f) => f.field === field && f.end > f.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: ExportFinding[] = [];
  for (const f of own) {
    const last = out[out.length - 1];
    if (last && f.start < last.end) continue;
    out.push(f);
  }
  return out;
}

export const KIND_LABELS: Readonly<Record<RedactionKind, string>> = {
  person: 'Person',
  phone: 'Phone',
  email: 'Email',
  handle: 'Messenger',
  'id-number': 'ID number',
  'birth-date': 'Birth date',
  address: 'Address',
  location: 'Location',
  manual: 'By hand',
};

export const KIND_ORDER: readonly RedactionKind[] = ['person', 'phone', 'email', 'handle', 'id-number', 'birth-date', 'address', 'location', 'manual'];

const inside = (inner: Span, outer: Span): boolean => inner.field === outer.field && inner.start >= outer.start && inner.end <= outer.end;

/** Whether a span will already be redacted: inside a hand redaction, or inside a finding that will be redacted. */
export function isCovered(review: ExportReview, d: Decisions, span: Span): boolean {
  if (d.manual.some((m) => inside(span, m))) return true;
  return review.findings.some((f) => inside(span, f) && isRedacted(review, f, d));
}

/** Whether a span overlaps any finding (redacted or not). */
export function overlapsFinding(review: ExportReview, span: Span): boolean {
  return review.findings.some((f) => f.field === span.field && f.start < span.end && span.start < f.end);
}

/** A text as the allow-list stores it: trimmed, inner whitespace as single spaces. */
export const tidy = (text: string): string => text.trim().replace(/\s+/g, ' ');

export interface FormText {
  readonly text: string;
  readonly count: number;
  /** Fields other than the text where it appears (a name in the title is worth pointing out). */
  readonly fields: readonly ExportField[];
}

/** The distinct texts of spans (whitespace tidied), in order of first appearance, with how often each appears. */
export function formTexts(review: ExportReview, spans: readonly Span[]): FormText[] {
  const byText = new Map<string, { count: number; fields: Set<ExportField> }>();
  for (const s of spans) {
    const text = tidy(originalOf(review, s.field).slice(s.start, s.end));
    const entry = byText.get(text) ?? { count: 0, fields: new Set<ExportField>() };
    entry.count++;
    if (s.field !== 'text') entry.fields.add(s.field);
    byText.set(text, entry);
  }
  return [...byText].map(([text, e]) => ({ text, count: e.count, fields: [...e.fields] }));
}

/**
 * Whether a hand-selected text reads as a contact detail (a phone number, an email, a handle) rather than a name.
 * Contact details on the allow-list are the organisation's own letterhead; anything else may be someone's name.
 */
export function looksLikeContact(text: string): boolean {
  const t = text.trim();
  if (/^@[\w.]{3,}$/u.test(t) || /^[^\s@]+@[^\s@]+\.[^\s@]+$/u.test(t)) return true;
  if (/^(https?:\/\/)?(t\.me|wa\.me|signal\.me)\//iu.test(t)) return true;
  return /^\+?[\d\s().\-/\u00a0]+$/u.test(t) && (t.match(/\d/g)?.length ?? 0) >= 5;
}
