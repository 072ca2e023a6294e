import { Body1, Button, makeStyles, Spinner, Subtitle2, tokens } from '@fluentui/react-components';
import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useState } from 'react';
import { browser } from 'wxt/browser';
import { askWorker } from '@/components/ask-worker';
import { ErrorBar } from '@/components/ErrorBar';
import { startRegrant } from '@/components/grant/start-regrant';
import { grantGoingOn, useLatestGrant } from '@/components/grant/use-latest-grant';
import { QuickLookup } from '@/components/monitor/QuickLookup';
import { TenantQuickRow } from '@/components/monitor/TenantQuickRow';
import { useMonitorSettings } from '@/components/monitor/use-monitor-settings';
import { useNow } from '@/components/use-now';
import { useVisuallyHidden } from '@/components/visually-hidden';
import { getDb } from '@/lib/db';
import type { ErrorData } from '@/lib/errors/app-error';
import { t, tCount } from '@/lib/i18n/t';
import { sendMessage } from '@/lib/messaging/protocol';
import { LOCAL_FORMAT, type QuickAction, quickStatus } from '@/lib/monitor/quick-status';
import { loadQuickStatus } from '@/lib/monitor/quick-status-facts';

// The grant's pieces are loaded only when a grant is shown: the quick status opens without them (bundle budget).
const GrantWizard = lazy(() => import('@/components/grant/GrantWizard').then((m) => ({ default: m.GrantWizard })));
const GrantProgress = lazy(() => import('@/components/grant/GrantProgress').then((m) => ({ default: m.GrantProgress })));

const useStyles = makeStyles({
  root: { width: '400px', padding: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  header: { display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: tokens.spacingHorizontalS },
  footer: { display: 'flex', gap: tokens.spacingHorizontalS },
});

/** The quick status: every tenant's connectors at a glance, the one-click fixes, and the user lookup. Never loads msal. */
export function PopupApp() {
  const styles = useStyles();
  const hidden = useVisuallyHidden();
  const db = getDb();
  const facts = useLiveQuery(() => loadQuickStatus(db), []);
  const settings = useMonitorSettings();
  const now = useNow(30_000);
  const latestRun = useLatestGrant();
  const [wizardFor, setWizardFor] = useState<string>();
  const [error, setError] = useState<{ title: string; error: ErrorData }>();
  const [busy, setBusy] = useState<{ tenantId?: string; action: QuickAction | 'check' }>();
  const [checked, setChecked] = useState(false);
  const openConsole = () => void browser.runtime.openOptionsPage();

  if (!facts || !settings) return <Spinner size="tiny" label="Loading…" />;
  const tenants = facts.map((f) => f.tenant);
  if (tenants.length === 0) {
    return (
      <main className={styles.root} aria-labelledby="empty-title">
        <Subtitle2 as="h1" id="empty-title">
          No Microsoft 365 tenant is connected yet
        </Subtitle2>
        <Body1>Grant access to Exchange Online, SharePoint Online and OneDrive so your cloud app security service can protect them.</Body1>
        <Button appearance="primary" onClick={openConsole}>
          Grant access
        </Button>
      </main>
    );
  }

  const rows = quickStatus(facts, settings, now, LOCAL_FORMAT);
  const run = async (action: QuickAction | 'check', tenantId?: string) => {
    if (action === 'open_console') return openConsole();
    setError(undefined);
    setBusy({ tenantId, action });
    const tenant = tenants.find((t) => t.tenantId === tenantId);
    const own = facts.find((f) => f.tenant.tenantId === tenantId)?.connectors ?? [];
    const result =
      action === 'check'
        ? await askWorker(() => sendMessage('worker:checkNow', undefined))
        : action === 'regrant' && tenant
          ? await startRegrant(tenant, [...own])
          : await askWorker(() => sendMessage('worker:syncNow', { tenantId: tenantId ?? '' }));
    setBusy(undefined);
    if (action === 'check') setChecked(result.ok);
    if (!result.ok) setError({ title: FAILED[action], error: result.error });
  };
  const wizardTenant = tenants.find((t) => t.tenantId === wizardFor);

  return (
    <main className={styles.root}>
      <header className={styles.header}>
        <Subtitle2 as="h1">Microsoft 365 connectors</Subtitle2>
        <Button size="small" onClick={() => void run('check')} disabled={busy?.action === 'check'}>
          {busy?.action === 'check' ? 'Checking…' : 'Check now'}
        </Button>
      </header>
      {error && <ErrorBar title={error.title} error={error.error} />}
      <div role="status" className={hidden.root} data-testid="check-status">
        {busy?.action === 'check' ? t('popupChecking') : checked ? checkOutcome(rows) : ''}
      </div>
      <Suspense fallback={<Spinner size="tiny" label="Loading the grant…" />}>
        {latestRun && <GrantProgress runId={latestRun.id} />}
        {wizardTenant && !grantGoingOn(latestRun) ? (
          <GrantWizard
            tenant={wizardTenant}
            connectors={facts.find((f) => f.tenant.tenantId === wizardTenant.tenantId)?.connectors.slice() ?? []}
            onStarted={() => setWizardFor(undefined)}
          />
        ) : (
          rows.map((row) => (
            <TenantQuickRow
              key={row.tenantId}
              row={row}
              busy={busy?.tenantId === row.tenantId && busy.action !== 'check' ? busy.action : undefined}
              onAction={(action) => void run(action, row.tenantId)}
              onGrant={() => setWizardFor(row.tenantId)}
            />
          ))
        )}
      </Suspense>
      <QuickLookup tenants={tenants} />
      <footer className={styles.footer}>
        <Button onClick={openConsole}>Open console</Button>
      </footer>
    </main>
  );
}

/** What a check found, for screen readers (the rows show it to the eye): how many connectors need action. */
function checkOutcome(rows: ReturnType<typeof quickStatus>): string {
  const needing = rows.flatMap((row) => row.connectors).filter((c) => c.severity === 'error' || c.severity === 'warning').length;
  return needing === 0 ? t('popupCheckDoneAllWell') : tCount(needing, { one: 'popupCheckDoneOne', other: 'popupCheckDoneOther' });
}

const FAILED: Record<QuickAction | 'check', string> = {
  check: 'The check did not run',
  regrant: 'The re-grant did not start',
  sync_now: 'The sync did not start',
  open_console: 'The console did not open',
};
