import { extname, resolve } from 'node:path';
import type { FileRequest } from '../../src/shared/api';

/**
 * The files of sealed delivery and backups that main lets the page name (no electron import: tests/electron runs
 * it in Node). As for exports (export-grants.ts), each operation that writes or reads a file at a path from the
 * page goes through only to a file the user picked in a native dialog since the last lock:
 * - brief.seal writes a .fvb bundle (Save dialog), received.save the received file (Save dialog), backup.create a
 *   backup (Save dialog): each chosen file may be written again until the lock, as exports may;
 * - received.open reads a bundle (Open dialog): once per choice, since opening it files it in the vault;
 * - backup.restore reads a backup file (Open dialog): until the lock, so a mistyped passphrase can be retried;
 * - travel.start writes the travel package (Save dialog) and travel.end reads one (Open dialog): each until the lock,
 *   so a failed start can be tried again on the same file and a mistyped recovery code can be retyped.
 * The restore's target folder is a vault location and is not gated (as for vault.create).
 */

const PURPOSES: ReadonlySet<unknown> = new Set<FileRequest['purpose']>(['seal', 'received-save', 'received-open', 'backup-create', 'backup-open', 'travel-create', 'travel-open']);
const FORMATS: ReadonlySet<unknown> = new Set(['md', 'txt', 'docx', 'pdf']);
/** A file name the Save dialog may open on: letters, digits, spaces, dots, dashes, brackets; no folders. */
const PLAIN_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._()-]{0,119}$/u;
export const BACKUP_EXTENSION = 'fvbackup';
export const TRAVEL_EXTENSION = 'fvtravel';

const plain = (name: unknown): name is string => typeof name === 'string' && PLAIN_NAME.test(name) && !name.includes('..');
const withExtension = (path: string, ext: string) => (extname(path).toLowerCase() === `.${ext}` ? path : `${path}.${ext}`);
const isAbsolute = (path: string) => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);

/** The page's request, checked (else null); a suggested name is kept only when plain, given its extension. */
export function parseFileRequest(raw: unknown): FileRequest | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const { purpose, name, format, ...rest } = raw as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || !PURPOSES.has(purpose)) return null;
  switch (purpose as FileRequest['purpose']) {
    case 'seal':
      return format === undefined ? { purpose: 'seal', name: withExtension(plain(name) ? name : 'brief', 'fvb') } : null;
    case 'received-save':
      if (!FORMATS.has(format)) return null;
      return { purpose: 'received-save', name: withExtension(plain(name) ? name : 'received', format as string), format: format as 'md' | 'txt' | 'docx' | 'pdf' };
    case 'backup-create':
      return format === undefined ? { purpose: 'backup-create', name: withExtension(plain(name) ? name : 'fieldvault-backup', BACKUP_EXTENSION) } : null;
    case 'travel-create':
      return format === undefined ? { purpose: 'travel-create', name: withExtension(plain(name) ? name : 'fieldvault-travel', TRAVEL_EXTENSION) } : null;
    case 'received-open':
    case 'backup-open':
    case 'travel-open':
      return name === undefined && format === undefined ? { purpose: purpose as 'received-open' | 'backup-open' | 'travel-open' } : null;
  }
}

/** The file the core will use for a path chosen for `request` (the extension it adds, when the dialog left it out). */
export function fileTarget(request: FileRequest, path: string): string {
  switch (request.purpose) {
    case 'seal':
      return resolve(withExtension(path, 'fvb'));
    case 'received-save':
      return resolve(withExtension(path, request.format));
    case 'backup-create':
    case 'received-open':
    case 'backup-open':
    case 'travel-create':
    case 'travel-open':
      return resolve(path);
  }
}

/** Which dialog grants the path of each gated operation, and where the payload carries it. */
const GATED = {
  'brief.seal': { purpose: 'seal', field: 'path' },
  'received.save': { purpose: 'received-save', field: 'path' },
  'received.open': { purpose: 'received-open', field: 'path' },
  'backup.create': { purpose: 'backup-create', field: 'path' },
  'backup.restore': { purpose: 'backup-open', field: 'file' },
  'travel.start': { purpose: 'travel-create', field: 'path' },
  'travel.end': { purpose: 'travel-open', field: 'path' },
} as const satisfies Record<string, { purpose: FileRequest['purpose']; field: string }>;

export type GatedOperation = keyof typeof GATED;

export function isGatedFileOperation(operation: unknown): operation is GatedOperation {
  return typeof operation === 'string' && Object.hasOwn(GATED, operation);
}

export interface FileGrants {
  /** The user chose `path` in the dialog for `request`: returns the file now allowed (as the core will use it). */
  grant(request: FileRequest, path: string): string;
  /** Whether the operation's payload names a file the user chose for it; a one-use grant is spent here. */
  allows(operation: GatedOperation, payload: unknown): boolean;
  /** The vault was locked: the next session chooses again. */
  clear(): void;
}

export function createFileGrants(): FileGrants {
  const granted = new Map<FileRequest['purpose'], Set<string>>();
  return {
    grant(request, path) {
      const target = fileTarget(request, path);
      const set = granted.get(request.purpose) ?? new Set<string>();
      set.add(target);
      granted.set(request.purpose, set);
      return target;
    },
    allows(operation, payload) {
      const gate = GATED[operation];
      if (typeof payload !== 'object' || payload === null) return false;
      const path = (payload as Record<string, unknown>)[gate.field];
      // Only absolute paths as the dialog gives them: "~/…" and relative paths would be resolved elsewhere.
      if (typeof path !== 'string' || !isAbsolute(path)) return false;
      const set = granted.get(gate.purpose);
      // seal: the core adds .fvb when missing, as the grant did; the others are compared as given
      const target = gate.purpose === 'seal' ? resolve(withExtension(path, 'fvb')) : resolve(path);
      if (!set?.has(target)) return false;
      // received-save: the core adds the received file's extension when the path lacks it; a granted path always has it
      if (gate.purpose === 'received-open') set.delete(target);
      return true;
    },
    clear() {
      granted.clear();
    },
  };
}
