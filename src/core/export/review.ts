import { mergeReplacements, type Replacement } from '../../shared/replacements';
import type {
  ConsentBlock,
  ExportDecisions,
  ExportField,
  ExportFinding,
  ExportFormat,
  ExportLeak,
  ExportPart,
  Interview,
  Person,
  PersonReplacement,
  RedactionKind,
} from '../../shared/domain';
import { applySpans, detectMarkdown, markdownReadings, markdownReadingSpans, replacementFor, REDACTED, type DetectedSpan, type Redactor, type RegisterPerson } from '../redaction';
import { markdownToText } from './plain-text';

/**
 * Review and export of one interview: everything that leaves the laptop (title, date, place and the chosen
 * text) passes through the redaction engine; the reviewer's decisions are applied on top; the final output is
 * scanned again and the export fails closed if anything identifying remains.
 */

export interface SourceField {
  readonly field: ExportField;
  readonly label: string;
  readonly original: string;
}

export function exportFields(i: Interview, part: ExportPart): SourceField[] {
  const place = [i.place.district, i.place.city, i.place.country].filter((x) => x.trim()).join(', ');
  return [
    { field: 'title', label: 'Title', original: i.title },
    { field: 'date', label: 'Date', original: i.date },
    { field: 'place', label: 'Place', original: place },
    { field: 'text', label: part === 'summary' ? 'Summary' : 'Notes', original: part === 'summary' ? i.summary : i.body },
  ];
}

export function registerPerson(p: Person): RegisterPerson {
  return { id: p.id, code: p.code, pseudonym: p.pseudonym, given: p.given, family: p.family, patronymic: p.patronymic, otherSpellings: p.otherSpellings, contacts: p.contacts };
}

export interface Reviewed {
  readonly findings: ExportFinding[];
  /** Register people the texts name (indexes into the redactor's register). */
  readonly named: Set<number>;
}

export function findAll(redactor: Redactor, fields: readonly SourceField[], mode: PersonReplacement): Reviewed {
  const findings: ExportFinding[] = [];
  const named = new Set<number>();
  for (const f of fields) {
    if (!f.original) continue;
    // The fields are Markdown (the title becomes a heading): found as written and as a reader sees them rendered,
    // where emphasis, escapes, entities or tags no longer split a phone number or a name.
    const d = detectMarkdown(redactor, f.original, { person: mode });
    for (const s of d.spans) {
      s.people.forEach((n) => named.add(n));
      findings.push({
        field: f.field,
        start: s.start,
        end: s.end,
        kind: s.kind,
        certainty: 'auto',
        reason: s.reason ?? (s.kind === 'person' ? 'a person in the register' : `a contact detail (${s.kind})`),
        replacement: replacementFor(s.kind, s.people, redactor.people, { person: mode }),
      });
    }
    for (const g of d.suggestions) {
      findings.push({ field: f.field, start: g.start, end: g.end, kind: g.kind, certainty: 'suggestion', reason: g.reason, replacement: REDACTED });
    }
  }
  return { findings, named };
}

/** Consent rules: a person the interview concerns who withdrew, did not allow quotation, or never consented. */
export function consentBlocks(people: readonly Person[]): ConsentBlock[] {
  const blocks: ConsentBlock[] = [];
  for (const p of people) {
    const c = p.consent;
    if (c.withdrawnOn) blocks.push({ personId: p.id, code: p.code, reason: `${p.code} withdrew consent on ${c.withdrawnOn}.` });
    else if (!c.givenOn && !c.method) blocks.push({ personId: p.id, code: p.code, reason: `${p.code} has no recorded consent.` });
    else if (!c.allowsQuote) blocks.push({ personId: p.id, code: p.code, reason: `${p.code} did not allow quotation.` });
  }
  return blocks;
}


/** Auto findings not kept, plus the reviewer's spans; overlaps merge into one [REDACTED]. */
function spansFor(field: SourceField, findings: readonly ExportFinding[], decisions: ExportDecisions): Replacement[] {
  const keep = new Set(decisions.keep);
  const chosen: Replacement[] = [];
  for (const f of findings) {
    if (f.field !== field.field || f.certainty !== 'auto') continue;
    if (keep.has(field.original.slice(f.start, f.end))) continue;
    chosen.push({ start: f.start, end: f.end, kind: f.kind, replacement: f.replacement });
  }
  for (const r of decisions.redact) {
    if (r.field !== field.field) continue;
    const start = Math.max(0, Math.min(r.start, field.original.length));
    const end = Math.max(start, Math.min(r.end, field.original.length));
    if (end > start) {
      const match = findings.find((f) => f.field === field.field && f.start === start && f.end === end);
      chosen.push({ start, end, kind: match?.kind ?? 'manual', replacement: REDACTED });
    }
  }
  return mergeReplacements(chosen);
}

export interface Rendered {
  readonly text: string;
  readonly fields: readonly { readonly field: ExportField; readonly output: string }[];
  readonly counts: Partial<Record<RedactionKind, number>>;
}

export function render(fields: readonly SourceField[], findings: readonly ExportFinding[], decisions: ExportDecisions, format: ExportFormat): Rendered {
  const counts: Partial<Record<RedactionKind, number>> = {};
  const outputs = fields.map((f) => {
    const spans = spansFor(f, findings, decisions);
    for (const s of spans) counts[s.kind] = (counts[s.kind] ?? 0) + 1;
    return { field: f.field, output: applySpans(f.original, spans.map((x) => ({ start: x.start, end: x.end, kind: 'person' as const, replacement: x.replacement }))) };
  });
  const get = (field: ExportField) => outputs.find((o) => o.field === field)!.output.trim();
  const meta = [get('date'), get('place')].filter(Boolean).join(' · ');
  const title = get('title') || 'Untitled interview';
  // Plain text keeps the note's layout: paragraphs, list items and headings stay on their own lines.
  const body = format === 'md' ? get('text') : markdownToText(get('text'));
  const text = format === 'md' ? `# ${title}\n\n${meta ? `${meta}\n\n` : ''}${body}\n` : `${title}\n\n${meta ? `${meta}\n\n` : ''}${body}\n`;
  return { text, fields: outputs, counts };
}

/**
 * Whether a person found in the final text is only what the export itself wrote for them: their code (W-017) in
 * code mode, or their pseudonym (which may hold the code: "Respondent W-17"). Layout may break it across lines.
 */
export function isOwnReplacement(redactor: Redactor, mode: PersonReplacement, text: string, span: DetectedSpan): boolean {
  if (span.kind !== 'person' || span.people.length === 0 || mode === 'redacted') return false;
  const replacement = replacementFor('person', span.people, redactor.people, { person: mode });
  if (replacement === REDACTED || !replacement.trim()) return false;
  const pattern = new RegExp(replacement.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), 'gu');
  for (const m of text.matchAll(pattern)) if (m.index <= span.start && m.index + m[0].length >= span.end) return true;
  return false;
}

/**
 * The fail-closed scan: every register form and contact pattern, in every field of the final output and in the
 * assembled document, each read as written and as a Markdown viewer renders it (markdownReadings): a .md file is
 * read rendered, and a .txt file is read as it is and through any marks left in it ("a*i*gul@exa*m*ple.org").
 */
export function leaks(redactor: Redactor, rendered: Rendered, keep: readonly string[], mode: PersonReplacement): ExportLeak[] {
  // A kept name is kept as the reader reads it too ("Ай**гуль**" kept is "Айгуль" in the rendered reading).
  const kept = new Set(keep.flatMap((k) => markdownReadings(k)));
  const found: ExportLeak[] = [];
  const scan = (field: ExportField, text: string, spans: readonly DetectedSpan[]) => {
    for (const s of spans) {
      // A reviewer may keep a name (a namesake, a public figure); never a contact detail: those only pass
      // through the allow-list, a deliberate and lasting decision.
      if (s.kind === 'person' && kept.has(text.slice(s.start, s.end))) continue;
      // The code name or pseudonym this export wrote for the person is what code and pseudonym modes are for.
      if (isOwnReplacement(redactor, mode, text, s)) continue;
      const before = text.slice(Math.max(0, s.start - 30), s.start).replace(/\s+/g, ' ');
      const after = text.slice(s.end, s.end + 30).replace(/\s+/g, ' ');
      found.push({ field, kind: s.kind, context: `…${before}${'▮'.repeat(Math.min(12, s.end - s.start))}${after}…` });
    }
  };
  for (const f of rendered.fields) for (const r of markdownReadingSpans(redactor, f.output)) scan(f.field, r.text, r.spans);
  // The assembled document too: nothing may appear across the joins. A field's output that stands in it as it is
  // was searched above; as written, the document is searched around the rest (headings, joins), and its rendered
  // reading around wherever rendering changes it.
  if (found.length === 0) for (const r of markdownReadingSpans(redactor, rendered.text, outside(rendered.text, rendered.fields.map((f) => f.output)))) scan('text', r.text, r.spans);
  return found;
}

/**
 * The ranges of `text` not covered by the largest of `parts` (a field's output the document holds unchanged), or
 * undefined (search it all) when it does not stand in the text as it is or is too short to be worth it.
 */
function outside(text: string, parts: readonly string[]): [number, number][] | undefined {
  let best = '';
  for (const p of parts) if (p.trim().length > best.length) best = p.trim();
  if (best.length < 4096) return undefined;
  const at = text.indexOf(best);
  if (at < 0 || text.indexOf(best, at + 1) >= 0) return undefined;
  const out: [number, number][] = [];
  if (at > 0) out.push([0, at]);
  if (at + best.length < text.length) out.push([at + best.length, text.length]);
  return out;
}
