import {
  Body1,
  Button,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef } from 'react';
import { getDb } from '@/lib/db';
import { isGrantInterrupted } from '@/lib/lease/grant-lease';
import { leaseOf } from '@/lib/lease/tenant-lease';
import { type MessageKey, t } from '@/lib/i18n/t';
import { sendMessage } from '@/lib/messaging/protocol';
import { STEP_LABELS, SUCCESS_SENTENCE } from '@/lib/provisioning/plan-steps';
import type { GrantStep } from '@/lib/provisioning/types';
import { askWorker } from '../ask-worker';
import { useNow } from '../use-now';
import { ErrorBar } from '../ErrorBar';
import { TargetPicker } from './TargetPicker';
import { sayParam } from '@/lib/errors/phrase';

const useStyles = makeStyles({
  steps: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  step: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'baseline' },
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

const STATE_WORDS: Record<GrantStep['state'], MessageKey> = {
  pending: 'grantProgress_stateWaiting',
  running: 'grantProgress_stateRunning',
  done: 'grantProgress_stateDone',
  failed: 'grantProgress_stateFailed',
  skipped: 'grantProgress_stateSkipped',
};
const STATE_MARKS: Record<GrantStep['state'], string> = { pending: '○', running: '◌', done: '✓', failed: '✕', skipped: '–' };

/**
 * A grant as it runs: each step with its state in words, the picker when it waits, the fix when it fails.
 * `takeFocus`: the grant was just started here, and the control that started it is gone or disabled.
 */
export function GrantProgress({ runId, takeFocus = false }: { runId: string; takeFocus?: boolean }) {
  const styles = useStyles();
  // The run with its tenant's lease, read together: a run that no longer holds it (its worker stopped) offers Resume.
  const leased = useLiveQuery(async () => {
    const db = getDb();
    const run = await db.grantRuns.get(runId);
    return { run, lease: run && (await leaseOf(db, run.tenantId)) };
  }, [runId]);
  const run = leased?.run;
  const now = useNow(5_000);
  // Focus that fell to the page (its button went away) comes here, so the keyboard and a screen reader go on from the
  // grant; focus the admin has put elsewhere meanwhile stays where it is.
  const root = useRef<HTMLElement>(null);
  const shown = run !== undefined;
  useEffect(() => {
    const lost = document.activeElement === null || document.activeElement === document.body;
    if (takeFocus && shown && lost) root.current?.focus();
  }, [takeFocus, shown, runId]);
  if (!run) return <Spinner size="tiny" label={t('grantProgress_starting')} />;
  const interrupted = isGrantInterrupted(run, leased?.lease, now);
  const resume = () => void askWorker(() => sendMessage('worker:resumeGrant', { runId }));
  const cancel = () => void askWorker(() => sendMessage('worker:cancelGrant', { runId }));

  return (
    <section
      ref={root}
      tabIndex={-1}
      className={styles.root}
      aria-label={t('grantProgress_label')}
      data-run-id={run.id}
      data-run-state={run.state}
    >
      {/* Polite: each step's change of state is read out as it happens. */}
      <ol className={styles.steps} aria-live="polite">
        {run.steps.map((step) => (
          <li key={step.id} className={styles.step} data-step={step.id} data-state={step.state}>
            <span aria-hidden="true">{STATE_MARKS[step.state]}</span>
            <Body1>
              {STEP_LABELS[step.id]} — <strong>{t(STATE_WORDS[step.state])}</strong>
              {step.detail !== undefined && <Caption1>: {sayParam(step.detail)}</Caption1>}
            </Body1>
            {step.state === 'running' && <Spinner size="extra-tiny" aria-label={t('grantProgress_stateRunning')} />}
          </li>
        ))}
      </ol>
      {run.state === 'waiting' && <TargetPicker runId={runId} />}
      {run.state === 'failed' && run.error && (
        <ErrorBar
          title={t('grantProgress_stoppedAt', STEP_LABELS[run.error.step])}
          error={run.error}
          actions={
            <>
              <Button onClick={resume}>{t('common_resume')}</Button>
              <Button onClick={cancel}>{t('common_cancel')}</Button>
            </>
          }
        />
      )}
      {interrupted && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {t('grantProgress_interrupted')} <Button onClick={resume}>{t('common_resume')}</Button>
          </MessageBarBody>
        </MessageBar>
      )}
      {run.state === 'succeeded' && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>
            <MessageBarTitle>{SUCCESS_SENTENCE}</MessageBarTitle>
          </MessageBarBody>
        </MessageBar>
      )}
      {run.state === 'cancelled' && <Body1>{t('grantProgress_cancelled')}</Body1>}
    </section>
  );
}
