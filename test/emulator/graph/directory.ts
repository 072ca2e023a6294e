// /me, /users, /groups, members, memberOf, /organization.

import type { GroupRecord, UserRecord } from '../org/directory.ts';
import { ROLES } from '../org/directory.ts';
import { guid, createRandom, seedOf } from '../org/random.ts';
import type { Predicate } from './filter.ts';
import {
  compileFilter,
  contextUrl,
  decodeToken,
  encodeToken,
  getterFor,
  pageSlots,
  parseSelect,
  parseTop,
  project,
  type EntityKind,
} from './odata.ts';
import { badRequest, GraphError, notFound, type Caller, type GraphResponse } from './types.ts';
import { selectFields } from './workloads.ts';

interface ListToken {
  v: 1;
  p: number;
  t: number;
  s: string | null;
  f: string | null;
  q: string | null;
}

function eventual(c: Caller): boolean {
  return (c.request.headers['consistencylevel'] ?? '').toLowerCase() === 'eventual';
}

/** `$search="displayName:meg" OR "mail:meg"` as Graph's directory search (case-insensitive word-prefix match). */
function compileSearch(raw: string | null): Predicate | null {
  if (!raw) return null;
  const clauses = [...raw.matchAll(/"([^":]+):([^"]*)"/g)].map((m) => ({ prop: m[1] ?? '', value: (m[2] ?? '').toLowerCase() }));
  if (!clauses.length)
    throw badRequest("Syntax error: character '\"' is not valid at position 0 in '$search'.", 'Request_UnsupportedQuery');
  const all = /"\s+AND\s+"/i.test(raw);
  const test = (get: (p: string) => unknown, clause: { prop: string; value: string }) => {
    const v = get(clause.prop);
    return (
      typeof v === 'string' &&
      v
        .toLowerCase()
        .split(/[\s.@_-]+/)
        .some((word) => word.startsWith(clause.value) || v.toLowerCase().startsWith(clause.value))
    );
  };
  return (get) => (all ? clauses.every((cl) => test(get, cl)) : clauses.some((cl) => test(get, cl)));
}

function listTable<T extends { id: string }>(
  c: Caller,
  kind: EntityKind,
  entitySet: string,
  slots: ReadonlyArray<T | null>,
  path: string,
): GraphResponse {
  const q = c.request.query;
  const skip = q.get('$skiptoken');
  const params: ListToken = skip
    ? decodeToken<ListToken>(skip)
    : { v: 1, p: 0, t: parseTop(q.get('$top'), 100, 999), s: q.get('$select'), f: q.get('$filter'), q: q.get('$search') };
  if (params.v !== 1) throw badRequest('The provided $skiptoken is not valid.', 'Request_BadRequest');
  const wantCount = q.get('$count') === 'true';
  if ((wantCount || params.q) && !eventual(c)) {
    throw badRequest(
      params.q
        ? "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'"
        : '$count is not currently supported.',
      'Request_BadRequest',
    );
  }
  const select = parseSelect(params.s, kind);
  const filter = compileFilter(params.f, kind);
  const search = compileSearch(params.q);
  const match =
    filter || search
      ? (item: T) => {
          const get = getterFor(kind, item);
          return (!filter || filter(get)) && (!search || search(get));
        }
      : null;
  const { items, next } = pageSlots(slots, params.p, params.t, match);
  let count: number | undefined;
  if (wantCount) {
    count = 0;
    for (const item of slots) if (item && (!match || match(item))) count++;
  }
  return {
    status: 200,
    body: {
      '@odata.context': contextUrl(c.base, entitySet, select),
      ...(count !== undefined ? { '@odata.count': count } : {}),
      ...(next !== null ? { '@odata.nextLink': `${c.base}${path}?$skiptoken=${encodeToken({ ...params, p: next })}` } : {}),
      value: items.map((item) => project(kind, item, select)),
    },
  };
}

function countOf<T>(c: Caller, slots: ReadonlyArray<T | null>, kind: EntityKind): GraphResponse {
  if (!eventual(c)) throw badRequest('Count is not currently supported.', 'Request_BadRequest');
  const filter = compileFilter(c.request.query.get('$filter'), kind);
  let n = 0;
  for (const item of slots) if (item && (!filter || filter(getterFor(kind, item)))) n++;
  return { status: 200, headers: { 'content-type': 'text/plain' }, body: String(n) };
}

export function findUser(c: Caller, idOrUpn: string): UserRecord {
  const user = c.org.generated.directory.user(idOrUpn);
  if (!user) throw notFound(idOrUpn);
  return user;
}

function findGroup(c: Caller, id: string): GroupRecord {
  const group = c.org.generated.directory.group(id);
  if (!group) throw notFound(id);
  return group;
}

export function getUser(c: Caller, idOrUpn: string): GraphResponse {
  const user = findUser(c, idOrUpn);
  const select = parseSelect(c.request.query.get('$select'), 'user');
  return { status: 200, body: { '@odata.context': contextUrl(c.base, 'users', select, true), ...project('user', user, select) } };
}

export const listUsers = (c: Caller) => listTable(c, 'user', 'users', c.org.generated.directory.users.slots, '/users');
export const countUsers = (c: Caller) => countOf(c, c.org.generated.directory.users.slots, 'user');
export const listGroups = (c: Caller) => listTable(c, 'group', 'groups', c.org.generated.directory.groups.slots, '/groups');
export const countGroups = (c: Caller) => countOf(c, c.org.generated.directory.groups.slots, 'group');

export function getGroup(c: Caller, id: string): GraphResponse {
  const group = findGroup(c, id);
  const select = parseSelect(c.request.query.get('$select'), 'group');
  return { status: 200, body: { '@odata.context': contextUrl(c.base, 'groups', select, true), ...project('group', group, select) } };
}

/** Small collections (members, memberOf) paged by offset; `$select` holds for every kind of object in them. */
function pageArray(c: Caller, entitySet: string, path: string, all: Array<Record<string, unknown>>): GraphResponse {
  const q = c.request.query;
  const skip = q.get('$skiptoken');
  const token = skip
    ? decodeToken<{ o: number; t: number; s: string | null }>(skip)
    : { o: 0, t: parseTop(q.get('$top'), 100, 999), s: q.get('$select') };
  const page = all.slice(token.o, token.o + token.t);
  const more = token.o + token.t < all.length;
  const select = q.get('$select') ?? token.s;
  return {
    status: 200,
    body: {
      '@odata.context': `${c.base}/$metadata#${entitySet}`,
      ...(q.get('$count') === 'true' && eventual(c) ? { '@odata.count': all.length } : {}),
      ...(more
        ? {
            '@odata.nextLink': `${c.base}${path}?${select ? `$select=${encodeURIComponent(select)}&` : ''}$skiptoken=${encodeToken({ ...token, o: token.o + token.t })}`,
          }
        : {}),
      value: page.map((item) => selectFields(c, item)),
    },
  };
}

export function listMembers(c: Caller, groupId: string, path: string): GraphResponse {
  const group = findGroup(c, groupId);
  const directory = c.org.generated.directory;
  const select = parseSelect(c.request.query.get('$select'), 'user');
  const members: Array<Record<string, unknown>> = [];
  for (const id of group.members) {
    const user = directory.user(id);
    if (user) members.push({ '@odata.type': '#microsoft.graph.user', ...project('user', user, select) });
  }
  return pageArray(c, 'directoryObjects', path, members);
}

export function countMembers(c: Caller, groupId: string): GraphResponse {
  if (!eventual(c)) throw badRequest('Count is not currently supported.', 'Request_BadRequest');
  return { status: 200, headers: { 'content-type': 'text/plain' }, body: String(findGroup(c, groupId).members.size) };
}

export function directoryRoleObject(tenantId: string, templateId: string): Record<string, unknown> {
  const name = Object.entries(ROLES).find(([, id]) => id === templateId)?.[0] ?? 'Directory role';
  return {
    '@odata.type': '#microsoft.graph.directoryRole',
    id: guid(createRandom(seedOf(tenantId, templateId))),
    deletedDateTime: null,
    description:
      name === 'Global Administrator'
        ? 'Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.'
        : name,
    displayName: name,
    roleTemplateId: templateId,
  };
}

export function listMemberOf(c: Caller, userIdOrUpn: string, cast: string | undefined, path: string): GraphResponse {
  const user = findUser(c, userIdOrUpn);
  const directory = c.org.generated.directory;
  const castName = cast?.toLowerCase();
  if (castName && castName !== 'microsoft.graph.directoryrole' && castName !== 'microsoft.graph.group') {
    throw new GraphError(400, 'Request_BadRequest', `Unsupported type cast '${cast}'.`);
  }
  const out: Array<Record<string, unknown>> = [];
  if (castName !== 'microsoft.graph.directoryrole') {
    const select = parseSelect(c.request.query.get('$select'), 'group');
    for (const groupId of directory.memberOf(user.id)) {
      const group = directory.group(groupId);
      if (group) out.push({ '@odata.type': '#microsoft.graph.group', ...project('group', group, select) });
    }
  }
  if (castName !== 'microsoft.graph.group') {
    // memberOf is direct memberships only: a role held through a role-assignable group is not among them.
    for (const templateId of directory.directRolesOf(user.id)) out.push(directoryRoleObject(c.org.spec.tenantId, templateId));
  }
  return pageArray(c, castName ? `directoryObjects/${cast}` : 'directoryObjects', path, out);
}

// Who may read each kind in full: directoryrole-list-permissions.md and group-list-permissions.md (delegated).
const READS_ROLES = [
  'RoleManagement.Read.Directory',
  'RoleManagement.ReadWrite.Directory',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
];
const READS_GROUPS = ['GroupMember.Read.All', 'Group.Read.All', 'Group.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];

/**
 * An object the caller may not read, as Graph returns it in a directoryObject collection: its type and id, every
 * other property null (concepts/permissions-overview.md, "Limited information returned for inaccessible member
 * objects").
 */
function limited(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, key === '@odata.type' || key === 'id' ? value : null]));
}

/**
 * GET /me/transitiveMemberOf[/microsoft.graph.directoryRole|group] (api-reference/v1.0/api/user-list-transitivememberof.md):
 * the user's groups and the roles held directly or through a role-assignable group. Permission least User.Read
 * (user-list-transitivememberof-permissions.md), but roles and groups come in full only with a permission that reads them.
 */
export function listTransitiveMemberOf(c: Caller, userIdOrUpn: string, cast: string | undefined, path: string): GraphResponse {
  const user = findUser(c, userIdOrUpn);
  const directory = c.org.generated.directory;
  const castName = cast?.toLowerCase();
  if (castName && castName !== 'microsoft.graph.directoryrole' && castName !== 'microsoft.graph.group') {
    throw new GraphError(400, 'Request_BadRequest', `Unsupported type cast '${cast}'.`);
  }
  const readsGroups = READS_GROUPS.some((s) => c.scopes.has(s));
  const readsRoles = READS_ROLES.some((s) => c.scopes.has(s));
  const out: Array<Record<string, unknown>> = [];
  if (castName !== 'microsoft.graph.directoryrole') {
    const select = parseSelect(c.request.query.get('$select'), 'group');
    for (const groupId of directory.memberOf(user.id)) {
      const group = directory.group(groupId);
      if (!group) continue;
      const full = { '@odata.type': '#microsoft.graph.group', ...project('group', group, select) };
      out.push(readsGroups ? full : limited(full));
    }
  }
  if (castName !== 'microsoft.graph.group') {
    for (const templateId of directory.rolesOf(user.id)) {
      const role = directoryRoleObject(c.org.spec.tenantId, templateId);
      out.push(readsRoles ? role : limited(role));
    }
  }
  return pageArray(c, castName ? `directoryObjects/${cast}` : 'directoryObjects', path, out);
}

export function getOrganization(c: Caller): GraphResponse {
  const { spec, premium } = c.org;
  const assigned = '2019-01-01T00:00:00Z';
  const plans = [
    { service: 'exchange', servicePlanId: 'efb87545-963c-4e0d-99df-69c6916d9eb0' },
    { service: 'SharePoint', servicePlanId: '5dbe027f-2339-4123-9542-606e4d348a72' },
    { service: 'MicrosoftOffice', servicePlanId: '43de0ff5-c92c-492b-9116-175376d08c38' },
    { service: 'TeamspaceAPI', servicePlanId: '57ff2da0-773e-42df-b2af-ffb7a2317929' },
    ...(premium
      ? [
          { service: 'AADPremiumService', servicePlanId: '41781fb2-bc02-4b7c-bd55-b576c07bb09d' },
          { service: 'AADPremiumService', servicePlanId: 'eec0eb4f-6444-4f95-aba0-50c24d67f998' },
        ]
      : []),
  ].map((p) => ({ assignedDateTime: assigned, capabilityStatus: 'Enabled', ...p }));
  return {
    status: 200,
    body: {
      '@odata.context': `${c.base}/$metadata#organization`,
      value: [
        selectFields(c, {
          id: spec.tenantId,
          displayName: spec.displayName,
          tenantType: 'AAD',
          countryLetterCode: 'US',
          preferredLanguage: 'en',
          createdDateTime: '2019-01-01T00:00:00Z',
          verifiedDomains: [
            { capabilities: 'Email, OfficeCommunicationsOnline', isDefault: true, isInitial: true, name: spec.domain, type: 'Managed' },
          ],
          assignedPlans: plans,
        }),
      ],
    },
  };
}
