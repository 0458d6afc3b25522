import type { ExportField, ExportFinding, ExportReview, RedactionKind } from '../../../shared/domain';
import type { MessageId } from '../../i18n/catalogs';
import { mergeReplacements } from '../../../shared/replacements';

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
  const kept: ExportFinding[] = [];
  // One pass over the findings, lookups by offsets: a long note has tens of thousands of findings.
  const byOffsets = new Map<string, ExportFinding>();
  for (const f of review.findings) {
    if (f.field !== field) continue;
    const key = findingKey(f);
    if (!byOffsets.has(key)) byOffsets.set(key, f);
    if (f.certainty !== 'auto') continue;
    if (d.kept.has(original.slice(f.start, f.end))) kept.push(f);
    else chosen.push({ start: f.start, end: f.end, kind: f.kind, replacement: f.replacement });
  }
  for (const r of toExportDecisions(review, d).redact) {
    if (r.field !== field) continue;
    const start = Math.max(0, Math.min(r.start, original.length));
    const end = Math.max(start, Math.min(r.end, original.length));
    if (end <= start) continue;
    const match = byOffsets.get(findingKey({ field, start, end }));
    chosen.push({ start, end, kind: match?.kind ?? 'manual', replacement: REDACTED });
  }
  const merged = mergeReplacements(chosen);

  const pieces: PreviewPiece[] = [];
  kept.sort((a, b) => a.start - b.start);
  // Kept findings are visited in order, once: the plain stretches come in order too.
  let next = 0;
  const plain = (from: number, to: number) => {
    // kept findings inside plain text are marked, so the reviewer sees what leaves verbatim
    let at = from;
    while (next < kept.length && kept[next]!.end <= at) next++;
    for (let i = next; i < kept.length && kept[i]!.start < to; i++) {
      const k = kept[i]!;
      if (k.end <= at) continue;
      const s = Math.max(k.start, at);
      const e = Math.min(k.end, to);
      if (s > at) pieces.push({ type: 'text', text: original.slice(at, s) });
      pieces.push({ type: 'kept', text: original.slice(s, e), kind: byOffsets.get(findingKey(k))?.kind ?? 'person' });
      at = e;
    }
    if (to > at) pieces.push({ type: 'text', text: original.slice(at, to) });
  };
  let at = 0;
  for (const m of merged) {
    plain(at, m.start);
    pieces.push({ type: 'replaced', text: m.replacement, kind: m.kind });
    at = m.end;
  }
  plain(at, original.length);
  return pieces;
}

/** A long text is drawn in pieces of about this many characters: only those near the view get their highlights. */
export const CHUNK = 4000;

/** A stretch [start, end) of a field's original and the highlights drawn in it (none crosses its edges). */
export interface OriginalChunk {
  readonly start: number;
  readonly end: number;
  readonly findings: readonly ExportFinding[];
}

/** Where a stretch of about `size` characters from `from` may end: after a line break if one is near, never inside a highlight. */
function cutAfter(text: string, from: number, size: number): number {
  if (text.length - from <= size * 1.5) return text.length;
  const line = text.indexOf('\n', from + size);
  if (line >= 0 && line < from + size * 2) return line + 1;
  const space = text.indexOf(' ', from + size);
  return space >= 0 && space < from + size * 2 ? space + 1 : from + size;
}

/** A field's original in stretches for drawing; `drawn` are its highlights, sorted and disjoint (drawable()). */
export function originalChunks(text: string, drawn: readonly ExportFinding[], size = CHUNK): OriginalChunk[] {
  const out: OriginalChunk[] = [];
  let start = 0;
  let i = 0;
  while (start < text.length) {
    let end = cutAfter(text, start, size);
    const findings: ExportFinding[] = [];
    while (i < drawn.length && drawn[i]!.start < end) {
      const f = drawn[i++]!;
      findings.push(f);
      // a highlight is never cut in two: the stretch ends after it
      if (f.end > end) end = f.end;
    }
    out.push({ start, end, findings });
    start = end;
  }
  return out;
}

/** The preview's pieces in stretches of about `size` characters of plain text (long plain text cut after a line break). */
export function previewChunks(pieces: readonly PreviewPiece[], size = CHUNK): PreviewPiece[][] {
  const out: PreviewPiece[][] = [];
  let current: PreviewPiece[] = [];
  let length = 0;
  const close = () => {
    out.push(current);
    current = [];
    length = 0;
  };
  for (const p of pieces) {
    // Only plain text counts towards a stretch's size: switching a finding then never moves where stretches end.
    if (p.type !== 'text') {
      current.push(p);
      continue;
    }
    let rest = p.text;
    while (length + rest.length > size * 1.5) {
      const cut = cutAfter(rest, 0, Math.max(1, size - length));
      current.push({ type: 'text', text: rest.slice(0, cut) });
      rest = rest.slice(cut);
      close();
    }
    if (rest) {
      current.push({ type: 'text', text: rest });
      length += rest.length;
      if (length >= size) close();
    }
  }
  if (current.length > 0) out.push(current);
  return out;
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

/** The kinds' names, as message ids (i18n/messages). */
export const KIND_LABELS: Readonly<Record<RedactionKind, MessageId>> = {
  person: 'export.kind.person',
  phone: 'export.kind.phone',
  email: 'export.kind.email',
  handle: 'export.kind.handle',
  'id-number': 'export.kind.id-number',
  'birth-date': 'export.kind.birth-date',
  address: 'export.kind.address',
  location: 'export.kind.location',
  manual: 'export.kind.manual',
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
  /** In a brief: where it appears (B-1, B-2, or the brief's own title and method). */
  readonly parts?: readonly string[];
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
