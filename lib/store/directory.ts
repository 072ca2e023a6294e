import type { Table } from 'dexie';
import type { AppDB } from '../db/app-db';
import { GROUP_MEMBERS_INDEX, memberRange, membershipRow, membershipsOfUser, objectKey, objectRange, objectRow } from '../db/keys';
import type { DirectoryGroup, DirectoryUser, MemberKey, Membership, SyncResource } from '../db/types';
import { bulkDeleteAll, bulkPutAll } from './chunks';

// The owner of the directory mirror (`users`, `groups`, `memberOf`): the sync's commits and sweep, the selected
// scope and Disconnect write it through here only. Callers open the transaction (a page is one); these are its writes.

/** The mirror's tables, for a transaction that writes them. */
export function directoryTables(db: AppDB): Table[] {
  return [db.users, db.groups, db.memberOf];
}

/** Keep users as given (changed ones only: the sync compares first). */
export async function putUsers(db: AppDB, users: readonly DirectoryUser[]): Promise<void> {
  await bulkPutAll(db.users, users.map(objectRow));
}

export async function putGroups(db: AppDB, groups: readonly DirectoryGroup[]): Promise<void> {
  await bulkPutAll(db.groups, groups.map(objectRow));
}

export async function putMemberships(db: AppDB, memberships: readonly Membership[]): Promise<void> {
  await bulkPutAll(db.memberOf, memberships.map(membershipRow));
}

export async function deleteMemberships(db: AppDB, keys: readonly MemberKey[]): Promise<void> {
  await bulkDeleteAll(db.memberOf, keys);
}

/** The keys of every member of these groups (through the group index: one key range per group, all in flight at once). */
async function membersOfGroups(db: AppDB, tenantId: string, groupIds: readonly string[]): Promise<MemberKey[]> {
  const found = await Promise.all(
    groupIds.map((id) =>
      db.memberOf
        .where(GROUP_MEMBERS_INDEX)
        .between(...memberRange(tenantId, id))
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
  const keys = ids.map((id) => objectKey(tenantId, id));
  if (resource === 'users') {
    const [counts] = await Promise.all([
      Promise.all(ids.map((id) => membershipsOfUser(db, tenantId, id).delete())),
      bulkDeleteAll(db.users, keys),
    ]);
    return counts.reduce((sum, n) => sum + n, 0);
  }
  const members = await membersOfGroups(db, tenantId, ids);
  await Promise.all([bulkDeleteAll(db.memberOf, members), bulkDeleteAll(db.groups, keys)]);
  return members.length;
}

/** Everything mirrored of one tenant goes: each table's primary key starts with the tenant, so one key range each. */
export async function deleteTenantMirror(db: AppDB, tenantId: string): Promise<void> {
  await Promise.all([
    db.users
      .where(':id')
      .between(...objectRange(tenantId))
      .delete(),
    db.groups
      .where(':id')
      .between(...objectRange(tenantId))
      .delete(),
    db.memberOf
      .where(':id')
      .between(...memberRange(tenantId))
      .delete(),
  ]);
}
