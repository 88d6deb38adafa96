// Draws resources/icon.png (512x512): a dark rounded square with a rising candlestick chart.
// electron-builder derives the Windows .ico and macOS .icns from it. Run: node scripts/make-icon.mjs
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const SIZE = 512;
const OUT = path.resolve(import.meta.dirname, '..', 'resources', 'icon.png');

const BACKGROUND = [17, 22, 30];
const BORDER = [38, 50, 64];
const GRID = [30, 39, 50];
const GREEN = [34, 197, 94];
const RED = [239, 68, 68];

/** Signed distance from (x, y) to a rounded rectangle; negative inside. */
function roundedRectDistance(x, y, left, top, right, bottom, radius) {
  const cx = (left + right) / 2;
  const cy = (top + bottom) / 2;
  const hx = (right - left) / 2 - radius;
  const hy = (bottom - top) / 2 - radius;
  const dx = Math.abs(x - cx) - hx;
  const dy = Math.abs(y - cy) - hy;
  const outside = Math.hypot(Math.max(dx, 0), Math.max(dy, 0));
  return outside + Math.min(Math.max(dx, dy), 0) - radius;
}

const coverage = (distance) => Math.min(1, Math.max(0, 0.5 - distance));

// [centre x, wick top, body top, body bottom, wick bottom, colour]
const CANDLES = [
  [132, 268, 300, 378, 412, GREEN],
  [212, 232, 262, 330, 362, RED],
  [292, 170, 204, 300, 334, GREEN],
  [372, 104, 132, 242, 276, GREEN],
];
const BODY_HALF = 26;
const WICK_HALF = 5;

const pixels = Buffer.alloc(SIZE * SIZE * 4);

function blend(i, colour, alpha) {
  if (alpha <= 0) return;
  const inv = 1 - alpha;
  pixels[i] = Math.round(colour[0] * alpha + pixels[i] * inv);
  pixels[i + 1] = Math.round(colour[1] * alpha + pixels[i + 1] * inv);
  pixels[i + 2] = Math.round(colour[2] * alpha + pixels[i + 2] * inv);
}

for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    const i = (y * SIZE + x) * 4;
    const px = x + 0.5;
    const py = y + 0.5;
    const outer = roundedRectDistance(px, py, 24, 24, 488, 488, 104);
    const shape = coverage(outer);
    if (shape === 0) continue;
    pixels[i] = BORDER[0];
    pixels[i + 1] = BORDER[1];
    pixels[i + 2] = BORDER[2];
    blend(i, BACKGROUND, coverage(roundedRectDistance(px, py, 34, 34, 478, 478, 94)));
    for (const gy of [160, 256, 352]) blend(i, GRID, coverage(Math.abs(py - gy) - 1.5) * coverage(outer + 40));
    for (const [cx, wickTop, bodyTop, bodyBottom, wickBottom, colour] of CANDLES) {
      blend(
        i,
        colour,
        coverage(roundedRectDistance(px, py, cx - WICK_HALF, wickTop, cx + WICK_HALF, wickBottom, WICK_HALF)),
      );
      blend(i, colour, coverage(roundedRectDistance(px, py, cx - BODY_HALF, bodyTop, cx + BODY_HALF, bodyBottom, 6)));
    }
    pixels[i + 3] = Math.round(shape * 255);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0; // filter: none
  pixels.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
}
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, png);
process.stdout.write(`wrote ${path.relative(process.cwd(), OUT)} (${SIZE}x${SIZE}, ${png.length} bytes)\n`);
