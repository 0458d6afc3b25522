/**
 * Every reason the redaction engine gives for a finding on the fixture corpus (every suite, with its register
 * and allow-list) reads in the interface's language in the export review: never the engine's English in Russian.
 */
import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { findAll } from '../../src/core/export/review';
import { compileRedactor } from '../../src/core/redaction/engine';
import { messagesFor } from '../../src/renderer/i18n/catalogs';
import { translator } from '../../src/renderer/i18n/I18nProvider';
import { findingReason } from '../../src/renderer/screens/export/reasons';
import { loadSuites } from '../fixtures/redaction/evaluate';

const t = (code: string) => translator(createIntl({ locale: code, messages: messagesFor(code), onError: (e) => { throw e; } }));

describe('finding reasons in the review', () => {
  const reasons = new Map<string, string>(); // reason -> a kind it came with
  for (const suite of loadSuites()) {
    const redactor = compileRedactor({ people: suite.people, allow: suite.allow });
    for (const doc of suite.docs) {
      for (const mode of ['redacted', 'pseudonym'] as const) {
        for (const f of findAll(redactor, [{ field: 'text', label: 'Notes', original: doc.text }], mode).findings) reasons.set(f.reason, f.kind);
      }
    }
  }

  it('finds the variety the engine gives (registered, contact, phone, unlisted name grounds)', () => {
    expect(reasons.size).toBeGreaterThan(15);
    expect([...reasons.keys()].some((r) => r.startsWith('a name not in the register ('))).toBe(true);
  });

  it('reads every one of them in Russian, with no English word left', () => {
    const ru = t('ru');
    for (const [reason, kind] of reasons) {
      const text = findingReason(ru, reason, kind);
      expect(text, reason).toMatch(/[а-яё]/i);
      // digits, codes and the country codes of a number may stay; English words may not
      expect(text.replace(/\b[A-Z]{2}\b/g, ''), reason).not.toMatch(/\b(a|the|of|name|number|register|after|before|word|detail|contact|given|surname|valid)\b/i);
    }
  });

  it('reads them in English too, with the unlisted name grounds joined as the engine joined them', () => {
    const en = t('en');
    for (const [reason, kind] of reasons) expect(findingReason(en, reason, kind).length, reason).toBeGreaterThan(3);
    expect(findingReason(en, 'a name not in the register (a given name, after a verb of speech)', 'person')).toBe('a name not in the register (a given name, after a verb of speech)');
    expect(findingReason(en, 'id:passport', 'id-number')).toMatch(/^by its shape: id/i);
  });
});
