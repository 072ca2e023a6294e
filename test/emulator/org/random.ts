// A small seeded PRNG: the generated organisation must be identical for the same inputs on every run and machine.

export type Random = () => number;

/** Hashes strings and numbers into a 32-bit seed (FNV-1a). */
export function seedOf(...parts: Array<string | number>): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const s = String(part);
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x2c;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: fast, good enough for test data. */
export function createRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function intBetween(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

const hex = '0123456789abcdef';

/** A version-4-shaped GUID drawn from the PRNG. */
export function guid(random: Random): string {
  let out = '';
  for (let i = 0; i < 32; i++) {
    let n = Math.floor(random() * 16);
    if (i === 12) n = 4;
    if (i === 16) n = 8 + (n & 3);
    out += hex[n];
    if (i === 7 || i === 11 || i === 15 || i === 19) out += '-';
  }
  return out;
}
