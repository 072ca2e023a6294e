import { serviceById } from '../connectors/services';
import type { ServiceId } from '../db/types';
import { formatCount } from '../i18n/format';
import { t } from '../i18n/t';
import type { GrantRun } from './types';

/** An activity-log entry about a run, by the account it signed in with (else "admin"). */
export function entry(at: number, run: GrantRun, action: string, detail: string, outcome: 'success' | 'failure') {
  return { at, tenantId: run.tenantId, actor: run.account?.username ?? 'admin', action, detail, outcome };
}

export function servicesText(services: readonly ServiceId[]): string {
  return services.map((s) => serviceById(s).label).join(', ');
}

export function scopeText(run: GrantRun): string {
  return run.syncScope.mode === 'all'
    ? t('provisioning_scopeAll')
    : t('provisioning_scopeSelectedCounts', formatCount(run.syncScope.userIds.length), formatCount(run.syncScope.groupIds.length));
}
