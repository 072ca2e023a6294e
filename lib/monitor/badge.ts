import type { ConnectorStatus } from './types';
import { serviceById } from '../connectors/services';
import { formatCount } from '../i18n/format';
import { type MessageKey, t } from '../i18n/t';
import { sayParam } from '../errors/phrase';

/** What the toolbar button shows. */
export interface BadgeView {
  /** Empty when all is well; the number of connectors that need action now (red); "!" when some need action soon (amber).
   * Amber shows a mark rather than a number so the two states differ in more than colour (WCAG 1.4.1). */
  text: string;
  color?: 'red' | 'amber';
  /** The tooltip (`action.setTitle`): each problem on its own line. */
  title: string;
}

export interface TenantSummary {
  displayName: string;
  statuses: readonly ConnectorStatus[];
  /** The newest check found the browser offline. */
  offline: boolean;
  lastCheckAt?: number;
}

export const BADGE_COLORS = { red: '#C50F1F', amber: '#F7630C' } as const;

/** The badge and its tooltip for every tenant's statuses. Pure; `formatTime` renders a time in the admin's locale. */
export function renderBadge(tenants: readonly TenantSummary[], formatTime: (ms: number) => string): BadgeView {
  const statuses = tenants.flatMap((tenant) => tenant.statuses.map((status) => ({ tenant, status })));
  const red = statuses.filter(({ status }) => status.severity === 'error');
  const amber = statuses.filter(({ status }) => status.severity === 'warning');
  const lines = [...red, ...amber].map(({ tenant, status }) => problemLine(tenant.displayName, status));
  const offline = tenants.filter((tenant) => tenant.offline);
  for (const tenant of offline) {
    lines.push(
      tenant.lastCheckAt
        ? t('monitor_badgeOfflineLastChecked', tenant.displayName, formatTime(tenant.lastCheckAt))
        : t('monitor_badgeOffline', tenant.displayName),
    );
  }
  if (statuses.length === 0) return { text: '', title: t('monitor_badgeNoneConnected') };
  if (lines.length === 0) {
    const checked = Math.max(0, ...tenants.map((tenant) => tenant.lastCheckAt ?? 0));
    const count = formatCount(statuses.length);
    return {
      text: '',
      title: checked ? t('monitor_badgeAllConnectedChecked', count, formatTime(checked)) : t('monitor_badgeAllConnected', count),
    };
  }
  const title = [t('actionTitle'), ...lines].join('\n');
  if (red.length > 0) return { text: String(red.length), color: 'red', title };
  if (amber.length > 0) return { text: '!', color: 'amber', title };
  return { text: '', title };
}

/** "Action needed — Contoso · Exchange Online: Access expired — The grant was revoked, …" (amber: "Soon — …"). */
function problemLine(tenantName: string, status: ConnectorStatus): string {
  const reason = firstSentence(status.reason && sayParam(status.reason));
  const error = status.severity === 'error';
  const key: MessageKey = reason
    ? error
      ? 'monitor_badgeActionNeededWhy'
      : 'monitor_badgeSoonWhy'
    : error
      ? 'monitor_badgeActionNeeded'
      : 'monitor_badgeSoon';
  return t(key, tenantName, serviceById(status.service).label, status.label, reason ?? '');
}

function firstSentence(reason: string | undefined): string | undefined {
  if (!reason) return undefined;
  const end = reason.search(/[.:](\s|$)/);
  return end === -1 ? reason : reason.slice(0, end);
}
