import { logActivity } from '../activity/log';
import type { AppDB } from '../db/app-db';
import type { SyncRun, TenantRecord } from '../db/types';
import { AppError } from '../errors/app-error';
import { formatCount } from '../i18n/format';
import { type MessageKey, t } from '../i18n/t';
import { isSyncFree } from '../lease/sync-lease';
import { leaseTable } from './tables';
import { recordSyncedAt } from '../store/connectors';

const TRIGGER_ACTIONS: Record<SyncRun['trigger'], MessageKey> = {
  grant: 'sync_logGrantSync',
  schedule: 'sync_logScheduleSync',
  manual: 'sync_logManualSync',
  resume: 'sync_logResumeSync',
};
const KIND_DETAILS: Record<SyncRun['kind'], MessageKey> = {
  full: 'sync_logFull',
  incremental: 'sync_logIncremental',
  selected: 'sync_logSelected',
};

/**
 * Whether the admin's "Sync now" may start: the tenant is granted, syncs all users and groups (selected scope has no
 * manual or scheduled sync), and no sync of it is running. Throws the reason in the admin's words.
 */
export async function assertManualSyncAllowed(
  db: AppDB,
  tenant: TenantRecord | undefined,
  now: number,
): Promise<TenantRecord & { homeAccountId: string }> {
  if (!tenant?.homeAccountId) throw new AppError('not_signed_in');
  if (tenant.syncScope.mode === 'selected') throw new AppError('sync_not_in_selected_scope');
  if (!isSyncFree(await leaseTable(db).get(tenant.tenantId), now)) throw new AppError('sync_in_progress');
  return { ...tenant, homeAccountId: tenant.homeAccountId };
}

/**
 * Keep a finished run on the tenant's connectors (when a sync last succeeded) and in the activity log. Its outcome is
 * not copied: the status reads the run itself (lib/monitor/evaluate.ts).
 */
export async function recordSyncOnConnectors(db: AppDB, run: SyncRun, actor: string): Promise<void> {
  if (run.outcome === 'running') return;
  const success = run.outcome === 'success';
  await db.transaction('rw', [db.connectors, db.activityLog], async () => {
    if (success) await recordSyncedAt(db, run.tenantId, run.finishedAt ?? run.startedAt);
    // The activity log keeps words: an entry reads in the language it was written in.
    const counts = t(
      'sync_logCounts',
      formatCount(run.usersWritten),
      formatCount(run.groupsWritten),
      formatCount(run.usersRemoved + run.groupsRemoved),
    );
    await logActivity(db, {
      at: run.finishedAt ?? run.startedAt,
      tenantId: run.tenantId,
      actor,
      action: t(TRIGGER_ACTIONS[run.trigger]),
      detail: t(KIND_DETAILS[run.kind], success ? counts : (run.reason ?? run.outcome)),
      outcome: success ? 'success' : 'failure',
    });
  });
}
