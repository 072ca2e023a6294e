import { policyById } from '../../connectors/policies';
import { scopesFor } from '../../connectors/services';
import type { ConnectorRecord, TenantRecord } from '../../db/types';
import { t } from '../../i18n/t';
import { type HealthRead, tryReadServiceHealth } from '../../service-health/read';
import { connectorHealth, healthReadNote } from '../../service-health/record';
import { appendActivity } from '../../store/activity-log';
import { putConnectors } from '../../store/connectors';
import { putTenant } from '../../store/tenants';
import { entry, scopeText, servicesText } from '../grant-activity';
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
  const services = servicesText(run.services);
  const detail = health.ok
    ? t('provisioning_servicesConnected', services)
    : t('provisioning_servicesConnectedWithNote', services, healthReadNote(health.error));
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
        scopes: scopesFor([...new Set([...existing.map((c) => c.service), ...run.services])]),
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
      await appendActivity(
        db,
        entry(deps.now(), { ...run, account }, t('activity_actionServiceHealth'), healthReadNote(health.error), 'failure'),
      );
    const what = t(
      run.kind === 'scope_switch'
        ? 'activity_actionScopeSwitched'
        : run.kind === 'regrant'
          ? 'activity_actionRegranted'
          : 'activity_actionGranted',
    );
    await appendActivity(
      db,
      entry(
        deps.now(),
        { ...run, account },
        what,
        t('provisioning_grantSummary', servicesText(run.services), scopeText(run), policyById(run.policyId)?.name ?? run.policyId),
        'success',
      ),
    );
  });
}
