import type { ProvisioningStatus } from './org/licences.ts';
import type { CapabilityStatus } from './org/directory.ts';

// The public contract of the local Microsoft 365 tenant. Other test code (e2e, benchmarks, demo) codes against these.

export interface TenantOrgOptions {
  tenantId?: string;
  domain?: string;
  displayName?: string;
  /** The generator is deterministic for (seed, users, groups, tenantId). */
  seed?: number;
  /** Generated users besides the two fixed accounts. */
  users?: number;
  groups?: number;
  /** Entra ID P1/P2: sign-in logs are available. */
  premium?: boolean;
  /**
   * The generated 30 days of directory audits and sign-ins (default true). Off, the logs hold only what happens
   * while the tenant runs: the benchmark's `--no-history` measures a sync without the 7-day activity read's volume.
   */
  history?: boolean;
}

export interface TenantOptions {
  port?: number;
  orgs?: TenantOrgOptions[];
  clientId?: string;
  redirectUris?: string[];
  accessTokenLifetimeSeconds?: number;
  refreshTokenLifetimeSeconds?: number;
  sessionLifetimeSeconds?: number;
}

export interface Account {
  id: string;
  userPrincipalName: string;
  password: string;
  displayName: string;
}

export interface TenantOrgInfo {
  tenantId: string;
  domain: string;
  displayName: string;
  admin: Account;
  user: Account;
  /** A shared mailbox: mail and a mailbox, no licence, sign-in blocked (its password signs nobody in). */
  sharedMailbox: Account;
  userCount: number;
  groupCount: number;
}

export type FaultKind = '429' | '503' | '504' | 'reset' | 'malformed' | 'slow' | 'foreign-link';

export interface FaultSpec {
  /** Substring of, or regular expression source matched against, the request path (no query). */
  path: string;
  kind: FaultKind;
  /** How many matching requests fail; default 1. `Infinity` (or -1 over HTTP) keeps failing until clearFaults(). */
  count?: number;
  retryAfterSeconds?: number;
  /** For 'slow': how long to wait before answering normally (default 5000). */
  delayMs?: number;
  /**
   * For 'foreign-link': the host (`name:port`) that the Graph answer's links (`@odata.nextLink`, `@odata.deltaLink`,
   * `@odata.context`) point at instead of the tenant's; default `127.0.0.1:<port>`, this same server under another
   * name, so that the request log shows whatever follows the link.
   */
  host?: string;
}

/** setLatency: every request whose path matches waits `ms` before it is answered. */
export interface LatencySpec {
  /** Substring of, or regular expression source matched against, the request path (no query), as for faults. */
  path: string;
  /** 0 removes the latency for this path. */
  ms: number;
}

export interface RequestRecord {
  /** Epoch milliseconds when the request arrived. */
  time: number;
  method: string;
  /** The Host header. */
  host: string;
  path: string;
  /** Raw query string without '?'; token-like parameters are redacted. */
  query: string;
  /** An Authorization header was present (its value is never recorded). */
  authorization: boolean;
  /** 0 when the connection was reset without an answer. */
  status: number;
  /** Milliseconds from the request's arrival to its answer handed to the socket (the local tenant's own time on it). */
  workMs?: number;
  /** The answer's `request-id` header (Graph's id of the request, which Microsoft support asks for), if it had one. */
  requestId?: string;
}

export interface UserInput {
  displayName?: string;
  givenName?: string;
  surname?: string;
  /** Its domain picks the org; default `${mailNickname}@<first org's domain>`. */
  userPrincipalName?: string;
  mailNickname?: string;
  mail?: string | null;
  jobTitle?: string | null;
  department?: string | null;
  officeLocation?: string | null;
  accountEnabled?: boolean;
  password?: string;
  /** Gives an E5 licence (mailbox + OneDrive). Default true. */
  licensed?: boolean;
  /** When the password last changed (ISO 8601, as Graph writes it); default: at creation, then each new password. */
  lastPasswordChangeDateTime?: string;
  /** Graph's passwordPolicies: "DisablePasswordExpiration" (never expires), "DisableStrongPassword", both, or null. */
  passwordPolicies?: string | null;
  /** True: the account is synchronised from on-premises Active Directory (its password policy lives there). */
  onPremisesSyncEnabled?: boolean | null;
}

/**
 * A domain's password policy (microsoft-graph-docs-contrib api-reference/v1.0/resources/domain.md): null is "not set",
 * where Microsoft uses 90 and 14 days; 2147483647 days is "never expires".
 */
export interface DomainPasswordPolicy {
  passwordValidityPeriodInDays?: number | null;
  passwordNotificationWindowInDays?: number | null;
}

export interface GroupInput {
  displayName?: string;
  mailNickname?: string;
  description?: string | null;
  securityEnabled?: boolean;
  mailEnabled?: boolean;
  groupTypes?: string[];
  /** A role-assignable group (it can hold a directory role: assignRoleToGroup). */
  isAssignableToRole?: boolean;
  /** User ids or UPNs. */
  members?: string[];
}

export interface DirectoryUserView {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail: string | null;
  accountEnabled: boolean;
}

export interface DirectoryGroupView {
  id: string;
  displayName: string;
  mailNickname: string;
  memberCount: number;
}

/** One org's directory as it stands, for comparing a mirror with it record by record. */
export interface DirectorySnapshot {
  users: Array<DirectoryUserView & { licensed: boolean }>;
  /** `members`: the ids of the group's direct members. */
  groups: Array<{ id: string; displayName: string; mail: string | null; members: string[] }>;
}

/**
 * Every member of Graph's serviceHealthStatus enum, in the CSDL's order (microsoftgraph/msgraph-metadata
 * schemas/v1.0-Prod.csdl, EnumType serviceHealthStatus; microsoft-graph-docs-contrib
 * api-reference/v1.0/resources/servicehealthissue.md lists the same and marks resolved ... reported "Reserved for
 * future use"). unknownFutureValue is the enum's sentinel: Graph serves it for a member added after it.
 */
export type ServiceHealthStatus =
  | 'serviceOperational'
  | 'investigating'
  | 'restoringService'
  | 'verifyingService'
  | 'serviceRestored'
  | 'postIncidentReviewPublished'
  | 'serviceDegradation'
  | 'serviceInterruption'
  | 'extendedRecovery'
  | 'falsePositive'
  | 'investigationSuspended'
  | 'resolved'
  | 'mitigatedExternal'
  | 'mitigated'
  | 'resolvedExternal'
  | 'confirmed'
  | 'reported'
  | 'unknownFutureValue';

/** Every method is synchronous; the HTTP control API (`POST /_control/<method>`) calls the same code. */
export interface TenantControl {
  /** `org` (tenant id or domain) defaults to the UPN's domain, else the first org. */
  addUser(input?: UserInput, org?: string): DirectoryUserView;
  updateUser(idOrUpn: string, patch: UserInput): DirectoryUserView;
  deleteUser(idOrUpn: string): void;
  addGroup(input?: GroupInput, org?: string): DirectoryGroupView;
  updateGroup(id: string, patch: GroupInput): DirectoryGroupView;
  deleteGroup(id: string): void;
  addGroupMember(groupId: string, userIdOrUpn: string): void;
  removeGroupMember(groupId: string, userIdOrUpn: string): void;
  /** Every delta (and delta skip) token issued so far answers 410. */
  expireDeltaTokens(): void;
  /**
   * Delta pages hold at most `max` objects whatever `Prefer: odata.maxpagesize` asks (Graph treats it as a hint);
   * null lifts the cap. Lets a small org take many pages.
   */
  capDeltaPages(max: number | null): void;
  /** The org's users and groups (with their members) as they stand now; `org` defaults to the first. */
  listDirectory(org?: string): DirectorySnapshot;

  /** Refresh tokens of the user fail with AADSTS50173; access tokens already issued answer 401. */
  revokeGrants(upn: string): void;
  /** revokeGrants + the user's sign-in sessions end + a new password (returned). */
  resetPassword(upn: string, newPassword?: string): string;
  /** Default: both. Access tokens issued so far answer 401; refresh tokens fail with AADSTS700084. */
  expireTokens(kinds?: { access?: boolean; refresh?: boolean }): void;
  /** Every sign-in session ends: prompt=none fails with login_required afterwards. */
  endSessions(): void;
  removeRole(upn: string, role?: string): void;
  addRole(upn: string, role?: string): void;
  /** A role-assignable group (addGroup({ isAssignableToRole: true })) holds the role; its members hold it through it. */
  assignRoleToGroup(groupId: string, role?: string): void;
  /** The user becomes eligible for the role in Privileged Identity Management (the role is not active until activate). */
  makeEligible(upn: string, role?: string): void;
  /** An eligible user activates the role for `hours` (a PIM activation): it is active until then, then lapses. */
  activate(upn: string, hours: number, role?: string): void;
  /** The activation ends now (the eligibility stays). */
  deactivate(upn: string, role?: string): void;
  /**
   * A service plan (by servicePlanName, e.g. `EXCHANGE_S_ENTERPRISE`) of every subscription gets this
   * provisioningStatus; `null` removes the plan, as a tenant without the product has none.
   */
  setServicePlan(servicePlanName: string, status: ProvisioningStatus | null, org?: string): void;
  /** Applies to tokens and sessions issued afterwards. */
  setLifetimes(lifetimes: { accessTokenSeconds?: number; refreshTokenSeconds?: number; sessionSeconds?: number }): void;
  /**
   * The `signin_state` claim of id tokens issued afterwards, e.g. ['kmsi'] ("Stay signed in?" answered Yes); null for
   * none (the start).
   */
  setSigninState(values: string[] | null): void;
  /** The user's own consent ends (their Principal grant); admin consent, if any, still holds. */
  removeConsent(upn: string): void;
  /**
   * A Conditional Access policy that blocks the user (AADSTS53003): `signIn` at authorize (after the password, or at
   * once with a session), `refresh` at the token endpoint's refresh. Default both; null lifts the block.
   */
  setConditionalAccessBlock(upn: string, block?: { signIn?: boolean; refresh?: boolean } | null): void;
  /**
   * false: users may not consent to apps in the org (Entra's "Do not allow user consent"); a user who is not a Global
   * Administrator and meets the consent prompt gets AADSTS90094 at authorize. true (the start state) lifts it.
   */
  setUserConsent(allowed: boolean, org?: string): void;
  /**
   * "Grant admin consent for <tenant>" for these delegated Graph scopes (short names): one AllPrincipals grant, so
   * nobody is asked for them on the consent page. `org` defaults to the first.
   */
  grantAdminConsent(scopes: string[], org?: string): void;
  /** Admin consent withdrawn for these scopes, or for all of them. */
  revokeAdminConsent(scopes?: string[], org?: string): void;
  /**
   * Moves a redirect URI of the app registration to another platform (`spa`, `web`, `publicClient`). A code for a URI
   * not under `spa` redeemed with an Origin header (by a browser) fails with AADSTS9002326, as in Entra.
   */
  setRedirectPlatform(uri: string, platform: 'spa' | 'web' | 'publicClient'): void;
  setServiceHealth(service: string, status: ServiceHealthStatus, org?: string): void;
  /** Both false: the user has no licence at all (no mailbox, no OneDrive). */
  setLicence(upn: string, licence: { mailbox?: boolean; drive?: boolean }): void;
  setPremium(premium: boolean, org?: string): void;
  /**
   * One of the user's assigned plans (service "exchange" or "SharePoint") in another capabilityStatus: Warning (a
   * grace period), Suspended, LockedOut, Deleted (assignedplan.md), or Enabled again.
   */
  setPlanStatus(upn: string, service: 'exchange' | 'SharePoint', capabilityStatus: CapabilityStatus): void;
  /**
   * A service health issue Microsoft opens for the org's tenant (GET /admin/serviceAnnouncement/issues): an
   * incident unless said otherwise, status serviceDegradation, open, dated now (the tenant's clock). Returns its id.
   */
  addServiceIssue(
    issue: { service: string; title: string; classification?: 'incident' | 'advisory'; status?: ServiceHealthStatus },
    org?: string,
  ): string;
  /** Microsoft resolves the issue (isResolved, status serviceRestored, endDateTime now). */
  resolveServiceIssue(id: string, org?: string): void;
  /** The org's domain's password policy (GET /domains/{id}); reset(): never expires, a 14-day notification window. */
  setDomainPasswordPolicy(policy: DomainPasswordPolicy, org?: string): void;
  /**
   * Microsoft Purview's audit search (org/audit-search.ts): `available: false` refuses new queries (a tenant without
   * audit search); `runMs` is how long each new query runs on the tenant clock; `failNext` makes the next queries fail
   * (with `failNextOf`, only the next queries of that service); `recordsPerDay` sizes the generated Exchange, SharePoint
   * and OneDrive history and `days` its length (30 by default). Returns the settings now.
   */
  setAuditSearch(
    settings: {
      available?: boolean;
      runMs?: number;
      failNext?: number;
      failNextOf?: 'Exchange' | 'SharePoint' | 'OneDrive';
      recordsPerDay?: number;
      days?: number;
    },
    org?: string,
  ): { available: boolean; runMs: number; failNext: number; recordsPerDay?: number; days?: number };

  injectFault(fault: FaultSpec): void;
  clearFaults(): void;
  /**
   * Every later request whose path matches waits `ms` before it is answered (e.g. `{ path: '/delta', ms: 300 }`:
   * Graph's time per delta page, for the bench); requests in flight together each wait, none queues behind another.
   * Kept until `ms: 0` for the same path or reset(); faults still apply after the wait.
   */
  setLatency(latency: LatencySpec): void;
  /** The tenant's time (epoch ms): real time until advanceTime or setTime moves it ahead. */
  now(): number;
  /**
   * The tenant's clock moves `ms` ahead (never back), at once: refresh horizons, access tokens, sign-in sessions and
   * PIM activations that end in that time have ended; later sign-ins and audits carry the new time. Returns the new
   * time. The browser's own clock is not moved: msal still reckons with the real time.
   */
  advanceTime(ms: number): number;
  /** The tenant's clock jumps to `epochMs` (not before its current time); returns it. */
  setTime(epochMs: number): number;
  requests(): RequestRecord[];
  clearRequests(): void;

  /** Back to the generated start state: directory, grants, sessions, consents, lifetimes, clock, faults, latency, request log. */
  reset(): void;
}

export interface Tenant {
  url: string;
  port: number;
  authorityHost: string;
  graphBaseUrl: string;
  clientId: string;
  orgs: TenantOrgInfo[];
  /** PEM of the self-signed certificate. */
  ca: string;
  control: TenantControl;
  close(): Promise<void>;
}
