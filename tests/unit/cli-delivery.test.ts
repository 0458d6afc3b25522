/**
 * Sealed delivery from the terminal (issue 11): `card`, `colleagues add|list`, `brief … --seal-to … --out FILE.fvb`
 * and `open`, run as the compiled command line, between two vaults; a damaged vault exits 3 like every command.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');
const BIN = join(ROOT, 'bin/fieldvault.mjs');
const PASS = 'cli delivery passphrase';
let dir: string;
let a: string;
let b: string;

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, FIELDVAULT_PASSPHRASE: PASS } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function cardOf(vault: string): { card: string; fingerprint: string[] } {
  const r = cli(['card', vault, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { card: string; fingerprint: string[] };
}

beforeAll(() => {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs'), '--quiet'], { encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  dir = mkdtempSync(join(tmpdir(), 'fv-cli-delivery-'));
  a = join(dir, 'a');
  b = join(dir, 'b');
  for (const v of [a, b]) expect(cli(['init', v, '--kdf-ops', '1', '--kdf-mem-mib', '8']).code).toBe(0);
  writeFileSync(join(dir, 'river.md'), '# Checkpoint by the river\n\nThe travellers were kept at the river checkpoint until dawn.\n');
  expect(cli(['import', a, join(dir, 'river.md')]).code).toBe(0);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fieldvault card and colleagues', () => {
  it('card prints the public card and eight fingerprint words', () => {
    const r = cli(['card', a]);
    expect(r.code, r.stderr).toBe(0);
    const [card, words] = r.stdout.split('\n');
    expect(card).toMatch(/^fvcard1\.[A-Za-z0-9_-]{92}$/);
    expect(words).toMatch(/^Fingerprint: ([a-z]+ ){7}[a-z]+$/);
    expect(cardOf(a).card).toBe(card);
  });

  it('colleagues add takes a card and a label; refuses a bad card and a missing label; list shows it', () => {
    const bCard = cardOf(b);
    const added = cli(['colleagues', 'add', a, bCard.card, '--label', 'Bakyt']);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain(`Fingerprint: ${bCard.fingerprint.join(' ')}`);
    const typo = `${bCard.card.slice(0, 20)}${bCard.card[20] === 'A' ? 'B' : 'A'}${bCard.card.slice(21)}`;
    const bad = cli(['colleagues', 'add', a, typo, '--label', 'X']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/mistyped/);
    expect(cli(['colleagues', 'add', a, bCard.card]).code).toBe(2);
    const list = cli(['colleagues', 'list', a]);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout.trim()).toBe(`Bakyt\t${bCard.fingerprint.join(' ')}`);
    // B knows A's card as "Aida".
    expect(cli(['colleagues', 'add', b, cardOf(a).card, '--label', 'Aida']).code).toBe(0);
  });
});

describe('fieldvault brief --seal-to and open', () => {
  it('seals a brief to a colleague by label; an unknown label or a non-.fvb file is refused and writes nothing', () => {
    const none = join(dir, 'none.fvb');
    const unknown = cli(['brief', a, '--format', 'md', '--out', none, '--seal-to', 'Nobody']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No colleague "Nobody"/);
    expect(existsSync(none)).toBe(false);
    const notFvb = cli(['brief', a, '--format', 'md', '--out', join(dir, 'brief.md'), '--seal-to', 'Bakyt']);
    expect(notFvb.code).toBe(2);
    const out = join(dir, 'river.fvb');
    const r = cli(['brief', a, '--format', 'docx', '--title', 'River checkpoint', '--out', out, '--seal-to', 'bakyt']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Sealed a brief of 1 interview \(docx\) to Bakyt in .*river\.fvb/);
    expect(existsSync(out)).toBe(true);
  });

  it('open files the bundle in Received and says what it holds and who sent it; again is a replay', () => {
    const out = join(dir, 'river.fvb');
    const r = cli(['open', b, out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Filed in Received: "River checkpoint" \(docx, 1 interview, river\.docx, \d+ bytes\)/);
    expect(r.stdout).toContain(`From: Aida (fingerprint: ${cardOf(a).fingerprint.join(' ')})`);
    const again = cli(['open', b, out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already in Received/);
    // A is not a recipient of its own bundle.
    const notMine = cli(['open', a, out]);
    expect(notMine.code).toBe(1);
    expect(notMine.stderr).toMatch(/not sealed to this vault/);
  });

  it('a sender the vault has no card for is printed as unknown, with the fingerprint', () => {
    const c = join(dir, 'c');
    expect(cli(['init', c, '--kdf-ops', '1', '--kdf-mem-mib', '8']).code).toBe(0);
    expect(cli(['import', c, join(dir, 'river.md')]).code).toBe(0);
    expect(cli(['colleagues', 'add', c, cardOf(b).card, '--label', 'Bakyt']).code).toBe(0);
    const out = join(dir, 'from-c.fvb');
    expect(cli(['brief', c, '--format', 'txt', '--out', out, '--seal-to', 'Bakyt']).code).toBe(0);
    const r = cli(['open', b, out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const opened = JSON.parse(r.stdout) as { sender: { kind: string; fingerprint: string[]; label?: string } };
    expect(opened.sender).toEqual({ kind: 'unknown', fingerprint: cardOf(c).fingerprint });
    const text = cli(['open', b, out]);
    expect(text.code).toBe(1); // a replay now
  });

  it('every delivery command verifies the vault and exits 3 on damage; writing ones change nothing', () => {
    const damaged = join(dir, 'damaged');
    cpSync(b, damaged, { recursive: true });
    const db = new Database(join(damaged, 'fieldvault.db'));
    // A record removed outside Fieldvault: the seal no longer matches.
    const row = db.prepare('SELECT id FROM records WHERE kind = 9').get() as { id: Buffer };
    db.prepare('DELETE FROM records WHERE id = ?').run(row.id);
    db.close();
    const card = cli(['card', damaged]);
    expect(card.code).toBe(3);
    expect(card.stdout).toMatch(/^fvcard1\./);
    expect(cli(['colleagues', 'list', damaged]).code).toBe(3);
    const add = cli(['colleagues', 'add', damaged, cardOf(a).card, '--label', 'Again']);
    expect(add.code).toBe(3);
    expect(add.stderr).toMatch(/no colleague was added/);
    const open = cli(['open', damaged, join(dir, 'river.fvb')]);
    expect(open.code).toBe(3);
    expect(open.stderr).toMatch(/nothing was filed/);
  });

  it('the help text lists the delivery commands', () => {
    const r = cli(['--help']);
    expect(r.code).toBe(0);
    for (const line of ['fieldvault card VAULT', 'fieldvault colleagues add VAULT CARD --label NAME', 'fieldvault colleagues list VAULT', '--seal-to NAME[,NAME]', 'fieldvault open VAULT FILE.fvb']) {
      expect(r.stdout).toContain(line);
    }
  });
});
