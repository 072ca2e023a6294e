import type { AppDB } from '../db/app-db';
import type { GrantRun } from '../db/types';

// The owner of `grantRuns`: a run is written by the grant's orchestrator (lib/provisioning/run-grant.ts) and its
// lease (lib/lease/grant-lease.ts), through here.

/** Keep a run as it stands now. */
export async function putGrantRun(db: AppDB, run: GrantRun): Promise<void> {
  await db.grantRuns.put(run);
}

/** Extend a run's lease. */
export async function setGrantLease(db: AppDB, runId: string, leaseUntil: number, at: number): Promise<void> {
  await db.grantRuns.update(runId, { leaseUntil, updatedAt: at });
}
