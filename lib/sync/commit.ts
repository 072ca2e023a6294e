import type { AppDB } from '../db/app-db';
import {
  directoryObject,
  GROUP_MEMBERS_INDEX,
  groupMemberKey,
  memberKey,
  memberRange,
  membershipOf,
  objectKey,
  objectRange,
} from '../db/keys';
import type { DirectoryGroup, DirectoryUser, GroupRow, MemberKey, SyncCheckpoint, SyncResource, SyncRun, UserRow } from '../db/types';
import { applyDeltaPage, readsFor, type PageWrites, type StoredState } from './apply';
import type { DeltaPage } from './delta-page';
import { renewLeaseInTransaction } from '../lease/sync-lease';
import { holdCommitIfArmed } from './commit-hold';
import { forEachKeyBatch } from './mirror-writes';
import { deleteSeen, noteSeen, sweepRound } from './sweep';
import { deleteMemberships, directoryTables, putGroups, putMemberships, putUsers, removeObjects } from '../store/directory';
import { putCheckpoint, syncTables, updateRun } from '../store/sync';
import type { RunCounters } from './types';
import { profiled } from './profile';

export type { RunCounters } from './types';

/** Where one collection's round stands (what its checkpoint says, plus the run's view of it). */
export interface RoundState {
  resource: SyncResource;
  roundKind: 'full' | 'incremental';
  /** Full rounds: the key of their seen rows (lib/sync/sweep.ts). */
  roundId?: string;
  /** Full rounds: began on an empty mirror of the collection (known once the first page is committed). */
  intoEmpty?: boolean;
  /** Pages committed in this round (also the number in the next page's seen member rows). */
  pages: number;
  /** Objects applied in this round. */
  done: number;
  total?: number;
}

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
  /** How many of Graph's pages `page` holds (an increment's arrived pages are committed together); 1 when absent. */
  pages?: number;
  /** The run's counters: added to once the page has landed, and written with it. */
  counters: RunCounters;
  /** The run record's fields to write with the page (progress, kind). */
  run: Pick<SyncRun, 'progress' | 'kind'>;
  /**
   * Users this run has removed, each with every membership of theirs: until the run itself writes one again, none can
   * exist, so the groups' increment (which lists those memberships as removed) need not read them. Updated here.
   */
  goneUsers?: Set<string>;
}

/** More removed users than this and the run stops noting them (their memberships are read as any other). */
const GONE_USERS_KEPT = 10_000;

/** Stored membership keys read per request when a full read compares a group's members (a group can have 100,000). */
const RANGE_CHUNK = 10_000;

/**
 * The stored memberships a page mentions, as group id → user ids. A full read lists every member of its groups, so
 * there each group's stored memberships are read as key ranges (one request per 10,000 members, not one per member:
 * IndexedDB answers each request on its own); an increment names a few changes, read one by one.
 */
async function storedMemberships(
  db: AppDB,
  tenantId: string,
  reads: ReturnType<typeof readsFor>,
  roundKind: RoundState['roundKind'],
  goneUsers: ReadonlySet<string> | undefined,
): Promise<Map<string, Set<string>>> {
  const found = new Map<string, Set<string>>();
  const add = (groupId: string, userId: string) => {
    const users = found.get(groupId) ?? new Set<string>();
    found.set(groupId, users);
    users.add(userId);
  };
  if (!reads.memberships.size) return found;
  if (roundKind === 'incremental') {
    const asked: Array<[groupId: string, userId: string]> = [];
    for (const [groupId, userIds] of reads.memberships)
      for (const userId of userIds) if (!goneUsers?.has(userId)) asked.push([groupId, userId]);
    const rows = await db.memberOf.bulkGet(asked.map(([groupId, userId]) => memberKey(tenantId, groupId, userId)));
    rows.forEach((row, i) => row && add(...asked[i]!));
    return found;
  }
  for (const groupId of reads.memberships.keys()) {
    const range = memberRange(tenantId, groupId);
    const visit = (keys: MemberKey[]) => {
      for (const key of keys) add(groupId, membershipOf(key).userId);
    };
    await forEachKeyBatch(db.memberOf, GROUP_MEMBERS_INDEX, range, RANGE_CHUNK, visit, groupMemberKey);
  }
  return found;
}

async function readStored(db: AppDB, commit: PageCommit, round: RoundState): Promise<StoredState> {
  const { resource } = round;
  const { tenantId } = commit;
  const reads = readsFor(commit.page.items);
  const keys = reads.ids.map((id) => objectKey(tenantId, id));
  // Both reads in flight at once: IndexedDB answers them in order, and neither waits for the other's round trip.
  const [found, memberships] = await Promise.all([
    (resource === 'users' ? db.users.bulkGet(keys) : db.groups.bulkGet(keys)) as Promise<Array<UserRow | GroupRow | undefined>>,
    storedMemberships(db, tenantId, reads, round.roundKind, commit.goneUsers),
  ]);
  const objects = new Map(
    found.flatMap((row) => (row ? [directoryObject<DirectoryUser | DirectoryGroup>(row)] : [])).map((record) => [record.id, record]),
  );
  return resource === 'users'
    ? { users: objects as Map<string, DirectoryUser>, groups: new Map(), memberships }
    : { users: new Map(), groups: objects, memberships };
}

/**
 * Write what a page changed, removed objects with their memberships. Every write is issued at once (the keys are
 * disjoint: a removed group's members are never put), so that IndexedDB works through them without waiting on a round
 * trip between kinds.
 */
async function writePage(db: AppDB, tenantId: string, resource: SyncResource, writes: PageWrites, counters: RunCounters): Promise<void> {
  const removed = resource === 'users' ? writes.removeUserIds : writes.removeGroupIds;
  const [removedMemberships] = await Promise.all([
    profiled(`removeObjects:${removed.length}`, () => removeObjects(db, tenantId, resource, removed)),
    profiled(`putObjects:${resource === 'users' ? writes.putUsers.length : writes.putGroups.length}`, () =>
      resource === 'users' ? putUsers(db, writes.putUsers) : putGroups(db, writes.putGroups),
    ),
    profiled(`deleteMemberships:${writes.removeMemberships.length}`, () =>
      deleteMemberships(
        db,
        writes.removeMemberships.map((m) => memberKey(m.tenantId, m.groupId, m.userId)),
      ),
    ),
    profiled(`putMemberships:${writes.putMemberships.length}`, () => putMemberships(db, writes.putMemberships)),
  ]);
  counters.membershipsRemoved += removedMemberships;
  counters.usersWritten += writes.putUsers.length;
  counters.groupsWritten += writes.putGroups.length;
  counters.usersRemoved += writes.usersRemoved;
  counters.groupsRemoved += writes.groupsRemoved;
  counters.membershipsWritten += writes.putMemberships.length;
  counters.membershipsRemoved += writes.removeMemberships.length;
}

/** True when the mirror holds nothing of the collection for the tenant (for groups: no memberships either). */
async function mirrorEmpty(db: AppDB, tenantId: string, resource: SyncResource): Promise<boolean> {
  const table = resource === 'users' ? db.users : db.groups;
  const objects = await table
    .where('[tenantId+id]')
    .between(...objectRange(tenantId))
    .limit(1)
    .primaryKeys();
  if (objects.length || resource === 'users') return objects.length === 0;
  const members = await db.memberOf
    .where(GROUP_MEMBERS_INDEX)
    .between(...memberRange(tenantId))
    .limit(1)
    .primaryKeys();
  return members.length === 0;
}

/** After a page has landed: the users it removed are gone with their memberships; members it added are not. */
function noteGoneUsers(gone: Set<string>, writes: PageWrites): void {
  for (const membership of writes.putMemberships) gone.delete(membership.userId);
  for (const id of writes.removeUserIds) if (gone.size < GONE_USERS_KEPT) gone.add(id);
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
    pages: round.pages + (commit.pages ?? 1),
    done: round.done + page.items.length,
    updatedAt: now,
  };
  // seenKeys: this round notes what it saw the way lib/sync/sweep.ts reads it (older versions kept chunks per page).
  if (round.roundId !== undefined) Object.assign(checkpoint, { roundId: round.roundId, seenKeys: true });
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
  // Counted on a copy: an aborted transaction must not leave counts of writes that never landed.
  const counters = { ...commit.counters };
  const tables = [...directoryTables(db), ...syncTables(db)];
  let written: PageWrites | undefined;
  await profiled(`tx:${round.roundKind}:${page.items.length}`, () =>
    db.transaction('rw', tables, async () => {
      await profiled('renew', () => renewLeaseInTransaction(db, tenantId, commit.leaseToken, commit.now));
      if (round.roundKind === 'full' && round.roundId !== undefined && round.pages === 0) {
        // A new round: chunks of an abandoned earlier round of this collection mean nothing any more.
        await deleteSeen(db, tenantId, round.resource);
        // On an empty mirror (the first sync) whatever the round leaves was written by it: nothing to note or sweep.
        if (await mirrorEmpty(db, tenantId, round.resource)) round = { ...round, intoEmpty: true };
      }
      const writes = applyDeltaPage(
        tenantId,
        round.resource,
        page.items,
        await profiled('readStored', () => readStored(db, commit, round)),
      );
      written = writes;
      await profiled('writePage', () => writePage(db, tenantId, round.resource, writes, counters));
      if (round.roundKind === 'full' && round.roundId !== undefined && !round.intoEmpty) {
        await noteSeen(db, { tenantId, resource: round.resource, roundId: round.roundId, page: round.pages }, writes);
        if (page.deltaLink !== undefined) await sweepRound(db, tenantId, round.resource, round.roundId, counters);
      }
      // Test builds: an end-to-end test may hold the transaction open here, its writes in flight, to stop the worker.
      await holdCommitIfArmed(
        { runId: commit.runId, ids: page.items.map((item) => item.id) },
        () => db.syncRuns.get(commit.runId),
        Date.now,
      );
      await profiled('checkpoint', () => putCheckpoint(db, nextCheckpoint(commit, round)));
      await profiled('updateRun', () => updateRun(db, commit.runId, { ...counters, ...commit.run }));
    }),
  );
  Object.assign(commit.counters, counters);
  if (written && commit.goneUsers) noteGoneUsers(commit.goneUsers, written);
  return round.intoEmpty ? { intoEmpty: true } : {};
}
