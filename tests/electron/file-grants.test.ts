import { describe, expect, it } from 'vitest';
import { createExportGrants } from '../../electron/main/export-grants';
import { createFileGrants, fileTarget, isGatedFileOperation, parseFileRequest } from '../../electron/main/file-grants';

const ID = 'a'.repeat(32);
const brief = { title: 'x', method: '', selection: { filter: {} }, content: 'summary', personMode: 'redacted', language: 'en' };
const seal = (path: string) => ({ request: brief, format: 'pdf', decisions: {}, reviewed: 'r', recipients: [ID], path });

describe('delivery and backup files (main)', () => {
  it('checks the page\'s dialog request: purpose, a plain suggested name with its extension, nothing else', () => {
    expect(parseFileRequest({ purpose: 'seal', name: 'brief-2026-05-31.fvb' })).toEqual({ purpose: 'seal', name: 'brief-2026-05-31.fvb' });
    expect(parseFileRequest({ purpose: 'seal', name: 'brief' })).toEqual({ purpose: 'seal', name: 'brief.fvb' });
    expect(parseFileRequest({ purpose: 'seal', name: '../../.bashrc' })).toEqual({ purpose: 'seal', name: 'brief.fvb' });
    expect(parseFileRequest({ purpose: 'received-save', name: 'brief.pdf', format: 'pdf' })).toEqual({ purpose: 'received-save', name: 'brief.pdf', format: 'pdf' });
    expect(parseFileRequest({ purpose: 'received-save', name: 'brief.pdf', format: 'exe' })).toBeNull();
    expect(parseFileRequest({ purpose: 'backup-create', name: '/etc/passwd' })).toEqual({ purpose: 'backup-create', name: 'fieldvault-backup.fvbackup' });
    expect(parseFileRequest({ purpose: 'received-open' })).toEqual({ purpose: 'received-open' });
    expect(parseFileRequest({ purpose: 'backup-open' })).toEqual({ purpose: 'backup-open' });
    expect(parseFileRequest({ purpose: 'travel-create', name: 'fieldvault-travel-2026-12-02.fvtravel' })).toEqual({ purpose: 'travel-create', name: 'fieldvault-travel-2026-12-02.fvtravel' });
    expect(parseFileRequest({ purpose: 'travel-create', name: 'trip' })).toEqual({ purpose: 'travel-create', name: 'trip.fvtravel' });
    expect(parseFileRequest({ purpose: 'travel-create', name: '../../vault/x' })).toEqual({ purpose: 'travel-create', name: 'fieldvault-travel.fvtravel' });
    expect(parseFileRequest({ purpose: 'travel-create', name: 'x', format: 'md' })).toBeNull();
    expect(parseFileRequest({ purpose: 'travel-open' })).toEqual({ purpose: 'travel-open' });
    expect(parseFileRequest({ purpose: 'travel-open', name: 'x.fvtravel' })).toBeNull();
    expect(parseFileRequest({ purpose: 'received-open', name: 'x' })).toBeNull();
    expect(parseFileRequest({ purpose: 'seal', name: 'x', path: '/tmp' })).toBeNull();
    expect(parseFileRequest({ purpose: 'export', name: 'x.md' })).toBeNull();
    expect(parseFileRequest(null)).toBeNull();
    expect(parseFileRequest('seal')).toBeNull();
  });

  it('names the file the core will use: .fvb and the received format added when missing', () => {
    expect(fileTarget({ purpose: 'seal', name: 'b.fvb' }, '/home/r/brief')).toBe('/home/r/brief.fvb');
    expect(fileTarget({ purpose: 'received-save', name: 'b.docx', format: 'docx' }, '/home/r/brief')).toBe('/home/r/brief.docx');
    expect(fileTarget({ purpose: 'backup-create', name: 'b.fvbackup' }, '/media/usb/./vault.fvbackup')).toBe('/media/usb/vault.fvbackup');
  });

  it('gates exactly the seven operations that take a file from the page', () => {
    for (const op of ['brief.seal', 'received.save', 'received.open', 'backup.create', 'backup.restore', 'travel.start', 'travel.end']) expect(isGatedFileOperation(op)).toBe(true);
    for (const op of ['brief.write', 'export.write', 'received.get', 'backup.status', 'travel.status', 'vault.unlock', 42]) expect(isGatedFileOperation(op)).toBe(false);
  });

  it('lets brief.seal write only the .fvb chosen for it, until the lock', () => {
    const grants = createFileGrants();
    expect(grants.allows('brief.seal', seal('/home/r/brief.fvb'))).toBe(false);
    const chosen = grants.grant({ purpose: 'seal', name: 'brief.fvb' }, '/home/r/brief');
    expect(chosen).toBe('/home/r/brief.fvb');
    expect(grants.allows('brief.seal', seal(chosen))).toBe(true);
    expect(grants.allows('brief.seal', seal(chosen))).toBe(true);
    // another file, a home or relative path, a malformed payload
    expect(grants.allows('brief.seal', seal('/home/r/.bashrc'))).toBe(false);
    expect(grants.allows('brief.seal', seal('~/brief.fvb'))).toBe(false);
    expect(grants.allows('brief.seal', seal('brief.fvb'))).toBe(false);
    expect(grants.allows('brief.seal', null)).toBe(false);
    expect(grants.allows('brief.seal', { path: 42 })).toBe(false);
    // a path chosen for a seal is not a path for a backup or a received brief
    expect(grants.allows('backup.create', { path: chosen })).toBe(false);
    expect(grants.allows('received.save', { id: ID, path: chosen })).toBe(false);
    grants.clear();
    expect(grants.allows('brief.seal', seal(chosen))).toBe(false);
  });

  it('lets received.open read a chosen bundle once: opening files it in the vault', () => {
    const grants = createFileGrants();
    expect(grants.allows('received.open', { path: '/home/r/Downloads/brief.fvb' })).toBe(false);
    const chosen = grants.grant({ purpose: 'received-open' }, '/home/r/Downloads/brief.fvb');
    expect(grants.allows('received.open', { path: chosen })).toBe(true);
    expect(grants.allows('received.open', { path: chosen })).toBe(false);
    grants.grant({ purpose: 'received-open' }, chosen);
    expect(grants.allows('received.open', { path: '/home/r/Downloads/other.fvb' })).toBe(false);
    expect(grants.allows('received.open', { path: chosen })).toBe(true);
  });

  it('lets received.save write the chosen copy (with its format\'s extension), backup.create its file, backup.restore read its file', () => {
    const grants = createFileGrants();
    const copy = grants.grant({ purpose: 'received-save', name: 'brief.pdf', format: 'pdf' }, '/home/r/Documents/brief');
    expect(copy).toBe('/home/r/Documents/brief.pdf');
    expect(grants.allows('received.save', { id: ID, path: copy })).toBe(true);
    expect(grants.allows('received.save', { id: ID, path: '/home/r/Documents/brief.docx' })).toBe(false);
    const backup = grants.grant({ purpose: 'backup-create', name: 'b.fvbackup' }, '/media/usb/vault.fvbackup');
    expect(grants.allows('backup.create', { path: backup })).toBe(true);
    expect(grants.allows('backup.create', { path: '/media/usb/other.fvbackup' })).toBe(false);
    // the backup written is not thereby a file to restore: that is chosen in its Open dialog
    expect(grants.allows('backup.restore', { file: backup, path: '/home/r/restored', passphrase: 'x' })).toBe(false);
    grants.grant({ purpose: 'backup-open' }, backup);
    expect(grants.allows('backup.restore', { file: backup, path: '/home/r/restored', passphrase: 'x' })).toBe(true);
    // a mistyped passphrase may be retried with the same choice
    expect(grants.allows('backup.restore', { file: backup, path: '/home/r/restored', passphrase: 'y' })).toBe(true);
    expect(grants.allows('backup.restore', { path: backup })).toBe(false);
  });

  it('lets travel.start write only the package chosen in its Save dialog, and travel.end read only one chosen to open', () => {
    const grants = createFileGrants();
    const start = (path: string) => ({ path, includeTags: ['border'], sealTo: [ID] });
    const end = (path: string) => ({ path, recoveryCode: 'abandon ability able about above absent absorb abstract absurd abuse access accident' });
    expect(grants.allows('travel.start', start('/media/usb/trip.fvtravel'))).toBe(false);
    const written = grants.grant({ purpose: 'travel-create', name: 'trip.fvtravel' }, '/media/usb/./trip.fvtravel');
    expect(written).toBe('/media/usb/trip.fvtravel');
    expect(grants.allows('travel.start', start(written))).toBe(true);
    // a failed start may be tried again on the same file until the lock
    expect(grants.allows('travel.start', start(written))).toBe(true);
    expect(grants.allows('travel.start', start('/media/usb/other.fvtravel'))).toBe(false);
    expect(grants.allows('travel.start', start('~/trip.fvtravel'))).toBe(false);
    expect(grants.allows('travel.start', { includeTags: [] })).toBe(false);
    // the package written is not thereby one to read back, nor a backup; a backup file is not a package
    expect(grants.allows('travel.end', end(written))).toBe(false);
    expect(grants.allows('backup.create', { path: written })).toBe(false);
    const backup = grants.grant({ purpose: 'backup-open' }, '/media/usb/vault.fvbackup');
    expect(grants.allows('travel.end', end(backup))).toBe(false);
    const opened = grants.grant({ purpose: 'travel-open' }, '/home/r/Downloads/trip.fvtravel');
    expect(grants.allows('travel.end', end(opened))).toBe(true);
    // a mistyped recovery code may be retyped with the same choice
    expect(grants.allows('travel.end', end(opened))).toBe(true);
    expect(grants.allows('travel.start', start(opened))).toBe(false);
    grants.clear();
    expect(grants.allows('travel.start', start(written))).toBe(false);
    expect(grants.allows('travel.end', end(opened))).toBe(false);
  });

  it('is cleared with the export grants at every lock', () => {
    const grants = createExportGrants();
    const chosen = grants.grantFile({ purpose: 'backup-create', name: 'b.fvbackup' }, '/media/usb/vault.fvbackup');
    expect(grants.allowsFile('backup.create', { path: chosen })).toBe(true);
    // an export grant does not cover a delivery or backup file, nor the other way round
    const exported = grants.grant('/home/r/brief', 'pdf');
    expect(grants.allowsFile('brief.seal', seal(exported))).toBe(false);
    expect(grants.allows({ request: brief, format: 'pdf', decisions: {}, path: chosen })).toBe(false);
    grants.clear();
    expect(grants.allowsFile('backup.create', { path: chosen })).toBe(false);
  });
});
