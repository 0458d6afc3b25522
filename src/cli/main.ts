import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { KdfParams } from '../shared/domain';
import { DEFAULT_KDF } from '../core/crypto/kdf';
import { interviewFromNote } from '../core/domain/notes-import';
import { parsePeopleFile } from '../core/domain/people-import';
import { describeIoError, VaultError } from '../core/errors';
import { VaultService } from '../core/service';
import { readPassphrase } from './passphrase';

const USAGE = `Usage:
  fieldvault init VAULT [--kdf-ops N] [--kdf-mem-mib N]
  fieldvault import VAULT FILE...            (.md or .txt: one interview per file)
  fieldvault people import VAULT FILE.json   ({"people":[{"names":[...],"contacts":[...]}]})
  fieldvault list VAULT [--json]
  fieldvault search VAULT QUERY [--json]
The passphrase is read from FIELDVAULT_PASSPHRASE or asked for interactively.`;

class UsageError extends Error {}

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
    if (a === '--json' || a === '--help' || a === '-h') flags.set(a.replace(/^-+/, ''), true);
    else if (a.startsWith('--')) {
      const value = argv[++i];
      if (value === undefined) throw new UsageError(`${a} needs a value.`);
      flags.set(a.slice(2), value);
    } else positional.push(a);
  }
  return { positional, flags };
}

function need(list: string[], count: number, what: string): void {
  if (list.length < count) throw new UsageError(`Missing ${what}.`);
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT') throw new VaultError('not-found', `No such file: ${path}`);
    throw describeIoError(err, `reading ${path}`);
  }
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

async function openVault(path: string): Promise<VaultService> {
  const service = new VaultService();
  await service.unlock(path, await readPassphrase('Passphrase: '));
  return service;
}

async function run(argv: readonly string[]): Promise<void> {
  const { positional, flags } = parseArgs(argv);
  const json = flags.has('json');
  const [command, ...rest] = positional;
  if (!command || flags.has('help') || flags.has('h')) {
    process.stdout.write(`${USAGE}\n`);
    if (!command) throw new UsageError('No command given.');
    return;
  }
  switch (command) {
    case 'init': {
      need(rest, 1, 'VAULT');
      const service = new VaultService({ kdf: kdfFromFlags(flags) });
      const passphrase = await readPassphrase('New passphrase: ', { confirm: true });
      if (passphrase.length < 8) throw new VaultError('weak-passphrase', 'Choose a passphrase of at least 8 characters (a few words is best).');
      await service.create(rest[0]!, passphrase);
      service.lock();
      process.stderr.write(`Created vault ${rest[0]}\n`);
      return;
    }
    case 'import': {
      need(rest, 2, 'VAULT and at least one FILE');
      const [vault, ...files] = rest as [string, ...string[]];
      const notes = files.map((f) => {
        if (!/\.(md|markdown|txt)$/i.test(f)) throw new UsageError(`${f}: only .md and .txt files can be imported.`);
        return interviewFromNote(basename(f), readText(f));
      });
      const service = await openVault(vault);
      try {
        const created = service.createInterviews(notes);
        if (json) process.stdout.write(`${JSON.stringify(created.map((i) => ({ id: i.id, code: i.code, title: i.title })))}\n`);
        else for (const i of created) process.stdout.write(`${i.code}\t${i.title}\n`);
      } finally {
        service.lock();
      }
      return;
    }
    case 'people': {
      if (rest[0] !== 'import') throw new UsageError('Unknown people command (did you mean "people import"?).');
      need(rest, 3, 'VAULT and FILE.json');
      const entries = parsePeopleFile(readText(rest[2]!));
      const service = await openVault(rest[1]!);
      try {
        const created = service.createPeople(entries);
        // Only code names are printed: real names never reach the terminal scrollback.
        if (json) process.stdout.write(`${JSON.stringify(created.map((p) => ({ id: p.id, code: p.code })))}\n`);
        else process.stdout.write(`Imported ${created.length} people: ${created.map((p) => p.code).join(', ')}\n`);
      } finally {
        service.lock();
      }
      return;
    }
    case 'list': {
      need(rest, 1, 'VAULT');
      const service = await openVault(rest[0]!);
      try {
        const rows = service.listInterviews();
        if (json) process.stdout.write(`${JSON.stringify(rows)}\n`);
        else for (const r of rows) process.stdout.write(`${r.code}\t${r.date || '—'}\t${r.status}\t${r.title}\n`);
      } finally {
        service.lock();
      }
      return;
    }
    case 'search': {
      need(rest, 2, 'VAULT and QUERY');
      const service = await openVault(rest[0]!);
      try {
        const hits = service.search(rest.slice(1).join(' '), 200);
        if (json) process.stdout.write(`${JSON.stringify(hits)}\n`);
        else for (const h of hits) process.stdout.write(`${h.code}\t${h.title}\n\t${h.snippet}\n`);
      } finally {
        service.lock();
      }
      return;
    }
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

/** Exit codes: 0 success, 1 failure, 2 usage error. Errors are one line on stderr. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    await run(argv);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`fieldvault: ${err.message}\n${USAGE}\n`);
      return 2;
    }
    const message = err instanceof VaultError ? err.message : 'unexpected error; nothing was changed.';
    process.stderr.write(`fieldvault: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return 1;
  }
}
