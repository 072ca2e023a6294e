import { browser } from 'wxt/browser';
import { checkIntervalMinutes, renewalWarningHours, syncIntervalHours } from '../config/settings';
import { serviceById } from '../connectors/services';
import { getDb } from '../db';
import { formatConsoleRoute } from '../format/console-route';
import { formatTime } from '../i18n/format';
import { t } from '../i18n/t';
import { BADGE_COLORS, renderBadge } from '../monitor/badge';
import { runGraphCheck } from '../monitor/graph-check';
import { evaluateTenant } from '../monitor/evaluate';
import { type CheckDeps, type CheckRound, factsOf, reevaluate, runChecks } from '../monitor/run-checks';
import { CHECK_ALARM, clampCheckInterval } from '../monitor/schedule';
import type { ConnectorStatus, MonitorSettings } from '../monitor/types';
import { graphFor, signInToTenant, tenantTarget } from './auth';
import { authHost } from './auth-host';
import { sayParam } from '../errors/phrase';

/** Notification ids carry the tenant they are about: `monitor:<tenantId>:<time>`. */
const NOTIFICATION_PREFIX = 'monitor:';

function monitorDeps(): CheckDeps {
  return {
    db: getDb(),
    now: () => Date.now(),
    online: () => navigator.onLine,
    renewToken: (tenant) => authHost().renewToken(tenantTarget(tenant), tenant.homeAccountId, tenant.grant.scopes),
    silentSignIn: (tenant) => signInToTenant(tenant, tenant.grant.scopes, 'silent'),
    graphCheck: (tenant, services) => runGraphCheck(graphFor(tenant, tenant.homeAccountId, tenant.grant.scopes), services),
  };
}

async function monitorSettings(): Promise<MonitorSettings> {
  return { syncIntervalHours: await syncIntervalHours.getValue(), renewalWarningHours: await renewalWarningHours.getValue() };
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Check every tenant now (one at a time: an alarm, a grant and a setting change can ask at once), then show the
 * result on the badge and notify what turned red. `askMicrosoft: false` only re-reads the records (after a sync).
 */
export function checkNow(askMicrosoft = true): Promise<CheckRound> {
  const next = queue.then(async () => {
    const settings = await monitorSettings();
    const round = askMicrosoft ? await runChecks(monitorDeps(), settings) : await reevaluate(monitorDeps(), settings);
    await showBadge(round);
    await notify(round);
    return round;
  });
  queue = next.catch(() => undefined);
  return next;
}

async function showBadge(round: CheckRound): Promise<void> {
  const badge = renderBadge(
    round.tenants.map(({ tenant, statuses, offline, lastCheckAt }) => ({
      displayName: tenant.displayName,
      statuses,
      offline,
      lastCheckAt,
    })),
    formatTime,
  );
  await browser.action.setBadgeText({ text: badge.text });
  if (badge.color) await browser.action.setBadgeBackgroundColor({ color: BADGE_COLORS[badge.color] });
  await browser.action.setTitle({ title: badge.title });
}

async function notify(round: CheckRound): Promise<void> {
  for (const { tenantId, statuses } of round.alerts.notify) {
    const tenant = round.tenants.find((entry) => entry.tenant.tenantId === tenantId)?.tenant;
    const lines = statuses.map((status) => t('monitor_notificationLine', serviceById(status.service).label, status.label));
    const regrant = statuses.some((status) => status.action === 'regrant');
    const reason = statuses[0]?.reason;
    await browser.notifications.create(`${NOTIFICATION_PREFIX}${tenantId}:${Date.now()}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: tenant ? t('monitor_notificationTitle', tenant.displayName) : t('monitor_notificationTitleNoName'),
      message: `${lines.join('\n')}\n${reason ? sayParam(reason) : ''}`.trim(),
      buttons: [{ title: regrant ? t('monitor_notificationRegrant') : t('monitor_notificationOpenConsole') }],
      requireInteraction: true,
    });
  }
}

/**
 * A click on a notification opens the console on the tenant's page; its button first starts the re-grant (the worker carries the
 * sign-in window, so it works with no extension page open) when re-granting is the fix.
 */
export async function onNotificationClicked(
  notificationId: string,
  buttonIndex: number | undefined,
  regrant: (tenantId: string) => Promise<unknown>,
): Promise<void> {
  if (!notificationId.startsWith(NOTIFICATION_PREFIX)) return;
  const tenantId = notificationId.slice(NOTIFICATION_PREFIX.length).split(':')[0] ?? '';
  await browser.notifications.clear(notificationId);
  const regranting = buttonIndex === 0 && (await statusesOf(tenantId)).some((status) => status.action === 'regrant');
  if (regranting) await regrant(tenantId);
  // The console opens on that tenant's page, and on its grant when the button started one (issue #17).
  const route = formatConsoleRoute({ page: 'tenant', tenantId, ...(regranting ? { section: 'grant' as const } : {}) });
  await browser.tabs.create({ url: `${browser.runtime.getURL('/options.html')}${route}` });
}

/** The tenant's connectors' statuses now, derived from the records as the popup and the console derive them. */
async function statusesOf(tenantId: string): Promise<ConnectorStatus[]> {
  const db = getDb();
  const tenant = await db.tenants.get(tenantId);
  if (!tenant) return [];
  const connectors = await db.connectors.where('tenantId').equals(tenantId).toArray();
  return evaluateTenant(await factsOf(db, tenant, connectors, undefined), await monitorSettings(), Date.now());
}

/** Keep the repeating check alarm at the admin's interval. */
export async function reconcileCheckAlarm(): Promise<void> {
  const period = clampCheckInterval(await checkIntervalMinutes.getValue());
  const existing = await browser.alarms.get(CHECK_ALARM);
  if (existing?.periodInMinutes !== period) await browser.alarms.create(CHECK_ALARM, { periodInMinutes: period, delayInMinutes: period });
}
