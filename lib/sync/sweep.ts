import Dexie from 'dexie';
import type { AppDB } from '../db/app-db';
import { GROUP_MEMBERS_INDEX, groupMemberKey, memberRange, membershipOf, objectRange } from '../db/keys';
import { unpackId } from '../db/packed-id';
import type { MemberKey, SyncResource, SyncSeenRow } from '../db/types';
import type { PageWrites } from './apply';
import type { RunCounters } from './types';
import { forEachKeyBatch } from './mirror-writes';
import { deleteMemberships, removeObjects } from '../store/directory';
import { deleteSeen, putSeen, seenTable } from '../store/sync';

export { deleteSeen };

/**
 * Keys read per request by the sweep. The sweep walks the mirror and the round's seen rows side by side in key order,
 * a batch at a time, so its memory is a few batches whatever the tenant's size (holding every seen membership of a
 * 100,000-user tenant at once would be over 100 MB).
 */
export const SWEEP_BATCH = 5000;

const SEEN_KEY = '[tenantId+resource+roundId+page]';

/**
 * Note what one page of a full round saw: a row per object (its id in `page`) and, for groups, a row per group and
 * page with the members listed. Rows are keyed so that the sweep can read them in the mirror's own key order.
 */
export async function noteSeen(
  db: AppDB,
  where: { tenantId: string; resource: SyncResource; roundId: string; page: number },
  writes: Pick<PageWrites, 'seenIds' | 'seenMembers'>,
): Promise<void> {
  const { tenantId, resource, roundId } = where;
  const rows: SyncSeenRow[] = writes.seenIds.map((id) => ({ tenantId, resource, roundId, page: id }));
  for (const [groupId, userIds] of writes.seenMembers)
    rows.push({ tenantId, resource, roundId, page: [groupId, where.page], members: userIds });
  await putSeen(db, rows);
}

/** The objects of the collection the round did not see: removed, with their memberships. */
async function sweepObjects(
  db: AppDB,
  tenantId: string,
  resource: SyncResource,
  roundId: string,
  counters: RunCounters,
  batch: number,
): Promise<void> {
  const table = resource === 'users' ? db.users : db.groups;
  const seen = seenTable(db);
  await forEachKeyBatch(table, '[tenantId+id]', objectRange(tenantId), batch, async (keys) => {
    const ids = keys.map(([, id]) => unpackId(id));
    // Seen ids are strings in `page`: the range between two ids holds no member rows (arrays sort after strings). The
    // walk's order is the packed ids' (a GUID's own; an id that is no GUID before them): from the least to the greatest.
    const [least, greatest] = span(ids);
    const seenKeys = await seen
      .where(SEEN_KEY)
      .between([tenantId, resource, roundId, least], [tenantId, resource, roundId, greatest], true, true)
      .primaryKeys();
    const seenIds = new Set(seenKeys.map((key) => key[3]));
    const stale = ids.filter((id) => !seenIds.has(id));
    counters.membershipsRemoved += await removeObjects(db, tenantId, resource, stale);
    if (resource === 'users') counters.usersRemoved += stale.length;
    else counters.groupsRemoved += stale.length;
  });
}

/** The least and the greatest of a batch's ids (not empty), in the seen rows' order. */
function span(ids: readonly string[]): [string, string] {
  let [least, greatest] = [ids[0]!, ids[0]!];
  for (const id of ids) {
    if (id < least) least = id;
    if (id > greatest) greatest = id;
  }
  return [least, greatest];
}

/** The memberships of seen groups that the round did not list: removed. */
async function sweepMemberships(db: AppDB, tenantId: string, roundId: string, counters: RunCounters, batch: number): Promise<void> {
  const seen = seenTable(db);
  const visit = async (keys: MemberKey[]) => {
    const members = keys.map(membershipOf);
    // The walk's order is the packed ids' (a GUID's packed order is its own; an id that is no GUID sorts before them),
    // the seen rows' is the ids': one range from the least to the greatest of the batch's groups covers them all.
    const [firstGroup, lastGroup] = span(members.map((m) => m.groupId));
    const rows = await seen
      .where(SEEN_KEY)
      .between([tenantId, 'groups', roundId, [firstGroup]], [tenantId, 'groups', roundId, [lastGroup, Dexie.maxKey]], true, true)
      .toArray();
    const listed = new Map<string, Set<string>>();
    for (const row of rows) {
      if (!Array.isArray(row.page) || !('members' in row)) continue;
      const groupId = String(row.page[0]);
      const users = listed.get(groupId) ?? new Set<string>();
      listed.set(groupId, users);
      for (const userId of row.members) users.add(userId);
    }
    const stale = keys.filter((_, i) => !listed.get(members[i]!.groupId)?.has(members[i]!.userId));
    await deleteMemberships(db, stale);
    counters.membershipsRemoved += stale.length;
  };
  await forEachKeyBatch(db.memberOf, GROUP_MEMBERS_INDEX, memberRange(tenantId), batch, visit, groupMemberKey);
}

/**
 * The end of a full round: whatever the mirror holds that the round did not see is gone from the tenant. Runs in the
 * final page's transaction, so the new mirror replaces the old one at once, and readers never see it half-swept.
 */
export async function sweepRound(
  db: AppDB,
  tenantId: string,
  resource: SyncResource,
  roundId: string,
  counters: RunCounters,
  batch = SWEEP_BATCH,
): Promise<void> {
  await sweepObjects(db, tenantId, resource, roundId, counters, batch);
  if (resource === 'groups') await sweepMemberships(db, tenantId, roundId, counters, batch);
  await deleteSeen(db, tenantId, resource);
}
