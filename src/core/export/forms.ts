import type { ExportField, ExportForms } from '../../shared/domain';
import type { WordFormsCache } from '../redaction/word-forms';
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
