import { Body1, Button, Caption1, makeStyles, ProgressBar, tokens } from '@fluentui/react-components';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { getDb } from '@/lib/db';
import type { TenantRecord } from '@/lib/db/types';
import type { ErrorData } from '@/lib/errors/app-error';
import { messageFor } from '@/lib/errors/codes';
import { sendMessage } from '@/lib/messaging/protocol';
import { askWorker } from '../ask-worker';
import { ErrorBar } from '../ErrorBar';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS } });

/** The tenant's directory sync: progress while one runs, the last result, and "Sync now" (not in selected mode). */
export function SyncStatus({ tenant }: { tenant: TenantRecord }) {
  const styles = useStyles();
  const [error, setError] = useState<ErrorData>();
  const run = useLiveQuery(
    () => getDb().syncRuns.where('[tenantId+startedAt]').between([tenant.tenantId, 0], [tenant.tenantId, Infinity]).last(),
    [tenant.tenantId],
  );
  const syncNow = async () => {
    setError(undefined);
    const started = await askWorker(() => sendMessage('worker:syncNow', { tenantId: tenant.tenantId }));
    if (!started.ok) setError(started.error);
  };
  const running = run?.outcome === 'running';
  const { done, total } = run?.progress ?? { done: 0 };
  // A status region: the sync's start, progress and outcome are read out as they change.
  return (
    <div
      role="status"
      className={styles.root}
      aria-label={`Directory sync of ${tenant.displayName}`}
      data-sync-state={run?.outcome ?? 'never'}
    >
      {running && (
        <>
          <Body1>
            Syncing the directory: {done.toLocaleString()}
            {total !== undefined && ` of ${total.toLocaleString()}`} objects
          </Body1>
          <ProgressBar value={total ? done / total : undefined} aria-label="Sync progress" />
        </>
      )}
      {run && !running && (
        <Caption1 data-testid="last-sync">
          Last sync {new Date(run.finishedAt ?? run.startedAt).toLocaleString()}:{' '}
          {run.outcome === 'success'
            ? `${run.usersWritten.toLocaleString()} users and ${run.groupsWritten.toLocaleString()} groups updated, ${(run.usersRemoved + run.groupsRemoved).toLocaleString()} removed`
            : (run.reason ?? run.outcome)}
        </Caption1>
      )}
      {tenant.syncScope.mode === 'selected' ? (
        <Caption1>{messageFor('sync_not_in_selected_scope')}</Caption1>
      ) : (
        tenant.homeAccountId && (
          <Button onClick={() => void syncNow()} disabled={running}>
            Sync now
          </Button>
        )
      )}
      {error && <ErrorBar title="The sync did not start" error={error} />}
    </div>
  );
}
