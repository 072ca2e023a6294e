import { Body1, Button, Caption1, makeStyles, ProgressBar, tokens } from '@fluentui/react-components';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { getDb } from '@/lib/db';
import type { SyncOutcome, SyncRun, TenantRecord } from '@/lib/db/types';
import type { ErrorData } from '@/lib/errors/app-error';
import { sayError } from '@/lib/errors/phrase';
import { syncRunReason } from '@/lib/sync/run-reason';
import { syncRunState } from '@/lib/sync/run-state';
import { withUnrecordedEnd } from '@/lib/sync/unrecorded-end';
import { formatClock, formatCount, formatDateTime } from '@/lib/i18n/format';
import { type MessageKey, t, tCount } from '@/lib/i18n/t';
import { sendMessage } from '@/lib/messaging/protocol';
import { leaseOf } from '@/lib/lease/tenant-lease';
import { askWorker } from '../ask-worker';
import { ErrorBar } from '../ErrorBar';
import { useNow } from '../use-now';
import { useUnrecordedEnd } from './use-unrecorded-end';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS } });

// Words for an ended run that recorded no reason.
const OUTCOME_WORDS: Record<Exclude<SyncOutcome, 'running' | 'success'>, MessageKey> = {
  failed: 'syncStatus_outcomeFailed',
  deferred: 'syncStatus_outcomeDeferred',
  stopped: 'syncStatus_outcomeStopped',
};

function resultOf(run: SyncRun): string {
  // Still open, but its lease is gone: only a closing write IndexedDB refused leaves a run so (finishRun in
  // lib/lease/sync-lease.ts), and on a full disk nothing more can be written to say why. The next run closes it.
  if (run.outcome === 'running') return sayError({ code: 'storage_full' });
  if (run.outcome !== 'success') {
    // A run from before schema 6 may have only its words (no code): they are shown as written.
    const reason = syncRunReason(run);
    return reason ? sayError(reason) : (run.reason ?? t(OUTCOME_WORDS[run.outcome]));
  }
  return t(
    'syncStatus_result',
    tCount(run.usersWritten, { one: 'common_usersOne', other: 'common_usersOther' }),
    tCount(run.groupsWritten, { one: 'common_groupsOne', other: 'common_groupsOther' }),
    formatCount(run.usersRemoved + run.groupsRemoved),
  );
}

/** The tenant's directory sync: progress while one runs, the last result, and "Sync now" (not in selected mode). */
export function SyncStatus({ tenant }: { tenant: TenantRecord }) {
  const styles = useStyles();
  const [error, setError] = useState<ErrorData>();
  const recorded = useLiveQuery(
    () => getDb().syncRuns.where('[tenantId+startedAt]').between([tenant.tenantId, 0], [tenant.tenantId, Infinity]).last(),
    [tenant.tenantId],
  );
  // A run whose end a full disk kept from its record ended all the same (lib/sync/unrecorded-end.ts).
  const run = withUnrecordedEnd(recorded, useUnrecordedEnd(tenant.tenantId));
  const lease = useLiveQuery(() => leaseOf(getDb(), tenant.tenantId), [tenant.tenantId]);
  const syncNow = async () => {
    setError(undefined);
    const started = await askWorker(() => sendMessage('worker:syncNow', { tenantId: tenant.tenantId }));
    if (!started.ok) setError(started.error);
  };
  // Re-read each second: a run whose holder stopped renewing its lease reads as interrupted (lib/sync/run-state.ts).
  const now = useNow(1_000);
  const view = syncRunState(run, lease, now);
  const running = view.state === 'running';
  // An open run whose lease is gone (a closing write refused) reads as stopped, with the reason below.
  const state = view.state === 'unclosed' ? 'stopped' : view.state;
  const { done, total } = run?.progress ?? { done: 0 };
  // A status region: the sync's start, progress and outcome are read out as they change.
  return (
    <div role="status" className={styles.root} aria-label={t('syncStatus_label', tenant.displayName)} data-sync-state={state}>
      {running && (
        <>
          <Body1>
            {total === undefined
              ? t('syncStatus_progress', formatCount(done))
              : t('syncStatus_progressOf', formatCount(done), formatCount(total))}
          </Body1>
          <ProgressBar value={total ? done / total : undefined} aria-label={t('syncStatus_progressLabel')} />
        </>
      )}
      {run && view.state === 'interrupted' && (
        <Body1 data-testid="sync-interrupted">
          {t('syncStatus_interrupted', formatCount(run.progress.done), formatClock(view.resumeAt, now))}
        </Body1>
      )}
      {run && !running && view.state !== 'interrupted' && (
        <Caption1 data-testid="last-sync">
          {t('syncStatus_lastSync', formatDateTime(run.finishedAt ?? run.startedAt), resultOf(run))}
        </Caption1>
      )}
      {tenant.syncScope.mode === 'selected' ? (
        <Caption1>{sayError({ code: 'sync_not_in_selected_scope' })}</Caption1>
      ) : (
        tenant.homeAccountId && (
          <Button onClick={() => void syncNow()} disabled={running || (view.state === 'interrupted' && view.resumeAt > now)}>
            {t('common_syncNow')}
          </Button>
        )
      )}
      {error && <ErrorBar title={t('syncStatus_notStarted')} error={error} />}
    </div>
  );
}
