import { scopesFor, servicesParam } from '../../connectors/services';
import type { ConnectorRecord, TenantRecord } from '../../db/types';
import { phrase } from '../../errors/phrase';
import { type HealthRead, tryReadServiceHealth } from '../../service-health/read';
import { connectorHealth, healthReadNote } from '../../service-health/record';
import { appendActivity } from '../../store/activity-log';
import { putConnectors } from '../../store/connectors';
import { putTenant } from '../../store/tenants';
import { entry, policyParam, scopeText } from '../grant-activity';
import type { GrantRun } from '../types';
import { type GrantDeps, graphOf, type GrantStepRun, signedInAccount } from './step';

const REFRESH_HORIZON_MS = 24 * 60 * 60 * 1000;

/** Connect: the tenant's grant facts and the connectors, with the service health read now. */
export const finish: GrantStepRun = async (ctx) => {
  const { deps, run, tenant } = ctx;
  const account = signedInAccount(ctx);
  // Read before the one transaction that connects; a failed read never fails the grant.
  const health = await tryReadServiceHealth(graphOf(ctx), 'grantStep', () => deps.now());
  // A re-grant with another account replaces the one the tenant was connected with: its tokens leave msal's cache
  // before the new account is written, so that should the sign-out fail, the step fails and resuming it tries again.
  if (tenant.homeAccountId && tenant.homeAccountId !== account.homeAccountId) await deps.signOut(tenant, tenant.homeAccountId);
  await connect(deps, run, tenant, account, health);
  const services = servicesParam(run.services);
  const detail = health.ok
    ? phrase('provisioning_servicesConnected', services)
    : phrase('provisioning_servicesConnectedWithNote', services, healthReadNote(health.error));
  return { detail, patch: { state: 'succeeded', finishedAt: deps.now() } };
};

/**
 * Write the tenant's grant facts and the connectors (with the service health just read, or the one they had when
 * the read failed) in one transaction: all connected, or nothing changed.
 */
async function connect(
  deps: GrantDeps,
  run: GrantRun,
  tenant: TenantRecord,
  account: NonNullable<GrantRun['account']>,
  health: HealthRead,
): Promise<void> {
  const { db } = deps;
  const now = deps.now();
  await db.transaction('rw', [db.tenants, db.connectors, db.activityLog], async () => {
    const existing = await db.connectors.where('tenantId').equals(tenant.tenantId).toArray();
    await putTenant(db, {
      ...tenant,
      displayName: run.organizationName ?? tenant.displayName,
      homeAccountId: account.homeAccountId,
      serviceAccountUpn: tenant.serviceAccountUpn ?? account.username,
      syncScope: run.syncScope,
      grant: {
        // Every connected service's permissions: a grant that adds services keeps the ones connected before.
        scopes: scopesFor([...new Set([...existing.map((c) => c.service), ...run.services])], tenant.cloud),
        grantedAt: now,
        // Entra's own figures from the sign-in; the estimates only when it gave none.
        expiresOn: account.expiresOn || now + 60 * 60 * 1000,
        refreshHorizon: account.refreshHorizon ?? now + REFRESH_HORIZON_MS,
        lastValidatedAt: now,
      },
    });
    const connectors: ConnectorRecord[] = run.services.map((service) => {
      const before = existing.find((c) => c.service === service);
      return {
        ...before,
        id: `${tenant.tenantId}:${service}`,
        tenantId: tenant.tenantId,
        service,
        policyId: run.policyId,
        connectedAt: before?.connectedAt ?? now,
        lastSyncAt: now,
        serviceHealth: connectorHealth(health, service) ?? before?.serviceHealth,
      };
    });
    await putConnectors(db, connectors);
    if (!health.ok)
      await appendActivity(db, entry(deps.now(), { ...run, account }, 'service_health', healthReadNote(health.error), 'failure'));
    const what = run.kind === 'scope_switch' ? 'scope_switched' : run.kind === 'regrant' ? 'regranted' : 'granted';
    await appendActivity(
      db,
      entry(
        deps.now(),
        { ...run, account },
        what,
        phrase('provisioning_grantSummary', servicesParam(run.services), scopeText(run), policyParam(run.policyId)),
        'success',
      ),
    );
  });
}
