import { browser } from 'wxt/browser';
import { checkIntervalMinutes, renewalWarningHours, syncIntervalHours } from '../config/settings';
import { CHECK_ALARM } from '../monitor/schedule';
import { startRegrantOf } from './grant-handlers';
import { registerWorkerHandlers } from './handlers';
import { checkNow, onNotificationClicked, reconcileCheckAlarm } from './monitor-service';
import { onSyncAlarm, reconcileSyncSchedules } from './sync-scheduler';
import { reportStopped } from './report-stopped';
import { announceUpgrades } from './upgrade-notice';

const report = reportStopped('Background work');

/**
 * Everything the service worker listens to, registered synchronously when it starts (a worker woken by a message or
 * an alarm must hear it). The alarms wake it for the health checks, scheduled syncs and to resume a stopped sync.
 */
export function startWorker(): void {
  // A long schema upgrade (lib/db/versions) keeps the worker alive the way a sync does, once per batch, and the
  // pages waiting for the database say how far it has come.
  announceUpgrades(report);
  registerWorkerHandlers();
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === CHECK_ALARM) void checkNow().catch(report);
    else void onSyncAlarm(alarm.name).catch(report);
  });
  const setUp = () =>
    void Promise.all([reconcileSyncSchedules(), reconcileCheckAlarm()])
      .then(() => checkNow())
      .catch(report);
  browser.runtime.onStartup.addListener(setUp);
  browser.runtime.onInstalled.addListener(setUp);
  browser.notifications.onClicked.addListener((id) => void onNotificationClicked(id, undefined, startRegrantOf).catch(report));
  browser.notifications.onButtonClicked.addListener((id, index) => void onNotificationClicked(id, index, startRegrantOf).catch(report));
  syncIntervalHours.watch(
    () =>
      void reconcileSyncSchedules()
        .then(() => checkNow(false))
        .catch(report),
  );
  checkIntervalMinutes.watch(
    () =>
      void reconcileCheckAlarm()
        .then(() => checkNow())
        .catch(report),
  );
  renewalWarningHours.watch(() => void checkNow(false).catch(report));
}
