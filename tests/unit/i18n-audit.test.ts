/**
 * The audit log's details, written by the core in fixed English words, read in the interface's language: an
 * export's (part, format, what was redacted, the file's hash), an integrity warning's and an accepted vault's.
 */
import { join } from 'node:path';
import { createIntl } from 'react-intl';
import { afterAll, describe, expect, it } from 'vitest';
import { messagesFor } from '../../src/renderer/i18n/catalogs';
import { auditAction, auditDetail } from '../../src/renderer/i18n/audit';
import { translator } from '../../src/renderer/i18n/I18nProvider';
import { cheapService, removeDir, tempDir } from '../fixtures/vault-helpers';

const ru = translator(createIntl({ locale: 'ru', messages: messagesFor('ru'), onError: (e) => { throw e; } }));
const ENGLISH = /\b(as|redactions|kept|summary|notes|none|missing|records|removed|altered|database|objects|audit)\b/i;
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

describe('audit details in Russian', () => {
  it('an export: part, format, redactions by kind, kept, and the hash as written', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const svc = cheapService();
    await svc.create(join(dir, 'vault'), 'audit detail test passphrase');
    const i = svc.createInterview({ title: 'Checkpoint', summary: 'Call +996 555 123 456 about the checkpoint.' });
    svc.exportWrite(i.id, 'summary', 'redacted', 'md', { keep: [], redact: [] }, join(dir, 'INT-0001-summary.md'));
    const entry = svc.auditLog().find((e) => e.action === 'exported')!;
    svc.lock();
    const text = auditDetail(ru, entry.action, entry.detail);
    expect(text).not.toMatch(ENGLISH);
    expect(text).toContain('Краткое изложение');
    expect(text).toMatch(/Телефон 1/);
    expect(text).toMatch(/SHA-256 [0-9a-f]{64}$/);
    expect(auditAction(ru, entry.action)).toMatch(/[а-я]/i);
  });

  it('an integrity warning and an accepted vault', () => {
    const warning = auditDetail(ru, 'integrity warning', 'records removed, rolled back or added outside Fieldvault; audit log altered; database objects Fieldvault did not create were removed');
    expect(warning).not.toMatch(ENGLISH);
    expect(warning.split('; ')).toHaveLength(3);
    expect(auditDetail(ru, 'vault re-encrypted under a new key', 'new header put in place at the next unlock')).not.toMatch(/[a-z]{3}/i);
    expect(auditDetail(ru, 'vault accepted as it is', 'missing: W-002, INT-0007')).toBe('недостаёт: W-002, INT-0007');
  });
});
