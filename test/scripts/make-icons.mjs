// Draws the toolbar icon (a white shield with a link on Microsoft blue) at every size the stores ask for.
// Run once after changing the drawing: node test/scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 96, 128];
const BLUE = [0, 120, 212];

function crc32(buffer) {
  let crc = ~0;
  for (const byte of buffer) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size, pixel) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) row.set(pixel(x, y), 1 + x * 4);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Coverage of a unit-square shape, sampled 4×4 per pixel for smooth edges.
function coverage(size, x, y, inside) {
  let hits = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (inside((x + (i + 0.5) / 4) / size, (y + (j + 0.5) / 4) / size)) hits++;
  return hits / 16;
}

const roundedSquare = (u, v) => {
  const r = 0.2;
  const dx = Math.max(Math.abs(u - 0.5) - (0.5 - r), 0);
  const dy = Math.max(Math.abs(v - 0.5) - (0.5 - r), 0);
  return dx * dx + dy * dy <= r * r;
};
const shield = (u, v) => {
  if (v < 0.18 || v > 0.86) return false;
  const half = v < 0.55 ? 0.3 : 0.3 * Math.sqrt(Math.max(0, 1 - ((v - 0.55) / 0.31) ** 2));
  return Math.abs(u - 0.5) <= half;
};
const link = (u, v) => {
  const ring = (cx, cy) => {
    const d = Math.hypot((u - cx) / 0.11, (v - cy) / 0.075);
    return d <= 1 && d >= 0.55;
  };
  return ring(0.43, 0.48) || ring(0.57, 0.48);
};

mkdirSync('public/icon', { recursive: true });
for (const size of SIZES) {
  const image = png(size, (x, y) => {
    const background = coverage(size, x, y, roundedSquare);
    const white = coverage(size, x, y, (u, v) => shield(u, v) && !link(u, v));
    const r = Math.round(BLUE[0] * (1 - white) + 255 * white);
    const g = Math.round(BLUE[1] * (1 - white) + 255 * white);
    const b = Math.round(BLUE[2] * (1 - white) + 255 * white);
    return [r, g, b, Math.round(255 * background)];
  });
  writeFileSync(`public/icon/${size}.png`, image);
}
console.log(`Wrote public/icon/{${SIZES.join(',')}}.png`);
