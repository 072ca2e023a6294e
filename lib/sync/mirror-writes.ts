import type { IndexableType, Table } from 'dexie';
import type { AppDB } from '../db/app-db';
import { GROUP_MEMBERS_INDEX, membershipsOfUser, prefixRange } from '../db/keys';
import type { MemberKey, SyncResource } from '../db/types';

// The mirror's bulk writes and removals, shared by the delta rounds, the selected scope and the sweep.

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

/** The keys of every member of these groups (through the group index: one key range per group, all in flight at once). */
async function membersOfGroups(db: AppDB, tenantId: string, groupIds: readonly string[]): Promise<MemberKey[]> {
  const found = await Promise.all(
    groupIds.map((id) =>
      db.memberOf
        .where(GROUP_MEMBERS_INDEX)
        .between(...prefixRange(tenantId, id))
        .primaryKeys(),
    ),
  );
  return found.flat();
}

/**
 * Remove objects and, with them, their memberships; returns how many memberships went. A user's memberships are one
 * key range of `memberOf`, counted and deleted in place (deleting them key by key was most of an increment's time); a
 * group's are found through the index and deleted by key. Every request is issued at once.
 */
export async function removeObjects(db: AppDB, tenantId: string, resource: SyncResource, ids: readonly string[]): Promise<number> {
  if (!ids.length) return 0;
  const table = resource === 'users' ? db.users : db.groups;
  const keys = ids.map((id): [string, string] => [tenantId, id]);
  if (resource === 'users') {
    const [counts] = await Promise.all([
      Promise.all(ids.map((id) => membershipsOfUser(db, tenantId, id).delete())),
      bulkDeleteAll(table, keys),
    ]);
    return counts.reduce((sum, n) => sum + n, 0);
  }
  const members = await membersOfGroups(db, tenantId, ids);
  await Promise.all([bulkDeleteAll(db.memberOf, members), bulkDeleteAll(table, keys)]);
  return members.length;
}

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
