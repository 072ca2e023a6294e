import { SERVICES, serviceById } from '../connectors/services';
import { timeAgo } from '../format/time-ago';
import type { ConnectorServiceHealth, ServiceId } from '../db/types';
import { formatClock, formatCount } from '../i18n/format';
import { pluralKey, t } from '../i18n/t';
import { syncRunState } from '../sync/run-state';
import { evaluateTenant, isInconclusive, isRenewalDue, SEVERITY_RANK, type TenantFacts } from './evaluate';
import type { ConnectorStatus, FixAction, MonitorSettings, Severity } from './types';

/** One tenant's facts as the popup reads them: the evaluation's facts and the mirror's user count. */
export interface QuickStatusInput extends TenantFacts {
  userCount: number;
}

/** How times and numbers are written: the admin's locale in the popup, a fixed one in tests. */
export interface QuickFormat {
  /** A clock time, e.g. "14:05" (with the day when it is not today, e.g. "Tue 14:05"). */
  clock(ms: number, now: number): string;
  number(value: number): string;
}

export type QuickAction = Exclude<FixAction, 'none'>;

export interface QuickConnectorRow {
  connectorId: string;
  service: ServiceId;
  serviceLabel: string;
  severity: Severity;
  /** The state in words (never colour alone). */
  label: string;
  reason?: ConnectorStatus['reason'];
  /** Microsoft's service health of this connector's service, as last read. */
  health?: ConnectorServiceHealth;
}

export interface QuickTenantRow {
  tenantId: string;
  displayName: string;
  domain: string;
  /** The worst severity of its connectors. */
  severity: Severity;
  connectors: QuickConnectorRow[];
  /** "Renews by 14:05", "Renewal due by 14:05", "Expired 2 h ago"; absent before any grant. */
  horizon?: { text: string; severity: Severity };
  /** "3 min ago, 12,408 users", "Syncing now", "Failed 2 h ago", "Not synced yet". */
  lastSync?: string;
  /** "Offline — last checked 14:05": the newest check found no network, so nothing new is known. */
  offline?: string;
  /** "Checked 2 min ago". */
  lastCheck?: string;
  /** The fixes of its connectors' statuses, worst first; these buttons are primary. */
  fixes: QuickAction[];
  /** What else one click can do for this tenant (not already in `fixes`). */
  more: QuickAction[];
  /** Some service is not connected yet: the popup offers "Grant access". */
  canGrant: boolean;
}

/** The quick status: every tenant (worst first) with its connectors, horizon, last sync and one-click fixes. Pure. */
export function quickStatus(
  inputs: readonly QuickStatusInput[],
  settings: MonitorSettings,
  now: number,
  format: QuickFormat,
): QuickTenantRow[] {
  return inputs
    .map((input) => tenantRow(input, settings, now, format))
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.displayName.localeCompare(b.displayName));
}

function tenantRow(input: QuickStatusInput, settings: MonitorSettings, now: number, format: QuickFormat): QuickTenantRow {
  const { tenant } = input;
  const order = (service: ServiceId) => SERVICES.findIndex((s) => s.id === service);
  const statuses = evaluateTenant(input, settings, now).sort((a, b) => order(a.service) - order(b.service));
  const severity = statuses.reduce<Severity>((worst, s) => (SEVERITY_RANK[s.severity] > SEVERITY_RANK[worst] ? s.severity : worst), 'ok');
  const granted = tenant.homeAccountId !== undefined && tenant.grant !== undefined;
  const selected = tenant.syncScope.mode === 'selected';
  // In selected mode there is no manual sync: the console explains why, so it is the fix there.
  const fixOf = (action: FixAction): FixAction => (action === 'sync_now' && selected ? 'open_console' : action);
  const fixes = unique(
    [...statuses]
      .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity])
      .map((s) => fixOf(s.action))
      .filter((a): a is QuickAction => a !== 'none'),
  );
  const possible: QuickAction[] = [];
  if (granted && statuses.length > 0) possible.push('regrant');
  if (granted && !selected && statuses.length > 0) possible.push('sync_now');
  possible.push('open_console');
  const check = input.lastOnlineCheck;
  return {
    tenantId: tenant.tenantId,
    displayName: tenant.displayName,
    domain: tenant.domain,
    severity,
    connectors: statuses.map((s) => ({
      connectorId: s.connectorId,
      service: s.service,
      serviceLabel: serviceById(s.service).label,
      severity: s.severity,
      label: s.label,
      reason: s.reason,
      health: input.connectors.find((c) => c.id === s.connectorId)?.serviceHealth,
    })),
    horizon: granted && statuses.length > 0 ? horizonOf(input, statuses, settings, now, format) : undefined,
    lastSync: statuses.length > 0 ? lastSyncOf(input, now, format) : undefined,
    offline: input.offline
      ? check
        ? t('monitor_offlineLastChecked', format.clock(check.at, now))
        : t('monitor_offlineNotChecked')
      : undefined,
    // A check whose token request found nothing out (Entra busy, a timeout, the network) is not a verdict: say so.
    lastCheck: check
      ? t(
          check.token && !check.token.ok && isInconclusive(check.token.code) ? 'monitor_couldNotCheckAgo' : 'monitor_checkedAgo',
          timeAgo(check.at, now),
        )
      : undefined,
    fixes,
    more: possible.filter((a) => !fixes.includes(a)),
    canGrant: statuses.length < SERVICES.length,
  };
}

function horizonOf(
  input: QuickStatusInput,
  statuses: ReturnType<typeof evaluateTenant>,
  settings: MonitorSettings,
  now: number,
  format: QuickFormat,
): QuickTenantRow['horizon'] {
  const grant = input.tenant.grant!;
  const horizon = grant.refreshHorizon;
  const expired = statuses.some((s) => s.state === 'token_expired');
  if (now >= horizon) {
    // Offline, a passed horizon is not a verdict: the evaluation says renewal due, and so do we.
    return expired
      ? { text: t('monitor_expiredAgo', timeAgo(horizon, now)), severity: 'error' }
      : { text: t('monitor_renewalWasDueBy', format.clock(horizon, now)), severity: 'warning' };
  }
  if (expired) {
    const since = grant.lastAuthError?.at;
    return { text: since ? t('monitor_expiredFoundAgo', timeAgo(since, now)) : t('monitor_expired'), severity: 'error' };
  }
  if (isRenewalDue(horizon, settings, now)) {
    return { text: t('monitor_renewalDueBy', format.clock(horizon, now)), severity: 'warning' };
  }
  return { text: t('monitor_renewsBy', format.clock(horizon, now)), severity: 'ok' };
}

function lastSyncOf(input: QuickStatusInput, now: number, format: QuickFormat): string {
  const run = input.lastSyncRun;
  const users = t(pluralKey(input.userCount, { one: 'monitor_userCount', other: 'monitor_usersCount' }), format.number(input.userCount));
  const view = syncRunState(run, input.syncLease, now);
  if (view.state === 'interrupted') return t('monitor_syncInterrupted', format.clock(view.resumeAt, now));
  if (run?.outcome === 'running') {
    const { done, total } = run.progress;
    return total !== undefined
      ? t('monitor_syncingNowOf', format.number(done), format.number(total))
      : t('monitor_syncingNow', format.number(done));
  }
  if (run?.outcome === 'failed') return t('monitor_syncFailedAgo', timeAgo(run.finishedAt ?? run.startedAt, now), users);
  const syncedAt = Math.max(0, ...input.connectors.map((c) => c.lastSyncAt ?? 0), run?.outcome === 'success' ? (run.finishedAt ?? 0) : 0);
  if (!syncedAt) return input.userCount > 0 ? t('monitor_mirrored', users) : t('monitor_notSyncedYet');
  return t('monitor_syncedAgo', timeAgo(syncedAt, now), users);
}

/** The admin's locale: "14:05" today, "Tue 14:05" on another day. */
export const LOCAL_FORMAT: QuickFormat = { clock: formatClock, number: formatCount };

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
