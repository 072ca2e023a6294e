import type { Client } from '@microsoft/microsoft-graph-client';
import { AppError } from '../errors/app-error';
import type { PermissionGrant, RedirectPlatforms, RegistrationFacts } from '../registration/preflight';
import { toGraphError } from './client';
import { type Param, phrase } from '../i18n/phrase';

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
async function readable<T>(read: () => Promise<T>, what: Param): Promise<T | 'unreadable'> {
  try {
    return await read();
  } catch (error) {
    const failure = toGraphError(error, what);
    if (failure.code === 'graph_forbidden') return 'unreadable';
    throw failure;
  }
}

/** The id of the service principal of `appId` in the signed-in tenant, null when it has none (serviceprincipal-list.md). */
async function servicePrincipalOf(client: Client, appId: string): Promise<{ id: string } | null | 'unreadable'> {
  return readable(async () => {
    const found = (await client.api('/servicePrincipals').filter(`appId eq '${appId}'`).select(['id', 'appId']).get()) as Collection<{
      id: string;
    }>;
    const id = found.value[0]?.id;
    return id ? { id } : null;
  }, phrase('graph_whatServicePrincipal'));
}

/**
 * The delegated grants of one client service principal (oauth2permissiongrant-list.md: `$filter` on clientId), every
 * page: each user who consented on their own has a grant, so a large tenant can fill more than one.
 */
async function grantsOf(client: Client, servicePrincipalId: string): Promise<PermissionGrant[] | 'unreadable'> {
  return readable(async () => {
    const grants: PermissionGrant[] = [];
    let page = (await client.api('/oauth2PermissionGrants').filter(`clientId eq '${servicePrincipalId}'`).get()) as GrantPage;
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
      // The client's host guard keeps the token off any host but the tenant's Graph.
      page = (await client.api(next).get()) as GrantPage;
    }
  }, phrase('graph_whatPermissionGrants'));
}

/**
 * The registration's redirect URIs per platform (application-list.md, resources/application.md); null when the
 * application object is not in this tenant: a multi-tenant app registered elsewhere.
 */
async function redirectPlatformsOf(client: Client, appId: string): Promise<RedirectPlatforms | null | 'unreadable'> {
  return readable(async () => {
    const found = (await client
      .api('/applications')
      .filter(`appId eq '${appId}'`)
      .select(['id', 'appId', 'spa', 'web', 'publicClient'])
      .get()) as Collection<{
      spa?: { redirectUris?: string[] };
      web?: { redirectUris?: string[] };
      publicClient?: { redirectUris?: string[] };
    }>;
    const app = found.value[0];
    if (!app) return null;
    return { spa: app.spa?.redirectUris ?? [], web: app.web?.redirectUris ?? [], publicClient: app.publicClient?.redirectUris ?? [] };
  }, phrase('graph_whatApplication'));
}

/** The organisation's display name, as the admin center's "Grant admin consent for <tenant>" names it (organization-list-permissions.md: User.Read). */
async function tenantNameOf(client: Client): Promise<string | null> {
  try {
    const found = (await client.api('/organization').select(['id', 'displayName']).get()) as Collection<{ displayName?: string }>;
    return found.value[0]?.displayName ?? null;
  } catch {
    // Only a name for the words of a fix: the check stands without it.
    return null;
  }
}

/** Read what the pre-flight check compares: the app's service principal, its grants to Graph, its redirect URIs. */
export async function readRegistration(client: Client, clientId: string): Promise<RegistrationFacts> {
  if (!GUID.test(clientId)) throw new AppError('invalid_input', { detail: { key: 'auth_clientIdNotGuid' } });
  const [servicePrincipal, graphServicePrincipal, application, tenantName] = await Promise.all([
    servicePrincipalOf(client, clientId),
    servicePrincipalOf(client, MICROSOFT_GRAPH_APP_ID),
    redirectPlatformsOf(client, clientId),
    tenantNameOf(client),
  ]);
  // Without the app's service principal there is nothing to list grants of: unread stays unread, absent means none.
  const grants =
    servicePrincipal === 'unreadable' ? 'unreadable' : servicePrincipal === null ? [] : await grantsOf(client, servicePrincipal.id);
  return { servicePrincipal, graphServicePrincipal, grants, application, tenantName };
}
