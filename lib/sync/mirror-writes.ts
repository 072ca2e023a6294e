import type { IndexableType, Table } from 'dexie';

// Reading the mirror a batch of keys at a time (its writes are lib/store/directory.ts's).

/**
 * Walk the primary keys of `table` whose `index` lies in `[lower, upper]`, `batch` at a time: each batch is handed to
 * `visit` (which may delete what it was given) before the next is read from just after its last key (`indexKeyOf`: a
 * primary key's key in `index`, when they differ; the index must be unique). Memory stays a batch, whatever the range
 * holds.
 */
export async function forEachKeyBatch<T, K extends IndexableType[]>(
  table: Table<T, K>,
  index: string,
  [lower, upper]: [IndexableType[], IndexableType[]],
  batch: number,
  visit: (keys: K[]) => Promise<void> | void,
  indexKeyOf: (key: K) => IndexableType[] = (key) => key,
): Promise<void> {
  let from = lower;
  let first = true;
  for (;;) {
    const keys = await table.where(index).between(from, upper, first, true).limit(batch).primaryKeys();
    const last = keys.at(-1);
    if (!last) return;
    await visit(keys);
    if (keys.length < batch) return;
    from = indexKeyOf(last);
    first = false;
  }
}
