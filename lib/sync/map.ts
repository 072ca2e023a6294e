import type { DirectoryGroup, DirectoryUser } from '../db/types';

/**
 * What the product shows of a user: name, sign-in name, mail, enabled, Exchange Online licence (from the assigned
 * plans), groups (from memberships). See `exchangeLicensedFrom` for why this is a licence, not a mailbox.
 */
export const USER_SELECT = ['id', 'displayName', 'userPrincipalName', 'mail', 'accountEnabled', 'assignedPlans'] as const;

/** `members` makes groups/delta carry `members@delta` (additions, and removals marked `@removed`). */
export const GROUP_SELECT = ['id', 'displayName', 'mail', 'members'] as const;

/** Only the group fields that a /groups read (not delta) can select: `members` is a delta-only selection. */
export const GROUP_READ_SELECT = ['id', 'displayName', 'mail'] as const;

/** A directory object as Graph sends it: an id and any properties, possibly only the changed ones. */
export type GraphObject = Record<string, unknown> & { id: string };

const EXCHANGE_SERVICE = /^exchange$/i;
/** assignedPlan capabilityStatus values that mean the plan can be used: Enabled, and Warning (a grace period). */
const USABLE = new Set(['Enabled', 'Warning']);

/**
 * Whether the user is licensed for Exchange Online, from `assignedPlans`; undefined when Graph did not send them.
 * Microsoft: an assignedPlan's `service` names the service ("for example, exchange") and `capabilityStatus` Enabled
 * is "available for normal use", Warning the same "in a grace period"; Suspended, LockedOut and Deleted are not
 * (microsoft-graph-docs-contrib api-reference/v1.0/resources/assignedplan.md). Entra's own rule for "users with
 * Exchange Online" is the same fact (entra-docs docs/identity/users/groups-dynamic-membership.md: assignedPlans
 * servicePlanId of EXCHANGE_S_ENTERPRISE and capabilityStatus Enabled).
 * This is a licence, not a mailbox: a shared mailbox has a mailbox and no licence, and a mailbox's existence is only
 * told by Exchange (mailboxSettings needs MailboxSettings.Read per user), which a directory sync does not read. So
 * the licence alone (assignedLicenses) and a mail address say nothing: a licence may have its Exchange plan disabled.
 */
export function exchangeLicensedFrom(user: Record<string, unknown>): boolean | undefined {
  const plans = user.assignedPlans;
  if (!Array.isArray(plans)) return undefined;
  return plans.some((plan: unknown) => {
    const { service, capabilityStatus } = (plan ?? {}) as Record<string, unknown>;
    return (
      typeof service === 'string' && EXCHANGE_SERVICE.test(service) && typeof capabilityStatus === 'string' && USABLE.has(capabilityStatus)
    );
  });
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function has(object: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/**
 * The mirror record of a user. Graph may send only the changed properties of an updated object, so a property the
 * item does not carry keeps its stored value; a property sent as null is cleared.
 */
export function mapUser(tenantId: string, item: GraphObject, stored?: DirectoryUser): DirectoryUser {
  const pick = <K extends 'displayName' | 'userPrincipalName' | 'mail'>(key: K): string | undefined =>
    has(item, key) ? text(item[key]) : stored?.[key];
  const displayName = pick('displayName') ?? '';
  const userPrincipalName = pick('userPrincipalName') ?? '';
  const mail = pick('mail');
  const accountEnabled = has(item, 'accountEnabled')
    ? typeof item.accountEnabled === 'boolean'
      ? item.accountEnabled
      : undefined
    : stored?.accountEnabled;
  const exchangeLicensed = has(item, 'assignedPlans') ? exchangeLicensedFrom(item) : stored?.exchangeLicensed;
  const user: DirectoryUser = {
    tenantId,
    id: item.id,
    displayName,
    userPrincipalName,
    searchName: displayName.toLowerCase(),
    searchUpn: userPrincipalName.toLowerCase(),
  };
  const searchMail = searchMailOf(user.searchUpn, mail);
  if (searchMail !== undefined) user.searchMail = searchMail;
  if (mail !== undefined) user.mail = mail;
  if (accountEnabled !== undefined) user.accountEnabled = accountEnabled;
  if (exchangeLicensed !== undefined) user.exchangeLicensed = exchangeLicensed;
  return user;
}

/** The mirror record of a group; as for users, missing properties keep their stored value. */
export function mapGroup(tenantId: string, item: GraphObject, stored?: DirectoryGroup): DirectoryGroup {
  const displayName = (has(item, 'displayName') ? text(item.displayName) : stored?.displayName) ?? '';
  const mail = has(item, 'mail') ? text(item.mail) : stored?.mail;
  const group: DirectoryGroup = { tenantId, id: item.id, displayName, searchName: displayName.toLowerCase() };
  if (mail !== undefined) group.mail = mail;
  return group;
}

/**
 * The user's mail search key, only where a search by mail finds what a search by sign-in name does not: absent for a
 * user without mail, or whose mail is their sign-in name (every licensed user of most tenants). Each search key is an
 * index entry that every put of the user writes again (docs/increment-profile.md); the lookup searches the sign-in
 * names too, so it finds the same users by any prefix of their mail (test/unit/directory/lookup.test.ts).
 */
export function searchMailOf(searchUpn: string, mail: string | undefined): string | undefined {
  const searchMail = mail?.toLowerCase();
  return searchMail && searchMail !== searchUpn ? searchMail : undefined;
}

/**
 * A record's values as compared: a user stored before the mail search key was kept only where needed holds it as ''
 * or its sign-in name, which says the same as holding none (a full read must not write every such user again).
 */
function compared(record: object): Record<string, unknown> {
  const values = record as Record<string, unknown>;
  const { searchMail, searchUpn } = values;
  if (searchMail === undefined || (searchMail !== '' && searchMail !== searchUpn)) return values;
  const rest = { ...values };
  delete rest.searchMail;
  return rest;
}

/** True when two mirror records hold the same values (records are flat: strings and booleans). */
export function sameRecord(a: object | undefined, b: object): boolean {
  if (!a) return false;
  const left = compared(a);
  const right = compared(b);
  const keys = Object.keys(right);
  if (Object.keys(left).length !== keys.length) return false;
  return keys.every((key) => left[key] === right[key]);
}
