/** `fieldvault travel start|end|status`, run as the compiled command line (as tests/unit/cli-backup.test.ts does). */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');
const BIN = join(ROOT, 'bin/fieldvault.mjs');
const PASS = 'cli travel test passphrase';
let dir: string;
let vault: string;

function cli(args: string[], env: Record<string, string | undefined> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, FIELDVAULT_PASSPHRASE: PASS, FIELDVAULT_RECOVERY_CODE: '', ...env }, input: '' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs'), '--quiet'], { encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  dir = mkdtempSync(join(tmpdir(), 'fv-cli-travel-'));
  vault = join(dir, 'vault');
  writeFileSync(join(dir, 'osh.md'), '# Detention at Osh airport\n\nW-001 was held for six hours.\n');
  writeFileSync(
    join(dir, 'people.json'),
    JSON.stringify({ people: [{ names: ['Айгуль Султаналиева', 'Aigul Sultanalieva'], contacts: ['+996 555 123 456'] }, { names: ['Bakyt Osmonaliev'], contacts: ['bakyt@example.kg'] }] }),
  );
  expect(cli(['init', vault, '--kdf-ops', '1', '--kdf-mem-mib', '8']).code).toBe(0);
  expect(cli(['import', vault, join(dir, 'osh.md')]).code).toBe(0);
  expect(cli(['people', 'import', vault, join(dir, 'people.json')]).code).toBe(0);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fieldvault travel', () => {
  it('start --json prints only the code, the package and the counts; status says away; end brings everyone back', () => {
    expect(cli(['travel', 'status', vault]).stdout).toMatch(/at home/);
    const pkg = join(dir, 'stick.fvtravel');
    const s = cli(['travel', 'start', vault, '--out', pkg, '--include-tag', 'border', '--include-tag', 'Checkpoint', '--json']);
    expect(s.code, s.stderr).toBe(0);
    const started = JSON.parse(s.stdout) as { recoveryCode: string; package: string; moved: unknown };
    expect(Object.keys(started).sort()).toEqual(['moved', 'package', 'recoveryCode']);
    expect(started).toMatchObject({ package: pkg, moved: { people: 2, interviews: 0, records: 2 } });
    expect(started.recoveryCode.split(' ')).toHaveLength(12);
    expect(existsSync(pkg)).toBe(true);

    const status = cli(['travel', 'status', vault, '--json']);
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ state: 'away', moved: { people: 2 }, includeTags: ['border', 'Checkpoint'], awayCodes: ['W-001', 'W-002'] });
    expect(cli(['travel', 'status', vault]).stdout).toMatch(/away since .*\n.*interviews tagged: border, Checkpoint\n.*people away: W-001, W-002/);
    // Exports are off while away.
    const exp = cli(['export', vault, 'INT-0001', '--format', 'md', '--out', join(dir, 'x.md')]);
    expect(exp.code).toBe(1);
    expect(exp.stderr).toMatch(/identity register is away/);

    const noCode = cli(['travel', 'end', vault, pkg]);
    expect(noCode.code).toBe(1);
    expect(noCode.stderr).toMatch(/No recovery code: set FIELDVAULT_RECOVERY_CODE/);
    const wrong = cli(['travel', 'end', vault, pkg], { FIELDVAULT_RECOVERY_CODE: started.recoveryCode.split(' ').slice(1).join(' ') });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^fieldvault: That is not a valid recovery code/m);
    // One line (besides the build note the command line prints when its sources are newer than its build).
    expect(wrong.stderr.trim().split('\n').filter((l) => !l.startsWith('fieldvault: note:'))).toHaveLength(1);

    const end = cli(['travel', 'end', vault, pkg, '--json'], { FIELDVAULT_RECOVERY_CODE: started.recoveryCode.toUpperCase() });
    expect(end.code, end.stderr).toBe(0);
    expect(JSON.parse(end.stdout)).toMatchObject({ returned: { people: 2, interviews: 0, records: 2 } });
    expect(cli(['travel', 'status', vault]).stdout).toMatch(/at home/);
    const again = cli(['travel', 'end', vault, pkg], { FIELDVAULT_RECOVERY_CODE: started.recoveryCode });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/at home: there is no journey to end/);
  });

  it('prints the code in words for a person to copy, refuses unknown colleagues, and exits 3 on a damaged vault', () => {
    const pkg = join(dir, 'text.fvtravel');
    const unknown = cli(['travel', 'start', vault, '--out', pkg, '--seal-to', 'Nobody']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No colleague called "Nobody"/);
    expect(existsSync(pkg)).toBe(false);
    const usage = cli(['travel', 'start', vault]);
    expect(usage.code).toBe(2);

    const s = cli(['travel', 'start', vault, '--out', pkg]);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout).toMatch(/The register left the vault: 2 people, 0 interviews \(2 records in all\)/);
    const lines = s.stdout.split('\n').filter((l) => /^ {4}[a-z]+( [a-z]+){5}$/.test(l));
    expect(lines).toHaveLength(2);
    const code = lines.join(' ').trim().split(/\s+/).join(' ');
    const end = cli(['travel', 'end', vault, pkg], { FIELDVAULT_RECOVERY_CODE: code });
    expect(end.code, end.stderr).toBe(0);
    expect(end.stdout).toMatch(/Travel ended: 2 people, 0 interviews \(2 records in all\) are back/);

    // A damaged copy of the vault: travel start writes nothing and exits 3.
    const copy = join(dir, 'damaged');
    cpSync(vault, copy, { recursive: true });
    const db = new Database(join(copy, 'fieldvault.db'));
    db.prepare('UPDATE records SET box = zeroblob(length(box)) WHERE kind = 1').run();
    db.close();
    const refused = cli(['travel', 'start', copy, '--out', join(dir, 'd.fvtravel')]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/nothing left the vault/);
    expect(existsSync(join(dir, 'd.fvtravel'))).toBe(false);
  });

  it("reissue: a colleague's vault writes the package again under a new code, and the researcher ends the journey with it", () => {
    const colleague = join(dir, 'colleague');
    expect(cli(['init', colleague, '--kdf-ops', '1', '--kdf-mem-mib', '8']).code).toBe(0);
    const card = cli(['card', colleague, '--json']);
    expect(card.code, card.stderr).toBe(0);
    const add = cli(['colleagues', 'add', vault, (JSON.parse(card.stdout) as { card: string }).card, '--label', 'Dana']);
    expect(add.code, add.stderr).toBe(0);
    const pkg = join(dir, 'sealed.fvtravel');
    const s = cli(['travel', 'start', vault, '--out', pkg, '--seal-to', 'Dana', '--json']);
    expect(s.code, s.stderr).toBe(0);
    const lost = JSON.parse(s.stdout) as { recoveryCode: string };

    const fresh = join(dir, 'reissued.fvtravel');
    const r = cli(['travel', 'reissue', colleague, pkg, '--out', fresh, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const reissued = JSON.parse(r.stdout) as { recoveryCode: string; package: string; moved: { people: number } };
    expect(reissued).toMatchObject({ package: fresh, moved: { people: 2 } });
    expect(reissued.recoveryCode).not.toBe(lost.recoveryCode);
    expect(cli(['travel', 'reissue', colleague, pkg]).code).toBe(2);

    const end = cli(['travel', 'end', vault, fresh], { FIELDVAULT_RECOVERY_CODE: reissued.recoveryCode });
    expect(end.code, end.stderr).toBe(0);
    expect(cli(['travel', 'status', vault]).stdout).toMatch(/at home/);
  });
});
