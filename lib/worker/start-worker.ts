import { browser } from 'wxt/browser';
import { syncIntervalHours } from '../config/settings';
import { registerWorkerHandlers } from './handlers';
import { onSyncAlarm, reconcileSyncSchedules } from './sync-scheduler';
import { reportStopped } from './report-stopped';

const report = reportStopped('Background work');

/**
 * Everything the service worker listens to, registered synchronously when it starts (a worker woken by a message or
 * an alarm must hear it). The alarms wake it for scheduled syncs and to resume a sync it was stopped in.
 */
export function startWorker(): void {
  registerWorkerHandlers();
  browser.alarms.onAlarm.addListener((alarm) => void onSyncAlarm(alarm.name).catch(report));
  browser.runtime.onStartup.addListener(() => void reconcileSyncSchedules().catch(report));
  browser.runtime.onInstalled.addListener(() => void reconcileSyncSchedules().catch(report));
  syncIntervalHours.watch(() => void reconcileSyncSchedules().catch(report));
}
