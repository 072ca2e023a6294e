// Graph delegated scopes the emulator can grant, and Entra's scope spelling rules.

import { DELEGATED_PERMISSIONS, OIDC_SCOPE_NAMES } from '../contract/permissions.ts';
import { GRAPH_RESOURCE } from '../state.ts';

/** openid, profile, email, offline_access (MicrosoftDocs/entra-docs docs/identity-platform/scopes-oidc.md). */
export const OIDC_SCOPES: readonly string[] = OIDC_SCOPE_NAMES;

/**
 * Every delegated Graph permission the emulator can grant: exactly the names Microsoft publishes as delegated in the
 * tables of the operations the product makes (test/emulator/contract/graph-permissions.json). Anything else, an
 * application-only permission such as Mail.ReadBasic.All included, is refused at sign-in like Entra (AADSTS650053).
 */
export const GRAPH_SCOPES: readonly string[] = DELEGATED_PERMISSIONS;

const canonical = new Map<string, string>(GRAPH_SCOPES.map((s) => [s.toLowerCase(), s]));

/**
 * Rewrites a requested scope string into what oidc-provider knows: Graph scopes may come as
 * `https://graph.microsoft.com/User.Read` (msal's resource-qualified form) or short; `.default` stands for every
 * permission of the app registration.
 */
export function normaliseRequestedScopes(scope: string): string {
  const out: string[] = [];
  for (const raw of scope.split(/\s+/).filter(Boolean)) {
    const name = raw.toLowerCase().startsWith(`${GRAPH_RESOURCE}/`) ? raw.slice(GRAPH_RESOURCE.length + 1) : raw;
    if (name === '.default') out.push(...GRAPH_SCOPES);
    else out.push(canonical.get(name.toLowerCase()) ?? name);
  }
  return [...new Set(out)].join(' ');
}

/** The scopes a token response and the `scp` claim carry: Graph scopes short, OIDC scopes as granted. */
export function shortScopes(scope: string): string[] {
  return [
    ...new Set(
      scope
        .split(/\s+/)
        .filter((s) => s && s !== 'offline_access')
        .map((s) => normaliseRequestedScopes(s)),
    ),
  ];
}

export function isOidcScope(scope: string): boolean {
  return OIDC_SCOPES.includes(scope);
}

/**
 * The first Graph permission in a requested scope string that Microsoft does not publish as delegated (short, as
 * written), or undefined. Scopes of other resources (`api://...`) are left to the usual checks.
 */
export function unpublishedGraphScope(scope: string): string | undefined {
  for (const raw of scope.split(/\s+/).filter(Boolean)) {
    const name = raw.toLowerCase().startsWith(`${GRAPH_RESOURCE}/`) ? raw.slice(GRAPH_RESOURCE.length + 1) : raw;
    if (name === '.default' || isOidcScope(name) || /[/:]/.test(name)) continue;
    if (!canonical.has(name.toLowerCase())) return name;
  }
  return undefined;
}

const descriptions: Record<string, string> = {
  openid: 'Sign you in',
  profile: 'View your basic profile',
  email: 'View your email address',
  offline_access: 'Maintain access to data you have given it access to',
  'User.Read': 'Sign you in and read your profile',
  'User.Read.All': "Read all users' full profiles",
  'User.ReadBasic.All': "Read all users' basic profiles",
  'Group.Read.All': 'Read all groups',
  'GroupMember.Read.All': 'Read group memberships',
  'Directory.Read.All': 'Read directory data',
  'Organization.Read.All': 'Read organization information',
  'Mail.ReadBasic': 'Read user basic mail',
  'Mail.ReadBasic.All': 'Read basic mail in all mailboxes',
  'Mail.Read': 'Read your mail',
  'Sites.Read.All': 'Read items in all site collections',
  'Files.Read': 'Read user files',
  'Files.Read.All': 'Read all files that you can access',
  'RoleManagement.Read.Directory': 'Read all directory RBAC settings',
  'RoleEligibilitySchedule.Read.Directory': "Read all eligible role assignments for your company's directory",
  'RoleAssignmentSchedule.Read.Directory': "Read all active role assignments for your company's directory",
  'ServiceHealth.Read.All': 'Read service health',
  'AuditLog.Read.All': 'Read audit log data',
};

export function describeScope(scope: string): string {
  return descriptions[scope] ?? scope;
}
