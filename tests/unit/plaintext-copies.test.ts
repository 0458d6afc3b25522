/**
 * No stray copies of a record's plaintext in Node's shared Buffer pool: Buffer.from(string) of anything under
 * 4 KiB is a slice of one 8 KiB pool that is never wiped, and stays there until later allocations overwrite it.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bucketSize, pad, padText, unpad } from '../../src/core/crypto/padding';
import { cheapService, removeDir, tempDir } from '../fixtures/vault-helpers';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

/** The pool Buffer.allocUnsafe slices small buffers from, right now. */
const currentPool = (): Buffer => {
  const probe = Buffer.allocUnsafe(1);
  return Buffer.from(probe.buffer, 0, probe.buffer.byteLength);
};

describe('plaintext encoding', () => {
  it('padText gives exactly pad(UTF-8 of the text), for every bucket edge and non-ASCII text', () => {
    for (const text of ['', 'a', 'Айгуль Султаналиева 🙂', 'x'.repeat(255), 'x'.repeat(256), 'ж'.repeat(40_000)]) {
      const padded = padText(text);
      expect(Buffer.from(padded).equals(Buffer.from(pad(new TextEncoder().encode(text)))), text.slice(0, 10)).toBe(true);
      expect(padded.length).toBe(bucketSize(Buffer.byteLength(text)));
      expect(new TextDecoder().decode(unpad(padded)!)).toBe(text);
    }
  });

  it("a record's plaintext, written or re-encrypted, leaves no copy in Node's shared Buffer pool", async () => {
    const dir = tempDir();
    dirs.push(dir);
    const svc = cheapService();
    const vault = join(dir, 'vault');
    await svc.create(vault, 'pool residue passphrase old');
    const marker = 'Zebulon-Quarrington-7f3a';
    const body = `${marker} was held at the checkpoint. `.repeat(20); // about 1 KiB: a pooled size
    const i = svc.createInterview({ title: 'Pool', body });
    expect(currentPool().includes(marker)).toBe(false);
    svc.updateInterview(i.id, i.revision, { body: `${body} ${marker}` });
    expect(currentPool().includes(marker)).toBe(false);
    await svc.rekey('pool residue passphrase old', 'pool residue passphrase new');
    expect(currentPool().includes(marker)).toBe(false);
    svc.lock();
  });
});
