import type { AppDB } from '../db/app-db';
import type { TenantRecord } from '../db/types';
import { logActivity } from '../activity/log';
import { CLOUD_LABELS } from '../config/clouds';
import { AppError } from '../errors/app-error';
import { phrase } from '../errors/phrase';
import { heldGrant } from '../lease/grant-lease';
import { deleteLease } from '../lease/tenant-lease';
import { deleteTenantActivity } from '../store/activity-log';
import { deleteTenantAlerts } from '../store/alerts';
import { deleteTenantChecks } from '../store/checks';
import { deleteTenantConnectors } from '../store/connectors';
import { deleteTenantMirror, directoryTables } from '../store/directory';
import { deleteTenantEvents, eventTables } from '../store/events';
import { deleteTenantGrantRuns } from '../store/grant-runs';
import { deleteTenantSync, syncTables } from '../store/sync';
import { deleteTenant, getTenant } from '../store/tenants';

export interface RemoveTenantDeps {
  db: AppDB;
  now(): number;
  /** Remove the account's tokens from the extension's msal cache. */
  signOut(tenant: TenantRecord, homeAccountId: string): Promise<void>;
}

/** Every table that holds rows of a tenant; `test/unit/tenants/remove-tenant.test.ts` proves it is all of them. */
export function tenantTables(db: AppDB) {
  return [
    db.tenants,
    db.connectors,
    db.grantRuns,
    db.alerts,
    db.checks,
    db.activityLog,
    ...directoryTables(db),
    ...syncTables(db),
    ...eventTables(db),
  ];
}

/**
 * Remove tenant: everything the extension keeps of it goes (its record and settings, connectors, grant runs, checks,
 * alerts, activity log entries, sync runs and checkpoints, its lease, the directory mirror and the 7-day activity), and
 * every account it signed in with leaves the extension's msal cache (the tenant's account and those of its grant
 * runs, unless another tenant uses one). The accounts go first: if one cannot be signed out, nothing is deleted and
 * the admin can try again. The records go in one transaction, which leaves one line in the activity log (what was
 * removed, when), with the tenant's lease among them, so a sync still running
 * writes nothing back (each of its writes proves the lease). Refused while the tenant's grant is running: its next
 * step would write the run again.
 */
export async function removeTenant(deps: RemoveTenantDeps, tenantId: string): Promise<void> {
  const { db } = deps;
  const tenant = await getTenant(db, tenantId);
  if (!tenant) throw new AppError('invalid_input', { detail: { key: 'provisioning_tenantNotSetUp' } });
  if ((await heldGrant(db, deps.now()))?.tenantId === tenantId) throw new AppError('grant_in_progress');
  for (const homeAccountId of await accountsToSignOut(db, tenant)) await deps.signOut(tenant, homeAccountId);
  await db.transaction('rw', tenantTables(db), async () => {
    if ((await heldGrant(db, deps.now()))?.tenantId === tenantId) throw new AppError('grant_in_progress');
    await Promise.all([
      deleteTenant(db, tenantId),
      deleteTenantConnectors(db, tenantId),
      deleteTenantGrantRuns(db, tenantId),
      deleteTenantAlerts(db, tenantId),
      deleteTenantChecks(db, tenantId),
      deleteTenantActivity(db, tenantId),
      deleteTenantSync(db, tenantId),
      deleteLease(db, tenantId),
      deleteTenantMirror(db, tenantId),
      deleteTenantEvents(db, tenantId),
    ]);
    // What went, and when: the tenant's name and domain, no person's (the log keeps it after the tenant's records,
    // so it carries no tenantId, by which a later removal of the same tenant would delete it).
    await logActivity(db, {
      at: deps.now(),
      actor: 'admin',
      event: 'tenant_removed',
      detail: phrase('activity_tenantRemovedDetail', tenant.displayName, tenant.domain, phrase(CLOUD_LABELS[tenant.cloud])),
      outcome: 'success',
    });
  });
}

/** The tenant's account and its grant runs' accounts, but none that another tenant is connected with. */
async function accountsToSignOut(db: AppDB, tenant: TenantRecord): Promise<string[]> {
  const runs = await db.grantRuns.where('tenantId').equals(tenant.tenantId).toArray();
  const accounts = new Set([tenant.homeAccountId, ...runs.map((run) => run.account?.homeAccountId)]);
  const others = await db.tenants.filter((other) => other.tenantId !== tenant.tenantId && other.homeAccountId !== undefined).toArray();
  for (const other of others) accounts.delete(other.homeAccountId);
  return [...accounts].filter((account): account is string => account !== undefined);
}
