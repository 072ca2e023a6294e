import type { AlertRecord } from '../db/types';
import type { ConnectorStatus } from './types';

/** What a check changes in the alerts, and the notifications it fires. */
export interface AlertPlan {
  /** New alerts, alerts seen again (lastSeenAt) and alerts resolved (resolvedAt). */
  put: AlertRecord[];
  /** One notification per tenant with connectors that turned red in this check (muted tenants left out). */
  notify: Array<{ tenantId: string; statuses: ConnectorStatus[] }>;
}

/**
 * Compare the open alerts with the new statuses. An alert is one connector in one amber or red state, from first
 * seen to resolved; a connector that changes state resolves its alert and opens another. Only a new red alert
 * notifies, so a connector that stays red notifies once, whatever the number of checks. Pure.
 */
export function planAlerts(
  openAlerts: readonly AlertRecord[],
  statuses: readonly ConnectorStatus[],
  mutedTenantIds: ReadonlySet<string>,
  now: number,
): AlertPlan {
  const put: AlertRecord[] = [];
  const turnedRed: ConnectorStatus[] = [];
  const byConnector = new Map(openAlerts.filter((alert) => alert.resolvedAt === undefined).map((alert) => [alert.connectorId, alert]));
  for (const status of statuses) {
    const open = byConnector.get(status.connectorId);
    byConnector.delete(status.connectorId);
    const alerting = status.severity === 'error' || status.severity === 'warning';
    if (open && alerting && open.state === status.state) {
      put.push({ ...open, lastSeenAt: now, reasonCode: status.reasonCode ?? open.reasonCode });
      continue;
    }
    if (open) put.push({ ...open, resolvedAt: now });
    if (!alerting) continue;
    put.push({
      id: `${status.connectorId}:${status.state}:${now}`,
      tenantId: status.tenantId,
      connectorId: status.connectorId,
      state: status.state,
      reasonCode: status.reasonCode ?? status.state,
      firstSeenAt: now,
      lastSeenAt: now,
    });
    if (status.severity === 'error') turnedRed.push(status);
  }
  // Alerts of connectors that no longer exist (disconnected) are resolved too.
  for (const orphan of byConnector.values()) put.push({ ...orphan, resolvedAt: now });
  const tenants = [...new Set(turnedRed.map((status) => status.tenantId))].filter((tenantId) => !mutedTenantIds.has(tenantId));
  return { put, notify: tenants.map((tenantId) => ({ tenantId, statuses: turnedRed.filter((status) => status.tenantId === tenantId) })) };
}
