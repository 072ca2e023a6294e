import { describe, expect, it, vi } from 'vitest';
import type { AppDB } from '../../../lib/db/app-db';
import { putLease } from '../../../lib/lease/tenant-lease';
import { backfillActivity } from '../../../lib/sync';
import { depsFor, type TestTenant, useSyncTenant } from './harness';

// A sync's activity writes each page of events in a transaction that proves the sync's lease (lib/sync/activity.ts);
// a page whose events are all stored already writes nothing, so it opens none (issue #18: in an increment, the
// directory's pages wait behind every transaction the activity opens).

let t: TestTenant;
let db: AppDB;

useSyncTenant({ users: 40, groups: 4 }, (tenant, fresh) => {
  t = tenant;
  db = fresh;
});

const TOKEN = 'the-sync';

describe("a sync's activity", () => {
  it('opens no transaction for a page whose events are all stored already', async () => {
    await putLease(db, { tenantId: t.record.tenantId, holder: 'sync', ownerId: 'worker', token: TOKEN, expiresAt: Date.now() + 600_000 });
    const first = await backfillActivity(depsFor(t, db), t.record, 7, TOKEN);
    expect(first.added).toBeGreaterThan(0);
    const transactions = vi.spyOn(db, 'transaction');
    // Read again at once: Graph is asked from the newest event's second, so the pages hold stored events only.
    const again = await backfillActivity(depsFor(t, db), t.record, 7, TOKEN);
    expect(again.added).toBe(0);
    expect(transactions).not.toHaveBeenCalled();
  });
});
