import type { AppDB } from '../db/app-db';
import type { DirectoryGroup, DirectoryUser, Membership, StoredObject, SyncScope } from '../db/types';
import { AppError, type GraphError } from '../errors/app-error';
import { graphErrorForStatus } from '../graph/client';
import { membershipKey } from './apply';
import { batchGet, type BatchRequest, type BatchResponse } from '../graph/batch';
import type { RunCounters } from './commit';
import { directoryObject, memberRange, membershipOf, objectKey, objectRange } from '../db/keys';
import { unpackId } from '../db/packed-id';
import { deleteMemberships, directoryTables, putGroups, putMemberships, putUsers, removeObjects } from '../store/directory';
import { deleteCheckpoints, deleteSeen, syncTables, updateRun } from '../store/sync';
import { listFromJson, parseListPage } from '../graph/list-page';
import type { RunContext } from './delta-round';
import { answerError, graphRequest } from '../graph/transport';
import { renewLease, renewLeaseInTransaction } from '../lease/sync-lease';
import { GROUP_READ_SELECT, mapGroup, mapUser, sameRecord, USER_SELECT, type GraphObject } from './map';
import { type Param, phrase } from '../errors/phrase';

/** The selected scope is a testing mode: at most this many users (the product's rule). */
export const MAX_SELECTED_USERS = 100;
/** Directory `$filter=id in (...)` takes at most 15 values. */
export const IN_FILTER_MAX = 15;

type SelectedScope = Extract<SyncScope, { mode: 'selected' }>;

/** What the selected scope holds in the tenant: the chosen users and groups, and the chosen groups' user members. */
export interface SelectedDirectory {
  users: Map<string, GraphObject>;
  groups: Map<string, GraphObject>;
  members: Map<string, Set<string>>;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function idFilter(ids: readonly string[]): string {
  return encodeURIComponent(`id in (${ids.map((id) => `'${id.replace(/'/g, "''")}'`).join(',')})`);
}

/** The batch requests that read a selected scope: ids 15 to a filter, and each chosen group's user members. Pure. */
export function selectedRequests(scope: SelectedScope): BatchRequest[] {
  const userIds = [...new Set(scope.userIds)];
  const groupIds = [...new Set(scope.groupIds)];
  return [
    ...chunk(userIds, IN_FILTER_MAX).map((ids, i) => ({
      id: `users-${i}`,
      url: `/users?$filter=${idFilter(ids)}&$select=${USER_SELECT.join(',')}`,
    })),
    ...chunk(groupIds, IN_FILTER_MAX).map((ids, i) => ({
      id: `groups-${i}`,
      url: `/groups?$filter=${idFilter(ids)}&$select=${GROUP_READ_SELECT.join(',')}`,
    })),
    ...groupIds.map((id) => ({
      id: `members-${id}`,
      url: `/groups/${encodeURIComponent(id)}/members/microsoft.graph.user?$select=${USER_SELECT.join(',')}&$top=999`,
    })),
  ];
}

function innerError(response: BatchResponse, what: Param): GraphError {
  const code = (response.body as { error?: { code?: unknown } } | undefined)?.error?.code;
  return graphErrorForStatus(response.status, typeof code === 'string' ? code : undefined, undefined, what);
}

function objects(list: Record<string, unknown>[]): GraphObject[] {
  return list.filter((item): item is GraphObject => typeof item.id === 'string' && item.id !== '');
}

/** Read the selected scope from Graph through `$batch`, following member pages past the first. */
export async function readSelected(ctx: RunContext, scope: SelectedScope): Promise<SelectedDirectory> {
  const { deps } = ctx;
  const renew = (waitMs: number) => renewLease(deps.db, ctx.tenantId, ctx.leaseToken, deps.now() + waitMs);
  const requests = selectedRequests(scope);
  const responses = await batchGet(deps, requests, 'sync', renew);
  const found: SelectedDirectory = { users: new Map(), groups: new Map(), members: new Map() };
  for (const request of requests) {
    const response = responses.get(request.id);
    if (!response) continue;
    const [kind] = request.id.split('-');
    const groupId = request.id.slice('members-'.length);
    if (kind === 'members' && response.status === 404) continue; // the group was deleted since it was chosen
    if (response.status !== 200)
      throw innerError(response, kind === 'users' ? phrase('sync_whatSelectedUsers') : phrase('sync_whatSelectedGroups'));
    let page = listFromJson(response.body, `$batch ${kind}`, deps.graphHost);
    for (;;) {
      for (const item of objects(page.value)) {
        if (kind === 'groups') found.groups.set(item.id, item);
        else found.users.set(item.id, item);
        if (kind === 'members') {
          const members = found.members.get(groupId) ?? new Set<string>();
          members.add(item.id);
          found.members.set(groupId, members);
        }
      }
      if (page.nextLink === undefined) break;
      const answer = await graphRequest(deps, { url: page.nextLink, what: phrase('sync_whatSelectedGroupMembers') }, 'sync', renew);
      if (answer.status !== 200) throw answerError(answer, phrase('sync_whatSelectedGroupMembers'));
      page = parseListPage(answer.body, phrase('sync_whatGroupMembers'), deps.graphHost);
    }
  }
  // Members of a chosen group that no longer exists are not in scope.
  for (const groupId of found.members.keys()) if (!found.groups.has(groupId)) found.members.delete(groupId);
  return found;
}

async function tenantKeys(db: AppDB, tenantId: string, table: 'users' | 'groups'): Promise<string[]> {
  const keys = await db[table]
    .where('[tenantId+id]')
    .between(...objectRange(tenantId))
    .primaryKeys();
  return keys.map(([, id]) => unpackId(id));
}

async function changedOnly<T extends DirectoryUser | DirectoryGroup>(db: AppDB, table: 'users' | 'groups', records: T[]): Promise<T[]> {
  const rows = await db[table].bulkGet(records.map((record) => objectKey(record.tenantId, record.id)));
  return records.filter((record, i) => !sameRecord(rows[i] && directoryObject<T>(rows[i] as StoredObject<T>), record));
}

/**
 * Make the mirror exactly the selected scope, in one transaction: changed records written, everything else of the
 * tenant (an earlier scope, or the whole directory) removed, and no checkpoint kept (this mode has no deltaLink).
 */
export async function commitSelected(ctx: RunContext, found: SelectedDirectory): Promise<void> {
  const { deps, tenantId } = ctx;
  const { db } = deps;
  const counters: RunCounters = { ...ctx.counters };
  const users = [...found.users.values()].map((item) => mapUser(tenantId, item));
  const groups = [...found.groups.values()].map((item) => mapGroup(tenantId, item));
  const wanted = new Map<string, Membership>();
  for (const [groupId, members] of found.members) {
    for (const userId of members) wanted.set(membershipKey(groupId, userId), { tenantId, groupId, userId });
  }
  const tables = [...directoryTables(db), ...syncTables(db)];
  await db.transaction('rw', tables, async () => {
    await renewLeaseInTransaction(db, tenantId, ctx.leaseToken, deps.now());
    const keepUsers = new Set(found.users.keys());
    const keepGroups = new Set(found.groups.keys());
    const staleUsers = (await tenantKeys(db, tenantId, 'users')).filter((id) => !keepUsers.has(id));
    const staleGroups = (await tenantKeys(db, tenantId, 'groups')).filter((id) => !keepGroups.has(id));
    counters.membershipsRemoved += await removeObjects(db, tenantId, 'users', staleUsers);
    counters.membershipsRemoved += await removeObjects(db, tenantId, 'groups', staleGroups);
    counters.usersRemoved += staleUsers.length;
    counters.groupsRemoved += staleGroups.length;
    const changedUsers = await changedOnly(db, 'users', users);
    const changedGroups = await changedOnly(db, 'groups', groups);
    await putUsers(db, changedUsers);
    await putGroups(db, changedGroups);
    counters.usersWritten += changedUsers.length;
    counters.groupsWritten += changedGroups.length;
    const memberKeys = await db.memberOf
      .where(':id')
      .between(...memberRange(tenantId))
      .primaryKeys();
    const stored = memberKeys.map((key) => membershipOf(key));
    const present = new Set(stored.map(({ userId, groupId }) => membershipKey(groupId, userId)));
    const staleMembers = memberKeys.filter((_, i) => !wanted.has(membershipKey(stored[i]!.groupId, stored[i]!.userId)));
    const missing = [...wanted].filter(([key]) => !present.has(key)).map(([, membership]) => membership);
    await deleteMemberships(db, staleMembers);
    await putMemberships(db, missing);
    counters.membershipsRemoved += staleMembers.length;
    counters.membershipsWritten += missing.length;
    await deleteCheckpoints(db, tenantId);
    for (const resource of ['users', 'groups'] as const) {
      await deleteSeen(db, tenantId, resource);
    }
    await updateRun(db, ctx.runId, {
      ...counters,
      progress: { done: users.length + groups.length, total: users.length + groups.length },
    });
  });
  Object.assign(ctx.counters, counters);
  ctx.rounds = {
    users: { resource: 'users', roundKind: 'full', pages: 1, done: users.length, total: users.length },
    groups: { resource: 'groups', roundKind: 'full', pages: 1, done: groups.length, total: groups.length },
  };
}

/** Sync the selected scope: read it (≤ 100 users, their groups' members), then replace the mirror with it. */
export async function syncSelected(ctx: RunContext, scope: SelectedScope): Promise<void> {
  const userCount = new Set(scope.userIds).size;
  if (userCount > MAX_SELECTED_USERS) throw new AppError('sync_scope_too_large', { detail: String(userCount) });
  const found = await readSelected(ctx, scope);
  await commitSelected(ctx, found);
}
