/** `fieldvault backup` and `fieldvault restore`, run as the compiled command line (as tests/unit/cli.test.ts does). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');
const BIN = join(ROOT, 'bin/fieldvault.mjs');
const PASS = 'cli backup test passphrase';
let dir: string;
let vault: string;

function cli(args: string[], env: Record<string, string | undefined> = { FIELDVAULT_PASSPHRASE: PASS }) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, input: '' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs'), '--quiet'], { encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  dir = mkdtempSync(join(tmpdir(), 'fv-cli-backup-'));
  vault = join(dir, 'vault');
  writeFileSync(join(dir, 'osh.md'), '# Detention at Osh airport\n\nАйгуль Султаналиева was held for six hours.\n');
  writeFileSync(join(dir, 'pay.txt'), 'Plain text note about withheld pay in Moscow.\n');
  expect(cli(['init', vault, '--kdf-ops', '1', '--kdf-mem-mib', '8']).code).toBe(0);
  expect(cli(['import', vault, join(dir, 'osh.md'), join(dir, 'pay.txt')]).code).toBe(0);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fieldvault backup and restore', () => {
  it('backs up (bytes, records, verified), restores as a rollback, and the restored vault lists the same', () => {
    const file = join(dir, 'stick', 'vault.fvbackup');
    mkdirSync(join(dir, 'stick'));
    const b = cli(['backup', vault, '--out', file, '--json']);
    expect(b.code, b.stderr).toBe(0);
    const result = JSON.parse(b.stdout) as { path: string; bytes: number; records: number; takenAt: string; verifiedAt: string };
    expect(result).toMatchObject({ path: file, bytes: readFileSync(file).length });
    expect(result.records).toBeGreaterThan(2);
    const text = cli(['backup', vault, '--out', file]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/Backed up to .*vault\.fvbackup/);
    expect(text.stdout).toMatch(/bytes: +\d+/);
    expect(text.stdout).toMatch(/records: +\d+, every one authenticated/);
    expect(text.stdout).toMatch(/verified: +\d{4}-\d\d-\d\dT/);
    expect(readdirSync(join(dir, 'stick'))).toEqual(['vault.fvbackup']);

    const restored = join(dir, 'restored');
    const r = cli(['restore', file, restored]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/rollback: the vault is as it was at \d{4}-\d\d-\d\dT[\d:.]+Z/);
    expect(r.stdout).toMatch(/2 interviews, 0 people/);
    const list = (v: string) => cli(['list', v, '--json']);
    expect(JSON.parse(list(restored).stdout)).toEqual(JSON.parse(list(vault).stdout));
    const json = cli(['restore', file, join(dir, 'restored-json'), '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ rollback: true, interviews: 2, people: 0 });
  });

  it('refuses a damaged backup (exit 3), a foreign file, a non-empty folder and a wrong passphrase, leaving no folder', () => {
    const file = join(dir, 'good.fvbackup');
    expect(cli(['backup', vault, '--out', file]).code).toBe(0);
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x10;
    writeFileSync(join(dir, 'flipped.fvbackup'), bytes);
    const damaged = cli(['restore', join(dir, 'flipped.fvbackup'), join(dir, 'r1')]);
    expect(damaged.code).toBe(3);
    expect(damaged.stderr).toMatch(/^fieldvault: This backup file is damaged/);
    expect(damaged.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(dir, 'r1'))).toBe(false);

    const foreign = cli(['restore', join(vault, 'fieldvault.db'), join(dir, 'r2')]);
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toMatch(/not a Fieldvault backup/);
    expect(existsSync(join(dir, 'r2'))).toBe(false);

    const full = cli(['restore', file, vault]);
    expect(full.code).toBe(1);
    expect(full.stderr).toMatch(/already exists|not empty/);

    const wrong = cli(['restore', file, join(dir, 'r3')], { FIELDVAULT_PASSPHRASE: 'a wrong passphrase here' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/Wrong passphrase.*nothing was restored/);
    expect(existsSync(join(dir, 'r3'))).toBe(false);

    expect(cli(['backup', vault]).code).toBe(2);
    expect(cli(['restore', file]).code).toBe(2);
  });

  it('refuses a backup inside the vault folder (exit 1) with a clear message, and writes nothing', () => {
    const before = readdirSync(vault).sort();
    const r = cli(['backup', vault, '--out', join(vault, 'inside.fvbackup')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot go inside the vault folder/);
    expect(readdirSync(vault).sort()).toEqual(before);
  });

  it('refuses to back up a damaged vault (exit 3) and writes nothing', () => {
    const copy = join(dir, 'tampered');
    mkdirSync(copy);
    for (const f of readdirSync(vault)) writeFileSync(join(copy, f), readFileSync(join(vault, f)));
    const db = new Database(join(copy, 'fieldvault.db'));
    db.prepare('DELETE FROM records WHERE id = (SELECT id FROM records WHERE kind = 1 LIMIT 1)').run();
    db.close();
    const out = join(dir, 'tampered.fvbackup');
    const r = cli(['backup', copy, '--out', out]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/no backup was written/);
    expect(existsSync(out)).toBe(false);
  });
});
