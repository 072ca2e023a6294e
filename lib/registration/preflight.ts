/**
 * The pre-flight check of an app registration: what the tenant has granted the app, compared with what the chosen
 * services need, and where the extension's redirect URI is registered. Pure: the Graph reads (lib/graph/registration.ts)
 * bring the facts, this decides; the console turns the codes into words and Entra admin center steps.
 *
 * Facts, from Microsoft Graph v1.0 (microsoftgraph/microsoft-graph-docs-contrib):
 * - a delegated grant is an oAuth2PermissionGrant (resources/oauth2permissiongrant.md): `consentType` 'AllPrincipals'
 *   is consent for every user (admin consent), 'Principal' is one user's own consent (`principalId`); `scope` is a
 *   space-separated list; `resourceId` is the API's service principal (Microsoft Graph: appId
 *   00000003-0000-0000-c000-000000000000);
 * - redirect URIs live per platform on the application object (resources/application.md): `spa.redirectUris`,
 *   `web.redirectUris`, `publicClient.redirectUris`. A code redeemed by a browser for a URI that is not under `spa`
 *   fails with AADSTS9002326.
 */

import type { RegistrationFacts } from '../graph/types';

// The facts are what lib/graph/registration.ts reads; re-exported for the check's readers.
export type { PermissionGrant, RegistrationFacts } from '../graph/types';

/**
 * What the pre-flight check asks for besides what the services need: Directory.Read.All is the least privileged
 * delegated permission of GET /oauth2PermissionGrants and is also accepted by GET /servicePrincipals and GET
 * /applications (Application.Read.All would add a
 * permission without saving one). Sources, in
 * microsoftgraph/microsoft-graph-docs-contrib api-reference/v1.0/includes/permissions/:
 * oauth2permissiongrant-list-permissions.md, serviceprincipal-list-permissions.md, application-list-permissions.md.
 */
export const PREFLIGHT_SCOPES = ['User.Read', 'Directory.Read.All'];

/** How one needed permission stands in this tenant. */
export type PermissionStanding = 'admin_consent' | 'user_consent' | 'missing' | 'unknown';

/** Where the extension's redirect URI is registered. */
export type RedirectStanding = 'spa' | 'web' | 'public_client' | 'missing' | 'unknown';

/** A problem found, with what the console needs to name the fix. */
export type PreflightProblem =
  | { kind: 'permission_missing'; scope: string }
  | { kind: 'admin_consent_missing'; scopes: string[] }
  | { kind: 'redirect_wrong_platform'; redirectUri: string; platform: 'web' | 'public_client' }
  | { kind: 'redirect_missing'; redirectUri: string }
  | { kind: 'grants_unverified' }
  | { kind: 'redirect_unverified'; reason: 'not_readable' | 'other_tenant' };

export interface PreflightReport {
  /** Echoed for the words of the fixes. */
  redirectUri: string;
  tenantName: string | null;
  permissions: Array<{ scope: string; standing: PermissionStanding }>;
  /** Admin consent covers every needed permission, some of them, none, or the grants could not be read. */
  adminConsent: 'all' | 'some' | 'none' | 'unknown';
  redirect: RedirectStanding;
  problems: PreflightProblem[];
}

export interface PreflightInput {
  /** What the chosen services need: `scopesFor(services)`. */
  needed: readonly string[];
  /** The signed-in administrator's object id: a 'Principal' grant counts only when it is theirs. */
  userId: string;
  redirectUri: string;
  facts: RegistrationFacts;
}

const splitScope = (scope: string): string[] => scope.split(' ').filter(Boolean);
const sameScope = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Which grants say what about Graph permissions for this app: the scopes consented for everyone and for this user. */
function consented(input: PreflightInput): { everyone: string[]; user: string[] } | 'unknown' {
  const { servicePrincipal, graphServicePrincipal, grants } = input.facts;
  if (servicePrincipal === 'unreadable' || graphServicePrincipal === 'unreadable' || grants === 'unreadable') return 'unknown';
  // No service principal: nobody in this tenant has consented to the app yet, so nothing is granted.
  if (servicePrincipal === null || graphServicePrincipal === null) return { everyone: [], user: [] };
  const toGraph = grants.filter((grant) => grant.clientId === servicePrincipal.id && grant.resourceId === graphServicePrincipal.id);
  return {
    everyone: toGraph.filter((grant) => grant.consentType === 'AllPrincipals').flatMap((grant) => splitScope(grant.scope)),
    user: toGraph
      .filter((grant) => grant.consentType === 'Principal' && grant.principalId === input.userId)
      .flatMap((grant) => splitScope(grant.scope)),
  };
}

function standingOf(scope: string, granted: ReturnType<typeof consented>): PermissionStanding {
  if (granted === 'unknown') return 'unknown';
  if (granted.everyone.some((s) => sameScope(s, scope))) return 'admin_consent';
  if (granted.user.some((s) => sameScope(s, scope))) return 'user_consent';
  return 'missing';
}

function redirectStanding(application: RegistrationFacts['application'], redirectUri: string): RedirectStanding {
  if (application === null || application === 'unreadable') return 'unknown';
  // Entra compares redirect URIs exactly, apart from the case of the host; the extension's is lower case already.
  const listed = (uris: string[]) => uris.some((uri) => uri === redirectUri);
  if (listed(application.spa)) return 'spa';
  if (listed(application.web)) return 'web';
  if (listed(application.publicClient)) return 'public_client';
  return 'missing';
}

/** Compare what the tenant granted and registered with what the chosen services need. */
export function evaluatePreflight(input: PreflightInput): PreflightReport {
  const granted = consented(input);
  const permissions = input.needed.map((scope) => ({ scope, standing: standingOf(scope, granted) }));
  const problems: PreflightProblem[] = [];

  if (granted === 'unknown') problems.push({ kind: 'grants_unverified' });
  for (const permission of permissions) {
    if (permission.standing === 'missing') problems.push({ kind: 'permission_missing', scope: permission.scope });
  }
  const userOnly = permissions.filter((permission) => permission.standing === 'user_consent').map((permission) => permission.scope);
  if (userOnly.length > 0) problems.push({ kind: 'admin_consent_missing', scopes: userOnly });

  const redirect = redirectStanding(input.facts.application, input.redirectUri);
  if (redirect === 'web' || redirect === 'public_client') {
    problems.push({ kind: 'redirect_wrong_platform', redirectUri: input.redirectUri, platform: redirect });
  } else if (redirect === 'missing') {
    problems.push({ kind: 'redirect_missing', redirectUri: input.redirectUri });
  } else if (redirect === 'unknown') {
    problems.push({ kind: 'redirect_unverified', reason: input.facts.application === null ? 'other_tenant' : 'not_readable' });
  }

  const byAdmin = permissions.filter((permission) => permission.standing === 'admin_consent').length;
  const adminConsent = granted === 'unknown' ? 'unknown' : byAdmin === 0 ? 'none' : byAdmin === permissions.length ? 'all' : 'some';
  return { redirectUri: input.redirectUri, tenantName: input.facts.tenantName, permissions, adminConsent, redirect, problems };
}
