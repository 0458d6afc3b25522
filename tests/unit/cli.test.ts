import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = join(__dirname, '../../bin/fieldvault.mjs');
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

  it('searches across scripts: a Latin query finds Cyrillic text', () => {
    const r = cli(['search', vault, 'Sultanalieva', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const hits = JSON.parse(r.stdout) as { code: string; kind: string }[];
    expect(hits.map((h) => h.code)).toEqual(expect.arrayContaining(['INT-0001', 'W-001']));
    const none = JSON.parse(cli(['search', vault, 'zzzyxw', '--json']).stdout) as unknown[];
    expect(none).toEqual([]);
  });

  it('fails with one line and a non-zero code on every error', () => {
    const cases = [
      cli(['list', vault], { FIELDVAULT_PASSPHRASE: 'wrong passphrase' }),
      cli(['list', join(dir, 'nope')]),
      cli(['import', vault, join(dir, 'missing.md')]),
      cli(['people', 'import', vault, join(dir, 'osh.md')]),
      cli(['list', vault], { FIELDVAULT_PASSPHRASE: undefined }),
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
    const found = JSON.parse(cli(['search', vault, 'Задержан', '--json']).stdout) as { snippet: string }[];
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
});
