import { browser } from 'wxt/browser';
import { syncIntervalHours } from '../config/settings';
import { scopesFor } from '../connectors/services';
import { getDb } from '../db';
import type { SyncRun, SyncTrigger, TenantRecord } from '../db/types';
import { parseSyncAlarm, plannedSchedules, RESUME_WATCHDOG_MS, resumeAlarmName } from '../sync/schedule';
import { recordHealthAfterSync } from '../service-health/record';
import { recordSyncOnConnectors, syncDirectory } from '../sync';
import { syncDeps } from './sync-service';
import { reportStopped } from './report-stopped';
import { checkNow } from './monitor-service';

/**
 * Run one sync of a tenant in the worker. A one-shot alarm is armed ahead while it runs, so a worker stopped
 * mid-sync is woken to resume from the checkpoint; a deferred run (long Retry-After, another holder's lease)
 * becomes an alarm at its resumeAt.
 */
export async function runSync(tenant: TenantRecord & { homeAccountId: string }, trigger: SyncTrigger): Promise<SyncRun> {
  const db = getDb();
  const armWatchdog = () => browser.alarms.create(resumeAlarmName(tenant.tenantId), { when: Date.now() + RESUME_WATCHDOG_MS });
  await armWatchdog();
  const services = (await db.connectors.where('tenantId').equals(tenant.tenantId).toArray()).map((c) => c.service);
  // The permissions the tenant granted (as the monitor asks): a tenant granted before a service needed another
  // permission is not asked for one it never consented to (Entra would refuse the token: consent_required).
  const deps = syncDeps(tenant, tenant.homeAccountId, tenant.grant?.scopes ?? scopesFor(services, tenant.cloud), armWatchdog);
  const run = await syncDirectory(deps, tenant, trigger);
  if (run.outcome === 'deferred' && run.resumeAt) await browser.alarms.create(resumeAlarmName(tenant.tenantId), { when: run.resumeAt });
  else await browser.alarms.clear(resumeAlarmName(tenant.tenantId));
  const actor = trigger === 'manual' ? (tenant.serviceAccountUpn ?? 'admin') : 'system';
  await recordSyncOnConnectors(db, run, actor);
  await recordHealthAfterSync(db, run, deps, actor);
  // The badge follows the records the sync changed (its run, the connectors, the mirror's record of the service
  // account). A sync that succeeded is not followed by a check: it would redeem the refresh token, so a disabled
  // account would turn red from Entra's refusal (AADSTS50057) instead of from what the sync read, before any refresh
  // fails (docs/architecture.md). One that did not succeed is: the check words a refused grant best.
  await checkNow(run.outcome !== 'success').catch(reportStopped('Check after a sync'));
  return run;
}

/** Make the repeating sync alarms match the tenants (after start, grants, disconnects, scope or setting changes). */
export async function reconcileSyncSchedules(): Promise<void> {
  const db = getDb();
  const planned = plannedSchedules(await db.tenants.toArray(), await db.connectors.toArray(), await syncIntervalHours.getValue());
  const existing = (await browser.alarms.getAll()).filter((alarm) => parseSyncAlarm(alarm.name)?.kind === 'schedule');
  for (const alarm of existing) {
    if (!planned.some((p) => p.name === alarm.name && p.periodInMinutes === alarm.periodInMinutes)) await browser.alarms.clear(alarm.name);
  }
  for (const plan of planned) {
    if (!existing.some((a) => a.name === plan.name && a.periodInMinutes === plan.periodInMinutes)) {
      await browser.alarms.create(plan.name, { periodInMinutes: plan.periodInMinutes, delayInMinutes: plan.periodInMinutes });
    }
  }
}

/** What a sync alarm asks for: the scheduled sync, or the resumption of one that was stopped or deferred. */
export async function onSyncAlarm(name: string): Promise<void> {
  const alarm = parseSyncAlarm(name);
  if (!alarm) return;
  const tenant = await getDb().tenants.get(alarm.tenantId);
  if (!tenant?.homeAccountId) return browser.alarms.clear(name).then(() => undefined);
  if (tenant.syncScope.mode === 'selected' && alarm.kind === 'schedule') return;
  await runSync({ ...tenant, homeAccountId: tenant.homeAccountId }, alarm.kind === 'schedule' ? 'schedule' : 'resume').catch(
    reportStopped('Sync'),
  );
  // A schedule alarm that was one-shot (or cleared meanwhile) is put back as the repeating one.
  if (alarm.kind === 'schedule') await reconcileSyncSchedules();
}
