import type { AccountFacts } from '../db/types';

const DAY_MS = 24 * 3_600_000;

/**
 * What Microsoft uses when a domain's property is not set (microsoft-graph-docs-contrib
 * api-reference/v1.0/resources/domain.md: passwordValidityPeriodInDays "a default value of 90 days",
 * passwordNotificationWindowInDays "a default value of 14 days").
 */
const DEFAULT_VALIDITY_DAYS = 90;
const DEFAULT_NOTIFICATION_DAYS = 14;
/**
 * The validity Microsoft 365 writes for "Set passwords to never expire" (Int32's largest value). domain.md does not
 * name it; it is what Graph returns for such a domain, and for tenants created after 2021, which have no expiry
 * (entra-docs docs/identity/authentication/concept-sspr-policy.md, "Password expiry duration").
 */
const NEVER_EXPIRES_DAYS = 2_147_483_647;

/**
 * When the service account's password must change, as far as Microsoft's records tell:
 * - `never`: the account's passwordPolicies hold DisablePasswordExpiration, or its domain never expires passwords;
 * - `unknown`: the account is synchronised from on-premises Active Directory, whose own policy decides (Entra's policy
 *   does not apply to it unless EnforceCloudPasswordPolicyForPasswordSyncedUsers is on, and Graph does not say;
 *   entra-docs docs/identity/hybrid/connect/how-to-connect-password-hash-synchronization.md, "Password expiration
 *   policy"), or Graph gave no last change or no domain policy;
 * - `expires`: at `at` (last change + the domain's validity), warned from `warnFrom`.
 */
export type PasswordForecast =
  | { kind: 'never' }
  | { kind: 'unknown'; why: 'on_premises' | 'not_read' }
  | { kind: 'expires'; at: number; warnFrom: number; validityDays: number };

/**
 * The password's expiry from the account's facts. The date is Entra's (its last change plus its policy), never the
 * browser's clock: a browser clock that runs behind or ahead of Entra's moves only when the warning starts, not the
 * date. The warning starts at the domain's notification window (the admin's own setting in Microsoft 365, 14 days
 * unless set), or at the monitor's renewal warning when that is longer. Pure.
 */
export function predictPasswordExpiry(account: AccountFacts | undefined, warningHours: number): PasswordForecast {
  if (!account) return { kind: 'unknown', why: 'not_read' };
  if (account.onPremisesSyncEnabled === true) return { kind: 'unknown', why: 'on_premises' };
  if (hasPolicy(account.passwordPolicies, 'DisablePasswordExpiration')) return { kind: 'never' };
  const policy = account.domainPolicy;
  if (!policy || account.lastPasswordChangeAt === undefined) return { kind: 'unknown', why: 'not_read' };
  const validityDays = policy.validityDays ?? DEFAULT_VALIDITY_DAYS;
  if (validityDays >= NEVER_EXPIRES_DAYS) return { kind: 'never' };
  const at = account.lastPasswordChangeAt + validityDays * DAY_MS;
  const windowMs = Math.max((policy.notificationDays ?? DEFAULT_NOTIFICATION_DAYS) * DAY_MS, warningHours * 3_600_000);
  return { kind: 'expires', at, warnFrom: at - windowMs, validityDays };
}

/** The forecast says the password must change within the warning window (or already had to). Pure. */
export function isPasswordExpiryDue(forecast: PasswordForecast, now: number): forecast is Extract<PasswordForecast, { kind: 'expires' }> {
  return forecast.kind === 'expires' && now >= forecast.warnFrom;
}

/** passwordPolicies is one string of comma-separated values ("DisablePasswordExpiration, DisableStrongPassword"). */
function hasPolicy(policies: string | null | undefined, name: string): boolean {
  return (policies ?? '')
    .split(',')
    .map((value) => value.trim().toLowerCase())
    .includes(name.toLowerCase());
}
