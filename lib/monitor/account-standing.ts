import type { AccountFacts, ServiceId } from '../db/types';

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

/** The account is disabled (accountEnabled false, "Block sign-in"): the next token refresh fails (AADSTS50057). Pure. */
export function isSignInBlocked(account: AccountFacts | undefined): boolean {
  return account?.accountEnabled === false;
}
