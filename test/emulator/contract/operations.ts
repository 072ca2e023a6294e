// Every Microsoft Graph operation the product makes (today, or being added), named after Microsoft's permission table
// for it; generate-permissions.ts joins each with its table into graph-permissions.json. Paths are templates: `{id}` is
// one path segment. A new call in lib/ needs its operation here (test/emulator/contract.test.ts scans lib/ for paths).

export interface OperationSpec {
  /** The operation's name: its table's file name without `-permissions.md`, e.g. `user-delta`. */
  id: string;
  method: 'GET' | 'POST';
  /** Path templates after /v1.0, as the product calls them. */
  paths: string[];
  /** The permission table's name (permission-sources/<table>.md); absent when the operation has no table of its own. */
  table?: string;
  /** For an operation without a table: the page that says why. */
  doc?: string;
  note?: string;
}

const op = (id: string, paths: string[], note?: string): OperationSpec => ({
  id,
  method: 'GET',
  paths,
  table: id,
  ...(note ? { note } : {}),
});

const CASTS = ['', '/microsoft.graph.directoryRole', '/microsoft.graph.group'];
const memberships = (relation: string) => CASTS.flatMap((cast) => [`/me/${relation}${cast}`, `/users/{id}/${relation}${cast}`]);

export const OPERATIONS: OperationSpec[] = [
  op(
    'user-get',
    ['/me', '/users/{id}'],
    'User.Read reaches the signed-in user only (api-reference/v1.0/api/user-get.md, Permissions note).',
  ),
  op('user-list', ['/users', '/users/$count'], 'Also $filter, $search and $count (api-reference/v1.0/api/user-list.md).'),
  op('user-delta', ['/users/delta']),
  op('user-list-memberof', memberships('memberOf'), 'A cast (/microsoft.graph.directoryRole) is the same operation filtered by type.'),
  op('user-list-transitivememberof', memberships('transitiveMemberOf')),
  op('organization-list', ['/organization']),
  op('domain-get', ['/domains/{id}'], "The account's UPN domain, for its password policy (api-reference/v1.0/api/domain-get.md)."),
  op('group-list', ['/groups', '/groups/$count'], 'Also $filter, $search and $count (api-reference/v1.0/api/group-list.md).'),
  op('group-get', ['/groups/{id}']),
  op('group-delta', ['/groups/delta']),
  op('group-list-members', ['/groups/{id}/members', '/groups/{id}/members/$count', '/groups/{id}/members/microsoft.graph.user']),
  op('mailfolder-get', ['/me/mailFolders/inbox', '/users/{id}/mailFolders/inbox'], 'inbox is a well-known folder name.'),
  op('drive-get', ['/me/drive', '/users/{id}/drive']),
  op('drive-list', ['/me/drives', '/users/{id}/drives']),
  op('site-get', ['/sites/root']),
  op('subscribedsku-list', ['/subscribedSkus']),
  op('serviceannouncement-list-healthoverviews', ['/admin/serviceAnnouncement/healthOverviews']),
  op('servicehealth-get', ['/admin/serviceAnnouncement/healthOverviews/{id}']),
  op('serviceannouncement-list-issues', ['/admin/serviceAnnouncement/issues'], 'Also $filter=isResolved eq false.'),
  op('directoryaudit-list', ['/auditLogs/directoryAudits']),
  op('signin-list', ['/auditLogs/signIns']),
  op('rbacapplication-list-roleeligibilityscheduleinstances', ['/roleManagement/directory/roleEligibilityScheduleInstances']),
  op('unifiedroleeligibilityscheduleinstance-filterbycurrentuser', [
    "/roleManagement/directory/roleEligibilityScheduleInstances/filterByCurrentUser(on='principal')",
  ]),
  op('rbacapplication-list-roleassignmentscheduleinstances', ['/roleManagement/directory/roleAssignmentScheduleInstances']),
  op('unifiedroleassignmentscheduleinstance-filterbycurrentuser', [
    "/roleManagement/directory/roleAssignmentScheduleInstances/filterByCurrentUser(on='principal')",
  ]),
  op('directoryrole-list', ['/directoryRoles']),
  op('serviceprincipal-list', ['/servicePrincipals'], "Also $filter=appId eq '...'."),
  op('serviceprincipal-list-oauth2permissiongrants', ['/servicePrincipals/{id}/oauth2PermissionGrants']),
  op('oauth2permissiongrant-list', ['/oauth2PermissionGrants'], "Also $filter=clientId eq '...'."),
  op('application-list', ['/applications'], "Also $filter=appId eq '...'."),
  // Microsoft Purview's audit search: a query is created, runs on Microsoft's side, then its records are read
  // (api-reference/v1.0/api/security-auditcoreroot-post-auditlogqueries.md, security-auditlogquery-get.md,
  // security-auditlogquery-list-records.md). Global service only (includes/global-only.md on each page).
  {
    id: 'security-auditcoreroot-post-auditlogqueries',
    method: 'POST',
    paths: ['/security/auditLog/queries'],
    table: 'security-auditcoreroot-post-auditlogqueries',
  },
  op('security-auditlogquery-get', ['/security/auditLog/queries/{id}']),
  op('security-auditlogquery-list-records', ['/security/auditLog/queries/{id}/records']),
  {
    id: 'json-batching',
    method: 'POST',
    paths: ['/$batch'],
    doc: 'concepts/json-batching.md',
    note: 'No permission of its own: each inner request is evaluated on its own and answers its own 403 (concepts/json-batching.md, example batch response).',
  },
];

/**
 * Entra's OpenID Connect scopes: not Graph permissions, never in an access token's `scp` for Graph.
 * MicrosoftDocs/entra-docs docs/identity-platform/scopes-oidc.md ("OpenID Connect scopes", "offline_access").
 */
export const OIDC_SCOPES = {
  source: 'MicrosoftDocs/entra-docs docs/identity-platform/scopes-oidc.md @ 011322deb04813bee957803f2459ef04ef90987f',
  names: ['openid', 'profile', 'email', 'offline_access'],
  rules: [
    'openid, email, profile and offline_access are the well-defined OpenID Connect scopes; address and phone are not supported.',
    'openid is required to sign in with OpenID Connect (the sub claim, the UserInfo endpoint, ID tokens).',
    'offline_access must be requested explicitly on the v2.0 endpoint to receive a refresh token.',
    'A scope without a resource identifier is a Microsoft Graph permission: scope=User.Read equals https://graph.microsoft.com/User.Read.',
    '.default (https://graph.microsoft.com/.default) cannot be combined with individual scopes of the same request.',
  ],
};
