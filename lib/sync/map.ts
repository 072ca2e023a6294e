import type { DirectoryGroup, DirectoryUser } from '../db/types';

/**
 * What the product shows of a user: name, sign-in name, mail, enabled, mailbox (from the licence), groups (from
 * memberships). `assignedLicenses` is the licence fact both Graph and the local tenant serve; see `hasMailboxFrom`.
 */
export const USER_SELECT = ['id', 'displayName', 'userPrincipalName', 'mail', 'accountEnabled', 'assignedLicenses'] as const;

/** `members` makes groups/delta carry `members@delta` (additions, and removals marked `@removed`). */
export const GROUP_SELECT = ['id', 'displayName', 'mail', 'members'] as const;

/** Only the group fields that a /groups read (not delta) can select: `members` is a delta-only selection. */
export const GROUP_READ_SELECT = ['id', 'displayName', 'mail'] as const;

/** A directory object as Graph sends it: an id and any properties, possibly only the changed ones. */
export type GraphObject = Record<string, unknown> & { id: string };

const EXCHANGE_PLAN = /^exchange$/i;

/**
 * Whether Graph says the user has an Exchange Online mailbox licence, or undefined when it does not say.
 * - `assignedPlans` (real Graph, when selected): an `exchange` plan with capabilityStatus `Enabled` is the exact fact.
 * - otherwise `assignedLicenses` + `mail` (what the local tenant serves): no licence means no Exchange Online
 *   mailbox; a licence and a primary SMTP address means one. A licence whose Exchange plan is disabled still reads
 *   as a mailbox: telling that needs `assignedPlans`, which the local tenant does not serve (see the note in the
 *   sync issue), or a per-user mailbox probe, far too costly for a directory sync.
 */
export function hasMailboxFrom(user: Record<string, unknown>): boolean | undefined {
  const plans = user.assignedPlans;
  if (Array.isArray(plans)) {
    return plans.some((plan: unknown) => {
      const { service, capabilityStatus } = (plan ?? {}) as Record<string, unknown>;
      return typeof service === 'string' && EXCHANGE_PLAN.test(service) && capabilityStatus === 'Enabled';
    });
  }
  const licences = user.assignedLicenses;
  if (!Array.isArray(licences)) return undefined;
  if (licences.length === 0) return false;
  return typeof user.mail === 'string' && user.mail.length > 0;
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
  const licenceFacts = has(item, 'assignedPlans') || has(item, 'assignedLicenses');
  const hasMailbox = licenceFacts ? hasMailboxFrom({ ...item, mail }) : stored?.hasMailbox;
  const user: DirectoryUser = {
    tenantId,
    id: item.id,
    displayName,
    userPrincipalName,
    searchName: displayName.toLowerCase(),
    searchUpn: userPrincipalName.toLowerCase(),
    searchMail: (mail ?? '').toLowerCase(),
  };
  if (mail !== undefined) user.mail = mail;
  if (accountEnabled !== undefined) user.accountEnabled = accountEnabled;
  if (hasMailbox !== undefined) user.hasMailbox = hasMailbox;
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

/** True when two mirror records hold the same values (records are flat: strings and booleans). */
export function sameRecord(a: object | undefined, b: object): boolean {
  if (!a) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(right);
  if (Object.keys(left).length !== keys.length) return false;
  return keys.every((key) => left[key] === right[key]);
}
