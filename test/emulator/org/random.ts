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

const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, '0');

/** A version-4-shaped GUID drawn from the PRNG (few intermediate strings: this runs 100k times for a large org). */
export function guid(random: Random): string {
  const a = hex8(random() * 4294967296);
  const b = hex8(random() * 4294967296);
  const c = hex8(random() * 4294967296);
  const d = hex8(random() * 4294967296);
  const variant = (8 + (parseInt(c[0] ?? '0', 16) & 3)).toString(16);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}
