import type { AlertRecord } from '../db/types';

/** Where an alert stands for the admin: still open and not seen, open but acknowledged, or over. */
export type AlertStanding = 'open' | 'acknowledged' | 'resolved';

export function standingOf(alert: AlertRecord): AlertStanding {
  if (alert.resolvedAt !== undefined) return 'resolved';
  return alert.acknowledgedAt !== undefined ? 'acknowledged' : 'open';
}

const ORDER: Record<AlertStanding, number> = { open: 0, acknowledged: 1, resolved: 2 };

/** The console's alert list: open first, then acknowledged, then resolved; newest first within each. Pure. */
export function orderAlerts(alerts: readonly AlertRecord[]): AlertRecord[] {
  return [...alerts].sort((a, b) => ORDER[standingOf(a)] - ORDER[standingOf(b)] || b.lastSeenAt - a.lastSeenAt);
}
