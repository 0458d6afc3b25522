import type { BriefFieldText, BriefRange } from '../../shared/brief';
import type { ExportField, ExportForms } from '../../shared/domain';
import type { WordForms, WordFormsCache } from '../redaction/word-forms';
import type { SourceField } from './review';

/**
 * export.forms: where else the text a reviewer redacted by hand appears, in any form, in the fields under review
 * (title, date, place and the chosen part). Offsets only: the review screen already shows the text.
 */
export function formsInFields(cache: WordFormsCache, fields: readonly SourceField[], selection: string): ExportForms {
  const forms = cache.get(selection);
  const ranges: { field: ExportField; start: number; end: number }[] = [];
  for (const f of fields) {
    if (!f.original) continue;
    for (const r of forms.find(f.original)) ranges.push({ field: f.field, start: r.start, end: r.end });
  }
  return { ranges, morphology: forms.morphology };
}

/**
 * brief.forms: the same search over a group of the brief's texts (its title and method, or one interview's
 * heading, details, summary and quotations), each text by its field and index.
 */
export function formsInTexts(forms: WordForms, texts: readonly BriefFieldText[]): BriefRange[] {
  const ranges: BriefRange[] = [];
  for (const t of texts) {
    if (!t.original) continue;
    for (const r of forms.find(t.original)) ranges.push({ field: t.field, index: t.index, start: r.start, end: r.end });
  }
  return ranges;
}
