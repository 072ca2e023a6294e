import type { AppDB } from '../db/app-db';
import type { TenantRecord } from '../db/types';

// The owner of `tenants`: every write of a tenant record goes through here (eslint.config.js holds the line).

/** One tenant's record, if it is set up. */
export function getTenant(db: AppDB, tenantId: string): Promise<TenantRecord | undefined> {
  return db.tenants.get(tenantId);
}

/** Keep a tenant's record as given (added, its settings changed, its grant facts renewed). */
export async function putTenant(db: AppDB, tenant: TenantRecord): Promise<void> {
  await db.tenants.put(tenant);
}

/** Mute or unmute a tenant's notifications; false when the tenant is gone. */
export async function setNotificationsMuted(db: AppDB, tenantId: string, muted: boolean): Promise<boolean> {
  return (await db.tenants.update(tenantId, { notificationsMuted: muted })) > 0;
}

/** The tenant is disconnected: its account and grant facts go, its settings (scope, client id) stay. */
export async function forgetGrant(db: AppDB, tenant: TenantRecord): Promise<void> {
  const { grant: _grant, homeAccountId: _account, ...rest } = tenant;
  await db.tenants.put(rest);
}
