import type { ConnectorRecord, SyncRun, TenantRecord } from '../../../lib/db/types';
import type { TenantFacts } from '../../../lib/monitor/evaluate';
import type { MonitorSettings, TenantCheck } from '../../../lib/monitor/types';

export const HOUR = 3_600_000;
/** "Now" in every monitor test: a fixed instant, never the clock. */
export const NOW = 1_800_000_000_000;
export const SETTINGS: MonitorSettings = { syncIntervalHours: 24, renewalWarningHours: 4 };

export const tenant: TenantRecord = {
  tenantId: 't1',
  displayName: 'Contoso',
  domain: 'contoso.com',
  cloud: 'worldwide',
  clientId: 'client',
  homeAccountId: 'oid.t1',
  syncScope: { mode: 'all' },
  grant: {
    scopes: ['User.Read'],
    grantedAt: NOW - HOUR,
    expiresOn: NOW + HOUR,
    refreshHorizon: NOW + 20 * HOUR,
    lastValidatedAt: NOW - HOUR,
  },
  createdAt: 0,
};

export function connector(service: ConnectorRecord['service'] = 'exchange', patch: Partial<ConnectorRecord> = {}): ConnectorRecord {
  return {
    id: `t1:${service}`,
    tenantId: 't1',
    service,
    connectedAt: NOW - HOUR,
    lastSyncAt: NOW - HOUR,
    ...patch,
  };
}

export function okCheck(patch: Partial<TenantCheck> = {}): TenantCheck {
  return {
    tenantId: 't1',
    at: NOW - 60_000,
    network: 'online',
    token: { ok: true, renewedBy: 'refresh_token', expiresOn: NOW + HOUR, refreshHorizon: NOW + 20 * HOUR, scopes: ['User.Read'] },
    graph: { globalAdmin: true, probes: { exchange: 'ok', sharepoint: 'ok', onedrive: 'ok' } },
    statuses: [],
    ...patch,
  };
}

export function run(outcome: SyncRun['outcome'], patch: Partial<SyncRun> = {}): SyncRun {
  return {
    tenantId: 't1',
    kind: 'incremental',
    trigger: 'schedule',
    startedAt: NOW - HOUR,
    outcome,
    usersWritten: 0,
    groupsWritten: 0,
    usersRemoved: 0,
    groupsRemoved: 0,
    membershipsWritten: 0,
    membershipsRemoved: 0,
    progress: { done: 0 },
    ...patch,
  };
}

export function facts(patch: Partial<TenantFacts> = {}): TenantFacts {
  return { tenant, connectors: [connector()], lastOnlineCheck: okCheck(), offline: false, grantInProgress: false, ...patch };
}
