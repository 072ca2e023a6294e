import type { AccountFacts, ServiceId, TenantCheck, TenantRecord } from '../db/types';

/**
 * The assignedPlan `service` each connected service needs (microsoft-graph-docs-contrib
 * api-reference/v1.0/resources/assignedplan.md: "The name of the service; for example, exchange"). OneDrive for
 * Business comes with the SharePoint plans (entra-docs docs/identity/users/licensing-service-plan-reference.md lists
 * SharePoint Online's plans, which OneDrive is part of); compared without case.
 */
const PLAN_SERVICE: Record<ServiceId, string> = { exchange: 'exchange', sharepoint: 'sharepoint', onedrive: 'sharepoint' };

/**
 * The service account's licence for a connected service, from its assignedPlans as the check read them. assignedplan.md
 * lists the capabilityStatus values "in the order of their transition if the license isn't renewed": Enabled, Warning
 * ("in a grace period"), Suspended, LockedOut, Deleted. So:
 * - `grace`: no plan Enabled, one in Warning: it still works, and stops when the grace period ends (Graph gives no date);
 * - `lost`: no plan Enabled or in Warning, one Suspended, LockedOut or Deleted: the service no longer serves the account;
 * - `unknown`: not read, or no plan for the service at all (an account that was never licensed for it: the grant's
 *   own checks said so; Microsoft does not document whether a removed licence leaves its plans listed as Deleted).
 */
export type LicenceStanding = 'licensed' | 'grace' | 'lost' | 'unknown';

/** The account's licence standing for `service`. Pure. */
export function licenceStanding(account: AccountFacts | undefined, service: ServiceId): LicenceStanding {
  const plans = account?.plans?.filter((plan) => plan.service.toLowerCase() === PLAN_SERVICE[service]);
  if (!plans?.length) return 'unknown';
  const status = new Set(plans.map((plan) => plan.capabilityStatus.toLowerCase()));
  if (status.has('enabled')) return 'licensed';
  if (status.has('warning')) return 'grace';
  return ['suspended', 'lockedout', 'deleted'].some((value) => status.has(value)) ? 'lost' : 'unknown';
}

/** The service account's accountEnabled as one record read it, and when (epoch ms). */
export interface AccountReading {
  enabled: boolean;
  at: number;
}

/**
 * Whether the service account is enabled, by the freshest record that tells it: the check (a refresh Entra refused
 * with AADSTS50057 reads "disabled", a token it gave "enabled", unless the check's Graph read of /me says its
 * accountEnabled; a failure for another reason tells nothing), at the check's time, or the
 * directory mirror's record of the same user (`mirror`), at the time of the sync run that made the mirror current.
 * A tie goes to the check (it asked about this account alone). `undefined`: no record tells it. Pure.
 */
export function accountEnabledNow(check: TenantCheck | undefined, mirror: AccountReading | undefined): boolean | undefined {
  const checked = checkReading(check);
  if (!mirror) return checked?.enabled;
  if (!checked) return mirror.enabled;
  return mirror.at > checked.at ? mirror.enabled : checked.enabled;
}

function checkReading(check: TenantCheck | undefined): AccountReading | undefined {
  if (!check?.token) return undefined;
  if (!check.token.ok) return check.token.code === 'account_disabled' ? { enabled: false, at: check.at } : undefined;
  // Entra gave a token, so it found the account enabled then (it refuses a disabled one: AADSTS50057), unless the
  // check's own read of /me says otherwise (a change that reached Graph first).
  return { enabled: check.graph?.account?.accountEnabled ?? true, at: check.at };
}

/**
 * The directory id of the service account, from msal's homeAccountId: `<uid>.<utid>` of Entra's client_info, the
 * user's object id in its home tenant and that tenant's id (AzureAD/microsoft-authentication-library-for-js
 * lib/msal-browser/docs/accounts.md, "homeAccountId"). Only an account whose home is this tenant has that id in this
 * tenant's directory (a guest's uid is its home tenant's object), so any other yields no id.
 */
export function serviceAccountId(tenant: Pick<TenantRecord, 'tenantId' | 'homeAccountId'>): string | undefined {
  const [uid, utid, ...rest] = (tenant.homeAccountId ?? '').split('.');
  return uid && utid === tenant.tenantId && rest.length === 0 ? uid : undefined;
}
