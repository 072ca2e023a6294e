import { scopesFor } from '../../../lib/connectors/services';
import type { AppDB } from '../../../lib/db/app-db';
import type { ServiceId } from '../../../lib/db/types';
import { createGraphTransport, type GraphTransport } from '../../../lib/graph/transport';
import type { GrantDeps } from '../../../lib/provisioning/run-grant';
import { acquireTokens } from '../../emulator/test-support.ts';
import type { TestTenant } from '../sync/harness';

/** The three services a grant of these tests asks for. */
export const SERVICES: ServiceId[] = ['exchange', 'sharepoint', 'onedrive'];

/**
 * A Graph transport on the local tenant with the admin's token for every scope the three services need. Call it
 * after `control.reset()`, which ends issued tokens: the first request signs in again.
 */
export function adminTransport(t: TestTenant, sleep: (ms: number) => Promise<void> = () => Promise.resolve()): GraphTransport {
  let token: Promise<string> | undefined;
  return createGraphTransport({
    graphHost: t.tenant.graphBaseUrl,
    sleep,
    getAccessToken: () =>
      (token ??= acquireTokens(t.tenant, {
        authority: t.org.tenantId,
        username: t.org.admin.userPrincipalName,
        password: t.org.admin.password,
        scopes: scopesFor(SERVICES),
      }).then(({ tokens }) => tokens.access_token)),
  });
}

/** A grant's deps whose checks run against the local tenant as its admin; sign-in, sync and backfill are stubbed. */
export function adminGrantDeps(t: TestTenant, db: AppDB, graph: GraphTransport, now: () => number): GrantDeps {
  let id = 0;
  return {
    db,
    now,
    newId: () => `run-${++id}`,
    signIn: () =>
      Promise.resolve({
        homeAccountId: 'home',
        tenantId: t.org.tenantId,
        objectId: t.org.admin.id,
        username: t.org.admin.userPrincipalName,
        name: t.org.admin.displayName,
        scopes: scopesFor(SERVICES),
        expiresOn: now() + 3_600_000,
        roleTemplateIds: [],
      }),
    graph: () => graph,
    syncDirectory: () => Promise.resolve('synced'),
    backfillActivity: () => Promise.resolve('backfilled'),
    signOut: () => Promise.resolve(),
  };
}
