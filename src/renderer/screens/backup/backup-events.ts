/** Said on the page when a backup was written, so the reminder banner checks again (no vault data in it). */
export const BACKUP_WRITTEN_EVENT = 'fieldvault-backup-written';

export function announceBackupWritten(): void {
  window.dispatchEvent(new Event(BACKUP_WRITTEN_EVENT));
}

/** The file name offered for a backup: the date only. */
export const backupName = () => `fieldvault-backup-${new Date().toISOString().slice(0, 10)}.fvbackup`;

/** A size in bytes as KiB / MiB / GiB, in the interface's number format. */
export function sizeText(bytes: number, locale: string): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let n = bytes;
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: u === 0 ? 0 : 1 }).format(n)} ${units[u]}`;
}
