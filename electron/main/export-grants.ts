import { extname, resolve } from 'node:path';
import type { ExportFileRequest, FileRequest } from '../../src/shared/api';
import { createFileGrants, type GatedOperation } from './file-grants';

/**
 * Where the page may write exports, decided in main (no electron import: tests/electron runs it in Node).
 *
 * export.write and brief.write write a file whose text the page controls (the interview, redacted) to a path the page gives.
 * Left open, a compromised page could write any file the user can (a shell profile, an autostart entry). So in the
 * app an export goes only to a path the user picked in the native Save dialog since the vault was last unlocked;
 * main keeps those paths here and refuses every other. Vault locations are not gated this way: opening one needs
 * its passphrase, creating one writes only Fieldvault's own encrypted files into a new or empty folder, and the
 * default and remembered locations must keep working without a dialog.
 */

export type ExportFormat = ExportFileRequest['format'];

/** A file name the Save dialog may open on: letters, digits, spaces, dots, dashes, brackets; no folders. */
const PLAIN_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._()-]{0,119}$/u;

const FORMATS: ReadonlySet<unknown> = new Set<ExportFormat>(['md', 'txt', 'docx', 'pdf']);

/**
 * The page's request, checked: md, txt, docx or pdf (else null), and the name to offer: the page's if it is a plain file name
 * (given the format's extension), else a neutral "export.md". Only a suggestion: the user names the file.
 */
export function parseExportFileRequest(raw: unknown): ExportFileRequest | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const { name, format, ...rest } = raw as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return null;
  if (!FORMATS.has(format)) return null;
  const plain = typeof name === 'string' && PLAIN_NAME.test(name) && !name.includes('..');
  return { name: withExtension(plain ? name : 'export', format as ExportFormat), format: format as ExportFormat };
}

function withExtension(path: string, format: ExportFormat): string {
  return extname(path).toLowerCase() === `.${format}` ? path : `${path}.${format}`;
}

/** The file export.write will write for `path` (the core adds the format's extension when it is missing). */
export function exportTarget(path: string, format: ExportFormat): string {
  return resolve(withExtension(path, format));
}

export interface ExportGrants {
  /** The user chose `path` in the Save dialog: returns the file that will be written, now allowed. */
  grant(path: string, format: ExportFormat): string;
  /** Whether export.write's (or brief.write's) payload writes to a file the user chose. */
  allows(payload: unknown): boolean;
  /** The user chose `path` in a delivery or backup dialog (file-grants.ts): returns the file now allowed. */
  grantFile(request: FileRequest, path: string): string;
  /** Whether a delivery or backup operation's payload names a file chosen for it (a one-use grant is spent). */
  allowsFile(operation: GatedOperation, payload: unknown): boolean;
  /** The vault was locked: the next session chooses again. */
  clear(): void;
}

export function createExportGrants(): ExportGrants {
  const granted = new Set<string>();
  const files = createFileGrants();
  return {
    grantFile: (request, path) => files.grant(request, path),
    allowsFile: (operation, payload) => files.allows(operation, payload),
    grant(path, format) {
      const target = exportTarget(path, format);
      granted.add(target);
      return target;
    },
    allows(payload) {
      if (typeof payload !== 'object' || payload === null) return false;
      const { path, format } = payload as { path?: unknown; format?: unknown };
      if (typeof path !== 'string' || !FORMATS.has(format)) return false;
      // Only absolute paths as the dialog gives them: "~/…" and relative paths would be resolved elsewhere.
      if (!(path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path))) return false;
      return granted.has(exportTarget(path, format as ExportFormat));
    },
    clear() {
      granted.clear();
      files.clear();
    },
  };
}
