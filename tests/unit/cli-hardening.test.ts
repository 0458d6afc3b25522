/**
 * The command line against hostile or mistaken input (red-team findings): paths as typed, files that are not
 * notes, encodings, what is echoed to the terminal and argument checks. Runs the compiled command line.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forTerminal, forTerminalText } from '../../src/cli/terminal';

const ROOT = join(__dirname, '../..');
const BIN = join(ROOT, 'bin/fieldvault.mjs');
const PASS = 'cli hardening test passphrase';
let dir: string;
let vault: string;

function cli(args: string[], opts: { env?: Record<string, string | undefined>; cwd?: string; input?: string | Buffer } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, FIELDVAULT_PASSPHRASE: PASS, ...opts.env },
    cwd: opts.cwd,
    input: opts.input ?? '',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const oneLine = (r: { stderr: string }) => expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);

beforeAll(() => {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs'), '--quiet'], { encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  dir = mkdtempSync(join(tmpdir(), 'fv-cli-hardening-'));
  vault = join(dir, 'vault');
  writeFileSync(join(dir, 'osh.md'), '# Detention at Osh airport\n\nHeld for six hours.\n');
  expect(cli(['init', vault, '--kdf-ops', '1', '--kdf-mem-mib', '8']).code).toBe(0);
  expect(cli(['import', vault, join(dir, 'osh.md')]).code).toBe(0);
  expect(cli(['backup', vault, '--out', join(dir, 'v.fvbackup')]).code).toBe(0);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('network shares and device paths, as typed', () => {
  const SPELLINGS = ['\\\\host\\share\\x', '//host/share/x', '\\\\?\\UNC\\host\\share\\x', '\\\\.\\pipe\\x', '\\\\?\\C:\\x', 'smb://host/share/x', 'file:///tmp/x'];
  const byLocation = /not (to|from|on) a network share|Device paths/;

  it('are refused for every --out, for restore (both arguments), travel and open, before anything is written', () => {
    const cwd = join(dir, 'cwd-f1');
    mkdirSync(cwd);
    for (const p of SPELLINGS) {
      const runs = {
        export: cli(['export', vault, 'INT-0001', '--format', 'md', '--out', `${p}.md`], { cwd }),
        brief: cli(['brief', vault, '--format', 'txt', '--out', `${p}.txt`], { cwd }),
        backup: cli(['backup', vault, '--out', `${p}.fvbackup`], { cwd }),
        restoreInto: cli(['restore', join(dir, 'v.fvbackup'), `${p}-restored`], { cwd }),
        restoreFrom: cli(['restore', `${p}.fvbackup`, join(cwd, 'restored')], { cwd }),
        travelStart: cli(['travel', 'start', vault, '--out', `${p}.fvtravel`], { cwd }),
        travelReissue: cli(['travel', 'reissue', vault, join(dir, 'v.fvbackup'), '--out', `${p}.fvtravel`], { cwd }),
        open: cli(['open', vault, `${p}.fvb`], { cwd }),
      };
      for (const [name, r] of Object.entries(runs)) {
        expect(r.code, `${name} ${p}: ${r.stderr}`).toBe(1);
        expect(r.stderr, `${name} ${p}`).toMatch(byLocation);
        oneLine(r);
      }
    }
    // Nothing was written beside the working folder's /cwd/\\host... spelling, nor at /host/share.
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('files that are not notes, or too large', () => {
  it.skipIf(process.platform === 'win32')('a link to /dev/zero, a FIFO: refused at once with one line, never read or waited on', () => {
    symlinkSync('/dev/zero', join(dir, 'zero.md'));
    expect(spawnSync('mkfifo', [join(dir, 'fifo.md')]).status).toBe(0);
    symlinkSync('/dev/zero', join(dir, 'zero.json'));
    const runs = [
      cli(['import', vault, join(dir, 'zero.md')]),
      cli(['import', vault, join(dir, 'fifo.md')]),
      cli(['people', 'import', vault, join(dir, 'zero.json')]),
      cli(['people', 'import', vault, join(dir, 'fifo.md')]),
      cli(['redact', '--identities', join(dir, 'zero.json')], { input: 'text' }),
      cli(['redact', '--allow', join(dir, 'fifo.md')], { input: 'text' }),
      cli(['redact', join(dir, 'zero.md')]),
    ];
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/not a regular file/);
      oneLine(r);
    }
  });

  it('a note longer than an interview can hold is named with the limit; the others are imported', () => {
    const folder = join(dir, 'long-notes');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.md'), '# Short one\n\nfine\n');
    writeFileSync(join(folder, 'b.md'), `# Too long\n${'word '.repeat(1_000_001)}`);
    const r = cli(['import', vault, folder, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { title: string }[]).map((i) => i.title)).toEqual(['Short one']);
    expect(r.stderr).toMatch(/b\.md is longer than the 5,000,000 characters an interview's notes can hold: split it/);
    oneLine(r);
    // Only that one: an error, one line, nothing imported.
    const alone = cli(['import', vault, join(folder, 'b.md')]);
    expect(alone.code).toBe(1);
    expect(alone.stderr).toMatch(/^fieldvault: Nothing was imported: .*b\.md is longer than the 5,000,000 characters/);
  });

  it('standard input for redact is bounded too', () => {
    const r = cli(['redact'], { input: Buffer.alloc(16 * 1024 * 1024, 0x61) });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/standard input is larger than the 5,000,000 characters/);
    oneLine(r);
  });
});

describe('redact reads its input as notes are read', () => {
  it('so does search: a query in UTF-16 or Windows-1251 on standard input finds what it says', () => {
    const note = join(dir, 'river.md');
    writeFileSync(note, '# Река\n\nЗадержан у реки.\n');
    expect(cli(['import', vault, note]).code).toBe(0);
    for (const input of [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Задержан', 'utf16le')]), Buffer.from([0xc7, 0xe0, 0xe4, 0xe5, 0xf0, 0xe6, 0xe0, 0xed])]) {
      const r = cli(['search', vault, '--json'], { input });
      expect(r.code, r.stderr).toBe(0);
      expect((JSON.parse(r.stdout) as { title: string }[]).map((h) => h.title)).toContain('Река');
    }
  });

  it('Windows-1251 and UTF-16 on standard input are decoded, not turned into U+FFFD', () => {
    const text = 'Задержан в Оше, телефон +996 555 123 456.';
    const cp1251 = Buffer.from([...text].map((ch) => (ch.charCodeAt(0) >= 0x410 ? ch.charCodeAt(0) - 0x410 + 0xc0 : ch.charCodeAt(0))));
    for (const input of [cp1251, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])]) {
      const r = cli(['redact'], { input });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe('Задержан в Оше, телефон [REDACTED].\n');
    }
  });
});

describe('what reaches the terminal from arguments and the vault is shown escaped, never obeyed', () => {
  // ESC, BEL, C1 CSI, bidi overrides and isolates, line separators, DEL: none may reach the terminal raw.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
  const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029]/;

  it('forTerminal escapes C0, C1, DEL, bidi controls and separators; forTerminalText keeps newlines and tabs', () => {
    expect(forTerminal('a\nb\tc\u001b]0;T\u0007\u009b\u202eevil\u2066\u2028\u007f')).toBe('a\\x0Ab\\x09c\\x1B]0;T\\x07\\x9B\\u202Eevil\\u2066\\u2028\\x7F');
    expect(forTerminalText('line 1\n\tline 2\u001b[2J')).toBe('line 1\n\tline 2\\x1B[2J');
    expect(forTerminal('Айгуль, Şükrü, 東京 — “ok”')).toBe('Айгуль, Şükrü, 東京 — “ok”');
  });

  it('an argument with a newline and an escape sequence is one escaped line on stderr', () => {
    const r = cli(['x\nsecond\u001b]0;TITLE\u0007', vault]);
    expect(r.code).toBe(2);
    oneLine(r);
    expect(r.stderr).not.toMatch(CONTROLS);
    expect(r.stderr).toContain('x\\x0Asecond\\x1B]0;TITLE\\x07');
  });

  it('titles with OSC 52, bidi overrides and newlines: escaped in list, search and import output; exact in --json', () => {
    const title = 'Title \u001b]52;c;ZWNobyBwd25lZA==\u0007 \u202eevil\u202c end';
    const note = join(dir, 'osc.md');
    writeFileSync(note, `# ${title}\n\nosc marker text\n`);
    const imported = cli(['import', vault, note]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).not.toMatch(CONTROLS);
    const list = cli(['list', vault]);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).not.toMatch(CONTROLS);
    expect(list.stdout).toContain('Title \\x1B]52;c;ZWNobyBwd25lZA==\\x07 \\u202Eevil\\u202C end');
    const json = JSON.parse(cli(['list', vault, '--json']).stdout) as { title: string }[];
    expect(json.map((r) => r.title)).toContain(title);
    const search = cli(['search', vault], { input: 'osc marker' });
    expect(search.code, search.stderr).toBe(0);
    expect(search.stdout).toContain('\\x1B]52');
    expect(search.stdout).not.toMatch(CONTROLS);
  });

  it('an error naming a path with controls in it is one escaped line', () => {
    const r = cli(['people', 'import', vault, join(dir, 'no\nsuch\u001b[2J.json')]);
    expect(r.code).toBe(1);
    oneLine(r);
    expect(r.stderr).not.toMatch(CONTROLS);
  });
});

describe('argument checks', () => {
  const usage = (r: { code: number | null; stderr: string }) => {
    expect(r.code, r.stderr).toBe(2);
    oneLine(r);
  };

  it('KDF values: decimal digits only, within bounds, else a usage error (exit 2) before anything is made', () => {
    for (const [ops, mem] of [['1000', '8'], ['0', '8'], ['1', '0x10'], ['1', '1e1'], ['1', ''], ['1', '4'], ['1', '99999'], ['-1', '8'], ['1.0', '8'], ['1', ' 8']]) {
      const target = join(dir, `kdf-${ops}-${mem}`);
      const r = cli(['init', target, '--kdf-ops', ops!, '--kdf-mem-mib', mem!]);
      usage(r);
      expect(r.stderr, `${ops} ${mem}`).toMatch(/--kdf-(ops|mem-mib) must be/);
    }
    expect(readdirSync(dir).filter((n) => n.startsWith('kdf-'))).toEqual([]);
  });

  it('dates must be real calendar dates, and --from not after --to', () => {
    for (const d of ['2026-13-45', '2026-02-29', '2026-04-31', '2026-00-10', '26-03-01']) {
      const r = cli(['brief', vault, '--format', 'md', '--out', join(dir, 'b.md'), '--from', d]);
      usage(r);
      expect(r.stderr).toMatch(/--from must be a real date/);
    }
    usage(cli(['brief', vault, '--format', 'md', '--out', join(dir, 'b.md'), '--from', '2026-03-02', '--to', '2026-03-01']));
    const leap = cli(['brief', vault, '--format', 'md', '--out', join(dir, 'leap.md'), '--from', '2024-02-29']);
    expect(leap.code, leap.stderr).not.toBe(2);
  });

  it('extra arguments and single-dash options are usage errors, not ignored', () => {
    usage(cli(['list', vault, 'extra argument']));
    usage(cli(['export', vault, 'INT-0001', 'INT-0002', '--format', 'md', '--out', join(dir, 'x.md')]));
    usage(cli(['card', vault, 'x']));
    usage(cli(['travel', 'status', vault, 'x']));
    const dash = cli(['-x']);
    usage(dash);
    expect(dash.stderr).toMatch(/Unknown option -x/);
  });

  it('--out must end in the format\'s extension: nothing is appended to a path the user gave (never /dev/full.md)', () => {
    const wrong = cli(['export', vault, 'INT-0001', '--format', 'md', '--out', join(dir, 'notes.txt')]);
    usage(wrong);
    expect(wrong.stderr).toMatch(/--out must end in \.md for --format md/);
    usage(cli(['export', vault, 'INT-0001', '--format', 'txt', '--out', '/dev/full']));
    usage(cli(['brief', vault, '--format', 'pdf', '--out', join(dir, 'brief.md')]));
    expect(readdirSync(dir).filter((n) => n.startsWith('notes.txt') || n.startsWith('brief.md'))).toEqual([]);
    const right = cli(['export', vault, 'INT-0001', '--format', 'md', '--out', join(dir, 'INT-0001.MD')]);
    expect(right.code, right.stderr).toBe(0);
  });
});
