import { basename, resolve } from 'node:path';
import type { KdfParams, UnlockReport } from '../shared/domain';
import { DEFAULT_KDF } from '../core/crypto/kdf';
import { interviewFromNote } from '../core/domain/notes-import';
import { parsePeopleFile } from '../core/domain/people-import';
import { VaultError } from '../core/errors';
import { VaultService } from '../core/service';
import { readPassphrase } from './passphrase';
import { redactCommand } from './redact';
import { readTextFile } from './text-file';

const USAGE = `Usage:
  fieldvault init VAULT [--kdf-ops N] [--kdf-mem-mib N]
  fieldvault import VAULT FILE...            (.md or .txt: one interview per file)
  fieldvault people import VAULT FILE.json   ({"people":[{"names":[...],"contacts":[...]}]})
  fieldvault list VAULT [--json]
  fieldvault search VAULT QUERY [--json]
  fieldvault redact [--identities FILE] [--allow FILE] [--json] [FILE|-]
  fieldvault export VAULT INTERVIEW --format md|txt --out FILE [--part summary|notes] [--people redacted|pseudonym|code]
The passphrase is read from FIELDVAULT_PASSPHRASE or asked for interactively.
Exit codes: 0 success, 1 error, 2 usage error, 3 done but the vault reported damage or tampering (see stderr).`;

export const MIN_PASSPHRASE_CHARS = 12;

class UsageError extends Error {}

const BOOLEAN_FLAGS = new Set(['json', 'help']);
const VALUE_FLAGS = new Set(['kdf-ops', 'kdf-mem-mib', 'identities', 'allow', 'format', 'out', 'part', 'people']);

interface Parsed {
  readonly positional: string[];
  readonly flags: Map<string, string | true>;
}

function parseArgs(argv: readonly string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
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
    } else throw new UsageError(`Unknown option --${name}.`);
  }
  return { positional, flags };
}

function need(list: readonly string[], count: number, what: string): void {
  if (list.length < count) throw new UsageError(`Missing ${what}.`);
}

function kdfFromFlags(flags: Parsed['flags']): KdfParams {
  const num = (name: string, fallback: number) => {
    const v = flags.get(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n)) throw new UsageError(`--${name} must be a whole number.`);
    return n;
  };
  return { opsLimit: num('kdf-ops', DEFAULT_KDF.opsLimit), memLimitKiB: num('kdf-mem-mib', DEFAULT_KDF.memLimitKiB / 1024) * 1024 };
}

/** Damage or tampering found at unlock: one line on stderr, and exit code 3 once the command is done. */
function integrityWarning(report: UnlockReport): string | null {
  const problems = [
    report.damaged.length ? `${report.damaged.length} damaged record(s)` : '',
    report.sealIntact ? '' : 'records removed, rolled back or added outside Fieldvault',
    report.auditChainIntact ? '' : 'the audit log was altered',
  ].filter(Boolean);
  return problems.length ? `fieldvault: warning: ${problems.join('; ')}. Open the vault in the app to review.` : null;
}

interface Outcome {
  readonly warning: string | null;
}

async function withVault(path: string, verify: boolean, work: (service: VaultService) => void): Promise<Outcome> {
  const service = new VaultService();
  await service.unlock(path, await readPassphrase('Passphrase: '));
  try {
    // Listing and searching decrypt every record once so damage is reported, not silently skipped.
    const report = verify ? await service.verify() : (service.status() as { report: UnlockReport }).report;
    work(service);
    return { warning: integrityWarning(report) };
  } finally {
    service.lock();
  }
}

const out = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);

async function run(argv: readonly string[]): Promise<Outcome> {
  const { positional, flags } = parseArgs(argv);
  const json = flags.has('json');
  const [command, ...rest] = positional;
  const none: Outcome = { warning: null };
  if (flags.has('help')) {
    out(USAGE);
    return none;
  }
  if (!command) throw new UsageError('No command given.');
  switch (command) {
    case 'init': {
      need(rest, 1, 'VAULT');
      const kdf = kdfFromFlags(flags);
      const service = new VaultService({ kdf });
      const passphrase = await readPassphrase('New passphrase: ', { confirm: true });
      if ([...passphrase].length < MIN_PASSPHRASE_CHARS) {
        throw new VaultError('weak-passphrase', `Choose a passphrase of at least ${MIN_PASSPHRASE_CHARS} characters; four or more unrelated words is best.`);
      }
      await service.create(rest[0]!, passphrase);
      service.lock();
      process.stderr.write(`Created vault ${rest[0]}\n`);
      if (kdf.opsLimit < DEFAULT_KDF.opsLimit || kdf.memLimitKiB < DEFAULT_KDF.memLimitKiB) {
        process.stderr.write('fieldvault: warning: key derivation weaker than the default makes guessing the passphrase cheaper; use only for tests.\n');
      }
      return none;
    }
    case 'import': {
      need(rest, 2, 'VAULT and at least one FILE');
      const [vault, ...files] = rest as [string, ...string[]];
      const notes = files.map((f) => {
        if (!/\.(md|markdown|txt)$/i.test(f)) throw new UsageError(`${f}: only .md and .txt files can be imported.`);
        return interviewFromNote(basename(f), readTextFile(f));
      });
      return withVault(vault, false, (service) => {
        const created = service.createInterviews(notes);
        if (json) out(JSON.stringify(created.map((i) => ({ id: i.id, code: i.code, title: i.title }))));
        else for (const i of created) out(`${i.code}\t${i.title}`);
      });
    }
    case 'people': {
      if (rest[0] !== 'import') throw new UsageError('Unknown people command (did you mean "people import"?).');
      need(rest, 3, 'VAULT and FILE.json');
      const entries = parsePeopleFile(readTextFile(rest[2]!));
      return withVault(rest[1]!, false, (service) => {
        const created = service.createPeople(entries);
        // Only code names are printed: real names never reach the terminal scrollback.
        if (json) out(JSON.stringify(created.map((p) => ({ id: p.id, code: p.code }))));
        else out(`Imported ${created.length} ${created.length === 1 ? 'person' : 'people'}: ${created.map((p) => p.code).join(', ')}`);
      });
    }
    case 'list': {
      need(rest, 1, 'VAULT');
      return withVault(rest[0]!, true, (service) => {
        const rows = service.listInterviews();
        if (json) out(JSON.stringify(rows));
        else for (const r of rows) out(`${r.code}\t${r.date || '—'}\t${r.status}\t${r.title}`);
      });
    }
    case 'search': {
      need(rest, 2, 'VAULT and QUERY');
      return withVault(rest[0]!, true, (service) => {
        const hits = service.search(rest.slice(1).join(' '), 200);
        if (json) out(JSON.stringify(hits));
        else for (const h of hits) out(`${h.code}\t${h.title}${h.snippet ? `\n\t${h.snippet}` : ''}`);
      });
    }
    case 'redact': {
      if (rest.length > 1) throw new UsageError('redact takes at most one FILE (or - for standard input).');
      const identities = flags.get('identities');
      const allow = flags.get('allow');
      out(
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
      const format = flags.get('format');
      const outPath = flags.get('out');
      const part = flags.get('part') ?? 'summary';
      const people = flags.get('people') ?? 'redacted';
      if (format !== 'md' && format !== 'txt') throw new UsageError('--format must be md or txt.');
      if (typeof outPath !== 'string') throw new UsageError('--out FILE is required.');
      if (part !== 'summary' && part !== 'notes') throw new UsageError('--part must be summary or notes.');
      if (people !== 'redacted' && people !== 'pseudonym' && people !== 'code') throw new UsageError('--people must be redacted, pseudonym or code.');
      const wanted = rest[1]!;
      return withVault(rest[0]!, false, (service) => {
        const row = service.listInterviews().find((r) => r.code.toLowerCase() === wanted.toLowerCase() || r.id === wanted);
        if (!row) throw new VaultError('not-found', `No interview ${wanted} in this vault.`);
        // The same engine, consent rules and fail-closed leak check as the app; automatic findings only.
        const result = service.exportWrite(row.id, part, people, format, { keep: [], redact: [] }, resolve(outPath));
        const counts = Object.entries(result.redactions).map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
        process.stderr.write(`Exported ${row.code} to ${result.path} (redactions: ${counts}; sha256 ${result.sha256.slice(0, 16)}…)\n`);
      });
    }
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

/** Exit codes: 0 success, 1 failure, 2 usage error, 3 integrity warning. Every error is one line on stderr. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const { warning } = await run(argv);
    if (warning) {
      process.stderr.write(`${warning}\n`);
      return 3;
    }
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`fieldvault: ${err.message} Run "fieldvault --help" for usage.\n`);
      return 2;
    }
    const message = err instanceof VaultError ? err.message : 'unexpected error; nothing was changed.';
    process.stderr.write(`fieldvault: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return 1;
  }
}
