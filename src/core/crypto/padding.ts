/**
 * Plaintexts are padded to size buckets before encryption so ciphertext length reveals only a coarse size:
 * powers of two from 256 B to 64 KiB, then multiples of 64 KiB. ISO/IEC 7816-4 padding (0x80 then zeros).
 */
const MIN_BUCKET = 256;
const LINEAR_STEP = 64 * 1024;

export function bucketSize(length: number): number {
  const needed = length + 1; // room for the 0x80 marker
  if (needed <= MIN_BUCKET) return MIN_BUCKET;
  if (needed <= LINEAR_STEP) return 2 ** Math.ceil(Math.log2(needed));
  return Math.ceil(needed / LINEAR_STEP) * LINEAR_STEP;
}

export function pad(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(bucketSize(data.length));
  out.set(data, 0);
  out[data.length] = 0x80;
  return out;
}

/**
 * The UTF-8 of `text`, padded, encoded straight into a fresh zeroed buffer of its bucket's size: no other copy
 * of the plaintext is made (`Buffer.from(text)` would put one in Node's shared 8 KiB pool, where it stays until
 * overwritten). The caller wipes the result.
 */
export function padText(text: string): Uint8Array {
  const length = Buffer.byteLength(text, 'utf8');
  const out = new Uint8Array(bucketSize(length));
  // A Buffer view over `out` (no copy): its write encodes in place.
  const written = Buffer.from(out.buffer, out.byteOffset, out.byteLength).write(text, 0, 'utf8');
  out[written] = 0x80;
  return out;
}

export function unpad(padded: Uint8Array): Uint8Array | null {
  let i = padded.length - 1;
  while (i >= 0 && padded[i] === 0) i--;
  if (i < 0 || padded[i] !== 0x80) return null;
  return padded.subarray(0, i);
}
