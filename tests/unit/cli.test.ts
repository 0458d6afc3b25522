import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync, type Dirent } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');
const BIN = join(ROOT, 'bin/fieldvault.mjs');
const PASS = 'cli test passphrase';
let dir: string;
let vault: string;

function cli(args: string[], env: Record<string, string | undefined> = { FIELDVAULT_PASSPHRASE: PASS }, input = '') {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    input,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  // The tests run the compiled command line, as researchers do: (re)build it if any source changed.
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs'), '--quiet'], { encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  dir = mkdtempSync(join(tmpdir(), 'fv-cli-'));
  vault = join(dir, 'vault');
  writeFileSync(join(dir, 'osh.md'), '# Detention at Osh airport\n\nАйгуль Султаналиева was held for six hours.\n');
  writeFileSync(join(dir, 'notes-2024.txt'), 'Plain text note about withheld pay in Moscow.\n');
  writeFileSync(
    join(dir, 'people.json'),
    JSON.stringify({ people: [{ names: ['Айгуль Султаналиева', 'Aigul Sultanalieva'], contacts: ['+996 555 123 456', 'aigul@example.kg', '@aigul_s'] }] }),
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fieldvault CLI', () => {
  it('init creates a vault and refuses to overwrite it', () => {
    const r = cli(['init', vault, '--kdf-ops', '1', '--kdf-mem-mib', '8']);
    expect(r.code, r.stderr).toBe(0);
    const again = cli(['init', vault, '--kdf-ops', '1', '--kdf-mem-mib', '8']);
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toMatch(/already exists/);
  });

  it('imports notes as interviews with titles from the first heading or the file name', () => {
    const r = cli(['import', vault, join(dir, 'osh.md'), join(dir, 'notes-2024.txt'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const created = JSON.parse(r.stdout) as { code: string; title: string }[];
    expect(created.map((c) => c.title)).toEqual(['Detention at Osh airport', 'notes-2024']);
    expect(created.map((c) => c.code)).toEqual(['INT-0001', 'INT-0002']);
  });

  it('imports people with fresh code names and prints no real names', () => {
    const r = cli(['people', 'import', vault, join(dir, 'people.json')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('W-001');
    expect(r.stdout).not.toMatch(/Aigul|Айгуль|555/);
  });

  it('lists interviews as JSON with id, code and title', () => {
    const r = cli(['list', vault, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as { id: string; code: string; title: string }[];
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toEqual(expect.objectContaining({ id: expect.stringMatching(/^[0-9a-f]{32}$/), code: expect.any(String), title: expect.any(String) }));
  });

  it('searches across scripts: a Latin query (read from standard input) finds Cyrillic text', () => {
    const r = cli(['search', vault, '--json'], undefined, 'Sultanalieva\n');
    expect(r.code, r.stderr).toBe(0);
    const hits = JSON.parse(r.stdout) as { code: string; kind: string }[];
    expect(hits.map((h) => h.code)).toEqual(expect.arrayContaining(['INT-0001', 'W-001']));
    const none = JSON.parse(cli(['search', vault, '--json'], undefined, 'zzzyxw').stdout) as unknown[];
    expect(none).toEqual([]);
    // The whole of standard input is one query: lines and runs of spaces are one space.
    const two = JSON.parse(cli(['search', vault, '--json'], undefined, '  Osh\n  airport \n').stdout) as { code: string }[];
    expect(two.map((h) => h.code)).toEqual(['INT-0001']);
  });

  it("keeps V8's compiled code beside the build, and nothing a command was given or read", () => {
    const found = cli(['search', vault, '--json'], undefined, 'Sultanalieva\n');
    expect(found.code, found.stderr).toBe(0);
    const cacheDir = join(ROOT, 'out/cli/compile-cache');
    const files = (readdirSync(cacheDir, { recursive: true, withFileTypes: true }) as Dirent[]).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
    expect(files.length).toBeGreaterThan(0);
    // The query, the passphrase and what the vault holds, in either of the encodings V8 keeps strings in.
    const secrets = ['Sultanalieva', PASS, 'Султаналиева', 'withheld pay'].flatMap((t) => [Buffer.from(t, 'utf8'), Buffer.from(t, 'utf16le')]);
    for (const f of files) {
      const bytes = readFileSync(f);
      for (const secret of secrets) expect(bytes.includes(secret), `${f} holds ${secret.toString()}`).toBe(false);
    }
  });

  it('refuses the query as an argument, and says why', () => {
    const r = cli(['search', vault, 'Zarina Kholova']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/history/);
    expect(r.stderr).toMatch(/process list/);
    expect(r.stdout).toBe('');
  });

  it('a query on standard input needs the passphrase from the environment; an empty query is a usage error', () => {
    const noPass = cli(['search', vault], { FIELDVAULT_PASSPHRASE: undefined }, 'Osh');
    expect(noPass.code).toBe(1);
    expect(noPass.stderr.trim().split('\n')).toHaveLength(1);
    expect(noPass.stderr).toMatch(/FIELDVAULT_PASSPHRASE/);
    const empty = cli(['search', vault], undefined, ' \n ');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/No query on standard input/);
    expect(cli(['search', vault], undefined, 'x'.repeat(501)).code).toBe(2);
  });

  it('imports a folder recursively in name order, skipping hidden files, links and other files', () => {
    const notes = join(dir, 'field-notes');
    mkdirSync(join(notes, 'bishkek', 'day 2'), { recursive: true });
    mkdirSync(join(notes, '.git'), { recursive: true });
    writeFileSync(join(notes, 'note-10.md'), '# Ten\n');
    writeFileSync(join(notes, 'note-2.txt'), 'two\n');
    writeFileSync(join(notes, 'bishkek', 'market.markdown'), '# Market\n\nCash wages only.\n');
    writeFileSync(join(notes, 'bishkek', 'day 2', 'court.MD'), '# Court hearing\n');
    writeFileSync(join(notes, '.draft.md'), '# hidden draft\n');
    writeFileSync(join(notes, '.git', 'HEAD.md'), 'not a note\n');
    writeFileSync(join(notes, 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff]));
    writeFileSync(join(notes, 'bishkek', 'people.json'), '{}');
    symlinkSync(join(notes, 'note-10.md'), join(notes, 'bishkek', 'again.md'));
    const r = cli(['import', vault, notes, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const created = JSON.parse(r.stdout) as { title: string }[];
    expect(created.map((c) => c.title)).toEqual(['Court hearing', 'Market', 'note-2', 'Ten']);
    expect(r.stderr).toMatch(/^Imported 4 interviews \(INT-\d+ to INT-\d+\); skipped 2 hidden, 1 symbolic link \(not followed\), 2 not \.md/);
    // A folder with one file that is not text imports nothing, and names the file.
    writeFileSync(join(notes, 'bishkek', 'scan.txt'), Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]));
    const before = (JSON.parse(cli(['list', vault, '--json']).stdout) as unknown[]).length;
    const bad = cli(['import', vault, notes]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain(`${join(notes, 'bishkek', 'scan.txt')} (not a text file)`);
    expect(bad.stderr).toMatch(/nothing was imported/);
    expect((JSON.parse(cli(['list', vault, '--json']).stdout) as unknown[]).length).toBe(before);
    // Other files named on the command line are a usage error.
    expect(cli(['import', vault, join(notes, 'photo.jpg')]).code).toBe(2);
  });

  it('fails with one line and a non-zero code on every error', () => {
    const cases = [
      cli(['list', vault], { FIELDVAULT_PASSPHRASE: 'wrong passphrase' }),
      cli(['list', join(dir, 'nope')]),
      cli(['import', vault, join(dir, 'missing.md')]),
      cli(['people', 'import', vault, join(dir, 'osh.md')]),
      cli(['list', vault], { FIELDVAULT_PASSPHRASE: undefined }),
      cli(['import', vault, join(dir, 'nowhere')]),
    ];
    for (const c of cases) {
      expect(c.code).toBe(1);
      expect(c.stderr.trim().split('\n')).toHaveLength(1);
      expect(c.stderr).toMatch(/^fieldvault: /);
    }
    expect(cases[0]!.stderr).toMatch(/Wrong passphrase/);
    expect(cli(['frobnicate']).code).toBe(2);
  });

  it('usage: --help prints once and succeeds; unknown options are one-line usage errors', () => {
    const help = cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout.match(/Usage:/g)).toHaveLength(1);
    for (const args of [['list', '--jsn', vault], [], ['list'], ['frobnicate']]) {
      const r = cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  // /dev/full: a device on which every write fails with ENOSPC, as a full disk does (Linux).
  it.skipIf(!existsSync('/dev/full'))('output that cannot be written (a full disk) is a one-line failure, not success or a stack trace', () => {
    const full = openSync('/dev/full', 'w');
    try {
      for (const args of [['--help'], ['list', vault, '--json']]) {
        const r = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, FIELDVAULT_PASSPHRASE: PASS }, stdio: ['pipe', full, 'pipe'], encoding: 'utf8' });
        expect(r.status, args.join(' ')).toBe(1);
        expect(r.stderr.trim().split('\n').at(-1)).toBe('fieldvault: the output could not be written (ENOSPC).');
        expect(r.stderr).not.toMatch(/\bat \S+ \(/); // no stack frames
      }
    } finally {
      closeSync(full);
    }
  });

  it('refuses a short passphrase for a new vault', () => {
    const r = cli(['init', join(dir, 'weak'), '--kdf-ops', '1', '--kdf-mem-mib', '8'], { FIELDVAULT_PASSPHRASE: 'short pass' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/at least 12 characters/);
  });

  it('imports Windows-1251 and UTF-16 notes correctly and refuses binary files', () => {
    writeFileSync(join(dir, 'cp.txt'), Buffer.from([0xc7, 0xe0, 0xe4, 0xe5, 0xf0, 0xe6, 0xe0, 0xed, 0x20, 0xe2, 0x20, 0xce, 0xf8, 0xe5])); // Задержан в Оше
    writeFileSync(join(dir, 'u16.md'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# Бишкек\n\nтекст', 'utf16le')]));
    writeFileSync(join(dir, 'bin.txt'), Buffer.from([0x00, 0x01, 0x02, 0xff]));
    const r = cli(['import', vault, join(dir, 'cp.txt'), join(dir, 'u16.md'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { title: string }[]).map((x) => x.title)).toEqual(['cp', 'Бишкек']);
    const found = JSON.parse(cli(['search', vault, '--json'], undefined, 'Задержан').stdout) as { snippet: string }[];
    expect(found[0]!.snippet).toContain('«Задержан» в Оше');
    const bad = cli(['import', vault, join(dir, 'bin.txt')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/not a text file/);
  });

  it('redacts from standard input, as text or JSON with offsets into the input', () => {
    const input = 'Call Aigul Sultanalieva on +996 555 123 456 or write to aigul@example.kg.';
    const r = cli(['redact', '--identities', join(dir, 'people.json'), '-'], {}, input);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/Aigul|Sultanalieva|555|example/);
    expect(r.stdout).toContain('[REDACTED]');
    const j = cli(['redact', '--identities', join(dir, 'people.json'), '--json'], {}, input);
    const parsed = JSON.parse(j.stdout) as { text: string; spans: { start: number; end: number; kind: string }[] };
    expect(parsed.spans.map((sp) => input.slice(sp.start, sp.end))).toEqual(expect.arrayContaining(['+996 555 123 456', 'aigul@example.kg']));
  });

  it('reports tampering on stderr with exit code 3, and keeps reporting it', () => {
    const copy = join(dir, 'tampered');
    cpSync(vault, copy, { recursive: true });
    const db = new Database(join(copy, 'fieldvault.db'));
    db.prepare('DELETE FROM records WHERE id = (SELECT id FROM records WHERE kind = 1 LIMIT 1)').run();
    db.close();
    for (let n = 0; n < 2; n++) {
      const r = cli(['list', copy, '--json']);
      expect(r.code).toBe(3);
      expect(JSON.parse(r.stdout)).toBeInstanceOf(Array);
      expect(r.stderr).toMatch(/^fieldvault: warning: .*outside Fieldvault/);
    }
  });

  it('refuses to import or export from a damaged vault: exit 3, one line, nothing written', () => {
    const copy = join(dir, 'damaged');
    cpSync(vault, copy, { recursive: true });
    const listed = cli(['list', copy, '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const count = (JSON.parse(listed.stdout) as unknown[]).length;
    const db = new Database(join(copy, 'fieldvault.db'));
    const row = db.prepare('SELECT id, box FROM records WHERE kind = 1 ORDER BY id LIMIT 1').get() as { id: Buffer; box: Buffer };
    const box = Buffer.from(row.box);
    box[40]! ^= 0x01; // inside the ciphertext: the record no longer authenticates
    expect(db.prepare('UPDATE records SET box = ? WHERE id = ?').run(box, row.id).changes).toBe(1);
    db.close();

    const imported = cli(['import', copy, join(dir, 'osh.md')]);
    expect(imported.code).toBe(3);
    expect(imported.stdout).toBe('');
    expect(imported.stderr.trim().split('\n')).toEqual(['fieldvault: 1 damaged record(s): nothing was imported. Open the vault in the app to review.']);
    const people = cli(['people', 'import', copy, join(dir, 'people.json')]);
    expect(people.code).toBe(3);
    expect(people.stderr).toMatch(/^fieldvault: 1 damaged record\(s\): nobody was imported/);

    for (const code of ['INT-0001', 'INT-0002']) {
      const out = join(dir, `export-${code}.md`);
      const exported = cli(['export', copy, code, '--format', 'md', '--out', out]);
      expect(exported.code).toBe(3);
      expect(exported.stderr.trim().split('\n')).toHaveLength(1);
      expect(exported.stderr).toMatch(/damaged record\(s\): nothing was exported/);
      expect(exported.stderr).not.toMatch(/Aigul|Айгуль|Osh|Moscow/);
      expect(existsSync(out)).toBe(false);
    }

    // Read-only commands still show what can be read, then warn; nothing was added by the refused import.
    const after = cli(['list', copy, '--json']);
    expect(after.code).toBe(3);
    expect((JSON.parse(after.stdout) as unknown[]).length).toBe(count);
    expect(after.stderr).toMatch(/^fieldvault: warning: 1 damaged record\(s\)/);
    const search = cli(['search', copy, '--json'], undefined, 'Moscow');
    expect(search.code).toBe(3);
    expect(JSON.parse(search.stdout)).toBeInstanceOf(Array);
  });

  it('--help runs the compiled build and loads no vault, crypto or redaction module', () => {
    expect(existsSync(join(ROOT, 'out/cli/main.mjs'))).toBe(true);
    // NODE_DEBUG=esm makes Node's loader name every module it loads.
    const r = cli(['--help'], { NODE_DEBUG: 'esm' });
    expect(r.code).toBe(0);
    expect(r.stdout.match(/Usage:/g)).toHaveLength(1);
    const loaded = [...new Set([...r.stderr.matchAll(/file:\/\/[^\s'"]+/g)].map((m) => m[0]))];
    expect(loaded).toContain(new URL('out/cli/main.mjs', `file://${ROOT}/`).href);
    expect(loaded.filter((u) => /node_modules|\/src\/|service-|redact-|people-import-/.test(u))).toEqual([]);
    expect(r.stderr).not.toMatch(/TypeScript sources/);
  });

  it('a command that opens a vault starts its key-derivation thread before the rest of the command line loads', () => {
    const r = cli(['list', vault, '--json'], { FIELDVAULT_PASSPHRASE: PASS, NODE_DEBUG: 'esm' });
    expect(r.code, r.stderr).toBe(0);
    const loaded = [...r.stderr.matchAll(/file:\/\/[^\s'"]+/g)].map((m) => m[0]);
    const at = (name: string) => loaded.findIndex((u) => u.endsWith(`/out/cli/${name}`));
    expect(at('early.mjs')).toBeGreaterThanOrEqual(0);
    expect(at('early.mjs')).toBeLessThan(at('main.mjs'));
  });

  it('says how to build the command line when the compiled build is missing', () => {
    const bare = join(dir, 'bare');
    mkdirSync(join(bare, 'bin'), { recursive: true });
    cpSync(BIN, join(bare, 'bin', 'fieldvault.mjs'));
    const r = spawnSync(process.execPath, [join(bare, 'bin', 'fieldvault.mjs'), '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/not built .*npm run build:cli/);
    // A build older than a source it was made from is not used either.
    cpSync(join(ROOT, 'out/cli'), join(bare, 'out/cli'), { recursive: true });
    const stamp = JSON.parse(readFileSync(join(bare, 'out/cli/build.json'), 'utf8')) as { inputs: string[]; started: number };
    expect(stamp.inputs).toContain('src/cli/main.ts');
    mkdirSync(join(bare, 'src/cli'), { recursive: true });
    writeFileSync(join(bare, 'src/cli/main.ts'), '// edited after the build\n');
    utimesSync(join(bare, 'src/cli/main.ts'), new Date(stamp.started + 5000), new Date(stamp.started + 5000));
    const stale = spawnSync(process.execPath, [join(bare, 'bin', 'fieldvault.mjs'), '--help'], { encoding: 'utf8' });
    expect(stale.status).toBe(1);
    expect(stale.stderr).toMatch(/sources changed since the command line was built .*npm run build:cli/);
  });
});
