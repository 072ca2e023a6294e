import { AppError, GraphError } from '../errors/app-error';
import { type Param, phrase } from '../errors/phrase';
import type { PermissionGrant, RedirectPlatforms, RegistrationFacts } from './types';
import { type GraphTransport, graphGet, query } from './transport';

/** Microsoft Graph's own appId, the same in every tenant (resources/oauth2permissiongrant.md: the grant's resource). */
export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

interface Collection<T> {
  value: T[];
}

type GrantPage = Collection<Partial<PermissionGrant> & Pick<PermissionGrant, 'clientId' | 'consentType' | 'resourceId'>> & {
  '@odata.nextLink'?: string;
};

// A GUID in an OData string literal: Graph rejects anything else here anyway, and this keeps the filter well formed.
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Run one read; a 403 means the check's own permission was refused, which is worth saying, not failing over. */
async function readable<T>(read: () => Promise<T>): Promise<T | 'unreadable'> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof GraphError && error.code === 'graph_forbidden') return 'unreadable';
    throw error;
  }
}

/** The pre-flight check's reads: the admin waits on the page, as for a grant step. */
function read<T>(transport: GraphTransport, url: string, what: Param): Promise<T> {
  return graphGet<T>(transport, url, { what, budget: 'grantStep' });
}

/** The id of the service principal of `appId` in the signed-in tenant, null when it has none (serviceprincipal-list.md). */
async function servicePrincipalOf(transport: GraphTransport, appId: string): Promise<{ id: string } | null | 'unreadable'> {
  return readable(async () => {
    const found = await read<Collection<{ id: string }>>(
      transport,
      `/servicePrincipals${query({ $filter: `appId eq '${appId}'`, $select: 'id,appId' })}`,
      phrase('graph_whatServicePrincipal'),
    );
    const id = found.value[0]?.id;
    return id ? { id } : null;
  });
}

/**
 * The delegated grants of one client service principal (oauth2permissiongrant-list.md: `$filter` on clientId), every
 * page: each user who consented on their own has a grant, so a large tenant can fill more than one.
 */
async function grantsOf(transport: GraphTransport, servicePrincipalId: string): Promise<PermissionGrant[] | 'unreadable'> {
  const what = phrase('graph_whatPermissionGrants');
  return readable(async () => {
    const grants: PermissionGrant[] = [];
    let page = await read<GrantPage>(
      transport,
      `/oauth2PermissionGrants${query({ $filter: `clientId eq '${servicePrincipalId}'` })}`,
      what,
    );
    for (;;) {
      for (const grant of page.value) {
        grants.push({
          clientId: grant.clientId,
          consentType: grant.consentType,
          principalId: grant.principalId ?? null,
          resourceId: grant.resourceId,
          scope: grant.scope ?? '',
        });
      }
      const next = page['@odata.nextLink'];
      if (!next) return grants;
      // The transport's host guard keeps the token off any host but the tenant's Graph.
      page = await read<GrantPage>(transport, next, what);
    }
  });
}

/**
 * The registration's redirect URIs per platform (application-list.md, resources/application.md); null when the
 * application object is not in this tenant: a multi-tenant app registered elsewhere.
 */
async function redirectPlatformsOf(transport: GraphTransport, appId: string): Promise<RedirectPlatforms | null | 'unreadable'> {
  return readable(async () => {
    const found = await read<
      Collection<{
        spa?: { redirectUris?: string[] };
        web?: { redirectUris?: string[] };
        publicClient?: { redirectUris?: string[] };
      }>
    >(
      transport,
      `/applications${query({ $filter: `appId eq '${appId}'`, $select: 'id,appId,spa,web,publicClient' })}`,
      phrase('graph_whatApplication'),
    );
    const app = found.value[0];
    if (!app) return null;
    return { spa: app.spa?.redirectUris ?? [], web: app.web?.redirectUris ?? [], publicClient: app.publicClient?.redirectUris ?? [] };
  });
}

/** The organisation's display name, as the admin center's "Grant admin consent for <tenant>" names it (organization-list-permissions.md: User.Read). */
async function tenantNameOf(transport: GraphTransport): Promise<string | null> {
  try {
    const found = await read<Collection<{ displayName?: string }>>(
      transport,
      `/organization${query({ $select: 'id,displayName' })}`,
      phrase('graph_whatOrganization'),
    );
    return found.value[0]?.displayName ?? null;
  } catch {
    // Only a name for the words of a fix: the check stands without it.
    return null;
  }
}

/** Read what the pre-flight check compares: the app's service principal, its grants to Graph, its redirect URIs. */
export async function readRegistration(transport: GraphTransport, clientId: string): Promise<RegistrationFacts> {
  if (!GUID.test(clientId)) throw new AppError('invalid_input', { detail: { key: 'auth_clientIdNotGuid' } });
  const [servicePrincipal, graphServicePrincipal, application, tenantName] = await Promise.all([
    servicePrincipalOf(transport, clientId),
    servicePrincipalOf(transport, MICROSOFT_GRAPH_APP_ID),
    redirectPlatformsOf(transport, clientId),
    tenantNameOf(transport),
  ]);
  // Without the app's service principal there is nothing to list grants of: unread stays unread, absent means none.
  const grants =
    servicePrincipal === 'unreadable' ? 'unreadable' : servicePrincipal === null ? [] : await grantsOf(transport, servicePrincipal.id);
  return { servicePrincipal, graphServicePrincipal, grants, application, tenantName };
}
