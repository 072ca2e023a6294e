import type { ConnectorRecord, SyncScope, TenantRecord } from '../db/types';
import { t } from '../i18n/t';

export interface ScopeDecision {
  scope: SyncScope;
  /** True when connected services fix the scope; `reason` says so in the admin's words. */
  locked: boolean;
  reason?: string;
}

/**
 * The sync scope belongs to the tenant: once any of its services is connected, every other service uses the same
 * scope. Changing it is a scope switch, which re-grants every connected service. A connector record is a connected
 * service (the grant writes it, Disconnect deletes it), whatever its derived status: an expired grant still fixes
 * the scope, since re-granting it keeps the scope.
 */
export function decideScope(tenant: TenantRecord, connectors: readonly ConnectorRecord[], wanted: SyncScope): ScopeDecision {
  const connected = connectors.filter((c) => c.tenantId === tenant.tenantId);
  if (connected.length === 0) return { scope: wanted, locked: false };
  const mode = tenant.syncScope.mode === 'all' ? t('provisioning_scopeAll') : t('provisioning_scopeSelected');
  return {
    scope: tenant.syncScope,
    locked: true,
    reason: t('provisioning_scopeLocked', mode),
  };
}

/** True when two scopes choose the same things. */
export function sameScope(a: SyncScope, b: SyncScope): boolean {
  if (a.mode !== b.mode) return false;
  if (a.mode === 'all' || b.mode === 'all') return true;
  const same = (x: string[], y: string[]) => x.length === y.length && [...x].sort().join() === [...y].sort().join();
  return same(a.userIds, b.userIds) && same(a.groupIds, b.groupIds);
}
