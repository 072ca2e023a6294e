import { Body1, Button, makeStyles, Spinner, Subtitle1, Title2, tokens } from '@fluentui/react-components';
import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState } from 'react';
import { ActivityLog } from '@/components/ActivityLog';
import { ErrorBar } from '@/components/ErrorBar';
import { GrantProgress } from '@/components/grant/GrantProgress';
import { GrantWizard } from '@/components/grant/GrantWizard';
import { MonitorPanel } from '@/components/monitor/MonitorPanel';
import { useMonitorSettings } from '@/components/monitor/use-monitor-settings';
import { startRegrant } from '@/components/grant/start-regrant';
import { grantGoingOn, useLatestGrant } from '@/components/grant/use-latest-grant';
import { SignInCheck } from '@/components/SignInCheck';
import { SyncSettings } from '@/components/SyncSettings';
import { TenantCard } from '@/components/tenants/TenantCard';
import { TenantForm } from '@/components/tenants/TenantForm';
import { useManagedSettings } from '@/components/tenants/use-managed-settings';
import { useNow } from '@/components/use-now';
import { managedTenantsToAdd } from '@/lib/config/managed-settings';
import { getDb } from '@/lib/db';
import type { ErrorData } from '@/lib/errors/app-error';
import { t } from '@/lib/i18n/t';
import { evaluateTenant } from '@/lib/monitor/evaluate';
import { loadTenantFacts } from '@/lib/monitor/quick-status-facts';
import type { GrantKind } from '@/lib/provisioning/types';

const useStyles = makeStyles({
  root: {
    maxWidth: '960px',
    margin: '0 auto',
    padding: tokens.spacingHorizontalXXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/** The console: tenants and their services, Grant access, the grant's progress, the activity log. */
export function ConsoleApp() {
  const styles = useStyles();
  const db = getDb();
  const tenants = useLiveQuery(() => db.tenants.toArray(), []);
  const connectors = useLiveQuery(() => db.connectors.toArray(), []);
  // Each connector's status, derived from the same records and by the same function as the popup's.
  const facts = useLiveQuery(() => loadTenantFacts(db), []);
  const settings = useMonitorSettings();
  const now = useNow();
  const latestRun = useLatestGrant();
  const managed = useManagedSettings();
  const [wizard, setWizard] = useState<{ tenantId: string; kind: GrantKind }>();
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<ErrorData>();
  // The button that opened the wizard gets the focus back when the wizard closes (keyboard and screen readers).
  const opener = useRef<HTMLElement | null>(null);
  const closeWizard = () => {
    setWizard(undefined);
    opener.current?.focus();
  };

  const grant = async (tenantId: string, kind: GrantKind) => {
    setError(undefined);
    if (kind !== 'regrant') {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      return setWizard({ tenantId, kind });
    }
    const tenant = tenants?.find((tenant) => tenant.tenantId === tenantId);
    if (!tenant) return;
    const started = await startRegrant(tenant, connectorsOf(tenantId));
    if (!started.ok) setError(started.error);
  };
  const connectorsOf = (tenantId: string) => (connectors ?? []).filter((c) => c.tenantId === tenantId);
  const wizardTenant = tenants?.find((tenant) => tenant.tenantId === wizard?.tenantId);
  const showAdd = adding || tenants?.length === 0;
  const statusesOf = (tenantId: string) => {
    const own = facts?.find((f) => f.tenant.tenantId === tenantId);
    return own && settings ? evaluateTenant(own, settings, now) : [];
  };
  if (!tenants || !connectors || !facts || !settings) return <Spinner size="tiny" label={t('common_loading')} />;

  return (
    <main className={styles.root}>
      <Title2 as="h1">{t('consoleApp_heading')}</Title2>
      {tenants?.length === 0 && <Body1>{t('consoleApp_noTenant')}</Body1>}
      {error && <ErrorBar title={t('consoleApp_regrantFailed')} error={error} />}
      {latestRun && (
        <section className={styles.section} aria-labelledby="grant-title">
          <Subtitle1 as="h2" id="grant-title">
            {t(
              'consoleApp_grantHeading',
              tenants?.find((tenant) => tenant.tenantId === latestRun.tenantId)?.domain ?? t('consoleApp_theTenant'),
            )}
          </Subtitle1>
          <GrantProgress runId={latestRun.id} />
        </section>
      )}
      {wizard && wizardTenant && !grantGoingOn(latestRun) && (
        <section className={styles.section} aria-labelledby="wizard-title">
          <Subtitle1 as="h2" id="wizard-title">
            {t(wizard.kind === 'scope_switch' ? 'consoleApp_scopeSwitchHeading' : 'consoleApp_grantHeading', wizardTenant.domain)}
          </Subtitle1>
          <GrantWizard tenant={wizardTenant} connectors={connectorsOf(wizardTenant.tenantId)} kind={wizard.kind} onStarted={closeWizard} />
          <Button onClick={closeWizard}>{t('common_close')}</Button>
        </section>
      )}
      {tenants?.map((tenant) => (
        <TenantCard
          key={tenant.tenantId}
          tenant={tenant}
          connectors={connectorsOf(tenant.tenantId)}
          statuses={statusesOf(tenant.tenantId)}
          onGrant={(kind) => void grant(tenant.tenantId, kind)}
        />
      ))}
      <MonitorPanel tenants={tenants} connectors={connectors} />
      <section className={styles.section} aria-labelledby="add-title">
        <Subtitle1 as="h2" id="add-title">
          {t('consoleApp_addTenantHeading')}
        </Subtitle1>
        {managedTenantsToAdd(managed, tenants).map((entry) => (
          <TenantForm key={entry.tenant} managed={entry} />
        ))}
        {showAdd ? (
          <TenantForm
            managed={managed.clientId ? { clientId: managed.clientId, cloud: managed.cloud } : undefined}
            onSaved={() => setAdding(false)}
          />
        ) : (
          <Button onClick={() => setAdding(true)}>{t('consoleApp_addAnotherTenant')}</Button>
        )}
      </section>
      <section className={styles.section} aria-labelledby="settings-title">
        <Subtitle1 as="h2" id="settings-title">
          {t('consoleApp_settingsHeading')}
        </Subtitle1>
        <SyncSettings />
      </section>
      <section className={styles.section} aria-labelledby="log-title">
        <Subtitle1 as="h2" id="log-title">
          {t('consoleApp_activityLogHeading')}
        </Subtitle1>
        <ActivityLog />
      </section>
      <section className={styles.section} aria-labelledby="check-title">
        <Subtitle1 as="h2" id="check-title">
          {t('consoleApp_checkRegistrationHeading')}
        </Subtitle1>
        <SignInCheck />
      </section>
    </main>
  );
}
