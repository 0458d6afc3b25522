import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = join(__dirname, '../../bin/fieldvault.mjs');
const PASS = 'cli test passphrase';
let dir: string;
let vault: string;

function cli(args: string[], env: Record<string, string | undefined> = { FIELDVAULT_PASSPHRASE: PASS }) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    input: '',
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
});
