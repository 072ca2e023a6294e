// Graph v1.0: the route table (path, scopes that allow it, admin-only or not) and dispatch. Plain data in and out,
// so $batch runs inner requests through exactly the same checks as HTTP requests.

import type { TenantState } from '../state.ts';
import { listApplications, listPermissionGrants, listServicePrincipals } from './applications.ts';
import { authenticateBearer } from './auth.ts';
import { directoryAudits, signIns } from './audit.ts';
import { delta } from './delta.ts';
import {
  countGroups,
  countMembers,
  countUsers,
  getGroup,
  getOrganization,
  getUser,
  listGroups,
  listMemberOf,
  listMembers,
  listUsers,
} from './directory.ts';
import { drive, drives, healthOverviews, inbox, rootSite } from './workloads.ts';
import { denied, errorResponse, GraphError, type Caller, type GraphRequest, type GraphResponse } from './types.ts';

const DIRECTORY = ['Directory.Read.All', 'Directory.ReadWrite.All', 'Directory.AccessAsUser.All'];
const USERS = ['User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All', ...DIRECTORY];
const ME = ['User.Read', 'User.ReadWrite', ...USERS];
const GROUPS = ['Group.Read.All', 'Group.ReadWrite.All', 'GroupMember.Read.All', ...DIRECTORY];
const MEMBERS = ['GroupMember.Read.All', 'Group.Read.All', 'Group.ReadWrite.All', ...DIRECTORY];
const ORGANIZATION = ['User.Read', 'Organization.Read.All', ...DIRECTORY];
const MAIL = ['Mail.ReadBasic', 'Mail.ReadBasic.All', 'Mail.Read', 'Mail.ReadWrite'];
const SITES = ['Sites.Read.All', 'Sites.ReadWrite.All'];
const FILES = ['Files.Read', 'Files.Read.All', 'Files.ReadWrite.All', 'Sites.Read.All'];
const HEALTH = ['ServiceHealth.Read.All'];
const AUDIT = ['AuditLog.Read.All'];
// Delegated (work or school), least privileged first, from microsoftgraph/microsoft-graph-docs-contrib
// api-reference/v1.0/includes/permissions/: serviceprincipal-list-permissions.md, oauth2permissiongrant-list-permissions.md,
// application-list-permissions.md.
const SERVICE_PRINCIPALS = ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const PERMISSION_GRANTS = ['Directory.Read.All', 'DelegatedPermissionGrant.ReadWrite.All', 'Directory.ReadWrite.All'];
const APPLICATIONS = ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.ReadWrite.All', 'Directory.Read.All'];

type Admin = 'audit' | 'health';

interface Route {
  pattern: RegExp;
  scopes: string[];
  /** Needs the caller to hold Global Administrator in the directory now (not per the token's wids). */
  admin?: Admin;
  premium?: boolean;
  handle(c: Caller, m: string[]): GraphResponse;
}

// `(me|users/X)` patterns: m[1] is 'me' or the user's id/UPN.
const USER = '(me|users/[^/]+)';

const routes: Route[] = [
  { pattern: /^\/me$/i, scopes: ME, handle: (c) => getUser(c, c.user.id) },
  { pattern: /^\/users\/\$count$/i, scopes: USERS, handle: countUsers },
  { pattern: /^\/users\/delta$/i, scopes: USERS, handle: (c) => delta(c, 'users') },
  { pattern: /^\/users$/i, scopes: USERS, handle: listUsers },
  { pattern: /^\/groups\/\$count$/i, scopes: GROUPS, handle: countGroups },
  { pattern: /^\/groups\/delta$/i, scopes: GROUPS, handle: (c) => delta(c, 'groups') },
  { pattern: /^\/groups$/i, scopes: GROUPS, handle: listGroups },
  { pattern: /^\/groups\/([^/]+)$/i, scopes: GROUPS, handle: (c, m) => getGroup(c, m[1] ?? '') },
  { pattern: /^\/groups\/([^/]+)\/members\/\$count$/i, scopes: MEMBERS, handle: (c, m) => countMembers(c, m[1] ?? '') },
  {
    pattern: /^\/groups\/([^/]+)\/members(?:\/microsoft\.graph\.user)?$/i,
    scopes: MEMBERS,
    handle: (c, m) => listMembers(c, m[1] ?? '', c.request.path),
  },
  {
    pattern: new RegExp(`^\\/${USER}\\/memberOf(?:\\/(microsoft\\.graph\\.[A-Za-z]+))?$`, 'i'),
    scopes: [...ME, ...MEMBERS],
    handle: (c, m) => listMemberOf(c, target(c, m[1]), m[2], c.request.path),
  },
  { pattern: new RegExp(`^\\/${USER}\\/mailFolders\\/inbox$`, 'i'), scopes: MAIL, handle: (c, m) => inbox(c, target(c, m[1])) },
  { pattern: new RegExp(`^\\/${USER}\\/drive$`, 'i'), scopes: FILES, handle: (c, m) => drive(c, target(c, m[1])) },
  { pattern: new RegExp(`^\\/${USER}\\/drives$`, 'i'), scopes: FILES, handle: (c, m) => drives(c, target(c, m[1])) },
  { pattern: /^\/users\/([^/]+)$/i, scopes: USERS, handle: (c, m) => getUser(c, m[1] ?? '') },
  { pattern: /^\/organization$/i, scopes: ORGANIZATION, handle: getOrganization },
  { pattern: /^\/sites\/root$/i, scopes: SITES, handle: rootSite },
  { pattern: /^\/admin\/serviceAnnouncement\/healthOverviews$/i, scopes: HEALTH, admin: 'health', handle: (c) => healthOverviews(c) },
  {
    pattern: /^\/admin\/serviceAnnouncement\/healthOverviews\/([^/]+)$/i,
    scopes: HEALTH,
    admin: 'health',
    handle: (c, m) => healthOverviews(c, m[1]),
  },
  { pattern: /^\/servicePrincipals$/i, scopes: SERVICE_PRINCIPALS, handle: listServicePrincipals },
  { pattern: /^\/oauth2PermissionGrants$/i, scopes: PERMISSION_GRANTS, handle: listPermissionGrants },
  { pattern: /^\/applications$/i, scopes: APPLICATIONS, handle: listApplications },
  { pattern: /^\/auditLogs\/directoryAudits$/i, scopes: AUDIT, admin: 'audit', handle: directoryAudits },
  { pattern: /^\/auditLogs\/signIns$/i, scopes: AUDIT, admin: 'audit', premium: true, handle: signIns },
];

function target(c: Caller, segment: string | undefined): string {
  return !segment || segment.toLowerCase() === 'me' ? c.user.id : segment.slice('users/'.length);
}

function allowed(c: Caller, route: Route, m: string[]): boolean {
  if (route.scopes.some((s) => c.scopes.has(s))) return true;
  // Reading oneself needs only User.Read, whichever way the path names the user.
  const self =
    /^\/users\/([^/]+)$/i.test(c.request.path) && (m[1] === c.user.id || m[1]?.toLowerCase() === c.user.userPrincipalName.toLowerCase());
  return self && ME.some((s) => c.scopes.has(s));
}

/** Answers one Graph request (already past fault injection); `base` is `https://localhost:PORT/v1.0`. */
export async function handleGraphRequest(state: TenantState, request: GraphRequest, base: string): Promise<GraphResponse> {
  try {
    const auth = await authenticateBearer(state, request.headers['authorization']);
    if (request.method !== 'GET') {
      throw new GraphError(
        405,
        'Request_BadRequest',
        `The HTTP method '${request.method}' is not supported by the emulator for '${request.path}'.`,
      );
    }
    let path = request.path.replace(/\/+$/, '');
    try {
      path = decodeURIComponent(path);
    } catch {
      // keep it raw
    }
    for (const route of routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      const caller: Caller = { state, org: auth.org, user: auth.user, scopes: auth.scopes, request: { ...request, path }, base };
      if (!allowed(caller, route, [...m])) throw denied();
      if (route.admin && !auth.org.generated.directory.isGlobalAdmin(auth.user.id)) {
        throw route.admin === 'audit'
          ? new GraphError(403, 'Authentication_RequestFromUnsupportedUserRole', 'User is not in the allowed roles')
          : denied();
      }
      if (route.premium && !auth.org.premium) {
        throw new GraphError(
          403,
          'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
          "Neither tenant is B2C or tenant doesn't have premium license",
        );
      }
      const response = route.handle(caller, [...m]);
      return { ...response, headers: { 'client-request-id': request.headers['client-request-id'] ?? '', ...response.headers } };
    }
    throw new GraphError(400, 'BadRequest', `Resource not found for the segment '${path.split('/')[1] ?? ''}'.`);
  } catch (err) {
    if (err instanceof GraphError) return errorResponse(err.status, err.code, err.message, request, err.headers);
    const message = err instanceof Error ? err.message : String(err);
    return errorResponse(500, 'generalException', `Emulator error: ${message}`, request);
  }
}
