import { servicesParam } from '../connectors/services';
import type { AppDB } from '../db/app-db';
import type { ServiceId, TenantRecord } from '../db/types';
import { AppError } from '../errors/app-error';
import { phrase } from '../i18n/phrase';

export interface DisconnectDeps {
  db: AppDB;
  now(): number;
  /** Remove the account's tokens from msal's cache. */
  signOut(tenant: TenantRecord, homeAccountId: string): Promise<void>;
}

/** The tables that hold what was mirrored from a tenant. */
const MIRROR_TABLES = ['users', 'groups', 'memberOf', 'syncCheckpoints', 'events'] as const;

/**
 * Disconnect services of a tenant. When no service is left, the account is signed out of msal (its tokens go) and
 * the grant facts are cleared; the mirrored data goes too unless `keepData`. History (sync runs, activity log) stays.
 */
export async function disconnect(deps: DisconnectDeps, tenantId: string, services: readonly ServiceId[], keepData: boolean): Promise<void> {
  const { db } = deps;
  const tenant = await db.tenants.get(tenantId);
  if (!tenant) throw new AppError('invalid_input', { detail: { key: 'provisioning_tenantNotSetUp' } });
  const connectors = await db.connectors.where('tenantId').equals(tenantId).toArray();
  const leaving = connectors.filter((c) => services.includes(c.service));
  const lastOne = leaving.length === connectors.length;
  if (lastOne && tenant.homeAccountId) await deps.signOut(tenant, tenant.homeAccountId);
  const tables = [db.tenants, db.connectors, db.activityLog, ...MIRROR_TABLES.map((name) => db.table(name))];
  await db.transaction('rw', tables, async () => {
    await db.connectors.bulkDelete(leaving.map((c) => c.id));
    if (lastOne) {
      const { grant, homeAccountId, ...rest } = tenant;
      await db.tenants.put(rest);
      if (!keepData) {
        for (const name of MIRROR_TABLES) {
          await db
            .table(name)
            .filter((record: { tenantId?: string }) => record.tenantId === tenantId)
            .delete();
        }
      }
    }
    const what = leaving.length ? servicesParam(leaving.map((c) => c.service)) : phrase('activity_nothing');
    await db.activityLog.add({
      at: deps.now(),
      tenantId,
      actor: 'admin',
      event: 'disconnected',
      detail: lastOne ? phrase(keepData ? 'activity_disconnectedDataKept' : 'activity_disconnectedDataDeleted', what) : what,
      outcome: 'success',
    });
  });
}
