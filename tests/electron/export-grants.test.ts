import { describe, expect, it } from 'vitest';
import { createExportGrants, exportTarget, parseExportFileRequest } from '../../electron/main/export-grants';

const payload = (path: string, format: 'md' | 'txt' = 'md') => ({ interviewId: 'a'.repeat(32), part: 'summary', personMode: 'redacted', format, decisions: { keep: [], redact: [] }, path });

describe('export destinations (main)', () => {
  it('offers the page\'s file name only when it is a plain name, with the format\'s extension', () => {
    expect(parseExportFileRequest({ name: 'INT-0031-summary-redacted.md', format: 'md' })).toEqual({ name: 'INT-0031-summary-redacted.md', format: 'md' });
    expect(parseExportFileRequest({ name: 'INT-0031-notes-redacted', format: 'txt' })).toEqual({ name: 'INT-0031-notes-redacted.txt', format: 'txt' });
    for (const name of ['../../.bashrc', '/etc/passwd', 'C:\\Windows\\x.md', '.hidden.md', 'a\u0000b.md', 42, 'x'.repeat(200)]) {
      expect(parseExportFileRequest({ name, format: 'md' })).toEqual({ name: 'export.md', format: 'md' });
    }
    expect(parseExportFileRequest({ name: 'x.md', format: 'exe' })).toBeNull();
    expect(parseExportFileRequest({ name: 'x.md', format: 'md', path: '/tmp' })).toBeNull();
    expect(parseExportFileRequest('x.md')).toBeNull();
    expect(parseExportFileRequest(null)).toBeNull();
  });

  it('names the file the core will write: the extension added when the dialog left it out', () => {
    expect(exportTarget('/home/r/Documents/INT-1-summary', 'md')).toBe('/home/r/Documents/INT-1-summary.md');
    expect(exportTarget('/home/r/Documents/INT-1-summary.MD', 'md')).toBe('/home/r/Documents/INT-1-summary.MD');
    expect(exportTarget('/home/r/Documents/INT-1-summary.md', 'txt')).toBe('/home/r/Documents/INT-1-summary.md.txt');
  });

  it('lets export.write write only where the user chose, until the lock', () => {
    const grants = createExportGrants();
    expect(grants.allows(payload('/home/r/Documents/INT-1-summary-redacted.md'))).toBe(false);
    const chosen = grants.grant('/home/r/Documents/INT-1-summary-redacted', 'md');
    expect(chosen).toBe('/home/r/Documents/INT-1-summary-redacted.md');
    expect(grants.allows(payload(chosen))).toBe(true);
    // the same file by another spelling the core resolves to it
    expect(grants.allows(payload('/home/r/Documents/./INT-1-summary-redacted'))).toBe(true);
    // not another file, another format (another file), a relative or home path, or a malformed payload
    expect(grants.allows(payload('/home/r/.bashrc'))).toBe(false);
    expect(grants.allows(payload(chosen, 'txt'))).toBe(false);
    expect(grants.allows(payload('~/Documents/INT-1-summary-redacted.md'))).toBe(false);
    expect(grants.allows(payload('Documents/INT-1-summary-redacted.md'))).toBe(false);
    expect(grants.allows({ path: chosen })).toBe(false);
    expect(grants.allows(null)).toBe(false);
    grants.clear();
    expect(grants.allows(payload(chosen))).toBe(false);
  });

  it('covers briefs: docx and pdf files, and brief.write\'s payload, only where the user chose', () => {
    expect(parseExportFileRequest({ name: 'brief-2026-05-31', format: 'pdf' })).toEqual({ name: 'brief-2026-05-31.pdf', format: 'pdf' });
    expect(parseExportFileRequest({ name: 'brief-2026-05-31.docx', format: 'docx' })).toEqual({ name: 'brief-2026-05-31.docx', format: 'docx' });
    expect(parseExportFileRequest({ name: '../brief.pdf', format: 'pdf' })).toEqual({ name: 'export.pdf', format: 'pdf' });
    const grants = createExportGrants();
    const brief = (path: string, format: string) => ({ request: { title: 'x', method: '', selection: { filter: {} }, content: 'summary', personMode: 'redacted', language: 'en' }, format, decisions: {}, path });
    expect(grants.allows(brief('/home/r/Documents/brief.pdf', 'pdf'))).toBe(false);
    const chosen = grants.grant('/home/r/Documents/brief', 'pdf');
    expect(chosen).toBe('/home/r/Documents/brief.pdf');
    expect(grants.allows(brief(chosen, 'pdf'))).toBe(true);
    // the same name in another format is another file: not chosen
    expect(grants.allows(brief('/home/r/Documents/brief', 'docx'))).toBe(false);
    expect(grants.allows(brief(chosen, 'exe'))).toBe(false);
    grants.clear();
    expect(grants.allows(brief(chosen, 'pdf'))).toBe(false);
  });
});
