import { browser } from 'wxt/browser';
import { scopesFor, servicesParam } from '../connectors/services';
import { getDb } from '../db';
import type { TenantRecord } from '../db/types';
import { AppError, fromErrorData } from '../errors/app-error';
import { keepAlive } from '../lease/keep-alive';
import type { ErrorCode } from '../errors/codes';
import { type Phrase, phrase, plural } from '../errors/phrase';
import type { GrantRun } from '../provisioning/types';
import { backfillActivity, syncDirectory, type SyncDeps } from '../sync';
import { sessionUnrecordedEnds } from '../sync/unrecorded-end-store';
import { graphFor } from './auth';

/** The sync engine's dependencies in the worker, for one tenant and account. */
export function syncDeps(tenant: TenantRecord, homeAccountId: string, scopes: string[], onPage?: () => Promise<void>): SyncDeps {
  return {
    db: getDb(),
    // The Graph transport: its client, the tenant cloud's Graph host, the clock and the sleep between retries.
    ...graphFor(tenant, homeAccountId, scopes),
    ownerId: `worker:${browser.runtime.id}`,
    // Between pages and while a page is awaited: the MV3 worker stays alive through a long sync.
    checkpointReached: async () => {
      await keepAlive();
      await onPage?.();
      return true;
    },
    keepAlive,
    unrecordedEnds: sessionUnrecordedEnds,
  };
}

/** The grant's initial sync, under the grant's lease: fails the step with the run's reason unless it succeeded. */
export async function syncForGrant(tenant: TenantRecord, run: GrantRun): Promise<Phrase> {
  if (!run.account) throw new AppError('not_signed_in');
  const result = await syncDirectory(
    syncDeps(tenant, run.account.homeAccountId, scopesFor(run.services, tenant.cloud)),
    tenant,
    'grant',
    run.id,
  );
  if (result.outcome !== 'success') {
    const code = (result.reasonCode ?? 'unknown') as ErrorCode;
    throw fromErrorData({
      code,
      ...(result.reasonParams && { params: result.reasonParams }),
      ...(result.reasonIds && { ids: result.reasonIds }),
    });
  }
  return phrase('worker_grantSynced', result.usersWritten, result.groupsWritten);
}

/**
 * The grant's 7-day activity backfill, each connected service's own events included; a tenant without Entra ID P1/P2
 * or without Purview's audit search gets a note, not a failure, and a query Microsoft still runs is said to come later.
 */
export async function backfillForGrant(tenant: TenantRecord, run: GrantRun): Promise<Phrase> {
  if (!run.account) throw new AppError('not_signed_in');
  // The grant's token covers the services connected before too (run-grant.ts executeStep): their events are read.
  const connected = (await getDb().connectors.where('tenantId').equals(tenant.tenantId).toArray()).map((c) => c.service);
  const services = [...new Set([...connected, ...run.services])];
  const scopes = scopesFor(services, tenant.cloud);
  const result = await backfillActivity(syncDeps(tenant, run.account.homeAccountId, scopes), tenant, 7, undefined, { services, scopes });
  const added = plural(result.added, { one: 'worker_grantEventAdded', other: 'worker_grantEventsAdded' });
  const told = result.notes ? phrase('worker_grantEventsWithNote', added, result.notes) : added;
  return result.auditSearchPending ? phrase('worker_grantAuditSearchPending', told, servicesParam(result.auditSearchPending)) : told;
}
