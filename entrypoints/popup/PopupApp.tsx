import { lazy, Suspense, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { askWorker } from '@/components/ask-worker';
import { type ReadThenFollow, useLiveValue } from '@/components/live-value';
import { grantGoingOn, useLatestGrant } from '@/components/grant/use-latest-grant';
import { TenantQuickRow } from '@/components/monitor/TenantQuickRow';
import { useMonitorSettings } from '@/components/monitor/use-monitor-settings';
import { PlainButton } from '@/components/plain/PlainButton';
import { PlainSpinner } from '@/components/plain/PlainSpinner';
import { useAfterPaint } from '@/components/use-after-paint';
import { useNow } from '@/components/use-now';
import { useLoadingLabel } from '@/components/use-loading-label';
import type { ErrorData } from '@/lib/errors/app-error';
import { type ConsoleRoute, formatConsoleRoute } from '@/lib/format/console-route';
import { t, tCount } from '@/lib/i18n/t';
import {
  LOCAL_FORMAT,
  type QuickAction,
  type QuickStatusInput,
  type QuickTenantRow,
  quickSections,
  quickStatus,
} from '@/lib/monitor/quick-status';

// The rows are plain elements (popup.css); Fluent UI (the lookup, error bars, the grant) loads after they are on
// screen, so that the popup's first paint costs about what a bare React + Dexie page does (issue #5).
const fluent = () => import('./FluentParts');
const LookupPart = lazy(() => fluent().then((m) => ({ default: m.LookupPart })));
const ErrorPart = lazy(() => fluent().then((m) => ({ default: m.ErrorPart })));
const GrantProgressPart = lazy(() => fluent().then((m) => ({ default: m.GrantProgressPart })));
const GrantWizardPart = lazy(() => fluent().then((m) => ({ default: m.GrantWizardPart })));
// The messaging library is needed only when a button is pressed: not among the scripts the first paint waits for.
const messaging = () => import('@/lib/messaging/protocol');

/** The popup's wait for its records, saying why when the database is being upgraded after an update. */
function Waiting() {
  return <PlainSpinner label={useLoadingLabel()} />;
}

/**
 * The quick status: every tenant's connectors at a glance, the one-click fixes, and the user lookup. Never loads msal.
 * `quick` is the quick status, read by main.tsx before this first renders; it follows the records once painted.
 */
export function PopupApp({ quick }: { quick: ReadThenFollow<QuickStatusInput[]> }) {
  const facts = useLiveValue(quick);
  const settings = useMonitorSettings();
  const now = useNow(30_000);
  const latestRun = useLatestGrant();
  const [wizardFor, setWizardFor] = useState<string>();
  const [error, setError] = useState<{ title: string; error: ErrorData }>();
  const [busy, setBusy] = useState<{ tenantId?: string; action: QuickAction | 'check' }>();
  const [checked, setChecked] = useState(false);
  // A grant started here: its progress takes the focus, which its button (disabled, or the wizard's, gone) dropped.
  const [grantStarted, setGrantStarted] = useState(false);
  const painted = useAfterPaint(facts !== undefined && settings !== undefined);
  // The records' changes (a check, a sync, a grant) from the first paint on: the live query's first read is not
  // among the work the first paint waits for.
  useEffect(() => {
    if (painted) quick.follow();
  }, [painted, quick]);
  const openConsole = () => void browser.runtime.openOptionsPage();
  // A button about one tenant, or about adding the first, opens the console on that page (issue #17).
  const openConsoleAt = (route: ConsoleRoute) =>
    void browser.tabs.create({ url: `${browser.runtime.getURL('/options.html')}${formatConsoleRoute(route)}` });

  if (!facts || !settings) return <Waiting />;
  const tenants = facts.map((f) => f.tenant);
  if (tenants.length === 0) {
    return (
      <main className="popup" aria-labelledby="empty-title">
        <h1 className="popup-title" id="empty-title">
          {t('popup_emptyTitle')}
        </h1>
        <p className="popup-body popup-text">{t('popup_emptyText')}</p>
        <PlainButton appearance="primary" onClick={() => openConsoleAt({ page: 'add-tenant' })}>
          {t('popup_grantAccess')}
        </PlainButton>
      </main>
    );
  }

  const rows = quickStatus(facts, settings, now, LOCAL_FORMAT);
  const run = async (action: QuickAction | 'check', tenantId?: string) => {
    if (action === 'open_console') return openConsoleAt({ page: 'tenant', tenantId: tenantId ?? '' });
    setError(undefined);
    setBusy({ tenantId, action });
    const tenant = tenants.find((t) => t.tenantId === tenantId);
    const own = facts.find((f) => f.tenant.tenantId === tenantId)?.connectors ?? [];
    const { sendMessage } = await messaging();
    const result =
      action === 'check'
        ? await askWorker(() => sendMessage('worker:checkNow', undefined))
        : action === 'regrant' && tenant
          ? await (await import('@/components/grant/start-regrant')).startRegrant(tenant, [...own])
          : await askWorker(() => sendMessage('worker:syncNow', { tenantId: tenantId ?? '' }));
    setBusy(undefined);
    if (action === 'check') setChecked(result.ok);
    if (action === 'regrant' && result.ok) setGrantStarted(true);
    if (!result.ok) setError({ title: FAILED[action], error: result.error });
  };
  const wizardTenant = tenants.find((t) => t.tenantId === wizardFor);
  const showWizard = wizardTenant !== undefined && !grantGoingOn(latestRun);
  // What needs action first (on screen without scrolling, even with dozens of tenants), one line per tenant that is well.
  const { needsAction, others, allWell } = quickSections(rows);
  const tenantRow = (row: QuickTenantRow) => (
    <TenantQuickRow
      key={row.tenantId}
      row={row}
      now={now}
      busy={busy?.tenantId === row.tenantId && busy.action !== 'check' ? busy.action : undefined}
      onAction={(action) => void run(action, row.tenantId)}
      onGrant={() => setWizardFor(row.tenantId)}
    />
  );
  const grantLoading = <PlainSpinner label={t('popup_loadingGrant')} />;

  return (
    <main className="popup">
      <header className="popup-header">
        <h1 className="popup-title">{t('popup_title')}</h1>
        <PlainButton size="small" onClick={() => void run('check')} disabled={busy?.action === 'check'}>
          {busy?.action === 'check' ? t('common_checking') : t('common_checkNow')}
        </PlainButton>
      </header>
      {/* Check now's outcome for screen readers; the rows below show it to the eye. */}
      <div role="status" className="visually-hidden" data-testid="check-status">
        {busy?.action === 'check' ? t('popupChecking') : checked ? checkOutcome(rows) : ''}
      </div>
      {error && (
        <Suspense fallback={null}>
          <ErrorPart title={error.title} error={error.error} />
        </Suspense>
      )}
      {latestRun && (
        <Suspense fallback={grantLoading}>
          <GrantProgressPart runId={latestRun.id} takeFocus={grantStarted} />
        </Suspense>
      )}
      {showWizard && wizardTenant ? (
        <Suspense fallback={grantLoading}>
          <GrantWizardPart
            tenant={wizardTenant}
            connectors={facts.find((f) => f.tenant.tenantId === wizardTenant.tenantId)?.connectors.slice() ?? []}
            onStarted={() => {
              setWizardFor(undefined);
              setGrantStarted(true);
            }}
          />
        </Suspense>
      ) : (
        <>
          {needsAction.length > 0 && (
            <div className="quick-group">
              <h2 className="popup-subtitle">{t('popup_needsAction', needsAction.length)}</h2>
              {needsAction.map(tenantRow)}
            </div>
          )}
          {others.length > 0 &&
            (needsAction.length > 0 ? (
              <div className="quick-group">
                <h2 className="popup-subtitle">{t('popup_otherTenants', others.length)}</h2>
                {others.map(tenantRow)}
              </div>
            ) : (
              others.map(tenantRow)
            ))}
        </>
      )}
      {/* The lookup before the one-line list of tenants that are well: with dozens of them, it stays near the top. */}
      {painted ? (
        <Suspense fallback={<div className="lookup-placeholder" />}>
          <LookupPart tenants={tenants} />
        </Suspense>
      ) : (
        <div className="lookup-placeholder" />
      )}
      {!showWizard && allWell.length > 0 && (
        <div className="quick-group quick-group-well">
          <h2 className="popup-subtitle">{t('popup_allWell', allWell.length)}</h2>
          {allWell.map(tenantRow)}
        </div>
      )}
      <footer className="popup-footer">
        <PlainButton onClick={openConsole}>{t('popup_openConsole')}</PlainButton>
      </footer>
    </main>
  );
}

const FAILED: Record<QuickAction | 'check', string> = {
  check: t('popup_failedCheck'),
  regrant: t('popup_failedRegrant'),
  sync_now: t('popup_failedSync'),
  open_console: t('popup_failedConsole'),
};

/** What Check now found, in one sentence for the status region. */
function checkOutcome(rows: ReturnType<typeof quickStatus>): string {
  const needing = rows.flatMap((row) => row.connectors).filter((c) => c.severity === 'error' || c.severity === 'warning').length;
  return needing === 0 ? t('popupCheckDoneAllWell') : tCount(needing, { one: 'popupCheckDoneOne', other: 'popupCheckDoneOther' });
}
