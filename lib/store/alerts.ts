import type { AppDB } from '../db/app-db';
import type { AlertRecord } from '../db/types';

// The owner of `alerts`: opened, resolved and pruned by the check, acknowledged by the admin.

/** Keep alerts as the check planned them (new, updated or resolved). */
export async function putAlerts(db: AppDB, alerts: readonly AlertRecord[]): Promise<void> {
  await db.alerts.bulkPut([...alerts]);
}

/** The admin acknowledged an alert; false when it is gone. */
export async function acknowledgeAlert(db: AppDB, alertId: string, at: number): Promise<boolean> {
  return (await db.alerts.update(alertId, { acknowledgedAt: at })) > 0;
}

/** Drop alerts resolved before `before`. Resolution is not indexed: the open and recent alerts are few. */
export async function pruneResolvedAlerts(db: AppDB, before: number): Promise<void> {
  await db.alerts.filter((alert) => alert.resolvedAt !== undefined && alert.resolvedAt < before).delete();
}
