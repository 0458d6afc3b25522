import { lstatSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { VaultError } from '../core/errors';
import { userPath } from './paths';
import { decodeText, describeLimit, describeProblem, FileReadError, READ_LIMITS, readBoundedFile } from './text-file';

/**
 * `fieldvault import VAULT FOLDER|FILE...`: which files become interviews. Folders are walked recursively in
 * name order (numbers in names compare as numbers: note-2 before note-10); symbolic links inside a folder are
 * never followed, hidden files and folders (".name") are skipped, and so is every file that is not .md,
 * .markdown or .txt. A FILE named on the command line must be a note; a link named there is followed, since it
 * was named on purpose.
 *
 * Reading is all or nothing: every file is read and decoded before the vault is opened, and if any one of
 * them cannot be read or is not text, the command stops with the list of those files and imports nothing. A
 * researcher re-running the import after fixing one file must never end up with half the folder twice.
 * One exception: a note longer than an interview's notes can be (LIMITS.notes) is left out by name, with the
 * limit, and the others are imported; the file itself is fine, it has to be split, and the message says so.
 * Files are read through readBoundedFile: regular files only (a FIFO or a link to /dev/zero is refused, never
 * waited on or read for ever), never more than the limit.
 */

export const NOTE_EXTENSION = /\.(md|markdown|txt)$/i;

export interface NoteFile {
  /** The path as the researcher would recognise it (relative to what they named). */
  readonly path: string;
  readonly name: string;
  readonly text: string;
}

export interface Skipped {
  hidden: number;
  links: number;
  other: number;
  duplicates: number;
}

export interface Collected {
  readonly files: string[];
  readonly skipped: Skipped;
}

const byName = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

/** Thrown for an argument that is neither a folder nor a note file: a usage error, nothing was read. */
export class NotANote extends Error {}

export function collectNoteFiles(args: readonly string[]): Collected {
  const files: string[] = [];
  const skipped: Skipped = { hidden: 0, links: 0, other: 0, duplicates: 0 };
  const seen = new Set<string>();
  const add = (path: string) => {
    const key = resolve(path);
    if (seen.has(key)) skipped.duplicates++;
    else {
      seen.add(key);
      files.push(path);
    }
  };
  const walk = (dir: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      throw ioError(err, dir, 'folder');
    }
    entries.sort((a, b) => byName.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.name.startsWith('.')) skipped.hidden++;
      else if (e.isSymbolicLink()) skipped.links++;
      else if (e.isDirectory()) walk(path);
      else if (e.isFile() && NOTE_EXTENSION.test(e.name)) add(path);
      else skipped.other++;
    }
  };
  for (const arg of args) {
    userPath(arg, 'source'); // network shares and device paths are refused as typed, before any stat
    let isDir: boolean;
    try {
      isDir = statSync(arg).isDirectory();
    } catch (err) {
      // A dangling link named on the command line reads as missing; say so rather than "not found".
      const dangling = (() => {
        try {
          return lstatSync(arg).isSymbolicLink();
        } catch {
          return false;
        }
      })();
      if (dangling) throw new VaultError('not-found', `${arg} is a link to nothing. Nothing was imported.`);
      throw ioError(err, arg, 'file or folder');
    }
    if (isDir) walk(arg);
    else if (NOTE_EXTENSION.test(arg)) add(arg);
    else throw new NotANote(`${arg}: only folders and .md, .markdown or .txt files can be imported.`);
  }
  return { files, skipped };
}

function ioError(err: unknown, path: string, what: string): VaultError {
  const code = (err as { code?: string } | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new VaultError('not-found', `No such ${what}: ${path}. Nothing was imported.`);
  if (code === 'EACCES' || code === 'EPERM') return new VaultError('permission-denied', `Not allowed to read ${path}. Nothing was imported.`);
  return new VaultError('internal', `Could not read ${path} (${code ?? 'unexpected error'}). Nothing was imported.`);
}

/** Why one file cannot be imported, in a few words (never its content); 'too-large' is left out, not fatal. */
function problemOf(path: string): { text: string } | { problem: string } | { tooLarge: true } {
  const limit = READ_LIMITS.note;
  let bytes: Buffer;
  try {
    bytes = readBoundedFile(path, limit);
  } catch (err) {
    if (!(err instanceof FileReadError)) return { problem: 'could not be read (unexpected error)' };
    if (err.problem === 'too-large') return { tooLarge: true };
    if (err.problem === 'missing') return { problem: 'disappeared while importing' };
    return { problem: describeProblem(err, limit) };
  }
  let text: string;
  try {
    text = decodeText(bytes, path);
  } catch (err) {
    const message = err instanceof VaultError ? err.message : '';
    return { problem: /not a text file/.test(message) ? 'not a text file' : 'not UTF-8 or UTF-16 text, nor clearly Windows-1251 Cyrillic' };
  }
  // What the interview will hold: no BOM, line ends made \n (interviewFromNote).
  if (text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').length > limit.chars) return { tooLarge: true };
  return { text };
}

export interface ReadNotes {
  readonly notes: NoteFile[];
  /** Notes longer than an interview's notes may be: not imported, named in the summary. */
  readonly tooLarge: string[];
}

/** Reads every file; throws (naming each file that failed, with its reason) unless all of them are text. */
export function readNotes(files: readonly string[]): ReadNotes {
  const notes: NoteFile[] = [];
  const failed: string[] = [];
  const tooLarge: string[] = [];
  for (const path of files) {
    const r = problemOf(path);
    if ('tooLarge' in r) tooLarge.push(path);
    else if ('problem' in r) failed.push(`${path} (${r.problem})`);
    else notes.push({ path, name: basename(path), text: r.text });
  }
  if (failed.length > 0) {
    const shown = failed.slice(0, 20).join('; ');
    const more = failed.length > 20 ? `; and ${failed.length - 20} more` : '';
    throw new VaultError(
      'invalid-request',
      `${failed.length} of ${files.length} file${files.length === 1 ? '' : 's'} cannot be imported, so nothing was imported: ${shown}${more}. Save text files as UTF-8, move anything else out of the folder, and import again.`,
    );
  }
  return { notes, tooLarge };
}

/** The one line about notes left out for their length (empty when there are none). */
export function describeTooLarge(tooLarge: readonly string[]): string {
  if (tooLarge.length === 0) return '';
  const shown = tooLarge.slice(0, 20).join(', ');
  const more = tooLarge.length > 20 ? ` and ${tooLarge.length - 20} more` : '';
  const one = tooLarge.length === 1;
  return `${shown}${more} ${one ? 'is' : 'are'} longer than the ${describeLimit(READ_LIMITS.note)} an interview's notes can hold: split ${one ? 'it' : 'them'} and import the parts`;
}

export function describeSkipped(s: Skipped): string {
  const parts = [
    s.hidden ? `${s.hidden} hidden` : '',
    s.links ? `${s.links} symbolic link${s.links === 1 ? '' : 's'} (not followed)` : '',
    s.other ? `${s.other} not .md, .markdown or .txt` : '',
    s.duplicates ? `${s.duplicates} named twice` : '',
  ].filter(Boolean);
  return parts.length ? `skipped ${parts.join(', ')}` : '';
}
