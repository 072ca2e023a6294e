// OData plumbing: $select, property projection, opaque paging tokens and slot-based paging.

import type { GroupRecord, UserRecord } from '../org/directory.ts';
import { FilterError, parseFilter, type Predicate } from './filter.ts';
import { badRequest, GraphError } from './types.ts';

type Projector<T> = Record<string, (item: T) => unknown>;

/**
 * Service plan ids of Office 365 E3 and E5 (entra-docs docs/identity/users/licensing-service-plan-reference.md):
 * EXCHANGE_S_ENTERPRISE (Exchange Online Plan 2) and SHAREPOINTENTERPRISE (SharePoint Online Plan 2).
 */
const PLAN = { exchange: 'efb87545-963c-4e0d-99df-69c6916d9eb0', sharePoint: '5dbe027f-2339-4123-9542-606e4d348a72' } as const;

/**
 * A user's assignedPlans in Graph's shape (CSDL complex type assignedPlan: assignedDateTime, capabilityStatus,
 * service, servicePlanId; microsoft-graph-docs-contrib api-reference/v1.0/resources/assignedplan.md: service "for
 * example, exchange", capabilityStatus Enabled | Warning | Suspended | Deleted | LockedOut). A licence whose Exchange
 * plan is disabled lists no Exchange plan here; whether Graph instead lists it as Deleted is not documented, and the
 * product reads both as "not licensed". An unlicensed user (a shared mailbox) has none.
 */
function assignedPlansOf(u: UserRecord): Array<Record<string, string>> {
  if (!u.sku) return [];
  const plan = (service: string, servicePlanId: string) => ({
    assignedDateTime: u.createdDateTime,
    capabilityStatus: u.planStatus?.[service] ?? 'Enabled',
    service,
    servicePlanId,
  });
  return [...(u.mailbox ? [plan('exchange', PLAN.exchange)] : []), ...(u.drive ? [plan('SharePoint', PLAN.sharePoint)] : [])];
}

export const userProjector: Projector<UserRecord> = {
  id: (u) => u.id,
  displayName: (u) => u.displayName,
  givenName: (u) => u.givenName,
  surname: (u) => u.surname,
  userPrincipalName: (u) => u.userPrincipalName,
  mail: (u) => u.mail,
  mailNickname: (u) => u.mailNickname,
  jobTitle: (u) => u.jobTitle,
  department: (u) => u.department,
  officeLocation: (u) => u.officeLocation,
  accountEnabled: (u) => u.accountEnabled,
  createdDateTime: (u) => u.createdDateTime,
  mobilePhone: (u) => u.mobilePhone,
  businessPhones: (u) => u.businessPhones,
  preferredLanguage: () => 'en-US',
  usageLocation: (u) => u.usageLocation,
  userType: () => 'Member',
  assignedLicenses: (u) => (u.sku ? [{ disabledPlans: [], skuId: u.sku }] : []),
  assignedPlans: assignedPlansOf,
  proxyAddresses: (u) => (u.mail ? [`SMTP:${u.mail}`] : []),
  city: () => null,
  country: (u) => u.usageLocation,
  // The password facts the monitor's predictions read (user.md: each "Returned only on $select").
  lastPasswordChangeDateTime: (u) => u.lastPasswordChangeDateTime ?? u.createdDateTime,
  passwordPolicies: (u) => u.passwordPolicies ?? null,
  onPremisesSyncEnabled: (u) => u.onPremisesSyncEnabled ?? null,
};

export const USER_DEFAULT = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
];

export const groupProjector: Projector<GroupRecord> = {
  id: (g) => g.id,
  displayName: (g) => g.displayName,
  mailNickname: (g) => g.mailNickname,
  mail: (g) => g.mail,
  description: (g) => g.description,
  securityEnabled: (g) => g.securityEnabled,
  mailEnabled: (g) => g.mailEnabled,
  groupTypes: (g) => g.groupTypes,
  visibility: (g) => g.visibility,
  createdDateTime: (g) => g.createdDateTime,
  deletedDateTime: () => null,
  classification: () => null,
  isAssignableToRole: () => null,
  membershipRule: () => null,
  proxyAddresses: (g) => (g.mail ? [`SMTP:${g.mail}`] : []),
  securityIdentifier: () => null,
};

export const GROUP_DEFAULT = [
  'id',
  'deletedDateTime',
  'classification',
  'createdDateTime',
  'description',
  'displayName',
  'groupTypes',
  'isAssignableToRole',
  'mail',
  'mailEnabled',
  'mailNickname',
  'membershipRule',
  'proxyAddresses',
  'securityEnabled',
  'securityIdentifier',
  'visibility',
];

export type EntityKind = 'user' | 'group';

function projector(kind: EntityKind): Projector<never> {
  return kind === 'user' ? userProjector : groupProjector;
}

/** Canonical property names of $select; `members` is accepted for groups (delta's members@delta). */
export function parseSelect(raw: string | null, kind: EntityKind): string[] | null {
  if (!raw) return null;
  const names = projector(kind);
  const canonical = new Map(Object.keys(names).map((k) => [k.toLowerCase(), k]));
  if (kind === 'group') canonical.set('members', 'members');
  const out: string[] = [];
  for (const part of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const name = canonical.get(part.toLowerCase());
    if (!name) {
      throw new GraphError(400, 'Request_BadRequest', `Could not find a property named '${part}' on type 'microsoft.graph.${kind}'.`);
    }
    if (!out.includes(name)) out.push(name);
  }
  if (!out.includes('id')) out.unshift('id');
  return out;
}

export function project<T>(kind: EntityKind, item: T, select: string[] | null): Record<string, unknown> {
  const names = projector(kind) as Projector<T>;
  const props = select ?? (kind === 'user' ? USER_DEFAULT : GROUP_DEFAULT);
  const out: Record<string, unknown> = {};
  for (const p of props) {
    const get = names[p];
    if (get) out[p] = get(item);
  }
  return out;
}

export function compileFilter(raw: string | null, kind: EntityKind | 'any'): Predicate | null {
  if (!raw) return null;
  const known = kind === 'any' ? undefined : (p: string) => p in projector(kind);
  try {
    return parseFilter(raw, known);
  } catch (err) {
    if (err instanceof FilterError) throw new GraphError(400, 'Request_UnsupportedQuery', `Unsupported Query. ${err.message}`);
    throw err;
  }
}

export function getterFor<T>(kind: EntityKind, item: T): (p: string) => unknown {
  const names = projector(kind) as Projector<T>;
  return (p) => names[p]?.(item);
}

export function encodeToken(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeToken<T>(token: string): T {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as T;
  } catch {
    throw badRequest('The provided $skiptoken is not valid.', 'Request_BadRequest');
  }
}

/** Page through table slots from `start`, skipping deleted slots and non-matches; O(page) without a filter. */
export function pageSlots<T>(
  slots: ReadonlyArray<T | null>,
  start: number,
  top: number,
  match: ((item: T) => boolean) | null,
): { items: T[]; next: number | null } {
  const items: T[] = [];
  let i = start;
  for (; i < slots.length && items.length < top; i++) {
    const item = slots[i];
    if (item && (!match || match(item))) items.push(item);
  }
  if (items.length < top) return { items, next: null };
  // Only promise a next page if one exists.
  for (let j = i; j < slots.length; j++) {
    const item = slots[j];
    if (item && (!match || match(item))) return { items, next: j };
  }
  return { items, next: null };
}

export function parseTop(raw: string | null, fallback: number, max: number): number {
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new GraphError(400, 'Request_BadRequest', `Invalid page size specified: '${raw}'. Must be between 1 and ${max} inclusive.`);
  }
  return n;
}

export function contextUrl(base: string, entitySet: string, select: string[] | null, entity = false): string {
  return `${base}/$metadata#${entitySet}${select ? `(${select.join(',')})` : ''}${entity ? '/$entity' : ''}`;
}
