import type { AppDB } from '../db/app-db';
import type { GrantRun } from '../db/types';

// The owner of `grantRuns`: a run is written by the grant's orchestrator (lib/provisioning/run-grant.ts), through its
// lease's rules (lib/lease/grant-lease.ts: the run and its tenant's lease are written together), through here.

/** Keep a run as it stands now. */
export async function putGrantRun(db: AppDB, run: GrantRun): Promise<void> {
  await db.grantRuns.put(run);
}

/** Every grant run of the tenant goes (Remove tenant): one range of the `tenantId` index. */
export async function deleteTenantGrantRuns(db: AppDB, tenantId: string): Promise<void> {
  await db.grantRuns.where('tenantId').equals(tenantId).delete();
}
