import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppDB } from '../../../lib/db/app-db';
import { toErrorData } from '../../../lib/errors/app-error';
import type { ErrorCode } from '../../../lib/errors/codes';
import { sayError } from '../../../lib/errors/phrase';
import { backfillActivity, syncDirectory } from '../../../lib/sync';
import { unrecordedEndsInMemory, withUnrecordedEnd } from '../../../lib/sync/unrecorded-end';
import { fillDisk, type FullDisk } from '../storage/full-disk';
import { depsFor, expectMirrorEqualsTenant, readMirror, type TestTenant, useSyncTenant } from './harness';
import { allEvents } from '../stored-events';

// A full disk (IndexedDB's QuotaExceededError) in the sync and the activity backfill: one clear code, records as they
// were before the write that failed, and the work goes on once space is back.
const USERS = 250;
let t: TestTenant;
let db: AppDB;
let disk: FullDisk | undefined;

useSyncTenant({ users: USERS, groups: 12 }, (tenant, fresh) => {
  t = tenant;
  db = fresh;
});
afterEach(() => {
  disk?.free();
  disk = undefined;
});

const runs = () => db.syncRuns.toArray();

describe('a full disk during a sync', () => {
  it('fails the run with storage_full, keeps every page whole, and a resumed run goes on from its checkpoint', async () => {
    // Two pages of 100 users land; the third page's transaction is refused, and so is every write after it, the
    // run's closing write included (the disk stays full).
    disk = fillDisk({ after: 210 });
    const failed = await syncDirectory(depsFor(t, db, { pageSize: 100 }), t.record, 'grant');
    expect(disk.refused).toBeGreaterThan(0);
    expect(failed).toMatchObject({ outcome: 'failed', reasonCode: 'storage_full' });
    expect(sayError({ code: failed.reasonCode as ErrorCode })).toContain('The disk is full');
    const mirror = await readMirror(db, t.org.tenantId);
    expect(mirror.users.size % 100).toBe(0);
    expect(mirror.users.size).toBeGreaterThan(0);
    expect(mirror.users.size).toBeLessThan(t.org.userCount);
    const checkpoint = await db.syncCheckpoints.get([t.org.tenantId, 'users']);
    expect(checkpoint?.done).toBe(mirror.users.size);
    // Its lease was given back although its record could not be closed: "Sync now" is free.
    expect(await db.leases.get(t.org.tenantId)).toBeUndefined();

    disk.free();
    const resumed = await syncDirectory(depsFor(t, db, { pageSize: 100 }), t.record, 'manual');
    expect(resumed).toMatchObject({ outcome: 'success', kind: 'full', usersWritten: t.org.userCount - mirror.users.size });
    await expectMirrorEqualsTenant(t, db);
    // Nothing left open: the run the full disk stopped is closed by the one that resumed it.
    expect((await runs()).map((r) => r.outcome)).toEqual(['stopped', 'success']);
    expect(await db.leases.count()).toBe(0);
  }, 30_000);

  it('closes a run before giving back its lease: a closing write that fails never leaves the run open or the lease held', async () => {
    // The disk fills right after a page lands; the run is asked to stop there, so what fails is its closing write.
    const deps = depsFor(t, db, {
      pageSize: 100,
      checkpointReached: () => {
        disk ??= fillDisk();
        return Promise.resolve(false);
      },
    });
    const ended = await syncDirectory(deps, t.record, 'manual');
    expect(ended).toMatchObject({ outcome: 'failed', reasonCode: 'storage_full' });
    expect(await db.leases.get(t.org.tenantId)).toBeUndefined();
    disk?.free();

    // The next run starts at once (no lease to wait out), closes the one left open, and finishes the mirror.
    const next = await syncDirectory(depsFor(t, db, { pageSize: 100 }), t.record, 'manual');
    expect(next).toMatchObject({ outcome: 'success' });
    expect((await runs()).map((r) => r.outcome)).toEqual(['stopped', 'success']);
    await expectMirrorEqualsTenant(t, db);
  }, 30_000);

  it('keeps the end of a run it cannot write, lease included, and writes it with the next run once space is back', async () => {
    // As in Chromium: after the refused page nothing can be written, not even the delete that gives the lease back.
    const ends = unrecordedEndsInMemory();
    disk = fillDisk({ after: 210, deletes: true });
    const failed = await syncDirectory(depsFor(t, db, { pageSize: 100, unrecordedEnds: ends }), t.record, 'manual');
    expect(failed).toMatchObject({ outcome: 'failed', reasonCode: 'storage_full' });
    // The record still reads running and the lease is still held: the end is kept, as the console shows it.
    const [open] = await runs();
    expect(open).toMatchObject({ id: failed.id, outcome: 'running' });
    expect(await db.leases.get(t.org.tenantId)).toMatchObject({ syncRunId: failed.id });
    const kept = await ends.get(t.org.tenantId);
    expect(kept).toMatchObject({ runId: failed.id, patch: { outcome: 'failed', reasonCode: 'storage_full' } });
    expect(withUnrecordedEnd(open, kept)).toMatchObject({ outcome: 'failed', reasonCode: 'storage_full' });
    const mirrored = (await readMirror(db, t.org.tenantId)).users.size;
    expect(kept?.patch.usersWritten).toBe(mirrored);

    disk.free();
    // The next run writes the kept end first (its lease given back at once, not waited out), then goes on.
    const next = await syncDirectory(depsFor(t, db, { pageSize: 100, unrecordedEnds: ends }), t.record, 'manual');
    expect(next).toMatchObject({ outcome: 'success', usersWritten: t.org.userCount - mirrored });
    expect((await runs()).map((r) => `${r.outcome}:${r.reasonCode ?? ''}`)).toEqual(['failed:storage_full', 'success:']);
    expect(await ends.get(t.org.tenantId)).toBeUndefined();
    expect(await db.leases.count()).toBe(0);
    await expectMirrorEqualsTenant(t, db);
  }, 30_000);
});

describe('a full disk the activity meets first', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('says storage_full when the rounds end on an AbortError only after space was freed', async () => {
    // As Chromium does (the full-disk e2e): the activity's commit is refused while the disk is full; the rounds' write
    // then ends on a bare AbortError, after the admin freed space, when the estimate shows plenty.
    let full = true;
    vi.stubGlobal('navigator', {
      storage: { estimate: () => Promise.resolve(full ? { usage: 5_000, quota: 5_000 } : { usage: 5_000, quota: 1e9 }) },
    });
    disk = fillDisk({ stores: ['eventBatches'], errorName: 'UnknownError' });
    const activityRefused = disk;
    const deps = depsFor(t, db, {
      pageSize: 100,
      checkpointReached: async () => {
        if (activityRefused !== disk) return true;
        while (activityRefused.refused === 0) await new Promise((resolve) => setTimeout(resolve, 5));
        // The refused commit's abort reaches the run (its judgement of the disk) before space comes back.
        await new Promise((resolve) => setTimeout(resolve, 50));
        activityRefused.free();
        full = false;
        disk = fillDisk({ errorName: 'AbortError' });
        return true;
      },
    });
    const ended = await syncDirectory(deps, t.record, 'manual');
    expect(activityRefused.refused).toBeGreaterThan(0);
    expect(disk.refused).toBeGreaterThan(0);
    expect(ended).toMatchObject({ outcome: 'failed', reasonCode: 'storage_full' });
  }, 30_000);
});

describe('a full disk during the activity backfill', () => {
  it('stores nothing of a refused page, says storage_full, and the next backfill stores every event once', async () => {
    const now = Date.now();
    const deps = depsFor(t, db, { now: () => now });
    disk = fillDisk({ stores: ['eventBatches'] });
    const refused = await backfillActivity(deps, t.record).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(toErrorData(refused)).toMatchObject({ code: 'storage_full' });
    expect(sayError(toErrorData(refused))).toContain('The disk is full');
    expect(await allEvents(db)).toHaveLength(0);
    disk.free();

    const first = await backfillActivity(deps, t.record);
    expect(first.added).toBeGreaterThan(0);
    expect(await allEvents(db)).toHaveLength(first.added);
    expect((await backfillActivity(deps, t.record)).added).toBe(0);
    expect(await allEvents(db)).toHaveLength(first.added);
  }, 30_000);
});
