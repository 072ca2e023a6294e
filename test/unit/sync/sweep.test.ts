import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDB } from '../../../lib/db/app-db';
import { objectRow, membershipsOfUser } from '../../../lib/db/keys';
import type { DirectoryGroup, DirectoryUser, Membership } from '../../../lib/db/types';
import { emptyCounters } from '../../../lib/sync/commit';
import { deleteSeen, noteSeen, sweepRound } from '../../../lib/sync/sweep';
import { seenTable } from '../../../lib/sync/tables';
import { membershipOf, membershipRow } from '../../../lib/db/keys';

const T = 'tenant-a';
const OTHER = 'tenant-b';
const ROUND = 'round-1';

const user = (tenantId: string, id: string): DirectoryUser => ({
  tenantId,
  id,
  displayName: id,
  userPrincipalName: `${id}@x`,
  searchName: id,
  searchUpn: `${id}@x`,
  searchMail: '',
});
const group = (tenantId: string, id: string): DirectoryGroup => ({ tenantId, id, displayName: id, searchName: id });
const member = (tenantId: string, groupId: string, userId: string): Membership => ({ tenantId, groupId, userId });

let db: AppDB;
let name = 0;

beforeEach(async () => {
  db = new AppDB(`sweep-${++name}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

async function seed(): Promise<void> {
  const ids = Array.from({ length: 12 }, (_, i) => `u${String(i).padStart(2, '0')}`);
  await db.users.bulkPut([...ids.map((id) => user(T, id)), user(OTHER, 'u01'), user(OTHER, 'u99')].map(objectRow));
  await db.groups.bulkPut(
    ['g1', 'g2', 'g3', 'g4']
      .map((id) => group(T, id))
      .concat(group(OTHER, 'g1'))
      .map(objectRow),
  );
  await db.memberOf.bulkPut(
    [
      ...ids.map((id) => member(T, 'g1', id)),
      member(T, 'g2', 'u00'),
      member(T, 'g2', 'u05'),
      member(T, 'g3', 'u07'),
      member(T, 'g4', 'u08'),
      member(OTHER, 'g1', 'u01'),
    ].map(membershipRow),
  );
}

const userIds = async (tenantId: string) =>
  (await db.users.where('[tenantId+id]').between([tenantId, ''], [tenantId, '\uffff']).toArray()).map((u) => u.id);

// Batches of 3 make every walk cross several batches, and groups straddle them (g1 has 12 members).
describe.each([1, 3, 5000])('the sweep at the end of a full round, %i keys per batch', (batch) => {
  it('removes the users the round did not see, with their memberships, and nothing of another tenant', async () => {
    await seed();
    const seen = ['u00', 'u02', 'u03', 'u05', 'u06', 'u07', 'u11'];
    await noteSeen(db, { tenantId: T, resource: 'users', roundId: ROUND, page: 0 }, { seenIds: seen.slice(0, 3), seenMembers: new Map() });
    await noteSeen(db, { tenantId: T, resource: 'users', roundId: ROUND, page: 1 }, { seenIds: seen.slice(3), seenMembers: new Map() });
    // An abandoned earlier round's rows say nothing about this one.
    await noteSeen(db, { tenantId: T, resource: 'users', roundId: 'round-0', page: 0 }, { seenIds: ['u01'], seenMembers: new Map() });
    const counters = emptyCounters();
    await db.transaction('rw', [db.users, db.groups, db.memberOf, seenTable(db)], async () => {
      await sweepRound(db, T, 'users', ROUND, counters, batch);
    });
    expect(await userIds(T)).toEqual(seen);
    expect(await userIds(OTHER)).toEqual(['u01', 'u99']);
    expect(counters.usersRemoved).toBe(5);
    // u01, u04, u08, u09, u10 leave g1; u08 leaves g4.
    expect(counters.membershipsRemoved).toBe(6);
    expect(await membershipsOfUser(db, T, 'u08').count()).toBe(0);
    expect(await membershipsOfUser(db, OTHER, 'u01').count()).toBe(1);
    expect(await seenTable(db).count()).toBe(0);
  });

  it('removes unseen groups and every membership the round did not list, across pages of the same group', async () => {
    await seed();
    const listed = (groupId: string, users: string[]) => users.map((u) => `${groupId} ${u}`);
    const byGroup = (...lists: Array<[string, string[]]>) => new Map(lists);
    const g1 = ['u00', 'u01', 'u02', 'u03', 'u04', 'u05', 'u06', 'u09', 'u10', 'u11'];
    // g1's members span two pages; g3 is seen with no members; g4 is gone; g2 gains u06 (not in the mirror yet).
    await noteSeen(
      db,
      { tenantId: T, resource: 'groups', roundId: ROUND, page: 0 },
      { seenIds: ['g1', 'g2'], seenMembers: byGroup(['g1', g1.slice(0, 4)], ['g2', ['u05', 'u06']]) },
    );
    await noteSeen(
      db,
      { tenantId: T, resource: 'groups', roundId: ROUND, page: 1 },
      { seenIds: ['g1', 'g3'], seenMembers: byGroup(['g1', g1.slice(4)]) },
    );
    const counters = emptyCounters();
    await db.transaction('rw', [db.users, db.groups, db.memberOf, seenTable(db)], async () => {
      await sweepRound(db, T, 'groups', ROUND, counters, batch);
    });
    const groups = (await db.groups.toArray()).filter((g) => g.tenantId === T).map((g) => g.id);
    expect(groups).toEqual(['g1', 'g2', 'g3']);
    const members = (await db.memberOf.toArray())
      .map(membershipOf)
      .filter((m) => m.tenantId === T)
      .map((m) => `${m.groupId} ${m.userId}`);
    expect(members.sort()).toEqual([...listed('g1', g1), 'g2 u05']);
    expect(counters.groupsRemoved).toBe(1);
    // g4's one member went with it; g1 lost u07 and u08, g2 lost u00, g3 lost u07.
    expect(counters.membershipsRemoved).toBe(5);
    expect(await membershipsOfUser(db, OTHER, 'u01').count()).toBe(1);
    expect(await db.groups.get([OTHER, 'g1'])).toBeDefined();
  });
});

it('deletes the seen rows of one round, or of every round of a collection, and only those', async () => {
  await noteSeen(db, { tenantId: T, resource: 'users', roundId: 'r1', page: 0 }, { seenIds: ['a', 'b'], seenMembers: new Map() });
  await noteSeen(db, { tenantId: T, resource: 'users', roundId: 'r2', page: 0 }, { seenIds: ['c'], seenMembers: new Map() });
  await noteSeen(db, { tenantId: T, resource: 'groups', roundId: 'r1', page: 0 }, { seenIds: ['g'], seenMembers: new Map([['g', ['a']]]) });
  // A chunk written by an older version (numbered page): deleted with the rest.
  await db.table('syncSeen').put({ tenantId: T, resource: 'users', roundId: 'r0', page: 0, ids: ['x'] });
  await deleteSeen(db, T, 'users', 'r1');
  expect(await seenTable(db).count()).toBe(4);
  await deleteSeen(db, T, 'users');
  expect((await seenTable(db).toArray()).map((row) => row.resource)).toEqual(['groups', 'groups']);
});
