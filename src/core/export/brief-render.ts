import { mergeReplacements, type Replacement } from '../../shared/replacements';
import type { BriefDecisions, BriefField, BriefFieldText, BriefFinding } from '../../shared/brief';
import type { RedactionKind } from '../../shared/domain';
import { applySpans, REDACTED } from '../redaction';

/**
 * The reviewer's decisions applied to one group of a brief's texts (the front, or one interview), as render()
 * does for a single export: the engine's automatic findings unless kept, plus the spans the reviewer chose;
 * overlapping spans merge into one [REDACTED].
 */

export interface RedactedText {
  readonly field: BriefField;
  readonly index: number;
  readonly output: string;
}


function spansFor(text: BriefFieldText, findings: readonly BriefFinding[], decisions: BriefDecisions): Replacement[] {
  const keep = new Set(decisions.keep);
  const mine = (f: { field: BriefField; index: number }) => f.field === text.field && f.index === text.index;
  const chosen: Replacement[] = [];
  for (const f of findings) {
    if (!mine(f) || f.certainty !== 'auto') continue;
    if (keep.has(text.original.slice(f.start, f.end))) continue;
    chosen.push({ start: f.start, end: f.end, kind: f.kind, replacement: f.replacement });
  }
  for (const r of decisions.redact) {
    if (!mine(r)) continue;
    const start = Math.max(0, Math.min(r.start, text.original.length));
    const end = Math.max(start, Math.min(r.end, text.original.length));
    if (end > start) {
      const match = findings.find((f) => mine(f) && f.start === start && f.end === end);
      chosen.push({ start, end, kind: match?.kind ?? 'manual', replacement: REDACTED });
    }
  }
  return mergeReplacements(chosen);
}

/** The group's texts as they will be written; `counts` gathers the redactions by kind. */
export function redactTexts(
  texts: readonly BriefFieldText[],
  findings: readonly BriefFinding[],
  decisions: BriefDecisions,
  counts: Partial<Record<RedactionKind, number>>,
): RedactedText[] {
  return texts.map((t) => {
    const spans = spansFor(t, findings, decisions);
    for (const s of spans) counts[s.kind] = (counts[s.kind] ?? 0) + 1;
    const output = applySpans(t.original, spans.map((x) => ({ start: x.start, end: x.end, kind: 'person' as const, replacement: x.replacement })));
    return { field: t.field, index: t.index, output: output.trim() };
  });
}
