import { SERVICES, serviceById } from '../connectors/services';
import { timeAgo } from '../format/time-ago';
import type { ConnectorServiceHealth, ConnectorState, ServiceId } from '../db/types';
import { formatClock, formatCount } from '../i18n/format';
import { pluralKey, t } from '../i18n/t';
import { syncRunState } from '../sync/run-state';
import { evaluateTenant, isInconclusive, isRenewalDue, SEVERITY_RANK, type TenantFacts } from './evaluate';
import type { ConnectorStatus, FixAction, MonitorSettings, Severity } from './types';
import { byDisplayName } from '../format/by-name';

/** One tenant's facts as the popup reads them: the evaluation's facts and the mirror's user count. */
export interface QuickStatusInput extends TenantFacts {
  /** Undefined until counted: the popup's first read counts only the tenants that are not one line (isOneLine). */
  userCount?: number;
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
  state: ConnectorState;
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
  /**
   * The connectors that share a state and a reason, said once ("Access expired: Exchange Online, SharePoint Online,
   * OneDrive" and the reason below it), worst first.
   */
  states: QuickStateLine[];
  /** Microsoft's service health of its services: one entry per health, worst first (one entry when all share it). */
  health: QuickHealthLine[];
  /**
   * Every connector connected, checked, healthy: nothing to say but that, so the popup shows the tenant as one line
   * (`wellLine`, e.g. "All services connected") among the tenants that are well, after those that need something.
   */
  allWell: boolean;
  wellLine?: string;
}

/** Connectors of one tenant in the same state for the same reason. */
export interface QuickStateLine {
  state: ConnectorState;
  severity: Severity;
  /** The state in words. */
  label: string;
  connectors: QuickConnectorRow[];
  /** Why (said once for the services of the line); absent when all is well. */
  reason?: ConnectorStatus['reason'];
}

/** Services of one tenant whose service health reads the same. */
export interface QuickHealthLine {
  /** The newest read among them (its age is the tooltip's). */
  health: ConnectorServiceHealth;
  serviceLabels: string[];
  /** Every connector of the tenant reads this: the services need not be named. */
  all: boolean;
}

/** The popup's order of the rows, in three groups; each keeps quickStatus's order (worst first, then by name). */
export interface QuickSections {
  /** Red and amber: what the admin came for, first, so that it is on screen without scrolling. */
  needsAction: QuickTenantRow[];
  /** Under way (a grant, a sync), not granted yet, offline, or a check that found nothing out. */
  others: QuickTenantRow[];
  /** All well: one line each. */
  allWell: QuickTenantRow[];
}

/** Splits quickStatus's rows into what needs action, the rest, and the tenants that are all well. Pure. */
export function quickSections(rows: readonly QuickTenantRow[]): QuickSections {
  const sections: QuickSections = { needsAction: [], others: [], allWell: [] };
  for (const row of rows) {
    if (row.severity === 'error' || row.severity === 'warning') sections.needsAction.push(row);
    else if (row.allWell) sections.allWell.push(row);
    else sections.others.push(row);
  }
  return sections;
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
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || byDisplayName(a, b));
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
  const inconclusive = checkInconclusive(input);
  const connectors: QuickConnectorRow[] = statuses.map((s) => ({
    connectorId: s.connectorId,
    service: s.service,
    serviceLabel: serviceById(s.service).label,
    state: s.state,
    severity: s.severity,
    label: s.label,
    reason: s.reason,
    health: healthOf(input, s.connectorId),
  }));
  const health = healthLines(connectors);
  const allWell = wellOf(input, connectors);
  return {
    tenantId: tenant.tenantId,
    displayName: tenant.displayName,
    domain: tenant.domain,
    severity,
    connectors,
    horizon: granted && statuses.length > 0 ? horizonOf(input, statuses, settings, now, format) : undefined,
    lastSync: statuses.length > 0 ? lastSyncOf(input, now, format) : undefined,
    offline: input.offline
      ? check
        ? t('monitor_offlineLastChecked', format.clock(check.at, now))
        : t('monitor_offlineNotChecked')
      : undefined,
    // A check whose token request found nothing out (Entra busy, a timeout, the network) is not a verdict: say so.
    lastCheck: check ? t(inconclusive ? 'monitor_couldNotCheckAgo' : 'monitor_checkedAgo', timeAgo(check.at, now)) : undefined,
    fixes,
    more: possible.filter((a) => !fixes.includes(a)),
    canGrant: statuses.length < SERVICES.length,
    states: stateLines(connectors),
    health,
    allWell,
    wellLine: allWell
      ? connectors.length === SERVICES.length
        ? t('monitor_allServicesConnected')
        : t('monitor_connectedOnly', connectors.map((c) => c.serviceLabel).join(', '))
      : undefined,
  };
}

/**
 * Whether the popup shows the tenant as one line (all well), whose details, its last sync with the user count among
 * them, are made only when opened: the popup's first read counts the users of the other tenants only (issue #17).
 */
export function isOneLine(input: TenantFacts, settings: MonitorSettings, now: number): boolean {
  return wellOf(
    input,
    evaluateTenant(input, settings, now).map((s) => ({ state: s.state, health: healthOf(input, s.connectorId) })),
  );
}

/** Every connector connected, the newest check online and conclusive, every service health read operational. */
function wellOf(input: TenantFacts, connectors: ReadonlyArray<Pick<QuickConnectorRow, 'state' | 'health'>>): boolean {
  return (
    connectors.length > 0 &&
    connectors.every((c) => c.state === 'connected' && (c.health === undefined || c.health.state === 'operational')) &&
    !input.offline &&
    !checkInconclusive(input)
  );
}

/** The service health read for one connector, if any. */
function healthOf(input: TenantFacts, connectorId: string) {
  return input.connectors.find((c) => c.id === connectorId)?.serviceHealth;
}

/** The newest online check's token failure concludes nothing about the grant (isInconclusive). */
function checkInconclusive(input: TenantFacts): boolean {
  const token = input.lastOnlineCheck?.token;
  return token !== undefined && !token.ok && isInconclusive(token.code);
}

/**
 * One line per state and reason, worst first (then in the services' order). A reason is data (a code or a message
 * key and what fills it, lib/monitor/evaluate.ts), so two services refused for one cause carry equal reasons.
 */
function stateLines(connectors: readonly QuickConnectorRow[]): QuickStateLine[] {
  const lines = new Map<string, QuickStateLine>();
  for (const c of connectors) {
    const reason = c.severity === 'ok' ? undefined : c.reason;
    const key = `${c.state}\u0000${reason ? JSON.stringify(reason) : ''}`;
    const line = lines.get(key);
    if (line) line.connectors.push(c);
    else lines.set(key, { state: c.state, severity: c.severity, label: c.label, connectors: [c], reason });
  }
  return [...lines.values()].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
}

const HEALTH_RANK: Record<ConnectorServiceHealth['state'], number> = { degraded: 2, unknown: 1, operational: 0 };

/** One line per service health (state and Microsoft's status value), worst first; services never read are left out. */
function healthLines(connectors: readonly QuickConnectorRow[]): QuickHealthLine[] {
  const lines = new Map<string, QuickHealthLine>();
  for (const { health, serviceLabel } of connectors) {
    if (!health) continue;
    const key = `${health.state}\u0000${health.status ?? ''}`;
    const line = lines.get(key);
    if (!line) lines.set(key, { health, serviceLabels: [serviceLabel], all: false });
    else {
      line.serviceLabels.push(serviceLabel);
      if (health.checkedAt > line.health.checkedAt) line.health = health;
    }
  }
  const all = [...lines.values()];
  return all
    .map((line) => ({ ...line, all: all.length === 1 && line.serviceLabels.length === connectors.length }))
    .sort((a, b) => HEALTH_RANK[b.health.state] - HEALTH_RANK[a.health.state]);
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

/** Undefined while the users are not counted (a tenant that is one line, in the popup's first read). */
function lastSyncOf(input: QuickStatusInput, now: number, format: QuickFormat): string | undefined {
  const run = input.lastSyncRun;
  const { userCount } = input;
  if (userCount === undefined) return undefined;
  const users = t(pluralKey(userCount, { one: 'monitor_userCount', other: 'monitor_usersCount' }), format.number(userCount));
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
  if (!syncedAt) return userCount > 0 ? t('monitor_mirrored', users) : t('monitor_notSyncedYet');
  return t('monitor_syncedAgo', timeAgo(syncedAt, now), users);
}

/** The admin's locale: "14:05" today, "Tue 14:05" on another day. */
export const LOCAL_FORMAT: QuickFormat = { clock: formatClock, number: formatCount };

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
