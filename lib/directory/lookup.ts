import Dexie from 'dexie';
import type { AppDB } from '../db/app-db';
import type { DirectoryUser, TenantRecord } from '../db/types';

/** One user found by the quick lookup, with what an admin asks about them. */
export interface LookupMatch {
  tenantId: string;
  tenantName: string;
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail?: string;
  /** Licensed for Exchange Online; undefined when Graph did not say. */
  hasMailbox?: boolean;
  /** Covered by the tenant's sync scope: all users, or listed, or a member of a selected group. */
  inScope: boolean;
  /** Display names of the groups the user is a direct member of, sorted. */
  groups: string[];
}

export interface LookupOptions {
  /** Only this tenant; every tenant when absent. */
  tenantId?: string;
  limit?: number;
}

const SEARCH_INDEXES = ['[tenantId+searchName]', '[tenantId+searchUpn]', '[tenantId+searchMail]'] as const;
export const LOOKUP_LIMIT = 20;

/**
 * Users whose name, sign-in name or mail starts with `query` (any case), from the mirror in IndexedDB only, so it
 * answers offline. One prefix range per lower-cased index and tenant, each capped at the limit, merged by id.
 */
export async function lookupUsers(db: AppDB, query: string, options: LookupOptions = {}): Promise<LookupMatch[]> {
  const prefix = query.trim().toLowerCase();
  const limit = options.limit ?? LOOKUP_LIMIT;
  if (!prefix) return [];
  return db.transaction('r', [db.tenants, db.users, db.memberships, db.groups], async () => {
    const tenants = options.tenantId ? [await db.tenants.get(options.tenantId)].filter(isTenant) : await db.tenants.toArray();
    const found = new Map<string, DirectoryUser>();
    const ranges = tenants.flatMap((tenant) =>
      SEARCH_INDEXES.map((index) =>
        db.users
          .where(index)
          .between([tenant.tenantId, prefix], [tenant.tenantId, prefix + '\uffff'], true, true)
          .limit(limit)
          .toArray(),
      ),
    );
    for (const users of await Promise.all(ranges)) for (const user of users) found.set(`${user.tenantId} ${user.id}`, user);
    const users = [...found.values()].sort((a, b) => a.searchName.localeCompare(b.searchName)).slice(0, limit);
    const byId = new Map(tenants.map((tenant) => [tenant.tenantId, tenant]));
    return describe(db, users, byId);
  });
}

/** The matches' memberships, then all their groups in one bulkGet (not one per user): round trips dominate a lookup. */
async function describe(db: AppDB, users: DirectoryUser[], tenants: Map<string, TenantRecord>): Promise<LookupMatch[]> {
  // One equality read per user, all in flight at once (IndexedDB pipelines them); an anyOf() would walk a cursor, one
  // round trip per step.
  const memberships = (
    await Promise.all(users.map((user) => db.memberships.where('[tenantId+userId]').equals([user.tenantId, user.id]).toArray()))
  ).flat();
  const groupKeys = [...new Set(memberships.map((m) => `${m.tenantId}\n${m.groupId}`))].map((key) => key.split('\n') as [string, string]);
  const groups = await db.groups.bulkGet(groupKeys);
  const groupNames = new Map(groups.flatMap((group) => (group ? [[`${group.tenantId}\n${group.id}`, group.displayName] as const] : [])));
  return users.map((user) => {
    const tenant = tenants.get(user.tenantId)!;
    const groupIds = memberships.filter((m) => m.tenantId === user.tenantId && m.userId === user.id).map((m) => m.groupId);
    const scope = tenant.syncScope;
    const inScope = scope.mode === 'all' || scope.userIds.includes(user.id) || groupIds.some((id) => scope.groupIds.includes(id));
    return {
      tenantId: user.tenantId,
      tenantName: tenant.displayName,
      id: user.id,
      displayName: user.displayName,
      userPrincipalName: user.userPrincipalName,
      mail: user.mail,
      hasMailbox: user.hasMailbox,
      inScope,
      groups: groupIds.flatMap((id) => groupNames.get(`${user.tenantId}\n${id}`) ?? []).sort((a, b) => a.localeCompare(b)),
    };
  });
}

/** How many users the mirror holds for a tenant: a count over the primary key's range, no records read. */
export function countUsers(db: AppDB, tenantId: string): Promise<number> {
  return db.users.where('[tenantId+id]').between([tenantId, Dexie.minKey], [tenantId, Dexie.maxKey]).count();
}

function isTenant(tenant: TenantRecord | undefined): tenant is TenantRecord {
  return tenant !== undefined;
}
