import type { CloudId } from '../config/clouds';
import type { CodedError, Param } from '../errors/phrase';
import type { ErrorData } from '../errors/app-error';
import type { ErrorCode } from '../errors/codes';
import type { FailureIds } from '../errors/failure-ids';

/** The three Microsoft 365 services a tenant can connect. */
export type ServiceId = 'exchange' | 'sharepoint' | 'onedrive';

/** Same scope for every service of a tenant: that is why it lives on the tenant. */
export type SyncScope = { mode: 'all' } | { mode: 'selected'; userIds: string[]; groupIds: string[] };

/** What we know of the grant. Never a token: tokens live only in msal's cache. */
export interface GrantFacts {
  scopes: string[];
  grantedAt: number;
  /** When the current access token expires (ms since epoch). */
  expiresOn: number;
  /** When the refresh token can no longer be redeemed (SPA: fixed 24 h after sign-in). */
  refreshHorizon: number;
  lastValidatedAt: number;
  lastAuthError?: { code: string; at: number; ids?: FailureIds };
}

export interface TenantRecord {
  /** Entra tenant id (GUID). */
  tenantId: string;
  displayName: string;
  domain: string;
  cloud: CloudId;
  clientId: string;
  homeAccountId?: string;
  serviceAccountUpn?: string;
  syncScope: SyncScope;
  grant?: GrantFacts;
  createdAt: number;
  /** The admin muted this tenant's notifications (the badge and the popup still show its problems). */
  notificationsMuted?: boolean;
}

export type ConnectorState =
  | 'not_connected'
  | 'granting'
  | 'syncing'
  | 'connected'
  | 'renewal_due'
  | 'token_expired'
  | 'signed_out'
  | 'permission_missing'
  | 'role_inactive'
  | 'password_expiring'
  | 'account_blocked'
  | 'licence_ending'
  | 'licence_lost'
  | 'service_incident'
  | 'role_activation_ending'
  | 'role_activation_unknown'
  | 'sync_stale'
  | 'sync_failed'
  | 'service_degraded';

/**
 * A service the admin connected: the record exists from the grant until Disconnect. It keeps facts only; its status is
 * derived where it is read (lib/monitor/evaluate.ts `evaluateTenant`), never stored (schema version 5 removed
 * `status`, `reasonCode`, `lastCheckAt`, `lastSyncResult` and `nextSyncAt`).
 */
export interface ConnectorRecord {
  /** `${tenantId}:${service}` */
  id: string;
  tenantId: string;
  service: ServiceId;
  policyId?: string;
  connectedAt?: number;
  /** When a sync of the tenant last succeeded (the grant sets it too: a fresh grant is not a stale sync). */
  lastSyncAt?: number;
  /** Microsoft's service health for this connector's service, as last read (by a sync or a health check). */
  serviceHealth?: ConnectorServiceHealth;
}

/** One service's entry of Microsoft's service health, kept on its connector. */
export interface ConnectorServiceHealth {
  state: 'operational' | 'degraded' | 'unknown';
  /** Microsoft's own status value, e.g. `serviceDegradation`: the UI words it (lib/service-health/status.ts). */
  status?: string;
  checkedAt: number;
}

export interface DirectoryUser {
  tenantId: string;
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail?: string;
  accountEnabled?: boolean;
  /**
   * Licensed for Exchange Online (an enabled Exchange plan in assignedPlans, see lib/sync/map.ts); absent when Graph
   * did not say. Not "has a mailbox": a shared mailbox has one without a licence. Records synced before this field
   * may still carry the old `hasMailbox`, which nothing reads; the next full read replaces them.
   */
  exchangeLicensed?: boolean;
  /** Lower-cased keys for prefix lookup. */
  searchName: string;
  searchUpn: string;
  /** Only where it differs from `searchUpn` (lib/sync/map.ts `searchMailOf`); records synced before may hold '' or it. */
  searchMail?: string;
}

export interface DirectoryGroup {
  tenantId: string;
  id: string;
  displayName: string;
  mail?: string;
  searchName: string;
}

/** One user's membership of one group (direct members that are users; other member types are not mirrored). */
export interface Membership {
  tenantId: string;
  groupId: string;
  userId: string;
}

/** An id as the directory mirror stores it (`packId` in lib/db/packed-id.ts: a GUID in 10 UTF-16 code units, not 36). */
export type PackedId = string & { readonly packedId: unique symbol };

/** A directory object as `users` or `groups` stores it since schema 14: its tenant's id and its own packed. */
export type StoredObject<T extends { tenantId: string; id: string }> = Omit<T, 'tenantId' | 'id'> & { tenantId: PackedId; id: PackedId };
export type UserRow = StoredObject<DirectoryUser>;
export type GroupRow = StoredObject<DirectoryGroup>;

/** A user's or group's key in `users` or `groups`: [tenantId, id], both packed. */
export type ObjectKey = [tenantId: PackedId, id: PackedId];

/** A membership as `memberOf` stores it since schema 14: its ids packed (lib/db/keys.ts converts both ways). */
export interface MembershipRow {
  tenantId: PackedId;
  groupId: PackedId;
  userId: PackedId;
}

/** A membership's key in `memberOf`: by user first, so that a user's memberships are one key range. */
export type MemberKey = [tenantId: PackedId, userId: PackedId, groupId: PackedId];

/** The two directory collections the sync mirrors with Graph delta queries. */
export type SyncResource = 'users' | 'groups';

/** Where the sync of one collection stands: the round in progress (nextLink) and where the next one starts. */
export interface SyncCheckpoint {
  tenantId: string;
  resource: SyncResource;
  /** The next page to fetch when a round was interrupted. */
  nextLink?: string;
  /** What nextLink continues: a full read (old mirror kept until it is whole) or an increment. */
  roundKind?: 'full' | 'incremental';
  /** Full rounds: the round's id; what it has seen so far is kept in `syncSeen` under it. */
  roundId?: string;
  /**
   * Full rounds: what the round saw is kept as `SyncSeenRow`s. Absent on a round begun by an older version, which kept
   * one chunk per page: such a round starts again rather than sweep from rows it cannot read.
   */
  seenKeys?: boolean;
  /**
   * Full rounds that began on an empty mirror of their collection: everything the mirror holds at the end was written
   * by the round, so it keeps no seen ids and does not sweep.
   */
  intoEmpty?: boolean;
  /** Pages committed in the round in progress. */
  pages?: number;
  /** Objects applied so far in the round in progress. */
  done?: number;
  /** Full rounds: how many objects Graph counted at the start (progress only; Graph's count is eventual). */
  total?: number;
  /** Where the next incremental run starts. */
  deltaLink?: string;
  /** When deltaLink was issued: Graph refuses identity delta links after 7 days. */
  deltaLinkAt?: number;
  updatedAt: number;
}

/**
 * What a full round has seen so far (lib/sync/sweep.ts), in `syncSeen`, whose key is [tenantId+resource+roundId+page]:
 * `page` holds an object's id (a string) for each object seen, or `[groupId, page number]` for the members a page
 * listed of one group. Strings sort before arrays, so each kind is read by key range in the mirror's own order.
 */
export type SyncSeenRow = SyncSeenObject | SyncSeenMembers;

export interface SyncSeenObject {
  tenantId: string;
  resource: SyncResource;
  roundId: string;
  /** The id of an object the round saw. */
  page: string;
}

export interface SyncSeenMembers {
  tenantId: string;
  resource: SyncResource;
  roundId: string;
  page: [groupId: string, page: number];
  /** The user ids the page listed as members of the group. */
  members: string[];
}

/**
 * Who may write a tenant's records now, and until when (schema 7, `leases`, owned by lib/lease/tenant-lease.ts): one
 * record per tenant, held by a grant run or by a directory sync, never both. A holder renews it while it works and
 * waits; a stopped worker stops renewing, the lease runs out, and the work may resume.
 */
export interface TenantLease {
  tenantId: string;
  /** A grant run (its directory sync runs under the grant's lease) or a directory sync of its own. */
  holder: 'grant' | 'sync';
  /** The grant run that holds it (holder `grant`). */
  grantRunId?: string;
  /** The sync run going on under it, if any: a sync's own run, or the grant's directory sync. */
  syncRunId?: number;
  /** The worker that took it (a sync's; a grant is known by its run). */
  ownerId?: string;
  /** Unique per taking: what each write under the lease proves (a sync's commit), so a late holder writes nothing. */
  token: string;
  expiresAt: number;
}

export type SyncTrigger = 'grant' | 'schedule' | 'manual' | 'resume';

/** `running` until it ends; `stopped`: paused or interrupted, the next run resumes; `deferred`: retry at resumeAt. */
export type SyncOutcome = 'running' | 'success' | 'failed' | 'deferred' | 'stopped';

export interface SyncRun {
  id?: number;
  tenantId: string;
  kind: 'full' | 'incremental' | 'selected';
  trigger: SyncTrigger;
  startedAt: number;
  finishedAt?: number;
  durationMs?: number;
  outcome: SyncOutcome;
  /** An ErrorCode (lib/errors/codes.ts) for every outcome but success and running. */
  reasonCode?: string;
  /** What fills reasonCode's message: the UI words both with sayError (lib/sync/run-reason.ts). */
  reasonParams?: readonly Param[];
  /** Microsoft's ids of the request that ended the run (failed or deferred), for a support report. */
  reasonIds?: FailureIds;
  /**
   * Only in runs written before schema 6 without a reasonCode: the reason in the words of that day, shown as they
   * are. Schema 6 dropped it wherever the run had its code (lib/db/versions/v6.ts).
   */
  reason?: string;
  /** Deferred runs: when to try again (the caller sets an alarm). */
  resumeAt?: number;
  usersWritten: number;
  groupsWritten: number;
  usersRemoved: number;
  groupsRemoved: number;
  membershipsWritten: number;
  membershipsRemoved: number;
  /** Live progress for the UI: objects applied so far, and Graph's count when a full read started. */
  progress: { done: number; total?: number; resource?: SyncResource };
}

export interface ActivityEvent {
  tenantId: string;
  id: string;
  /** Entra's directory audits and sign-ins, or a service's own events from Microsoft Purview's audit search. */
  kind: 'directoryAudit' | 'signIn' | 'auditSearch';
  service: ServiceId | 'entra';
  occurredAt: number;
  /**
   * What happened: Microsoft's words (activity, target, reason) inside ours, as a param the console words when shown.
   * Events stored before schema 6 have words here, in the language of the day they were read (shown as they are).
   */
  summary: Param;
  actor?: string;
  /** False for a failed sign-in or a failed audited operation. */
  succeeded?: boolean;
}

/**
 * A run of stored events of one tenant and kind: what one page of a log stored (schema 13). Its key is the tenant, the
 * kind, its newest and oldest event's time and its first event's id, so that the 7-day window's reads and prune are
 * key ranges and the events of one page cost IndexedDB one write, not one each (issue #18).
 */
export interface EventBatch {
  tenantId: string;
  kind: ActivityEvent['kind'];
  newest: number;
  oldest: number;
  /** The id of its first event: two batches of the same times still have two keys (an event is stored once). */
  first: string;
  events: ActivityEvent[];
}

/**
 * Where the reading of one service's own events from Microsoft Purview's audit search stands (lib/sync/audit-search.ts):
 * the query Microsoft is running for it, how far its events have been read, and why they cannot be read when not.
 */
export interface AuditSearchRecord {
  tenantId: string;
  service: ServiceId;
  /** The query Microsoft runs now, with the window it covers and when it was made. */
  query?: { id: string; from: number; to: number; startedAt: number };
  /** The service's events up to here are stored (the end of the last query read). */
  coveredUntil?: number;
  /** Why the service's own events cannot be read now (a national cloud, Microsoft's refusal, a failed query). */
  unavailable?: CodedError;
}

export interface PolicyRecord {
  id: string;
  name: string;
  description: string;
  builtIn: boolean;
}

export interface AlertRecord {
  id: string;
  tenantId: string;
  connectorId: string;
  state: ConnectorState;
  reasonCode: string;
  firstSeenAt: number;
  lastSeenAt: number;
  acknowledgedAt?: number;
  resolvedAt?: number;
}

/** What an activity log entry records, as a code; the console words it (lib/activity/actions.ts). */
export type ActivityAction =
  | 'tenant_added'
  | 'tenant_changed'
  | 'tenant_removed'
  | 'granted'
  | 'regranted'
  | 'scope_switched'
  | 'grant_resumed'
  | 'grant_cancelled'
  | 'grant_failed'
  | 'disconnected'
  | 'service_health'
  | 'sync_grant'
  | 'sync_schedule'
  | 'sync_manual'
  | 'sync_resume';

/**
 * One line of the activity log: what happened as a code and its detail as a param, worded by the console when shown.
 * Entries written before schema 6 have no `event`: their `action` and `detail` are words in the language of the day
 * they were written (no code was kept to word them again), and the console shows them as they are.
 */
export interface ActivityLogEntry {
  id?: number;
  at: number;
  tenantId?: string;
  /** Who did it: the admin's sign-in name, or `system` for the worker. */
  actor: string;
  event?: ActivityAction;
  /** Before schema 6 only: the action in words. */
  action?: string;
  /** What the console words (lib/errors/phrase.ts); in entries written before schema 6, words shown as they are. */
  detail?: Param;
  outcome: 'success' | 'failure';
}

/** The steps of Grant access, in order. Service checks are one step per chosen service. */
export type GrantStepId =
  | 'sign_in'
  | 'verify_tenant'
  | 'verify_admin'
  | 'verify_service_account'
  | 'choose_targets'
  | 'check_exchange'
  | 'check_sharepoint'
  | 'check_onedrive'
  | 'sync_directory'
  | 'backfill_activity'
  | 'enable_policy'
  | 'finish';

export type GrantStepState = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

export interface GrantStep {
  id: GrantStepId;
  state: GrantStepState;
  /**
   * What the step found (e.g. "1,204 users and 96 groups synced"), as data the UI words (lib/errors/phrase.ts). In runs
   * written before schema 6 it is words in the language of that day: a string, shown as it is.
   */
  detail?: Param;
}

export type GrantKind = 'grant' | 'regrant' | 'scope_switch';

/**
 * One Grant-access run, kept in Dexie so it survives the worker and the popup: the UI follows it with a live
 * query, and a failed run resumes from its failed step. Never holds a token.
 */
export interface GrantRun {
  id: string;
  tenantId: string;
  kind: GrantKind;
  services: ServiceId[];
  syncScope: SyncScope;
  policyId: string;
  /** `waiting` = paused for the admin to choose users and groups (selected scope). */
  state: 'running' | 'waiting' | 'failed' | 'succeeded' | 'cancelled';
  steps: GrantStep[];
  error?: ErrorData & { step: GrantStepId };
  account?: {
    homeAccountId: string;
    username: string;
    name: string;
    objectId: string;
    tenantId: string;
    /** When the sign-in's access token and refresh token end, as Entra said (ms since epoch). */
    expiresOn?: number;
    refreshHorizon?: number;
  };
  /** The next sign-in lets the admin pick another account: the last one belonged to another tenant. */
  chooseAccount?: boolean;
  /** The organisation's name, as /organization gave it during the checks. */
  organizationName?: string;
  startedAt: number;
  updatedAt: number;
  finishedAt?: number;
}

/** How urgent a status is: `error` needs action now (red), `warning` soon (amber); `info` is work in progress. */
export type Severity = 'ok' | 'info' | 'warning' | 'error';

/** What one probe of a service found: it answered, it refused (403: permission lost), or it failed otherwise. */
export type ProbeResult = 'ok' | 'forbidden' | 'failed';

/** What one check of a tenant found. Kept 7 days in `checks`: the console's timeline and the last known facts. */
export interface TenantCheck {
  id?: number;
  tenantId: string;
  at: number;
  /** `offline`: the browser had no network, so nothing was asked and nothing is concluded. */
  network: 'online' | 'offline';
  /** The one token request: ok with what Entra said, or the classified failure. */
  token?: TokenCheck;
  /** The one Graph request ($batch): absent when the token failed. */
  graph?: GraphCheck;
  /** Each connector's status after this check (the timeline reads these). */
  statuses: Array<{ connectorId: string; state: ConnectorState; severity: Severity; reasonCode?: string }>;
}

export type TokenCheck =
  | { ok: true; renewedBy: 'refresh_token' | 'silent_sign_in'; expiresOn: number; refreshHorizon?: number; scopes: string[] }
  | { ok: false; code: ErrorCode; silentSignInTried: boolean; ids?: FailureIds };

export interface GraphCheck {
  /** Whether the account still holds the Global Administrator role; absent when Graph did not say. */
  globalAdmin?: boolean;
  /** Whether the account is eligible for Global Administrator in Privileged Identity Management; absent when Graph did not say. */
  globalAdminEligible?: boolean;
  /**
   * When the account's activation of Global Administrator in PIM ends (epoch ms); null: held without an end (an
   * assignment, not an activation); absent when Graph did not say.
   */
  globalAdminActiveUntil?: number | null;
  /** The activation could not be read because the grant lacks its permission (403). */
  globalAdminActivationUnread?: true;
  probes: Partial<Record<ServiceId, ProbeResult>>;
  health?: Partial<Record<ServiceId, ConnectorServiceHealth>>;
  /** The whole request failed (e.g. 401, 5xx, network). */
  failure?: ErrorCode;
  /** Microsoft's ids of the failed request (the whole batch, or each failed probe), for a support report. */
  failureIds?: FailureIds;
  probeIds?: Partial<Record<ServiceId, FailureIds>>;
  /** The service account's password facts as Graph gave them (the predictions read these); absent when not read. */
  account?: AccountFacts;
  /** Microsoft's open incidents of each connected service (empty when none is open); absent when not read. */
  incidents?: Partial<Record<ServiceId, OpenIncident[]>>;
}

/** One of Microsoft's open service health incidents, in Microsoft's words (servicehealthissue.md). */
export interface OpenIncident {
  /** Microsoft's id, e.g. "EX226792": what the admin quotes to Microsoft. */
  id: string;
  title: string;
  /** Microsoft's serviceHealthStatus value, e.g. "serviceDegradation". */
  status?: string;
  /** lastModifiedDateTime: Microsoft's last update (epoch ms). */
  lastUpdateAt?: number;
}

/**
 * The service account's own facts a prediction reads, as Graph returned them in the check (user resource:
 * lastPasswordChangeDateTime, passwordPolicies, onPremisesSyncEnabled, accountEnabled; domain resource of the account's
 * UPN domain: passwordValidityPeriodInDays, passwordNotificationWindowInDays). No name, no mail: facts only.
 */
export interface AccountFacts {
  /** lastPasswordChangeDateTime (epoch ms); absent when Graph did not give one. */
  lastPasswordChangeAt?: number;
  /** passwordPolicies as Graph has it ("DisablePasswordExpiration", "DisableStrongPassword", both comma-separated, or null). */
  passwordPolicies?: string | null;
  /** True for an account synchronised from on-premises Active Directory; null or absent for a cloud account. */
  onPremisesSyncEnabled?: boolean | null;
  accountEnabled?: boolean;
  /** assignedPlans as Graph gave them (only each plan's service and capabilityStatus); absent when not given. */
  plans?: Array<{ service: string; capabilityStatus: string }>;
  /** The policy of the account's domain; absent when the domain could not be read. Null: the property is not set. */
  domainPolicy?: { validityDays: number | null; notificationDays: number | null };
}
