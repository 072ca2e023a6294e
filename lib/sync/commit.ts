import Dexie, { type IndexableType, type Table } from 'dexie';
import type { AppDB } from '../db/app-db';
import type { DirectoryGroup, DirectoryUser, SyncCheckpoint, SyncResource, SyncRun } from '../db/types';
import { applyDeltaPage, membershipKey, readsFor, type PageWrites, type StoredState } from './apply';
import type { DeltaPage } from './delta-page';
import { renewLeaseInTransaction } from './lease';
import { leaseTable, seenTable } from './tables';

/** Rows per bulk call: big enough for few calls, small enough to keep each call's arrays modest. */
export const WRITE_CHUNK = 1000;

/** Where one collection's round stands (what its checkpoint says, plus the run's view of it). */
export interface RoundState {
  resource: SyncResource;
  roundKind: 'full' | 'incremental';
  /** Full rounds: the key of their seen-id chunks. */
  roundId?: string;
  /** Full rounds: began on an empty mirror of the collection (known once the first page is committed). */
  intoEmpty?: boolean;
  /** Pages committed in this round (also the next seen chunk's number). */
  pages: number;
  /** Objects applied in this round. */
  done: number;
  total?: number;
}

/** What a run has written so far: the counts kept on its SyncRun record. */
export type RunCounters = Pick<
  SyncRun,
  'usersWritten' | 'groupsWritten' | 'usersRemoved' | 'groupsRemoved' | 'membershipsWritten' | 'membershipsRemoved'
>;

export function emptyCounters(): RunCounters {
  return { usersWritten: 0, groupsWritten: 0, usersRemoved: 0, groupsRemoved: 0, membershipsWritten: 0, membershipsRemoved: 0 };
}

export interface PageCommit {
  tenantId: string;
  runId: number;
  leaseToken: string;
  now: number;
  round: RoundState;
  page: DeltaPage;
  /** The run's counters: added to once the page has landed, and written with it. */
  counters: RunCounters;
  /** The run record's fields to write with the page (progress, kind). */
  run: Pick<SyncRun, 'progress' | 'kind'>;
}

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

/** Keys of every membership of the given users or groups (a removed object leaves its groups / loses its members). */
async function membershipsOf(
  db: AppDB,
  tenantId: string,
  resource: SyncResource,
  ids: readonly string[],
): Promise<[string, string, string][]> {
  // Removed users: one request for all of them (anyOf walks the index once), not one per user.
  if (resource === 'users')
    return db.memberships
      .where('[tenantId+userId]')
      .anyOf(ids.map((id) => [tenantId, id]))
      .primaryKeys();
  const keys: [string, string, string][] = [];
  for (const id of ids) {
    const found = await db.memberships
      .where('[tenantId+groupId+userId]')
      .between([tenantId, id, Dexie.minKey], [tenantId, id, Dexie.maxKey])
      .primaryKeys();
    keys.push(...found);
  }
  return keys;
}

/** Remove objects and, with them, their memberships. Returns how many memberships went. */
export async function removeObjects(db: AppDB, tenantId: string, resource: SyncResource, ids: readonly string[]): Promise<number> {
  if (!ids.length) return 0;
  const memberships = await membershipsOf(db, tenantId, resource, ids);
  await bulkDeleteAll(db.memberships, memberships);
  const table = resource === 'users' ? db.users : db.groups;
  await bulkDeleteAll(
    table,
    ids.map((id): [string, string] => [tenantId, id]),
  );
  return memberships.length;
}

/**
 * The stored memberships a page mentions. A full read lists every member of its groups, so there each group's stored
 * memberships are read as one key range (one request per group, not one per member: IndexedDB answers each request
 * on its own, and a page of groups can list 60,000 members); an increment names a few changes, read one by one.
 */
async function storedMemberships(
  db: AppDB,
  tenantId: string,
  reads: ReturnType<typeof readsFor>,
  roundKind: RoundState['roundKind'],
): Promise<Set<string>> {
  if (!reads.memberships.length) return new Set();
  if (roundKind === 'incremental') {
    const rows = await db.memberships.bulkGet(
      reads.memberships.map(([groupId, userId]): [string, string, string] => [tenantId, groupId, userId]),
    );
    return new Set(rows.filter((row) => row !== undefined).map((row) => membershipKey(row.groupId, row.userId)));
  }
  const found = new Set<string>();
  const groupIds = new Set(reads.memberships.map(([groupId]) => groupId));
  for (const groupId of groupIds) {
    const keys = await db.memberships
      .where('[tenantId+groupId+userId]')
      .between(...prefixRange(tenantId, groupId))
      .primaryKeys();
    for (const [, , userId] of keys) found.add(membershipKey(groupId, userId));
  }
  return found;
}

async function readStored(db: AppDB, tenantId: string, round: RoundState, page: DeltaPage): Promise<StoredState> {
  const { resource } = round;
  const reads = readsFor(page.items);
  const keys = reads.ids.map((id): [string, string] => [tenantId, id]);
  const found: Array<DirectoryUser | DirectoryGroup | undefined> =
    resource === 'users' ? await db.users.bulkGet(keys) : await db.groups.bulkGet(keys);
  const objects = new Map(found.filter((record) => record !== undefined).map((record) => [record.id, record]));
  const memberships = await storedMemberships(db, tenantId, reads, round.roundKind);
  return resource === 'users'
    ? { users: objects as Map<string, DirectoryUser>, groups: new Map(), memberships }
    : { users: new Map(), groups: objects, memberships };
}

async function writePage(db: AppDB, tenantId: string, resource: SyncResource, writes: PageWrites, counters: RunCounters): Promise<void> {
  const removed = resource === 'users' ? writes.removeUserIds : writes.removeGroupIds;
  counters.membershipsRemoved += await removeObjects(db, tenantId, resource, removed);
  if (resource === 'users') await bulkPutAll(db.users, writes.putUsers);
  else await bulkPutAll(db.groups, writes.putGroups);
  await bulkDeleteAll(
    db.memberships,
    writes.removeMemberships.map((m): [string, string, string] => [m.tenantId, m.groupId, m.userId]),
  );
  await bulkPutAll(db.memberships, writes.putMemberships);
  counters.usersWritten += writes.putUsers.length;
  counters.groupsWritten += writes.putGroups.length;
  counters.usersRemoved += writes.usersRemoved;
  counters.groupsRemoved += writes.groupsRemoved;
  counters.membershipsWritten += writes.putMemberships.length;
  counters.membershipsRemoved += writes.removeMemberships.length;
}

/**
 * Every compound key that starts with `prefix`: from `[...prefix]` to `[...prefix, maxKey]`. Dexie.maxKey appears once
 * only: IndexedDB refuses a key holding the same array object twice (`[t, maxKey, maxKey]` is a DataError).
 */
export function prefixRange(...prefix: string[]): [IndexableType[], IndexableType[]] {
  return [[...prefix], [...prefix, Dexie.maxKey]];
}

/** Delete a tenant's seen chunks of one collection: of one round, or of every round. */
export async function deleteSeen(db: AppDB, tenantId: string, resource: SyncResource, roundId?: string): Promise<void> {
  const [lower, upper] = roundId === undefined ? prefixRange(tenantId, resource) : prefixRange(tenantId, resource, roundId);
  await seenTable(db).where('[tenantId+resource+roundId+page]').between(lower, upper).delete();
}

/**
 * The end of a full round: whatever the mirror holds that the round did not see is gone from the tenant. Runs in the
 * final page's transaction, so the new mirror replaces the old one at once, and readers never see it half-swept.
 */
async function sweepRound(db: AppDB, tenantId: string, resource: SyncResource, roundId: string, counters: RunCounters): Promise<void> {
  const seen = seenTable(db);
  const [lower, upper] = prefixRange(tenantId, resource, roundId);
  const pages = await seen.where('[tenantId+resource+roundId+page]').between(lower, upper).toArray();
  const seenIds = new Set(pages.flatMap((chunk) => chunk.ids));
  const table = resource === 'users' ? db.users : db.groups;
  const keys = await table.where('[tenantId+id]').between([tenantId, Dexie.minKey], [tenantId, Dexie.maxKey]).primaryKeys();
  const stale = keys.map(([, id]) => id).filter((id) => !seenIds.has(id));
  counters.membershipsRemoved += await removeObjects(db, tenantId, resource, stale);
  if (resource === 'users') counters.usersRemoved += stale.length;
  else counters.groupsRemoved += stale.length;
  if (resource === 'groups') {
    const seenMembers = new Set(pages.flatMap((chunk) => chunk.members ?? []));
    const memberKeys = await db.memberships
      .where('[tenantId+groupId+userId]')
      .between(...prefixRange(tenantId))
      .primaryKeys();
    const staleMembers = memberKeys.filter(([, groupId, userId]) => !seenMembers.has(membershipKey(groupId, userId)));
    await bulkDeleteAll(db.memberships, staleMembers);
    counters.membershipsRemoved += staleMembers.length;
  }
  await deleteSeen(db, tenantId, resource);
}

/** True when the mirror holds nothing of the collection for the tenant (for groups: no memberships either). */
async function mirrorEmpty(db: AppDB, tenantId: string, resource: SyncResource): Promise<boolean> {
  const table = resource === 'users' ? db.users : db.groups;
  const objects = await table.where('[tenantId+id]').between([tenantId, Dexie.minKey], [tenantId, Dexie.maxKey]).limit(1).primaryKeys();
  if (objects.length || resource === 'users') return objects.length === 0;
  const members = await db.memberships
    .where('[tenantId+groupId+userId]')
    .between(...prefixRange(tenantId))
    .limit(1)
    .primaryKeys();
  return members.length === 0;
}

function nextCheckpoint(commit: PageCommit, round: RoundState): SyncCheckpoint {
  const { tenantId, page, now } = commit;
  if (page.deltaLink !== undefined)
    return { tenantId, resource: round.resource, deltaLink: page.deltaLink, deltaLinkAt: now, updatedAt: now };
  const checkpoint: SyncCheckpoint = {
    tenantId,
    resource: round.resource,
    nextLink: page.nextLink,
    roundKind: round.roundKind,
    pages: round.pages + 1,
    done: round.done + page.items.length,
    updatedAt: now,
  };
  if (round.roundId !== undefined) checkpoint.roundId = round.roundId;
  if (round.intoEmpty) checkpoint.intoEmpty = true;
  if (round.total !== undefined) checkpoint.total = round.total;
  return checkpoint;
}

/**
 * One page, one transaction: the lease is proven and renewed, the page's changes are written (only what differs),
 * a full round notes what it saw (and sweeps on its last page), and the checkpoint and the run's progress move on.
 * Either all of it lands or none: a stop anywhere resumes exactly from the previous checkpoint. Returns the round as
 * committed so far (a full round learns on its first page whether it began on an empty mirror).
 */
export async function commitDeltaPage(db: AppDB, commit: PageCommit): Promise<Pick<RoundState, 'intoEmpty'>> {
  const { tenantId, page } = commit;
  let round = commit.round;
  const seen = seenTable(db);
  // Counted on a copy: an aborted transaction must not leave counts of writes that never landed.
  const counters = { ...commit.counters };
  const tables = [db.users, db.groups, db.memberships, db.syncCheckpoints, db.syncRuns, leaseTable(db), seen];
  await db.transaction('rw', tables, async () => {
    await renewLeaseInTransaction(db, tenantId, commit.leaseToken, commit.now);
    if (round.roundKind === 'full' && round.roundId !== undefined && round.pages === 0) {
      // A new round: chunks of an abandoned earlier round of this collection mean nothing any more.
      await deleteSeen(db, tenantId, round.resource);
      // On an empty mirror (the first sync) whatever the round leaves was written by it: nothing to note or sweep.
      if (await mirrorEmpty(db, tenantId, round.resource)) round = { ...round, intoEmpty: true };
    }
    const stored = await readStored(db, tenantId, round, page);
    const writes = applyDeltaPage(tenantId, round.resource, page.items, stored);
    await writePage(db, tenantId, round.resource, writes, counters);
    if (round.roundKind === 'full' && round.roundId !== undefined && !round.intoEmpty) {
      await seen.put({
        tenantId,
        resource: round.resource,
        roundId: round.roundId,
        page: round.pages,
        ids: writes.seenIds,
        ...(round.resource === 'groups' ? { members: writes.seenMembers } : {}),
      });
      if (page.deltaLink !== undefined) await sweepRound(db, tenantId, round.resource, round.roundId, counters);
    }
    await db.syncCheckpoints.put(nextCheckpoint(commit, round));
    await db.syncRuns.update(commit.runId, { ...counters, ...commit.run });
  });
  Object.assign(commit.counters, counters);
  return round.intoEmpty ? { intoEmpty: true } : {};
}
