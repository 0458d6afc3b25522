// Regenerates resources/icon.png (1024x1024, what electron-builder turns into .icns/.ico and Linux sizes):
// `node resources/make-icon.mjs`. No image library: shapes as signed distance fields, PNG via node:zlib.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 1024;
const clamp = (v, lo = 0, hi = 1) => Math.min(hi, Math.max(lo, v));

/** Signed distance to a rounded rectangle centred at (cx, cy). */
function roundedRect(x, y, cx, cy, halfW, halfH, r) {
  const qx = Math.abs(x - cx) - halfW + r;
  const qy = Math.abs(y - cy) - halfH + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;
const cover = (d) => clamp(0.5 - d); // 1 inside, 0 outside, one pixel of anti-aliasing

const BG = [29, 33, 39];
const FG = [233, 228, 214];
const ACCENT = [196, 140, 62];

function pixel(x, y) {
  const tile = cover(roundedRect(x, y, 512, 512, 450, 450, 190));
  // A vault door: a ring, a hub and three spokes.
  const ring = cover(Math.abs(circle(x, y, 512, 512, 250)) - 34);
  const hub = cover(circle(x, y, 512, 512, 70));
  let spokes = 0;
  for (const a of [-Math.PI / 2, Math.PI / 6, (5 * Math.PI) / 6]) {
    const dx = x - 512;
    const dy = y - 512;
    const along = dx * Math.cos(a) + dy * Math.sin(a);
    const across = Math.abs(-dx * Math.sin(a) + dy * Math.cos(a));
    spokes = Math.max(spokes, along > 0 && along < 240 ? cover(across - 20) : 0);
  }
  // Bolts on the ring, the hub on top of the spokes.
  let bolts = 0;
  for (let i = 0; i < 8; i++) {
    const a = (i * Math.PI) / 4 + Math.PI / 8;
    bolts = Math.max(bolts, cover(circle(x, y, 512 + 250 * Math.cos(a), 512 + 250 * Math.sin(a), 14)));
  }
  const fg = Math.max(ring, spokes) * (1 - hub);
  const accent = Math.max(hub, bolts);
  const mix = (c) => {
    const base = BG[c] * (1 - fg) + FG[c] * fg;
    return Math.round(base * (1 - accent) + ACCENT[c] * accent);
  };
  return [mix(0), mix(1), mix(2), Math.round(255 * tile)];
}

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) {
    const [r, g, b, a] = pixel(x + 0.5, y + 0.5);
    const at = y * (SIZE * 4 + 1) + 1 + x * 4;
    raw[at] = r;
    raw[at + 1] = g;
    raw[at + 2] = b;
    raw[at + 3] = a;
  }
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`resources/icon.png written (${png.length} bytes)`);
