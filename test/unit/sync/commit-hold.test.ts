import { afterEach, describe, expect, it } from 'vitest';
import { COMMIT_HOLD_GLOBAL, type CommitHoldHook, holdCommitIfArmed } from '../../../lib/sync/commit-hold';
import { dropDb, freshDb } from './harness';

// The test builds' hook that holds one page's transaction open (test/e2e/faults.test.ts stops the worker inside it).
const slots = globalThis as Record<string, unknown>;
const arm = (hook: CommitHoldHook) => (slots[COMMIT_HOLD_GLOBAL] = hook);
afterEach(() => delete slots[COMMIT_HOLD_GLOBAL]);

const page = (n: number) => ({ runId: 7, ids: [`user-${n}`] });

describe('holdCommitIfArmed', () => {
  it('does nothing in a build without fault hooks, armed or not', async () => {
    const hook = arm({ after: 0 });
    let reads = 0;
    await holdCommitIfArmed(page(1), () => Promise.resolve(reads++), Date.now, false);
    expect(reads).toBe(0);
    expect(hook).toEqual({ after: 0 });
  });

  it('lets `after` pages through, holds the next until released, and lets every later one through', async () => {
    const hook = arm({ after: 1 });
    let reads = 0;
    const keepOpen = () => {
      reads++;
      if (reads === 3) hook.released = true;
      return Promise.resolve();
    };
    await holdCommitIfArmed(page(1), keepOpen, Date.now, true);
    expect(reads).toBe(0);
    await holdCommitIfArmed(page(2), keepOpen, Date.now, true);
    expect(reads).toBe(3);
    expect(hook.held).toEqual(page(2));
    await holdCommitIfArmed(page(3), keepOpen, Date.now, true);
    expect(reads).toBe(3);
    expect(hook.held).toEqual(page(2));
  });

  it('goes on by itself after 30 seconds when nobody releases it', async () => {
    arm({ after: 0 });
    let clock = 0;
    let reads = 0;
    await holdCommitIfArmed(
      page(1),
      () => {
        reads++;
        clock += 10_000;
        return Promise.resolve();
      },
      () => clock,
      true,
    );
    expect(reads).toBe(3);
  });

  it('keeps a Dexie transaction open while held, and the page’s writes land once released', async () => {
    const db = freshDb();
    try {
      const hook = arm({ after: 0 });
      const runId = (await db.syncRuns.add({ tenantId: 't', outcome: 'running' } as never))!;
      let reads = 0;
      await db.transaction('rw', db.syncRuns, async () => {
        await db.syncRuns.update(runId, { outcome: 'success' });
        await holdCommitIfArmed(
          { runId, ids: [] },
          async () => {
            await db.syncRuns.get(runId);
            if (++reads === 20) hook.released = true;
          },
          Date.now,
          true,
        );
        // Still the same transaction: a write after the hold would fail if the transaction had committed meanwhile.
        await db.syncRuns.update(runId, { usersWritten: 20 });
      });
      expect(await db.syncRuns.get(runId)).toMatchObject({ outcome: 'success', usersWritten: 20 });
      expect(reads).toBe(20);
    } finally {
      await dropDb(db);
    }
  });
});
