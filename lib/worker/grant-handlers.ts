import { continueGrant, cancelGrant, type GrantDeps, resumeGrant, runGrant, startGrant } from '../provisioning/run-grant';
import { disconnect } from '../provisioning/disconnect';
import { getDb } from '../db';
import { AppError } from '../errors/app-error';
import { searchDirectory } from '../graph/search-directory';
import { onMessage } from '../messaging/protocol';
import { toResult } from '../messaging/result';
import { scopesFor } from '../connectors/services';
import { DEFAULT_POLICY_ID } from '../connectors/policies';
import { keepAlive } from '../lease/keep-alive';
import { graphFor, signInToTenant, tenantTarget } from './auth';
import { authHost } from './auth-host';
import { backfillForGrant, syncForGrant } from './sync-service';
import { reconcileSyncSchedules } from './sync-scheduler';
import { reportStopped } from './report-stopped';
import { checkNow } from './monitor-service';

function grantDeps(): GrantDeps {
  return {
    db: getDb(),
    now: () => Date.now(),
    newId: () => crypto.randomUUID(),
    signIn: (tenant, scopes, options) => signInToTenant(tenant, scopes, 'interactive', options),
    graph: graphFor,
    syncDirectory: syncForGrant,
    backfillActivity: backfillForGrant,
    signOut: (tenant, homeAccountId) => authHost().signOut(tenantTarget(tenant), homeAccountId),
    keepAlive,
  };
}

/**
 * Runs outlive the message that started them (a popup closes when the sign-in window opens). Whatever they changed,
 * the scheduled syncs are brought in line after.
 */
function inBackground(work: () => Promise<unknown>): void {
  work()
    .then(() => reconcileSyncSchedules())
    .then(() => checkNow())
    .catch(reportStopped('Grant run'));
}

/** Re-grant every connected service of a tenant with its scope and policy (a notification's button). */
export async function startRegrantOf(tenantId: string): Promise<string> {
  const deps = grantDeps();
  const tenant = await deps.db.tenants.get(tenantId);
  const connectors = await deps.db.connectors.where('tenantId').equals(tenantId).toArray();
  if (!tenant || connectors.length === 0) throw new AppError('not_signed_in');
  const run = await startGrant(deps, {
    tenantId,
    services: connectors.map((c) => c.service),
    syncScope: tenant.syncScope,
    policyId: connectors[0]?.policyId ?? DEFAULT_POLICY_ID,
    kind: 'regrant',
  });
  inBackground(() => runGrant(deps, run.id));
  return run.id;
}

/** Answer the Grant-access messages: start, resume, continue, cancel, the picker's search, and disconnect. */
export function registerGrantHandlers(): void {
  onMessage('worker:startGrant', ({ data }) =>
    toResult(async () => {
      const deps = grantDeps();
      const run = await startGrant(deps, data);
      inBackground(() => runGrant(deps, run.id));
      return { runId: run.id };
    }),
  );
  onMessage('worker:resumeGrant', ({ data }) =>
    toResult(() => {
      inBackground(() => resumeGrant(grantDeps(), data.runId));
      return { runId: data.runId };
    }),
  );
  onMessage('worker:continueGrant', ({ data }) =>
    toResult(() => {
      inBackground(() => continueGrant(grantDeps(), data.runId, data));
      return { runId: data.runId };
    }),
  );
  onMessage('worker:cancelGrant', ({ data }) => toResult(async () => (await cancelGrant(grantDeps(), data.runId), null)));
  onMessage('worker:searchDirectory', ({ data }) =>
    toResult(async () => {
      const db = getDb();
      const run = await db.grantRuns.get(data.runId);
      const tenant = run && (await db.tenants.get(run.tenantId));
      if (!run?.account || !tenant) throw new AppError('not_signed_in');
      return searchDirectory(graphFor(tenant, run.account.homeAccountId, scopesFor(run.services, tenant.cloud)), data.query);
    }),
  );
  onMessage('worker:disconnect', ({ data }) =>
    toResult(async () => {
      await disconnect(
        {
          db: getDb(),
          now: () => Date.now(),
          signOut: (tenant, homeAccountId) => authHost().signOut(tenantTarget(tenant), homeAccountId),
        },
        data.tenantId,
        data.services,
        data.keepData,
      );
      await reconcileSyncSchedules();
      await checkNow(false);
      return null;
    }),
  );
}
