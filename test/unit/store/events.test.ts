import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppDB } from '../../../lib/db/app-db';
import type { ActivityEvent } from '../../../lib/db/types';
import { eventsSince, newestEventAt, pruneEvents, storedEventIds, storeNewEvents } from '../../../lib/store/events';
import { allEvents, putEvents } from '../stored-events';

// A backfill meets the events of the newest stored second again: it learns their ids from one key range of the batches'
// key and stores only the others, never looking each event of a page up, and a page's new events as one record
// (issue #18).

let db: AppDB;
let n = 0;

beforeEach(() => {
  db = new AppDB(`events-${process.pid}-${++n}`);
});
afterEach(async () => {
  vi.restoreAllMocks();
  db.close();
  await Dexie.delete(db.name);
});

const event = (id: string, occurredAt: number, kind: ActivityEvent['kind'] = 'directoryAudit', tenantId = 't1'): ActivityEvent => ({
  tenantId,
  id,
  kind,
  service: 'entra',
  occurredAt,
  summary: 's',
});

describe('the events a backfill meets again', () => {
  it('are the stored ones of that tenant and kind at or after the second asked from', async () => {
    await putEvents(db, [
      event('before', 9_999),
      event('at', 10_000),
      event('after', 10_500),
      event('sign-in', 10_500, 'signIn'),
      event('other-tenant', 10_500, 'directoryAudit', 't2'),
    ]);
    expect([...(await storedEventIds(db, 't1', 'directoryAudit', 10_000))].sort()).toEqual(['after', 'at']);
  });

  it('are stored once: a page stores only the events not known, counts them, and knows them after', async () => {
    await putEvents(db, [event('old', 10_000)]);
    const known = await storedEventIds(db, 't1', 'directoryAudit', 10_000);
    const lookups = vi.spyOn(db.eventBatches, 'bulkGet');
    const writes = vi.spyOn(db.eventBatches, 'bulkPut');
    expect(await storeNewEvents(db, [event('old', 10_000), event('new', 10_200)], known)).toBe(1);
    // The next page repeats one (Graph's pages can shift while events arrive): nothing new.
    expect(await storeNewEvents(db, [event('new', 10_200)], known)).toBe(0);
    expect(lookups).not.toHaveBeenCalled();
    expect((await allEvents(db)).map((e) => e.id)).toEqual(['old', 'new']);
    expect(writes).toHaveBeenCalledTimes(1);
  });

  it("are a page's new events in one record, and the newest one's time is read from the keys", async () => {
    const page = Array.from({ length: 999 }, (_, i) => event(`e${i}`, 20_000 + ((i * 7) % 999)));
    expect(await storeNewEvents(db, page, new Set())).toBe(999);
    expect(await db.eventBatches.count()).toBe(1);
    const reads = vi.spyOn(db.eventBatches, 'toArray');
    expect(await newestEventAt(db, 't1', 'directoryAudit')).toBe(20_998);
    expect(reads).not.toHaveBeenCalled();
    expect(await newestEventAt(db, 't1', 'signIn')).toBeUndefined();
  });
});

describe("the 7-day window, read and pruned through the batches' key (schema 13)", () => {
  const stored = [
    event('old-audit', 1_000),
    event('old-sign-in', 1_500, 'signIn'),
    event('old-search', 1_999, 'auditSearch'),
    event('audit', 2_000),
    event('sign-in', 2_500, 'signIn'),
    event('search', 3_000, 'auditSearch'),
    event('other-tenant', 1_000, 'signIn', 't2'),
  ];

  it("reads every kind of the tenant from the window's start, and no other tenant's", async () => {
    await putEvents(db, stored);
    expect((await eventsSince(db, 't1', 2_000)).map((e) => e.id).sort()).toEqual(['audit', 'search', 'sign-in']);
  });

  it("prunes every kind of the tenant before the bound, counts them, and keeps the rest and other tenants'", async () => {
    await putEvents(db, stored);
    expect(await pruneEvents(db, 't1', 2_000, 0)).toBe(3);
    expect((await allEvents(db)).map((e) => e.id).sort()).toEqual(['audit', 'other-tenant', 'search', 'sign-in']);
    // Each kind's batch held events on both sides of the bound: it is written again with the newer ones only.
    const batches = await db.eventBatches.toArray();
    expect(batches.filter((b) => b.tenantId === 't1').map((b) => [b.kind, b.oldest, b.first])).toEqual([
      ['auditSearch', 3_000, 'search'],
      ['directoryAudit', 2_000, 'audit'],
      ['signIn', 2_500, 'sign-in'],
    ]);
    expect(await pruneEvents(db, 't1', 2_000, 0)).toBe(0);
  });

  it('rewrites a batch that holds older events only once they are past the bound by the slack', async () => {
    await putEvents(db, [event('old', 1_000), event('new', 9_000)]);
    const writes = vi.spyOn(db.eventBatches, 'bulkPut');
    // 'old' is 1,000 ms past the bound: within a slack of 5,000 the batch stays as it is (reads skip 'old').
    expect(await pruneEvents(db, 't1', 2_000, 5_000)).toBe(0);
    expect(writes).not.toHaveBeenCalled();
    expect((await eventsSince(db, 't1', 2_000)).map((e) => e.id)).toEqual(['new']);
    // Past the slack: the batch is written again without it.
    expect(await pruneEvents(db, 't1', 7_000, 5_000)).toBe(1);
    expect((await allEvents(db)).map((e) => e.id)).toEqual(['new']);
  });

  it('prunes whole batches older than the bound without reading the newer ones', async () => {
    await storeNewEvents(db, [event('a', 1_000), event('b', 1_100)], new Set());
    await storeNewEvents(db, [event('c', 3_000), event('d', 3_100)], new Set());
    const reads = vi.spyOn(db.eventBatches, 'bulkGet');
    expect(await pruneEvents(db, 't1', 2_000)).toBe(2);
    expect((await allEvents(db)).map((e) => e.id)).toEqual(['c', 'd']);
    // Only the expired batch is read (its events are counted); the newer one is known from its key.
    expect(reads.mock.calls.flatMap(([keys]) => keys)).toEqual([['t1', 'directoryAudit', 1_100, 1_000, 'a']]);
  });

  it('opens no transaction when nothing is past the window', async () => {
    await storeNewEvents(db, [event('a', 1_000), event('b', 3_000)], new Set());
    const transactions = vi.spyOn(db, 'transaction');
    // 'a' is past the bound, but within the slack: nothing to drop or write again.
    expect(await pruneEvents(db, 't1', 2_000)).toBe(0);
    expect(transactions).not.toHaveBeenCalled();
  });
});
