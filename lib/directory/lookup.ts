import type { AppDB } from '../db/app-db';
import type { RecordReader } from '../db/record-reader';
import { directoryObject, membershipOf, membershipsOfUser, objectKey, objectRange } from '../db/keys';
import { packId, unpackId } from '../db/packed-id';
import type { DirectoryUser, Membership, TenantRecord } from '../db/types';

/** One user found by the quick lookup, with what an admin asks about them. */
export interface LookupMatch {
  tenantId: string;
  tenantName: string;
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail?: string;
  /** Licensed for Exchange Online (not the same as having a mailbox); undefined when Graph did not say. */
  exchangeLicensed?: boolean;
  /** Covered by the tenant's sync scope: all users, or listed, or a member of a selected group. */
  inScope: boolean;
  /** Display names of the groups the user is a direct member of, sorted. */
  groups: string[];
}

export interface LookupOptions {
  /** Only this tenant; every tenant when absent. */
  tenantId?: string;
  limit?: number;
  /** Every group's name (`readGroupNames`), read once when the lookup opens; without it each lookup reads its groups. */
  groupNames?: ReadonlyMap<string, string>;
}

/** The key of a group in `readGroupNames`' map. */
export function groupKey(tenantId: string, groupId: string): string {
  return `${tenantId}\n${groupId}`;
}

/**
 * The name of every mirrored group, by `groupKey`: one read (groups are about a tenth as many as users), so that each
 * lookup that follows answers with two round trips to IndexedDB instead of three.
 */
export async function readGroupNames(db: AppDB): Promise<Map<string, string>> {
  const groups = await db.groups.toArray();
  return new Map(groups.map((group) => [groupKey(unpackId(group.tenantId), unpackId(group.id)), group.displayName]));
}

const SEARCH_KEYS = ['searchName', 'searchUpn', 'searchMail'] as const;
export const LOOKUP_LIMIT = 20;

/**
 * The first `limit` users of one tenant whose `key` starts with `prefix`, in the index's order. The search indexes hold
 * every tenant (schema 11 dropped the tenant-prefixed ones: lib/db/versions/v11.ts), so the range's primary keys are
 * read, which name the tenant, without the records of other tenants' matches, and only the tenant's are read whole.
 */
async function usersOfTenant(
  db: AppDB,
  key: (typeof SEARCH_KEYS)[number],
  prefix: string,
  tenantId: string,
  limit: number,
): Promise<DirectoryUser[]> {
  const keys = await db.users.where(key).startsWith(prefix).primaryKeys();
  const packed = packId(tenantId);
  const mine = keys.filter(([tenant]) => tenant === packed).slice(0, limit);
  const users = await db.users.bulkGet(mine);
  return users.flatMap((user) => (user ? [directoryObject<DirectoryUser>(user)] : []));
}

/**
 * Users whose name, sign-in name or mail starts with `query` (any case), from the mirror in IndexedDB only, so it
 * answers offline. One prefix range per lower-cased search key (over every tenant, or within the chosen one), each
 * capped at the limit, merged by user and sorted by name.
 */
export async function lookupUsers(db: AppDB, query: string, options: LookupOptions = {}): Promise<LookupMatch[]> {
  const prefix = query.trim().toLowerCase();
  const limit = options.limit ?? LOOKUP_LIMIT;
  if (!prefix) return [];
  const { tenantId } = options;
  return db.transaction('r', [db.tenants, db.users, db.memberOf, db.groups], async () => {
    // The tenants and the ranges in the same round trip: the ranges do not need the tenants' records.
    const [tenants, lists] = await Promise.all([
      tenantId ? db.tenants.get(tenantId).then((tenant) => (tenant ? [tenant] : [])) : db.tenants.toArray(),
      Promise.all(
        SEARCH_KEYS.map((key) =>
          tenantId
            ? usersOfTenant(db, key, prefix, tenantId, limit)
            : db.users
                .where(key)
                .startsWith(prefix)
                .limit(limit)
                .toArray()
                .then((rows) => rows.map((row) => directoryObject<DirectoryUser>(row))),
        ),
      ),
    ]);
    const byId = new Map(tenants.map((tenant) => [tenant.tenantId, tenant]));
    const found = new Map<string, DirectoryUser>();
    // Only tenants the console lists, as when each tenant had its own ranges (tenant records are never deleted).
    for (const users of lists) for (const user of users) if (byId.has(user.tenantId)) found.set(`${user.tenantId} ${user.id}`, user);
    const users = [...found.values()].sort((a, b) => a.searchName.localeCompare(b.searchName)).slice(0, limit);
    return describe(db, users, byId, options.groupNames);
  });
}

/** The matches' memberships (keys only: they hold the group's id), then the names of their groups. */
async function describe(
  db: AppDB,
  users: DirectoryUser[],
  tenants: Map<string, TenantRecord>,
  knownNames: ReadonlyMap<string, string> | undefined,
): Promise<LookupMatch[]> {
  // One key range per user (memberOf is keyed by user first), all in flight at once (IndexedDB pipelines them); an
  // anyOf() would walk a cursor, one round trip per step. Keys, not records: a membership's key holds the group's id.
  const memberships = (await Promise.all(users.map((user) => membershipsOfUser(db, user.tenantId, user.id).primaryKeys())))
    .flat()
    .map((key) => membershipOf(key));
  const groupNames = knownNames ?? (await namesOf(db, memberships));
  return users.map((user) => {
    const tenant = tenants.get(user.tenantId)!;
    const groupIds = memberships
      .filter(({ tenantId, userId }) => tenantId === user.tenantId && userId === user.id)
      .map(({ groupId }) => groupId);
    const scope = tenant.syncScope;
    const inScope = scope.mode === 'all' || scope.userIds.includes(user.id) || groupIds.some((id) => scope.groupIds.includes(id));
    return {
      tenantId: user.tenantId,
      tenantName: tenant.displayName,
      id: user.id,
      displayName: user.displayName,
      userPrincipalName: user.userPrincipalName,
      mail: user.mail,
      exchangeLicensed: user.exchangeLicensed,
      inScope,
      groups: groupIds.flatMap((id) => groupNames.get(groupKey(user.tenantId, id)) ?? []).sort((a, b) => a.localeCompare(b)),
    };
  });
}

/** The names of the groups of these memberships, in one bulkGet. */
async function namesOf(db: AppDB, memberships: readonly Membership[]): Promise<Map<string, string>> {
  const keys = [
    ...new Map(memberships.map(({ tenantId, groupId }) => [groupKey(tenantId, groupId), [tenantId, groupId] as const])).values(),
  ];
  const groups = await db.groups.bulkGet(keys.map(([tenantId, groupId]) => objectKey(tenantId, groupId)));
  return new Map(groups.flatMap((group, i) => (group ? [[groupKey(...keys[i]!), group.displayName] as const] : [])));
}

/** How many users the mirror holds for a tenant: a count over the primary key's range, no records read. */
export function countUsers(reader: RecordReader, tenantId: string): Promise<number> {
  return reader.count('users', ':id', objectRange(tenantId));
}
