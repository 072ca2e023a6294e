import type { CloudId } from '../config/clouds';
import type { Param } from '../i18n/phrase';
import type { ActivityAction } from '../activity/actions';

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
  lastAuthError?: { code: string; at: number };
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
  | 'permission_missing'
  | 'role_inactive'
  | 'sync_stale'
  | 'sync_failed'
  | 'service_degraded';

export interface ConnectorRecord {
  /** `${tenantId}:${service}` */
  id: string;
  tenantId: string;
  service: ServiceId;
  status: ConnectorState;
  reasonCode?: string;
  policyId?: string;
  connectedAt?: number;
  lastCheckAt?: number;
  lastSyncAt?: number;
  lastSyncResult?: 'success' | 'failed' | 'partial';
  nextSyncAt?: number;
  /** Microsoft's service health for this connector's service, as last read (by a sync or a health check). */
  serviceHealth?: ConnectorServiceHealth;
}

/** One service's entry of Microsoft's service health, kept on its connector. */
export interface ConnectorServiceHealth {
  state: 'operational' | 'degraded' | 'unknown';
  /** Microsoft's own status value, e.g. `serviceDegradation`: the UI words it (lib/sync/service-health.ts). */
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
  searchMail: string;
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

/** A membership's key in `memberOf`: by user first, so that a user's memberships are one key range. */
export type MemberKey = [tenantId: string, userId: string, groupId: string];

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

/** One directory sync at a time per tenant: whoever holds an unexpired lease syncs; a stopped worker's lease expires. */
export interface SyncLease {
  tenantId: string;
  /** The worker (or page) that holds it. */
  ownerId: string;
  /** Unique per run, so that two runs of the same owner cannot share it. */
  token: string;
  expiresAt: number;
  runId?: number;
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
  kind: 'directoryAudit' | 'signIn';
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
  /** What the console words (lib/i18n/phrase.ts); in entries written before schema 6, words shown as they are. */
  detail?: Param;
  outcome: 'success' | 'failure';
}
