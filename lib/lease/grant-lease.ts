import type { AppDB } from '../db/app-db';
import { AppError } from '../errors/app-error';
import type { GrantRun } from '../db/types';
import { putGrantRun, setGrantLease } from '../store/grant-runs';
import { isLeaseFree, leaseExpiry } from './lease';

type LeasedRun = Pick<GrantRun, 'state' | 'leaseUntil'>;

// A grant holds the one lease (lease.ts) on its run record, `leaseUntil`, so that the console reads it with the run.
// One grant runs at a time, across tenants; its directory sync holds the tenant's sync lease besides (sync-lease.ts).

/** The run is going on now: running, and its lease renewed by a live worker. Pure. */
export function isGrantHeld(run: LeasedRun, now: number): boolean {
  return run.state === 'running' && !isLeaseFree(run.leaseUntil, now);
}

/** The run was running when its worker stopped: its lease ran out, and it may be resumed. Pure. */
export function isGrantInterrupted(run: LeasedRun, now: number): boolean {
  return run.state === 'running' && isLeaseFree(run.leaseUntil, now);
}

/** The run that holds the grant's lease now, if any. */
export async function heldGrant(db: AppDB, now: number): Promise<GrantRun | undefined> {
  return db.grantRuns
    .where('state')
    .equals('running')
    .filter((run) => isGrantHeld(run, now))
    .first();
}

/**
 * Check that no grant holds the lease and write the run `take` returns, leased from `now`, in one transaction: of
 * two clicks at once, the second sees the first's run and is refused with `grant_in_progress`. `take` reads what it
 * needs (the run, the tenant, its connectors) inside the same transaction, and throws when the run may not start.
 */
export async function takeGrantLease(db: AppDB, now: number, take: () => Promise<GrantRun>): Promise<GrantRun> {
  return db.transaction('rw', [db.grantRuns, db.tenants, db.connectors], async () => {
    const taken = await take();
    if (await heldGrant(db, now)) throw new AppError('grant_in_progress');
    const run: GrantRun = { ...taken, state: 'running', updatedAt: now, leaseUntil: leaseExpiry(now) };
    await putGrantRun(db, run);
    return run;
  });
}

/** Extend a running grant's lease (while it waits for the admin or for Graph); a run that stopped keeps its own. */
export async function renewGrantLease(db: AppDB, runId: string, now: number): Promise<void> {
  await db.transaction('rw', db.grantRuns, async () => {
    const run = await db.grantRuns.get(runId);
    if (run?.state === 'running') await setGrantLease(db, runId, leaseExpiry(now), now);
  });
}
