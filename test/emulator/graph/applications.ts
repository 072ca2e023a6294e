// The app registration as Graph shows it in each org: /servicePrincipals, /oauth2PermissionGrants, /applications.
// Shapes from microsoftgraph/microsoft-graph-docs-contrib api-reference/v1.0/resources/serviceprincipal.md,
// oauth2permissiongrant.md and application.md (spa/web/publicClient each carry `redirectUris`).
//
// The model: the app is registered in the first org (its home tenant); every other org sees it as a multi-tenant app,
// with a service principal once somebody there consented but no application object. Grants come from the consent the
// org has given: `adminConsent` (one AllPrincipals grant, as "Grant admin consent for <tenant>" makes) and each user's
// own consent on the consent page (one Principal grant per user), both to Microsoft Graph's service principal.

import type { OrgRuntime, TenantState } from '../state.ts';
import { guid, createRandom, seedOf } from '../org/random.ts';
import { FilterError, parseFilter } from './filter.ts';
import { APP_NAME } from '../entra/errors.ts';
import { badRequest, GraphError, type Caller, type GraphResponse } from './types.ts';

/** Microsoft Graph's appId, the same in every tenant (resources/oauth2permissiongrant.md). */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

export type RedirectPlatform = 'spa' | 'web' | 'publicClient';

/** The registration's redirect URIs per platform (application.md: spa, web, publicClient). */
export interface AppRegistration {
  objectId: string;
  redirectUris: Record<RedirectPlatform, string[]>;
}

/** The start state: every configured redirect URI under Single-page application, as the README tells admins. */
export function initialRegistration(clientId: string, redirectUris: string[]): AppRegistration {
  return {
    objectId: guid(createRandom(seedOf('application', clientId))),
    redirectUris: { spa: [...redirectUris], web: [], publicClient: [] },
  };
}

/** Moves one of the registration's redirect URIs to `platform` (Authentication > Add a platform in the Entra admin center). */
export function setRedirectPlatform(state: TenantState, uri: string, platform: RedirectPlatform): void {
  if (!['spa', 'web', 'publicClient'].includes(platform)) throw new Error(`Unknown platform '${String(platform)}'.`);
  if (!state.redirectUris.includes(uri)) throw new Error(`'${uri}' is not a redirect URI of the registration.`);
  const lists = state.registration.redirectUris;
  for (const key of Object.keys(lists) as RedirectPlatform[]) lists[key] = lists[key].filter((u) => u !== uri);
  lists[platform].push(uri);
}

const idIn = (org: OrgRuntime, what: string) => guid(createRandom(seedOf('servicePrincipal', what, org.spec.tenantId)));

/** Every scope anybody in the org consented to for the app (grants as Graph would list them). */
function grantsOf(state: TenantState, org: OrgRuntime): Array<Record<string, unknown>> {
  const client = idIn(org, state.clientId);
  const resource = idIn(org, GRAPH_APP_ID);
  const grants: Array<Record<string, unknown>> = [];
  if (org.adminConsent.size > 0) {
    grants.push({
      id: idIn(org, 'grant-all'),
      clientId: client,
      consentType: 'AllPrincipals',
      principalId: null,
      resourceId: resource,
      scope: [...org.adminConsent].join(' '),
    });
  }
  for (const [userId, scopes] of org.userConsents) {
    if (scopes.size === 0 || !org.generated.directory.user(userId)) continue;
    grants.push({
      id: idIn(org, `grant-${userId}`),
      clientId: client,
      consentType: 'Principal',
      principalId: userId,
      resourceId: resource,
      scope: [...scopes].join(' '),
    });
  }
  return grants;
}

function servicePrincipalsOf(state: TenantState, org: OrgRuntime): Array<Record<string, unknown>> {
  const home = state.orgs[0];
  const graph = {
    id: idIn(org, GRAPH_APP_ID),
    appId: GRAPH_APP_ID,
    displayName: 'Microsoft Graph',
    appDisplayName: 'Microsoft Graph',
    servicePrincipalType: 'Application',
    accountEnabled: true,
    appOwnerOrganizationId: 'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
  };
  // In its home tenant the app has a service principal from the start; elsewhere only once someone consented.
  const consented = org === home || org.adminConsent.size > 0 || [...org.userConsents.values()].some((s) => s.size > 0);
  const app = {
    id: idIn(org, state.clientId),
    appId: state.clientId,
    displayName: APP_NAME,
    appDisplayName: APP_NAME,
    servicePrincipalType: 'Application',
    accountEnabled: true,
    appOwnerOrganizationId: home?.spec.tenantId ?? null,
  };
  return consented ? [app, graph] : [graph];
}

function applicationsOf(state: TenantState, org: OrgRuntime): Array<Record<string, unknown>> {
  if (org !== state.orgs[0]) return [];
  const { objectId, redirectUris } = state.registration;
  return [
    {
      id: objectId,
      appId: state.clientId,
      displayName: APP_NAME,
      signInAudience: 'AzureADMyOrg',
      publisherDomain: org.spec.domain,
      spa: { redirectUris: [...redirectUris.spa] },
      web: {
        redirectUris: [...redirectUris.web],
        homePageUrl: null,
        logoutUrl: null,
        implicitGrantSettings: { enableAccessTokenIssuance: false, enableIdTokenIssuance: false },
      },
      publicClient: { redirectUris: [...redirectUris.publicClient] },
    },
  ];
}

/** A directory collection with `$filter` (on the listed properties) and `$select`, one page (these sets are tiny). */
function list(c: Caller, entitySet: string, type: string, items: Array<Record<string, unknown>>, defaults: string[]): GraphResponse {
  const rawFilter = c.request.query.get('$filter');
  let keep = (_: Record<string, unknown>) => true;
  if (rawFilter) {
    try {
      const predicate = parseFilter(rawFilter, (p) => defaults.includes(p));
      keep = (item) => predicate((p) => item[p]);
    } catch (err) {
      if (err instanceof FilterError) throw new GraphError(400, 'Request_UnsupportedQuery', `Unsupported Query. ${err.message}`);
      throw err;
    }
  }
  const rawSelect = c.request.query.get('$select');
  const select = rawSelect
    ? rawSelect
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : null;
  const known = new Set(defaults);
  for (const name of select ?? []) {
    if (!known.has(name))
      throw badRequest(`Could not find a property named '${name}' on type 'microsoft.graph.${type}'.`, 'Request_BadRequest');
  }
  const props = select ? ['id', ...select.filter((s) => s !== 'id')] : defaults;
  const value = items.filter(keep).map((item) => Object.fromEntries(props.filter((p) => p in item).map((p) => [p, item[p]])));
  const context = select ? `${c.base}/$metadata#${entitySet}(${select.join(',')})` : `${c.base}/$metadata#${entitySet}`;
  return { status: 200, body: { '@odata.context': context, value } };
}

const SP_PROPS = ['id', 'appId', 'displayName', 'appDisplayName', 'servicePrincipalType', 'accountEnabled', 'appOwnerOrganizationId'];
const GRANT_PROPS = ['id', 'clientId', 'consentType', 'principalId', 'resourceId', 'scope'];
const APP_PROPS = ['id', 'appId', 'displayName', 'signInAudience', 'publisherDomain', 'spa', 'web', 'publicClient'];

export const listServicePrincipals = (c: Caller) =>
  list(c, 'servicePrincipals', 'servicePrincipal', servicePrincipalsOf(c.state, c.org), SP_PROPS);
export const listPermissionGrants = (c: Caller) =>
  list(c, 'oauth2PermissionGrants', 'oAuth2PermissionGrant', grantsOf(c.state, c.org), GRANT_PROPS);
export const listApplications = (c: Caller) => list(c, 'applications', 'application', applicationsOf(c.state, c.org), APP_PROPS);
