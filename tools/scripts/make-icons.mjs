#!/usr/bin/env node
// Draws the web app's icons (a white tree on Arbor green) and writes them as PNGs to
// apps/web/public/icons: icon-192.png and icon-512.png (the manifest's, also its maskable ones)
// and apple-touch-icon.png (180×180, what iOS puts on the home screen). Pure Node, no image
// library: the shapes are sampled 4×4 per pixel (smooth edges) and the PNG is written by hand
// (RGB, 8 bits, deflated by zlib). The output is the same every run, so committed icons are
// regenerated only when this script changes. Usage: node tools/scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = path.join(root, 'apps/web/public/icons');

/** The theme colour (apps/web/index.html's theme-color, the manifest's theme_color). */
const GREEN = [0x1b, 0x5e, 0x3a];
const WHITE = [0xff, 0xff, 0xff];
const SAMPLES = 4;

// The mark in unit coordinates (0..1, y down). Everything stays within 0.4 of the centre: the
// safe zone a maskable icon keeps whatever shape (circle, squircle) the platform cuts it to.
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
/** A rectangle with round ends (the ground line). */
const capsule = (x0, x1, cy, r) => (x, y) =>
  rect(x0, cy - r, x1, cy + r)(x, y) || circle(x0, cy, r)(x, y) || circle(x1, cy, r)(x, y);
const TREE = [
  circle(0.5, 0.385, 0.165), // crown
  circle(0.375, 0.485, 0.125),
  circle(0.625, 0.485, 0.125),
  circle(0.5, 0.52, 0.12),
  rect(0.468, 0.55, 0.532, 0.735), // trunk
  capsule(0.35, 0.65, 0.735, 0.022), // ground
];
const inTree = (x, y) => TREE.some((shape) => shape(x, y));

/** RGB rows of a `size`×`size` icon: each pixel the share of its samples inside the tree. */
function draw(size) {
  const pixels = Buffer.alloc(size * size * 3);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let inside = 0;
      for (let sy = 0; sy < SAMPLES; sy += 1) {
        for (let sx = 0; sx < SAMPLES; sx += 1) {
          if (inTree((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size)) inside += 1;
        }
      }
      const cover = inside / (SAMPLES * SAMPLES);
      for (let channel = 0; channel < 3; channel += 1) {
        pixels[(py * size + px) * 3 + channel] = Math.round(
          GREEN[channel] + (WHITE[channel] - GREEN[channel]) * cover,
        );
      }
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One PNG chunk: length, type, data, CRC of type and data. */
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A PNG of RGB pixels (8 bits a channel, no interlace); each row filtered with "none". */
function encodePng(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: RGB
  header[10] = 0; // deflate
  header[11] = 0; // adaptive filtering
  header[12] = 0; // no interlace
  const rowBytes = size * 3;
  const raw = Buffer.alloc((rowBytes + 1) * size);
  for (let y = 0; y < size; y += 1) {
    raw[y * (rowBytes + 1)] = 0;
    pixels.copy(raw, y * (rowBytes + 1) + 1, y * rowBytes, (y + 1) * rowBytes);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(outDir, { recursive: true });
for (const [name, size] of [
  ['icon-192.png', 192],
  ['icon-512.png', 512],
  ['apple-touch-icon.png', 180],
]) {
  const file = path.join(outDir, name);
  writeFileSync(file, encodePng(size, draw(size)));
  console.log(`wrote ${path.relative(root, file)} (${size}×${size})`);
}
