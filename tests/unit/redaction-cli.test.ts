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

  it('reads identities, allow and input files with the notes reader: BOM, UTF-16 and Windows-1251 as well as UTF-8', async () => {
    const json = JSON.stringify({ people: [{ names: ['Айгуль Султаналиева'], contacts: [] }] });
    const bytesFile = (name: string, bytes: Buffer) => {
      const p = join(dir, name);
      writeFileSync(p, bytes);
      return p;
    };
    const utf16 = (t: string, bom: boolean) => Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(t, 'utf16le')]);
    const kinds = {
      bom: bytesFile('p-bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json, 'utf8')])),
      utf16: bytesFile('p-16.json', utf16(json, true)),
      utf16NoBom: bytesFile('p-16n.json', utf16(json, false)),
    };
    // "Айгуль Султаналиева была задержана." in Windows-1251, and the same in UTF-16.
    const cp1251 = Buffer.from([0xc0, 0xe9, 0xe3, 0xf3, 0xeb, 0xfc, 0x20, 0xd1, 0xf3, 0xeb, 0xf2, 0xe0, 0xed, 0xe0, 0xeb, 0xe8, 0xe5, 0xe2, 0xe0, 0x20, 0xe1, 0xfb, 0xeb, 0xe0, 0x20, 0xe7, 0xe0, 0xe4, 0xe5, 0xf0, 0xe6, 0xe0, 0xed, 0xe0, 0x2e]);
    const inputs = [bytesFile('in-1251.txt', cp1251), bytesFile('in-16.txt', utf16('Айгуль Султаналиева была задержана.', true))];
    for (const [kind, identities] of Object.entries(kinds)) {
      for (const input of inputs) {
        expect(await redactCommand({ identities, json: false, file: input }), `${kind} ${input}`).toBe('[REDACTED] была задержана.');
      }
    }
    const allow = bytesFile('allow-bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ allow: ['+996 312 66 00 00'] }), 'utf8')]));
    expect(await redactCommand({ allow, json: false, file: file('office.txt', 'Офис: +996 312 66 00 00.') })).toBe('Офис: +996 312 66 00 00.');
  });
});
