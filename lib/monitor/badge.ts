import type { ConnectorStatus } from './types';
import { serviceById } from '../connectors/services';

/** What the toolbar button shows. */
export interface BadgeView {
  /** Empty when all is well; else the number of connectors that need action (red) or soon (amber). */
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
const TITLE = 'Microsoft 365 connectors';

/** The badge and its tooltip for every tenant's statuses. Pure; `formatTime` renders a time in the admin's locale. */
export function renderBadge(tenants: readonly TenantSummary[], formatTime: (ms: number) => string): BadgeView {
  const statuses = tenants.flatMap((tenant) => tenant.statuses.map((status) => ({ tenant, status })));
  const red = statuses.filter(({ status }) => status.severity === 'error');
  const amber = statuses.filter(({ status }) => status.severity === 'warning');
  const lines = [...red, ...amber].map(
    ({ tenant, status }) =>
      `${problemPrefix(status)}${tenant.displayName} · ${serviceById(status.service).label}: ${status.label}${firstSentence(status.reason)}`,
  );
  const offline = tenants.filter((tenant) => tenant.offline);
  for (const tenant of offline) {
    const last = tenant.lastCheckAt ? `; last checked ${formatTime(tenant.lastCheckAt)}` : '';
    lines.push(`${tenant.displayName}: offline, not checked${last}`);
  }
  if (statuses.length === 0) return { text: '', title: `${TITLE}: none connected yet` };
  if (lines.length === 0) {
    const checked = Math.max(0, ...tenants.map((tenant) => tenant.lastCheckAt ?? 0));
    return { text: '', title: `${TITLE}: all ${statuses.length} connected${checked ? ` (checked ${formatTime(checked)})` : ''}` };
  }
  const title = [TITLE, ...lines].join('\n');
  if (red.length > 0) return { text: String(red.length), color: 'red', title };
  if (amber.length > 0) return { text: String(amber.length), color: 'amber', title };
  return { text: '', title };
}

function problemPrefix(status: ConnectorStatus): string {
  return status.severity === 'error' ? 'Action needed — ' : 'Soon — ';
}

function firstSentence(reason: string | undefined): string {
  if (!reason) return '';
  const end = reason.search(/[.:](\s|$)/);
  return ` — ${end === -1 ? reason : reason.slice(0, end)}`;
}
