import type { AppDB } from '../db/app-db';
import { AppError } from '../errors/app-error';
import type { GrantRun, TenantLease } from '../db/types';
import { putGrantRun } from '../store/grant-runs';
import { leaseExpiry } from './lease';
import { deleteLease, heldLeases, isLeaseHeld, leaseOf, putLease } from './tenant-lease';

// A grant holds the one lease (lease.ts) of its tenant (tenant-lease.ts), as holder `grant` with its run's id: while
// it holds it no sync of the tenant starts, and its own directory sync runs under it. One grant runs at a time, across
// tenants. The lease is given back in the transaction that writes the run stopped, waiting or done.

type LeasedRun = Pick<GrantRun, 'id' | 'state'>;

/** The run is going on now: running, and the tenant's lease held by it, renewed by a live worker. Pure. */
export function isGrantHeld(run: LeasedRun, lease: TenantLease | undefined, now: number): boolean {
  return run.state === 'running' && lease?.holder === 'grant' && lease.grantRunId === run.id && isLeaseHeld(lease, now);
}

/** The run was running when its worker stopped: it holds the lease no more, and it may be resumed. Pure. */
export function isGrantInterrupted(run: LeasedRun, lease: TenantLease | undefined, now: number): boolean {
  return run.state === 'running' && !isGrantHeld(run, lease, now);
}

/** The run that holds a grant's lease now, if any (one at a time, across tenants). */
export async function heldGrant(db: AppDB, now: number): Promise<GrantRun | undefined> {
  for (const lease of await heldLeases(db, 'grant', now)) {
    const run = lease.grantRunId === undefined ? undefined : await db.grantRuns.get(lease.grantRunId);
    if (run && isGrantHeld(run, lease, now)) return run;
  }
  return undefined;
}

/**
 * Check that no grant holds a lease and nothing holds the run's tenant, and write the run `take` returns, leased from
 * `now`, in one transaction: of two clicks at once, the second sees the first's run and is refused with
 * `grant_in_progress`; while the tenant's own sync holds it, with `grant_sync_running`. `take` reads what it needs (the
 * run, the tenant, its connectors) inside the same transaction, and throws when the run may not start.
 */
export async function takeGrantLease(db: AppDB, now: number, take: () => Promise<GrantRun>): Promise<GrantRun> {
  return db.transaction('rw', [db.leases, db.grantRuns, db.tenants, db.connectors], async () => {
    const taken = await take();
    if (await heldGrant(db, now)) throw new AppError('grant_in_progress');
    const held = await leaseOf(db, taken.tenantId);
    // The run's own lease (a waiting run taken up again) is no other holder's.
    const own = held?.holder === 'grant' && held.grantRunId === taken.id;
    if (isLeaseHeld(held, now) && !own) throw new AppError(held.holder === 'sync' ? 'grant_sync_running' : 'grant_in_progress');
    const run: GrantRun = { ...taken, state: 'running', updatedAt: now };
    await putGrantRun(db, run);
    await putLease(db, {
      tenantId: run.tenantId,
      holder: 'grant',
      grantRunId: run.id,
      token: crypto.randomUUID(),
      expiresAt: leaseExpiry(now),
    });
    return run;
  });
}

/** Inside a transaction with `db.leases`: extend the run's lease if it holds it still (never take one back). */
async function renewHeld(db: AppDB, run: LeasedRun & Pick<GrantRun, 'tenantId'>, now: number): Promise<void> {
  const held = await leaseOf(db, run.tenantId);
  if (held?.holder !== 'grant' || held.grantRunId !== run.id) return;
  // Never shortened: the sync under it may have carried it further before a long wait.
  await putLease(db, { ...held, expiresAt: Math.max(held.expiresAt, leaseExpiry(now)) });
}

/** Extend a running grant's lease (while it waits for the admin or for Graph); a run that stopped has none. */
export async function renewGrantLease(db: AppDB, runId: string, now: number): Promise<void> {
  await db.transaction('rw', [db.grantRuns, db.leases], async () => {
    const run = await db.grantRuns.get(runId);
    if (run?.state === 'running') await renewHeld(db, run, now);
  });
}

/**
 * Keep the run as it stands now, with its lease in the same transaction: renewed while it runs, given back once it
 * stops, waits for the admin or ends. Nobody sees the run ended with the tenant still held, nor the tenant free under
 * a run that still goes on.
 */
export async function saveLeasedRun(db: AppDB, run: GrantRun, now: number): Promise<void> {
  await db.transaction('rw', [db.grantRuns, db.leases], async () => {
    await putGrantRun(db, run);
    if (run.state === 'running') return renewHeld(db, run, now);
    const held = await leaseOf(db, run.tenantId);
    if (held?.holder === 'grant' && held.grantRunId === run.id) await deleteLease(db, run.tenantId);
  });
}
