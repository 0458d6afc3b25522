import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { redactCommand } from '../../src/cli/redact';
import { VaultError } from '../../src/core/errors';

const dir = mkdtempSync(join(tmpdir(), 'fv-redact-'));
// The notes written here are test data, but a test leaves no note text behind on disk.
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('fieldvault redact', () => {
  const identities = file('people.json', JSON.stringify({ people: [{ names: ['Айгуль Султаналиева', 'Aigul Sultanalieva'], contacts: ['+996 555 123 456'] }] }));
  const allow = file('allow.json', JSON.stringify({ allow: ['+996 312 66 00 00'] }));
  const input = 'Айгуль Султаналиевой звонили: 0555 123 456. Офис: +996 312 66 00 00. Bakyt Osmonov.';
  const note = file('note.txt', input);

  it('prints the redacted text', async () => {
    expect(await redactCommand({ identities, allow, json: false, file: note })).toBe('[REDACTED] звонили: [REDACTED]. Офис: +996 312 66 00 00. Bakyt Osmonov.');
  });

  it('prints JSON with offsets into the input and suggestions', async () => {
    const out = JSON.parse(await redactCommand({ identities, allow, json: true, file: note })) as {
      text: string;
      spans: { start: number; end: number; kind: string }[];
      suggestions: { start: number; end: number; kind: string }[];
    };
    expect(out.spans.map((s) => [input.slice(s.start, s.end), s.kind])).toEqual([
      ['Айгуль Султаналиевой', 'person'],
      ['0555 123 456', 'phone'],
    ]);
    expect(out.suggestions.map((s) => input.slice(s.start, s.end))).toEqual(['Bakyt Osmonov']);
    expect(out.text.startsWith('[REDACTED]')).toBe(true);
  });

  it('reads Markdown as it is rendered: a phone, an e-mail and a name split by marks are redacted whole', async () => {
    const md = file('note.md', 'Call +996 772 **44** 55 66 or a*i*gul@exa*m*ple.org. Ай**гуль** Султан*алиева* пришла.');
    expect(await redactCommand({ identities, json: false, file: md })).toBe('Call [REDACTED] or [REDACTED]. [REDACTED] пришла.');
  });

  it('redacts contact patterns without an identities file', async () => {
    expect(await redactCommand({ json: false, file: file('n2.txt', 'mail aigul [at] mail [dot] ru') })).toBe('mail [REDACTED]');
  });

  it('refuses bad input with a one-line VaultError', async () => {
    const bad = file('bad.json', '{"people": 3}');
    await expect(redactCommand({ identities: bad, json: false, file: note })).rejects.toThrow(VaultError);
    await expect(redactCommand({ allow: file('bad-allow.json', '{"allow": "x"}'), json: false, file: note })).rejects.toThrow(/allow file/);
    await expect(redactCommand({ json: false, file: join(dir, 'missing.txt') })).rejects.toThrow(/No such input file/);
    const err = await redactCommand({ identities: file('nojson.json', 'not json'), json: false, file: note }).catch((e: unknown) => e);
    expect((err as Error).message).not.toContain('\n');
  });
});
