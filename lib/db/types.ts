import type { CloudId } from '../config/clouds';

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
}

export type ConnectorState =
  | 'not_connected'
  | 'granting'
  | 'syncing'
  | 'connected'
  | 'renewal_due'
  | 'token_expired'
  | 'permission_missing'
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
}

export interface DirectoryUser {
  tenantId: string;
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail?: string;
  accountEnabled?: boolean;
  hasMailbox?: boolean;
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

export interface Membership {
  tenantId: string;
  groupId: string;
  userId: string;
}

export interface SyncCheckpoint {
  tenantId: string;
  resource: 'users' | 'groups';
  /** The next page to fetch when a run was interrupted. */
  nextLink?: string;
  /** Where the next incremental run starts. */
  deltaLink?: string;
  updatedAt: number;
}

export interface SyncRun {
  id?: number;
  tenantId: string;
  kind: 'full' | 'incremental' | 'selected';
  startedAt: number;
  finishedAt?: number;
  outcome?: 'success' | 'failed' | 'cancelled';
  reason?: string;
  usersWritten: number;
  groupsWritten: number;
  removed: number;
}

export interface ActivityEvent {
  tenantId: string;
  id: string;
  kind: 'directoryAudit' | 'signIn';
  service: ServiceId | 'entra';
  occurredAt: number;
  summary: string;
  actor?: string;
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

export interface ActivityLogEntry {
  id?: number;
  at: number;
  tenantId?: string;
  /** Who did it: the admin's sign-in name, or `system` for the worker. */
  actor: string;
  action: string;
  detail: string;
  outcome: 'success' | 'failure';
}
