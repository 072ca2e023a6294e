import { buildSettings } from '../config/build-settings';
import type { ConnectorRecord, TenantRecord } from '../db/types';

/** The scheduled sync runs on one repeating alarm per tenant; a deferred or interrupted one on a one-shot alarm. */
const SCHEDULE_PREFIX = 'sync:';
const RESUME_PREFIX = 'sync-resume:';

export const SYNC_INTERVAL_CHOICES = [1, 4, 12, 24] as const;
/**
 * A running sync re-arms this far ahead, so a worker stopped mid-sync is woken to resume it. Test builds may shorten
 * it (see build-settings.ts; unpacked extensions may set alarms under Chrome's 30 s floor).
 */
export const RESUME_WATCHDOG_MS = buildSettings.syncResumeWatchdogMs ?? 60_000;

export type SyncAlarm = { kind: 'schedule' | 'resume'; tenantId: string };

export const scheduleAlarmName = (tenantId: string) => `${SCHEDULE_PREFIX}${tenantId}`;
export const resumeAlarmName = (tenantId: string) => `${RESUME_PREFIX}${tenantId}`;

/** Which tenant and why, from an alarm's name; undefined for alarms that are not the sync's. */
export function parseSyncAlarm(name: string): SyncAlarm | undefined {
  if (name.startsWith(RESUME_PREFIX)) return { kind: 'resume', tenantId: name.slice(RESUME_PREFIX.length) };
  if (name.startsWith(SCHEDULE_PREFIX)) return { kind: 'schedule', tenantId: name.slice(SCHEDULE_PREFIX.length) };
  return undefined;
}

/**
 * The repeating alarms there should be: one per granted tenant with a connected service that syncs all users and
 * groups (selected scope has no scheduled sync), every `intervalHours`.
 */
export function plannedSchedules(
  tenants: readonly TenantRecord[],
  connectors: readonly ConnectorRecord[],
  intervalHours: number,
): Array<{ name: string; periodInMinutes: number }> {
  return tenants
    .filter((t) => t.homeAccountId && t.syncScope.mode === 'all' && connectors.some((c) => c.tenantId === t.tenantId))
    .map((t) => ({ name: scheduleAlarmName(t.tenantId), periodInMinutes: intervalHours * 60 }));
}
