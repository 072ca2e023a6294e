import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppDB } from '../../../lib/db/app-db';
import type { ActivityEvent } from '../../../lib/db/types';
import { eventsSince, pruneEvents, storedEventIds, storeNewEvents } from '../../../lib/store/events';

// A backfill meets the events of the newest stored second again: it learns their ids from one key range of the time
// index and stores only the others, never looking each event of a page up (issue #18).

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
    await db.events.bulkPut([
      event('before', 9_999),
      event('at', 10_000),
      event('after', 10_500),
      event('sign-in', 10_500, 'signIn'),
      event('other-tenant', 10_500, 'directoryAudit', 't2'),
    ]);
    expect([...(await storedEventIds(db, 't1', 'directoryAudit', 10_000))].sort()).toEqual(['after', 'at']);
  });

  it('are stored once: a page stores only the events not known, counts them, and knows them after', async () => {
    await db.events.bulkPut([event('old', 10_000)]);
    const known = await storedEventIds(db, 't1', 'directoryAudit', 10_000);
    const lookups = vi.spyOn(db.events, 'bulkGet');
    expect(await storeNewEvents(db, [event('old', 10_000), event('new', 10_200)], known)).toBe(1);
    // The next page repeats one (Graph's pages can shift while events arrive): nothing new.
    expect(await storeNewEvents(db, [event('new', 10_200)], known)).toBe(0);
    expect(lookups).not.toHaveBeenCalled();
    expect((await db.events.toArray()).map((e) => e.id).sort()).toEqual(['new', 'old']);
  });
});

describe("the 7-day window, read and pruned through the kinds' time index (schema 12)", () => {
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
    await db.events.bulkPut(stored);
    expect((await eventsSince(db, 't1', 2_000)).map((e) => e.id).sort()).toEqual(['audit', 'search', 'sign-in']);
  });

  it("prunes every kind of the tenant before the bound, counts them, and keeps the rest and other tenants'", async () => {
    await db.events.bulkPut(stored);
    expect(await pruneEvents(db, 't1', 2_000)).toBe(3);
    expect((await db.events.toArray()).map((e) => e.id).sort()).toEqual(['audit', 'other-tenant', 'search', 'sign-in']);
  });
});
