import type { Table } from 'dexie';

// Chunked bulk writes for the stores of lib/store only (the owners call them on their own tables).

/** Rows per bulk call: big enough for few calls, small enough to keep each call's arrays modest. */
export const WRITE_CHUNK = 1000;

function chunks<T>(items: readonly T[], size = WRITE_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function bulkPutAll<T, K>(table: Table<T, K>, rows: readonly T[]): Promise<void> {
  for (const part of chunks(rows)) await table.bulkPut(part);
}

export async function bulkDeleteAll<T, K>(table: Table<T, K>, keys: readonly K[]): Promise<void> {
  for (const part of chunks(keys)) await table.bulkDelete(part);
}
