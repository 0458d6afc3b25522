import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { KdfParams, UnlockReport } from '../shared/domain';
import type { VaultService as Service } from '../core/service';
import { checkKdfParams, DEFAULT_KDF, KDF_BOUNDS } from '../core/crypto/kdf';
import { UnlockWorker } from '../core/crypto/unlock-worker';
import { interviewFromNote } from '../core/domain/notes-import';
import { VaultError } from '../core/errors';
import { BriefUsageError, briefCommand, briefOptions } from './brief';
import { cardCommand, colleaguesAddCommand, colleaguesListCommand, openCommand } from './delivery';
import { isCommand } from './commands';
import { collectNoteFiles, describeSkipped, describeTooLarge, NotANote, readNotes } from './notes';
import { readPassphrase } from './passphrase';
import { QueryUsageError, readQuery } from './query';
import { READ_LIMITS, readTextFile } from './text-file';
import { userPath } from './paths';
import { forTerminal, forTerminalText } from './terminal';
import { snippetAsText } from '../shared/snippet';

// Start-up stays small: `--help`, usage errors and reading notes never load SQLite, libsodium, zod or the
// redaction engine. The vault core and the redaction engine are imported only by the commands that need them
// (the compiled CLI keeps each in its own chunk; see scripts/build-cli.mjs).
const loadCore = () => import('../core/service');

const USAGE = `Usage:
  fieldvault init VAULT [--kdf-ops N] [--kdf-mem-mib N]
  fieldvault import VAULT FOLDER|FILE... [--json]   (.md, .markdown, .txt: one interview each; folders recursively)
  fieldvault people import VAULT FILE.json        ({"people":[{"names":[...],"contacts":[...]}]})
  fieldvault list VAULT [--json]
  fieldvault search VAULT [--json] < QUERY-FILE   (or type the query when asked; never as an argument)
  fieldvault redact [--identities FILE] [--allow FILE] [--json] [FILE|-]
  fieldvault export VAULT INTERVIEW --format md|txt --out FILE [--part summary|notes] [--people redacted|pseudonym|code]
  fieldvault brief VAULT --format md|txt|docx|pdf --out FILE [--from DATE] [--to DATE] [--place P] [--incident TYPE]
                   [--tag T] [--title T] [--quotes] [--people redacted|pseudonym|code] [--language en|ru] [--json]
                   [--seal-to NAME[,NAME]]   (with --out FILE.fvb: sealed to those colleagues, one bundle)
  fieldvault card VAULT [--json]                  (this vault's public card and its fingerprint words)
  fieldvault colleagues add VAULT CARD --label NAME [--json]
  fieldvault colleagues list VAULT [--json]
  fieldvault open VAULT FILE.fvb [--json]         (files a sealed brief in Received; says who sent it)
  fieldvault backup VAULT --out FILE [--json]     (one file of ciphertext only; verified record by record after writing)
  fieldvault restore FILE VAULT [--json]          (into a new or empty folder; verified with the passphrase; a rollback
                                                  to the moment the backup was taken)
  fieldvault travel start VAULT --out PACKAGE [--include-tag T]... [--seal-to NAME[,NAME]] [--json]
                                                  (the register, and interviews with those tags, leave the vault for
                                                  PACKAGE; prints the recovery code once)
  fieldvault travel end VAULT PACKAGE [--json]    (brings them back; the code from FIELDVAULT_RECOVERY_CODE or asked for)
  fieldvault travel status VAULT [--json]
  fieldvault travel reissue VAULT PACKAGE --out NEW [--json]
                                                  (a colleague's vault the package was sealed to: the same package under
                                                  a new recovery code, for a researcher who lost theirs)
The passphrase is read from FIELDVAULT_PASSPHRASE or asked for interactively; search queries, passphrases and
names are never taken as arguments (shell history, the process list and npm's log would keep them).
Every command that opens a vault first decrypts every record once. Exit codes: 0 success, 1 error, 2 usage
error, 3 the vault is damaged or was tampered with (see stderr): import, people import, export, brief, backup,
colleagues add, open, travel start, travel end and travel reissue write nothing; list, search, card and colleagues list print what they found, then warn;
restore leaves no folder behind. Colleague labels are arguments: use names you are content to see in shell history.`;


class UsageError extends Error {}

const BOOLEAN_FLAGS = new Set(['json', 'help', 'quotes']);
const VALUE_FLAGS = new Set(['kdf-ops', 'kdf-mem-mib', 'identities', 'allow', 'format', 'out', 'part', 'people', 'from', 'to', 'place', 'incident', 'tag', 'title', 'language', 'seal-to', 'label', 'include-tag']);
/** Value flags that may be given more than once (every value kept, in order). */
const REPEATED_FLAGS = new Set(['include-tag']);

interface Parsed {
  readonly positional: string[];
  readonly flags: Map<string, string | true>;
  readonly repeated: Map<string, string[]>;
}

function parseArgs(argv: readonly string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  const repeated = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a === '-h') {
      flags.set('help', true);
      continue;
    }
    if (/^-[^-]/.test(a)) throw new UsageError(`Unknown option ${a} (options are written --name; put -- before a file name that starts with -).`);
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (BOOLEAN_FLAGS.has(name)) flags.set(name, true);
    else if (VALUE_FLAGS.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value.`);
      flags.set(name, value);
      if (REPEATED_FLAGS.has(name)) repeated.set(name, [...(repeated.get(name) ?? []), value]);
    } else throw new UsageError(`Unknown option --${name}.`);
  }
  return { positional, flags, repeated };
}

function need(list: readonly string[], count: number, what: string): void {
  if (list.length < count) throw new UsageError(`Missing ${what}.`);
}

/** A command given more arguments than it takes: a usage error (the extra one was a mistake, not to be ignored). */
function most(list: readonly string[], count: number, usage: string): void {
  if (list.length > count) throw new UsageError(`Too many arguments: ${usage} (did you mean to quote a name with spaces?).`);
}

/** --out for a document of this format must end in its extension: the file is written exactly where it is named. */
function outWithExtension(out: string, format: string): void {
  if (!out.toLowerCase().endsWith(`.${format}`)) {
    throw new UsageError(`--out must end in .${format} for --format ${format} (got "${out}"): the file is written exactly where --out says, and nothing is added to its name.`);
  }
}

function kdfFromFlags(flags: Parsed['flags']): KdfParams {
  // Decimal digits only: Number() also reads "0x10", "1e1", " 8 " and "" (as 0).
  const num = (name: string, fallback: number, min: number, max: number) => {
    const v = flags.get(name);
    if (v === undefined) return fallback;
    if (typeof v !== 'string' || !/^[0-9]{1,7}$/.test(v)) throw new UsageError(`--${name} must be a whole number written in decimal digits, from ${min} to ${max}.`);
    const n = Number(v);
    if (n < min || n > max) throw new UsageError(`--${name} must be from ${min} to ${max} (got ${n}).`);
    return n;
  };
  const kdf = {
    opsLimit: num('kdf-ops', DEFAULT_KDF.opsLimit, KDF_BOUNDS.minOps, KDF_BOUNDS.maxOps),
    memLimitKiB: num('kdf-mem-mib', DEFAULT_KDF.memLimitKiB / 1024, KDF_BOUNDS.minMemKiB / 1024, KDF_BOUNDS.maxMemKiB / 1024) * 1024,
  };
  // Within the format's bounds but more than this computer allows (memory, or passes × memory): also a usage error.
  try {
    checkKdfParams(kdf);
  } catch (err) {
    if (err instanceof VaultError) throw new UsageError(err.message);
    throw err;
  }
  return kdf;
}

/** Damage or tampering found by the full verification: counts only, never content. Null when the vault is whole. */
function integrityProblems(report: UnlockReport): string | null {
  const problems = [
    report.damaged.length ? `${report.damaged.length} damaged record(s)` : '',
    report.missing?.length ? `${report.missing.length} record(s) missing` : '',
    report.sealIntact ? '' : 'records removed, rolled back or added outside Fieldvault',
    report.auditChainIntact ? '' : 'the audit log was altered',
    report.schemaIntact === false ? 'database objects Fieldvault did not create were found' : '',
    report.verified ? '' : 'not every record could be checked',
  ].filter(Boolean);
  return problems.length ? problems.join('; ') : null;
}

/** A writing command met a damaged vault: nothing was written. Exit code 3. */
class IntegrityRefusal extends Error {}

/** Error codes that mean the vault itself is damaged or was tampered with: exit code 3, not 1. */
const INTEGRITY_CODES: ReadonlySet<string> = new Set(['integrity', 'tampered', 'damaged-vault']);

interface Outcome {
  readonly warning: string | null;
}

interface Access<T, P> {
  /** Set for commands that write: what to say when they refuse ("nothing was imported"). */
  readonly refuse?: string;
  /** Read while unlocking runs (the search query typed at its prompt); stopped if unlocking fails. */
  readonly input?: (signal: AbortSignal) => Promise<T>;
  /**
   * For commands that only read: the reading, done while the last records are still being verified (in the
   * unlock worker), so that it costs no time of its own. Nothing it finds leaves the process before the
   * verification has ended: the work (which prints it) runs only after, with its warning, as for every command.
   */
  readonly prepare?: (service: Service, input: T) => P;
}

/** A key-derivation worker started before this module loaded (main's options), for the first withVault. */
let earlyWorker: UnlockWorker | null = null;

/** The longest the core's loading waits for Argon2id to start (withVault). */
const STARTUP_WAIT_MS = 300;

/**
 * Unlocks, decrypts every record once (service.verify()), then runs the command. Writing commands refuse a
 * damaged or tampered vault before writing anything; reading commands run, then warn (exit code 3).
 */
async function withVault<T = undefined, P = undefined>(
  path: string,
  access: Access<T, P>,
  work: (service: Service, input: T, prepared: P) => void | Promise<void>,
): Promise<Outcome> {
  // The worker that derives the key starts first (bin/fieldvault.mjs may have started it before this module
  // loaded): natively there is nothing to wait for; with libsodium, its thread has then loaded it (and warmed
  // Argon2id up) by the time the passphrase is read and the header found.
  const worker = earlyWorker ?? new UnlockWorker();
  earlyWorker = null;
  let passphrase: string;
  try {
    passphrase = await readPassphrase('Passphrase: ');
  } catch (err) {
    worker.close();
    throw err;
  }
  // Argon2id starts in that worker before the core is loaded; the rows are then read while it runs, and the same
  // worker verifies them while the session loads (UnlockOptions.readAhead and .prepared).
  const { prepareUnlock } = await import('../core/vault/prepared-unlock');
  const prepared = prepareUnlock(path, passphrase, worker) ?? undefined;
  // Loading the core (a few MB of JavaScript to compile) while the worker thread boots and loads libsodium
  // roughly doubles that boot on a two-core laptop, and Argon2id cannot start before it ends. So the core
  // waits until Argon2id runs (or 0.3 s at most): it still loads, and the rows are read, well within it.
  if (prepared) {
    const waited = new AbortController();
    await Promise.race([worker.derivationStarted, sleep(STARTUP_WAIT_MS, undefined, { signal: waited.signal }).catch(() => undefined)]);
    waited.abort();
  }
  const { VaultService } = await loadCore();
  const service = new VaultService();
  const unlocking = service.unlock(path, passphrase, { readAhead: true, prepared });
  // A wrong passphrase ends the query prompt at once rather than after the query was typed.
  const failed = new AbortController();
  unlocking.catch((err: unknown) => failed.abort(err));
  let input: T;
  try {
    input = access.input ? await access.input(failed.signal) : (undefined as T);
  } catch (err) {
    await unlocking.then(
      () => service.lock(),
      () => undefined,
    );
    throw err;
  }
  await unlocking;
  try {
    const prepared = access.prepare ? access.prepare(service, input) : (undefined as P);
    const problems = integrityProblems(await service.verify());
    if (problems && access.refuse) throw new IntegrityRefusal(`${problems}: ${access.refuse}. Open the vault in the app to review.`);
    await work(service, input, prepared);
    return { warning: problems ? `fieldvault: warning: ${problems}. Open the vault in the app to review.` : null };
  } finally {
    service.lock();
  }
}

const write = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);

async function run(argv: readonly string[]): Promise<Outcome> {
  const { positional, flags, repeated } = parseArgs(argv);
  const json = flags.has('json');
  // Text output is shown escaped where it holds controls (forTerminal); --json output is exact.
  const out = (text: string) => write(json ? text : forTerminalText(text));
  const [command, ...rest] = positional;
  const none: Outcome = { warning: null };
  if (flags.has('help')) {
    write(USAGE);
    return none;
  }
  if (!command) throw new UsageError('No command given.');
  if (!isCommand(command)) throw new UsageError(`Unknown command "${command}".`);
  switch (command) {
    case 'init': {
      need(rest, 1, 'VAULT');
      most(rest, 1, 'init takes one VAULT');
      const kdf = kdfFromFlags(flags);
      const { VaultService } = await loadCore();
      const service = new VaultService({ kdf });
      const passphrase = await readPassphrase('New passphrase: ', { confirm: true });
      const { assessPassphrase, weakPassphraseMessage } = await import('../core/passphrase/policy');
      const verdict = assessPassphrase(passphrase, [resolve(rest[0]!)]);
      if (!verdict.acceptable) throw new VaultError('weak-passphrase', weakPassphraseMessage(verdict));
      await service.create(rest[0]!, passphrase);
      service.lock();
      process.stderr.write(`Created vault ${forTerminal(rest[0]!)}\n`);
      if (kdf.opsLimit < DEFAULT_KDF.opsLimit || kdf.memLimitKiB < DEFAULT_KDF.memLimitKiB) {
        process.stderr.write('fieldvault: warning: key derivation weaker than the default makes guessing the passphrase cheaper; use only for tests.\n');
      }
      return none;
    }
    case 'import': {
      need(rest, 2, 'VAULT and at least one FOLDER or FILE');
      const [vault, ...paths] = rest as [string, ...string[]];
      // Every note is read and decoded before the vault is opened: one unreadable file stops the whole import.
      const { files, skipped } = collectNoteFiles(paths);
      const skippedText = describeSkipped(skipped);
      if (files.length === 0) throw new VaultError('invalid-request', `No .md, .markdown or .txt files found${skippedText ? ` (${skippedText})` : ''}; nothing was imported.`);
      const read = readNotes(files);
      const tooLargeText = describeTooLarge(read.tooLarge);
      if (read.notes.length === 0) throw new VaultError('invalid-request', `Nothing was imported: ${[tooLargeText, skippedText].filter(Boolean).join('; ')}.`);
      const notes = read.notes.map((n) => interviewFromNote(n.name, n.text));
      return withVault(vault, { refuse: 'nothing was imported' }, (service) => {
        // One transaction for all of them: either every note is imported or none is.
        const created = service.createInterviews(notes);
        if (json) out(JSON.stringify(created.map((i) => ({ id: i.id, code: i.code, title: i.title }))));
        else for (const i of created) out(`${i.code}\t${forTerminal(i.title)}`);
        const range = created.length > 1 ? ` (${created[0]!.code} to ${created.at(-1)!.code})` : '';
        const extra = [skippedText, tooLargeText && `not imported: ${tooLargeText}`].filter(Boolean).join('; ');
        process.stderr.write(`${forTerminal(`Imported ${created.length} interview${created.length === 1 ? '' : 's'}${range}${extra ? `; ${extra}` : ''}.`)}\n`);
      });
    }
    case 'people': {
      if (rest[0] !== 'import') throw new UsageError('Unknown people command (did you mean "people import"?).');
      need(rest, 3, 'VAULT and FILE.json');
      most(rest, 3, 'people import takes VAULT and one FILE.json');
      const { parsePeopleFile } = await import('../core/domain/people-import');
      const entries = parsePeopleFile(readTextFile(userPath(rest[2]!, 'source'), READ_LIMITS.people, 'people file'));
      return withVault(rest[1]!, { refuse: 'nobody was imported' }, (service) => {
        const created = service.createPeople(entries);
        // Only code names are printed: real names never reach the terminal scrollback.
        if (json) out(JSON.stringify(created.map((p) => ({ id: p.id, code: p.code }))));
        else out(`Imported ${created.length} ${created.length === 1 ? 'person' : 'people'}: ${created.map((p) => p.code).join(', ')}`);
      });
    }
    case 'list': {
      need(rest, 1, 'VAULT');
      most(rest, 1, 'list takes one VAULT');
      return withVault(rest[0]!, {}, (service) => {
        const rows = service.listInterviews();
        if (json) out(JSON.stringify(rows));
        else for (const r of rows) out(`${r.code}\t${forTerminal(r.date || '—')}\t${r.status}\t${forTerminal(r.title)}`);
      });
    }
    case 'search': {
      need(rest, 1, 'VAULT');
      if (rest.length > 1) {
        throw new UsageError(
          'search does not take the query as an argument: the shell keeps it in its history, other users see it in the process list and npm writes it to its log. Type it when asked, or pipe it in (fieldvault search VAULT < query.txt).',
        );
      }
      const fromStdin = !process.stdin.isTTY;
      if (fromStdin && !process.env.FIELDVAULT_PASSPHRASE) {
        throw new VaultError('invalid-request', 'The query is read from standard input, so the passphrase must come from FIELDVAULT_PASSPHRASE, which is not set.');
      }
      const search = { input: readQuery, prepare: (service: Service, query: string) => service.search(query, 200) };
      return withVault(rest[0]!, search, (_, _query, found) => {
        // Snippets mark their matches with control characters (src/shared/snippet.ts); a terminal and a script read «…».
        const hits = found.map((h) => ({ ...h, snippet: snippetAsText(h.snippet) }));
        if (json) out(JSON.stringify(hits));
        else for (const h of hits) out(`${h.code}\t${forTerminal(h.title)}${h.snippet ? `\n\t${forTerminal(h.snippet)}` : ''}`);
      });
    }
    case 'redact': {
      if (rest.length > 1) throw new UsageError('redact takes at most one FILE (or - for standard input).');
      const identities = flags.get('identities');
      const allow = flags.get('allow');
      const { redactCommand } = await import('./redact');
      // Redacted text is the product: exact when piped or redirected, shown escaped on a terminal.
      const redacted = (text: string) => write(json || !process.stdout.isTTY ? text : forTerminalText(text));
      redacted(
        await redactCommand({
          identities: typeof identities === 'string' ? identities : undefined,
          allow: typeof allow === 'string' ? allow : undefined,
          json,
          file: rest[0],
        }),
      );
      return none;
    }
    case 'export': {
      need(rest, 2, 'VAULT and INTERVIEW (its code, such as INT-0031)');
      most(rest, 2, 'export takes VAULT and one INTERVIEW');
      const format = flags.get('format');
      const outPath = flags.get('out');
      const part = flags.get('part') ?? 'summary';
      const people = flags.get('people') ?? 'redacted';
      if (format !== 'md' && format !== 'txt') throw new UsageError('--format must be md or txt.');
      if (typeof outPath !== 'string') throw new UsageError('--out FILE is required.');
      if (part !== 'summary' && part !== 'notes') throw new UsageError('--part must be summary or notes.');
      if (people !== 'redacted' && people !== 'pseudonym' && people !== 'code') throw new UsageError('--people must be redacted, pseudonym or code.');
      outWithExtension(outPath, format);
      const wanted = rest[1]!;
      const target = userPath(outPath, 'export');
      return withVault(rest[0]!, { refuse: 'nothing was exported' }, (service) => {
        const row = service.listInterviews().find((r) => r.code.toLowerCase() === wanted.toLowerCase() || r.id === wanted);
        if (!row) throw new VaultError('not-found', `No interview ${wanted} in this vault.`);
        // The same engine, consent rules and fail-closed leak check as the app; automatic findings only.
        const result = service.exportWrite(row.id, part, people, format, { keep: [], redact: [] }, target);
        const counts = Object.entries(result.redactions).map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
        process.stderr.write(`Exported ${row.code} to ${forTerminal(result.path)} (redactions: ${counts}; sha256 ${result.sha256.slice(0, 16)}…)\n`);
      });
    }
    case 'brief': {
      need(rest, 1, 'VAULT');
      most(rest, 1, 'brief takes one VAULT');
      const options = briefOptions(flags);
      return withVault(rest[0]!, { refuse: 'no brief was written' }, async (service) => {
        out(await briefCommand(service, options, json));
      });
    }
    case 'card': {
      need(rest, 1, 'VAULT');
      most(rest, 1, 'card takes one VAULT');
      return withVault(rest[0]!, {}, async (service) => {
        out(await cardCommand(service, json));
      });
    }
    case 'colleagues': {
      const sub = rest[0];
      if (sub === 'list') {
        need(rest, 2, 'VAULT');
        most(rest, 2, 'colleagues list takes one VAULT');
        return withVault(rest[1]!, {}, async (service) => {
          out(await colleaguesListCommand(service, json));
        });
      }
      if (sub !== 'add') throw new UsageError('Unknown colleagues command (use "colleagues add" or "colleagues list").');
      need(rest, 3, 'VAULT and CARD');
      const label = flags.get('label');
      if (typeof label !== 'string' || !label.trim()) throw new UsageError('--label NAME is required (the name you give this colleague).');
      // A card pasted with spaces arrives as several arguments: spaces do not count in a card.
      const card = rest.slice(2).join('');
      return withVault(rest[1]!, { refuse: 'no colleague was added' }, async (service) => {
        out(await colleaguesAddCommand(service, card, label, json));
      });
    }
    case 'open': {
      need(rest, 2, 'VAULT and FILE.fvb');
      most(rest, 2, 'open takes VAULT and one FILE.fvb');
      const bundle = userPath(rest[1]!, 'source');
      return withVault(rest[0]!, { refuse: 'nothing was filed' }, async (service) => {
        out(await openCommand(service, bundle, json));
      });
    }
    case 'backup': {
      need(rest, 1, 'VAULT');
      most(rest, 1, 'backup takes one VAULT');
      const outPath = flags.get('out');
      if (typeof outPath !== 'string') throw new UsageError('--out FILE is required.');
      const target = userPath(outPath, 'export');
      const { backupCommand } = await import('./backup');
      return withVault(rest[0]!, { refuse: 'no backup was written' }, async (service) => {
        out(await backupCommand(service, target, json));
      });
    }
    case 'restore': {
      need(rest, 2, 'FILE (the backup) and VAULT (a new or empty folder)');
      most(rest, 2, 'restore takes one FILE and one VAULT');
      const { restoreCommand } = await import('./backup');
      out(await restoreCommand(rest[0]!, rest[1]!, json));
      return none;
    }
    case 'travel': {
      const sub = rest[0];
      const travel = () => import('./travel');
      if (sub === 'start') {
        need(rest, 2, 'VAULT');
        most(rest, 2, 'travel start takes one VAULT');
        const outPath = flags.get('out');
        if (typeof outPath !== 'string') throw new UsageError('--out PACKAGE is required (a new file, outside the vault folder).');
        const sealTo = flags.get('seal-to');
        const labels = typeof sealTo === 'string' ? sealTo.split(',').map((l) => l.trim()).filter(Boolean) : [];
        const target = userPath(outPath, 'travel');
        const { travelStartCommand } = await travel();
        return withVault(rest[1]!, { refuse: 'nothing left the vault' }, async (service) => {
          out(await travelStartCommand(service, target, repeated.get('include-tag') ?? [], labels, json));
        });
      }
      if (sub === 'end') {
        need(rest, 3, 'VAULT and PACKAGE');
        most(rest, 3, 'travel end takes VAULT and one PACKAGE');
        const pkg = userPath(rest[2]!, 'source');
        const { describeTravelEnd, readRecoveryCode } = await travel();
        return withVault(rest[1]!, { refuse: 'nothing was brought back', input: () => readRecoveryCode() }, async (service, code) => {
          out(describeTravelEnd(await service.travelEnd(pkg, code), json));
        });
      }
      if (sub === 'status') {
        need(rest, 2, 'VAULT');
        most(rest, 2, 'travel status takes one VAULT');
        const { describeTravelStatus } = await travel();
        return withVault(rest[1]!, {}, (service) => {
          out(describeTravelStatus(service.travelStatus(), json));
        });
      }
      if (sub === 'reissue') {
        need(rest, 3, 'VAULT and PACKAGE');
        most(rest, 3, 'travel reissue takes VAULT and one PACKAGE');
        const outPath = flags.get('out');
        if (typeof outPath !== 'string') throw new UsageError('--out NEW is required (a new file for the package under its new code).');
        const pkg = userPath(rest[2]!, 'source');
        const target = userPath(outPath, 'travel');
        const { describeTravelReissue } = await travel();
        return withVault(rest[1]!, { refuse: 'no package was written' }, async (service) => {
          out(describeTravelReissue(await service.travelReissue(pkg, target), json));
        });
      }
      throw new UsageError('Unknown travel command (use "travel start", "travel end", "travel status" or "travel reissue").');
    }
    default: {
      const unknown: never = command;
      throw new UsageError(`Unknown command "${String(unknown)}".`);
    }
  }
}

/** Exit codes: 0 success, 1 failure, 2 usage error, 3 damage or tampering. Every error is one line on stderr. */
export interface MainOptions {
  /** Started by bin/fieldvault.mjs before this module loaded (early-worker.ts); closed here if unused. */
  readonly unlockWorker?: UnlockWorker | null;
}

export async function main(argv: readonly string[], options: MainOptions = {}): Promise<number> {
  earlyWorker = options.unlockWorker ?? null;
  try {
    const { warning } = await run(argv);
    if (warning) {
      process.stderr.write(`${warning}\n`);
      return 3;
    }
    return 0;
  } catch (err) {
    if (err instanceof UsageError || err instanceof NotANote || err instanceof QueryUsageError || err instanceof BriefUsageError) {
      process.stderr.write(`fieldvault: ${forTerminal(err.message)} Run "fieldvault --help" for usage.\n`);
      return 2;
    }
    const message = err instanceof VaultError || err instanceof IntegrityRefusal ? err.message : 'unexpected error; nothing was changed.';
    process.stderr.write(`fieldvault: ${forTerminal(message.replace(/\s*\n\s*/g, ' '))}\n`);
    return err instanceof IntegrityRefusal || (err instanceof VaultError && INTEGRITY_CODES.has(err.code)) ? 3 : 1;
  } finally {
    earlyWorker?.close();
    earlyWorker = null;
  }
}
