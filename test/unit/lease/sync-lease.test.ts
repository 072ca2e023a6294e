import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppDB } from '../../../lib/db/app-db';
import type { TenantLease } from '../../../lib/db/types';
import { LEASE_MS } from '../../../lib/lease/lease';
import { acquireLease, isSyncFree, releaseLease, renewLease } from '../../../lib/lease/sync-lease';
import { run as syncRun } from '../monitor/fixtures';
import { dropDb, freshDb } from '../sync/harness';

const NOW = 1_800_000_000_000;
const run = (startedAt = NOW) => syncRun('running', { tenantId: 't', kind: 'full', trigger: 'manual', startedAt });

describe('isSyncFree', () => {
  const lease: TenantLease = { tenantId: 't', holder: 'sync', ownerId: 'w', token: 'a', expiresAt: NOW };
  it.each([
    [undefined, NOW, true],
    [lease, NOW - 1, false],
    [lease, NOW, true],
    [lease, NOW + 1, true],
  ])('%j at %i → %s', (held, now, expected) => {
    expect(isSyncFree(held, now)).toBe(expected);
  });
});

describe('the sync lease', () => {
  let db: AppDB;
  beforeEach(() => {
    db = freshDb();
  });
  afterEach(() => dropDb(db));

  it('is taken with the run record, refused while held, and free again once released', async () => {
    const first = await acquireLease(db, run(), 'worker', 'token-1', NOW);
    expect(first).toEqual({ ok: true, token: 'token-1', runId: 1 });
    expect(await db.leases.get('t')).toEqual({
      tenantId: 't',
      holder: 'sync',
      ownerId: 'worker',
      token: 'token-1',
      expiresAt: NOW + LEASE_MS,
      syncRunId: 1,
    });
    // Even the same owner cannot run twice at once.
    expect(await acquireLease(db, run(), 'worker', 'token-2', NOW + 1000)).toEqual({
      ok: false,
      expiresAt: NOW + LEASE_MS,
      code: 'sync_in_progress',
    });
    expect(await db.syncRuns.count()).toBe(1);
    await releaseLease(db, 't', 'token-2');
    expect(await db.leases.count()).toBe(1);
    await releaseLease(db, 't', 'token-1');
    expect((await acquireLease(db, run(), 'popup', 'token-3', NOW + 2000)).ok).toBe(true);
  });

  it('expires, and the next holder closes the run the stopped holder left running', async () => {
    await acquireLease(db, run(), 'worker', 'token-1', NOW);
    await renewLease(db, 't', 'token-1', NOW + 60_000);
    expect((await acquireLease(db, run(), 'other', 'token-2', NOW + LEASE_MS + 1)).ok).toBe(false);
    const taken = await acquireLease(db, run(NOW + 200_000), 'other', 'token-2', NOW + 60_000 + LEASE_MS);
    expect(taken).toMatchObject({ ok: true, runId: 2 });
    expect(await db.syncRuns.get(1)).toMatchObject({ outcome: 'stopped', reasonCode: 'sync_stopped', finishedAt: NOW + 60_000 + LEASE_MS });
    // The old holder's renewal now fails: it must stop.
    await expect(renewLease(db, 't', 'token-1', NOW + 300_000)).rejects.toMatchObject({ code: 'sync_lease_lost' });
  });

  it('is never shortened by a renewal: one before a long wait outlasts the timer’s renewals during it', async () => {
    await acquireLease(db, run(), 'worker', 'token-1', NOW);
    // Renewed ahead of a 20-second wait, then by the timer 5 seconds into it.
    await renewLease(db, 't', 'token-1', NOW + 20_000);
    await renewLease(db, 't', 'token-1', NOW + 5_000);
    expect((await db.leases.get('t'))?.expiresAt).toBe(NOW + 20_000 + LEASE_MS);
    await renewLease(db, 't', 'token-1', NOW + 30_000);
    expect((await db.leases.get('t'))?.expiresAt).toBe(NOW + 30_000 + LEASE_MS);
  });
});
