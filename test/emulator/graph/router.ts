// Graph v1.0: the route table (path, the operation whose published permissions allow it, admin-only or not) and dispatch. Plain data in and out,
// so $batch runs inner requests through exactly the same checks as HTTP requests.

import { randomUUID } from 'node:crypto';
import { contractOperation, delegatedAlternatives, type ContractOperation } from '../contract/permissions.ts';
import type { TenantState } from '../state.ts';
import { listApplications, listPermissionGrants, listServicePrincipals } from './applications.ts';
import { authenticateBearer } from './auth.ts';
import { directoryAudits, signIns } from './audit.ts';
import { createAuditQuery, getAuditQuery, listAuditRecords } from './audit-search.ts';
import { delta } from './delta.ts';
import { getDomain } from './domains.ts';
import { serviceIssues } from './service-issues.ts';
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
  listTransitiveMemberOf,
  listUsers,
} from './directory.ts';
import { assignmentInstancesOfCaller, eligibilityInstancesOfCaller, subscribedSkus } from './subscriptions.ts';
import { drive, drives, healthOverviews, inbox, rootSite } from './workloads.ts';
import { denied, errorResponse, GraphError, type Caller, type GraphRequest, type GraphResponse } from './types.ts';

type Admin = 'audit' | 'health';

interface RouteOptions {
  /** Needs the caller to hold Global Administrator in the directory now (not per the token's wids). */
  admin?: Admin;
  premium?: boolean;
  /** Whether this request reads users other than the caller, which User.Read and User.ReadWrite never reach. */
  others?: (c: Caller, m: string[]) => boolean;
  /** Outlook answers a missing permission in its own words (ErrorAccessDenied), the directory in its (see denial()). */
  outlook?: boolean;
  /** The route's HTTP method (GET unless said). */
  method?: 'POST';
}

export interface Route extends RouteOptions {
  /** The operation in graph-permissions.json whose delegated permissions let a token through. */
  operation: ContractOperation;
  pattern: RegExp;
  handle(c: Caller, m: string[]): GraphResponse;
}

/** A route of the operation `id` (graph-permissions.json); an id missing there throws when this module loads. */
function route(id: string, pattern: RegExp, handle: Route['handle'], options: RouteOptions = {}): Route {
  return { operation: contractOperation(id), pattern, handle, ...options };
}

// `(me|users/X)` patterns: m[1] is 'me' or the user's id/UPN.
const USER = '(me|users/[^/]+)';

function isSelf(c: Caller, segment: string | undefined): boolean {
  const id = !segment || segment.toLowerCase() === 'me' ? c.user.id : segment.replace(/^users\//i, '');
  return id === c.user.id || id.toLowerCase() === c.user.userPrincipalName.toLowerCase();
}

const notSelf = (c: Caller, m: string[]) => !isSelf(c, m[1]);

/** Every route the local Graph answers, each tied to the operation (and so the permissions) Microsoft publishes. */
export const ROUTES: readonly Route[] = [
  route('user-get', /^\/me$/i, (c) => getUser(c, c.user.id)),
  route('user-list', /^\/users\/\$count$/i, countUsers),
  route('user-delta', /^\/users\/delta$/i, (c) => delta(c, 'users'), { others: () => true }),
  route('user-list', /^\/users$/i, listUsers),
  route('group-list', /^\/groups\/\$count$/i, countGroups),
  route('group-delta', /^\/groups\/delta$/i, (c) => delta(c, 'groups')),
  route('group-list', /^\/groups$/i, listGroups),
  route('group-get', /^\/groups\/([^/]+)$/i, (c, m) => getGroup(c, m[1] ?? '')),
  route('group-list-members', /^\/groups\/([^/]+)\/members\/\$count$/i, (c, m) => countMembers(c, m[1] ?? '')),
  route('group-list-members', /^\/groups\/([^/]+)\/members(?:\/microsoft\.graph\.user)?$/i, (c, m) =>
    listMembers(c, m[1] ?? '', c.request.path),
  ),
  route(
    'user-list-memberof',
    new RegExp(`^\\/${USER}\\/memberOf(?:\\/(microsoft\\.graph\\.[A-Za-z]+))?$`, 'i'),
    (c, m) => listMemberOf(c, target(c, m[1]), m[2], c.request.path),
    { others: notSelf },
  ),
  route('mailfolder-get', new RegExp(`^\\/${USER}\\/mailFolders\\/inbox$`, 'i'), (c, m) => inbox(c, target(c, m[1])), { outlook: true }),
  route('drive-get', new RegExp(`^\\/${USER}\\/drive$`, 'i'), (c, m) => drive(c, target(c, m[1]))),
  route('drive-list', new RegExp(`^\\/${USER}\\/drives$`, 'i'), (c, m) => drives(c, target(c, m[1]))),
  route('user-get', /^\/users\/([^/]+)$/i, (c, m) => getUser(c, m[1] ?? ''), { others: (c, m) => !isSelf(c, m[1]) }),
  route('organization-list', /^\/organization$/i, getOrganization),
  route('domain-get', /^\/domains\/([^/]+)$/i, (c, m) => getDomain(c, m[1] ?? '')),
  route(
    'user-list-transitivememberof',
    new RegExp(`^\\/${USER}\\/transitiveMemberOf(?:\\/(microsoft\\.graph\\.[A-Za-z]+))?$`, 'i'),
    (c, m) => listTransitiveMemberOf(c, target(c, m[1]), m[2], c.request.path),
    { others: notSelf },
  ),
  route('subscribedsku-list', /^\/subscribedSkus$/i, subscribedSkus),
  route(
    'unifiedroleeligibilityscheduleinstance-filterbycurrentuser',
    /^\/roleManagement\/directory\/roleEligibilityScheduleInstances\/filterByCurrentUser\(on='principal'\)$/i,
    eligibilityInstancesOfCaller,
  ),
  route(
    'unifiedroleassignmentscheduleinstance-filterbycurrentuser',
    /^\/roleManagement\/directory\/roleAssignmentScheduleInstances\/filterByCurrentUser\(on='principal'\)$/i,
    assignmentInstancesOfCaller,
  ),
  route('site-get', /^\/sites\/root$/i, rootSite),
  route('serviceannouncement-list-healthoverviews', /^\/admin\/serviceAnnouncement\/healthOverviews$/i, (c) => healthOverviews(c), {
    admin: 'health',
  }),
  route('serviceannouncement-list-issues', /^\/admin\/serviceAnnouncement\/issues$/i, serviceIssues, { admin: 'health' }),
  route('servicehealth-get', /^\/admin\/serviceAnnouncement\/healthOverviews\/([^/]+)$/i, (c, m) => healthOverviews(c, m[1]), {
    admin: 'health',
  }),
  // Delegated least privileged: serviceprincipal-list-permissions.md, oauth2permissiongrant-list-permissions.md,
  // application-list-permissions.md (microsoftgraph/microsoft-graph-docs-contrib api-reference/v1.0/includes/permissions/).
  route('serviceprincipal-list', /^\/servicePrincipals$/i, listServicePrincipals),
  route('oauth2permissiongrant-list', /^\/oauth2PermissionGrants$/i, listPermissionGrants),
  route('application-list', /^\/applications$/i, listApplications),
  route('directoryaudit-list', /^\/auditLogs\/directoryAudits$/i, directoryAudits, { admin: 'audit' }),
  route('signin-list', /^\/auditLogs\/signIns$/i, signIns, { admin: 'audit', premium: true }),
  route('security-auditcoreroot-post-auditlogqueries', /^\/security\/auditLog\/queries$/i, createAuditQuery, { method: 'POST' }),
  route('security-auditlogquery-get', /^\/security\/auditLog\/queries\/([^/]+)$/i, (c, m) => getAuditQuery(c, m[1] ?? '')),
  route('security-auditlogquery-list-records', /^\/security\/auditLog\/queries\/([^/]+)\/records$/i, (c, m) =>
    listAuditRecords(c, m[1] ?? ''),
  ),
];

function target(c: Caller, segment: string | undefined): string {
  return !segment || segment.toLowerCase() === 'me' ? c.user.id : segment.slice('users/'.length);
}

// User.Read (and User.ReadWrite) let an app read the signed-in user only: api-reference/v1.0/api/user-get.md, the
// note under its permissions table. The tables list them for operations that can also reach other users.
const SELF_ONLY = new Set(['User.Read', 'User.ReadWrite']);

/** Whether the token's `scp` holds every permission of one of the operation's delegated alternatives. */
function allowed(c: Caller, r: Route, m: string[]): boolean {
  const reachesOthers = r.others?.(c, m) ?? false;
  return delegatedAlternatives(r.operation).some((all) => all.every((p) => c.scopes.has(p) && !(reachesOthers && SELF_ONLY.has(p))));
}

/**
 * Graph's 403 for a token without the permission. Directory resources: Authorization_RequestDenied "Insufficient
 * privileges to complete the operation." (microsoft-graph-docs-contrib concepts/json-batching.md, the example batch
 * response; concepts/errors.md: 403 Forbidden, accessDenied). Outlook resources answer ErrorAccessDenied (the code in
 * microsoft-graph-docs-contrib concepts/auth-limit-mailbox-access.md); its message for a missing permission, "Access
 * is denied. Check credentials and try again.", is not in Microsoft's documentation but is what Outlook sends.
 */
function denial(r: Route): GraphError {
  return r.outlook ? new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.') : denied();
}

/** The route that answers a path (after /v1.0, decoded, without query) and method, first match wins. */
export function findRoute(path: string, method = 'GET'): { route: Route; match: string[] } | undefined {
  for (const r of ROUTES) {
    if ((r.method ?? 'GET') !== method.toUpperCase()) continue;
    const m = r.pattern.exec(path);
    if (m) return { route: r, match: [...m] };
  }
  return undefined;
}

/** Answers one Graph request (already past fault injection); `base` is `https://localhost:PORT/v1.0`. */
export async function handleGraphRequest(state: TenantState, request: GraphRequest, base: string): Promise<GraphResponse> {
  try {
    const auth = await authenticateBearer(state, request.headers['authorization']);
    let path = request.path.replace(/\/+$/, '');
    try {
      path = decodeURIComponent(path);
    } catch {
      // keep it raw
    }
    const found = findRoute(path, request.method);
    if (!found && request.method !== 'GET') {
      throw new GraphError(
        405,
        'Request_BadRequest',
        `The HTTP method '${request.method}' is not supported by the emulator for '${request.path}'.`,
      );
    }
    if (found) {
      const { route, match: m } = found;
      const caller: Caller = { state, org: auth.org, user: auth.user, scopes: auth.scopes, request: { ...request, path }, base };
      if (!allowed(caller, route, m)) throw denial(route);
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
      const response = route.handle(caller, m);
      // Every answer carries its own request-id and echoes client-request-id, success or not: Microsoft asks clients
      // to "always log the request-id … from the HTTP response headers" for support
      // (microsoft-graph-docs-contrib concepts/best-practices-concept.md, "Reliability and support").
      const ids = { 'request-id': randomUUID(), 'client-request-id': request.headers['client-request-id'] ?? '' };
      return { ...response, headers: { ...ids, ...response.headers } };
    }
    throw new GraphError(400, 'BadRequest', `Resource not found for the segment '${path.split('/')[1] ?? ''}'.`);
  } catch (err) {
    if (err instanceof GraphError) return errorResponse(err.status, err.code, err.message, request, err.headers);
    const message = err instanceof Error ? err.message : String(err);
    return errorResponse(500, 'generalException', `Emulator error: ${message}`, request);
  }
}
