import { servicesParam } from '../connectors/services';
import type { AppDB } from '../db/app-db';
import type { ServiceId, TenantRecord } from '../db/types';
import { AppError } from '../errors/app-error';
import { phrase } from '../errors/phrase';
import { appendActivity } from '../store/activity-log';
import { connectorsOf, deleteConnectors } from '../store/connectors';
import { deleteTenantMirror, directoryTables } from '../store/directory';
import { deleteTenantEvents, eventTables } from '../store/events';
import { revokeTenantSync, syncTables } from '../store/sync';
import { revokeLease } from '../lease/tenant-lease';
import { forgetGrant, getTenant } from '../store/tenants';

export interface DisconnectDeps {
  db: AppDB;
  now(): number;
  /** Remove the account's tokens from msal's cache. */
  signOut(tenant: TenantRecord, homeAccountId: string): Promise<void>;
}

/**
 * Disconnect services of a tenant. When no service is left, the account is signed out of msal (its tokens go) and
 * the grant facts are cleared; the mirrored data goes too unless `keepData`. History (sync runs, activity log) stays.
 * A sync of the tenant still running meets this through the tenant's lease: it is taken away in the same transaction
 * (a sync's lease goes; a grant's gets a new token, so the directory sync under it loses it too), and each of the
 * sync's commits proves the lease inside its own (lib/sync/commit.ts), so no page lands afterwards and no checkpoint
 * is left to skip pages at the next grant.
 */
export async function disconnect(deps: DisconnectDeps, tenantId: string, services: readonly ServiceId[], keepData: boolean): Promise<void> {
  const { db } = deps;
  const tenant = await getTenant(db, tenantId);
  if (!tenant) throw new AppError('invalid_input', { detail: { key: 'provisioning_tenantNotSetUp' } });
  const connectors = await connectorsOf(db, tenantId);
  const leaving = connectors.filter((c) => services.includes(c.service));
  const lastOne = leaving.length === connectors.length;
  if (lastOne && tenant.homeAccountId) await deps.signOut(tenant, tenant.homeAccountId);
  const tables = [db.tenants, db.connectors, db.activityLog, ...directoryTables(db), ...syncTables(db), ...eventTables(db)];
  await db.transaction('rw', tables, async () => {
    await deleteConnectors(
      db,
      leaving.map((c) => c.id),
    );
    if (lastOne) {
      await forgetGrant(db, tenant);
      await revokeLease(db, tenantId, crypto.randomUUID());
      await revokeTenantSync(db, tenantId, keepData);
      if (!keepData) await Promise.all([deleteTenantMirror(db, tenantId), deleteTenantEvents(db, tenantId)]);
    }
    const what = leaving.length ? servicesParam(leaving.map((c) => c.service)) : phrase('activity_nothing');
    await appendActivity(db, {
      at: deps.now(),
      tenantId,
      actor: 'admin',
      event: 'disconnected',
      detail: lastOne ? phrase(keepData ? 'activity_disconnectedDataKept' : 'activity_disconnectedDataDeleted', what) : what,
      outcome: 'success',
    });
  });
}
