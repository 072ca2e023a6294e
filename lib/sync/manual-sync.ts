import { logActivity } from '../activity/log';
import type { AppDB } from '../db/app-db';
import type { SyncRun, TenantRecord } from '../db/types';
import { AppError } from '../errors/app-error';
import type { ActivityAction } from '../db/types';
import { phrase } from '../errors/phrase';
import type { MessageKey } from '../i18n/t';
import { syncRunReason } from './run-reason';
import { isSyncFree } from '../lease/sync-lease';
import { leaseOf } from '../lease/tenant-lease';
import { recordSyncedAt } from '../store/connectors';

const TRIGGER_ACTIONS: Record<SyncRun['trigger'], ActivityAction> = {
  grant: 'sync_grant',
  schedule: 'sync_schedule',
  manual: 'sync_manual',
  resume: 'sync_resume',
};
const KIND_DETAILS: Record<SyncRun['kind'], MessageKey> = {
  full: 'sync_logFull',
  incremental: 'sync_logIncremental',
  selected: 'sync_logSelected',
};

/**
 * Whether the admin's "Sync now" may start: the tenant is granted, syncs all users and groups (selected scope has no
 * manual or scheduled sync), and nothing holds its lease (a sync of it, a grant). Throws the reason as an error code.
 */
export async function assertManualSyncAllowed(
  db: AppDB,
  tenant: TenantRecord | undefined,
  now: number,
): Promise<TenantRecord & { homeAccountId: string }> {
  if (!tenant?.homeAccountId) throw new AppError('not_signed_in');
  if (tenant.syncScope.mode === 'selected') throw new AppError('sync_not_in_selected_scope');
  if (!isSyncFree(await leaseOf(db, tenant.tenantId), now)) throw new AppError('sync_in_progress');
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
    // The activity log keeps codes: an entry reads in the language of the moment the console shows it.
    const counts = phrase('sync_logCounts', run.usersWritten, run.groupsWritten, run.usersRemoved + run.groupsRemoved);
    await logActivity(db, {
      at: run.finishedAt ?? run.startedAt,
      tenantId: run.tenantId,
      actor,
      event: TRIGGER_ACTIONS[run.trigger],
      detail: phrase(KIND_DETAILS[run.kind], success ? counts : (syncRunReason(run) ?? run.outcome)),
      outcome: success ? 'success' : 'failure',
    });
  });
}
