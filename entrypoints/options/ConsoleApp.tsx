import { Body1, Link, makeStyles, Spinner, Subtitle1, Title2, tokens } from '@fluentui/react-components';
import { useLiveQuery } from 'dexie-react-hooks';
import { type ReactNode, useEffect, useRef } from 'react';
import { ActivityLog } from '@/components/ActivityLog';
import { ConsoleNav } from '@/components/console/ConsoleNav';
import { OverviewPage } from '@/components/console/OverviewPage';
import { TenantPage } from '@/components/console/TenantPage';
import { goTo, useConsoleRoute } from '@/components/console/use-console-route';
import { useLatestGrant } from '@/components/grant/use-latest-grant';
import { MonitorPanel } from '@/components/monitor/MonitorPanel';
import { useMonitorSettings } from '@/components/monitor/use-monitor-settings';
import { SignInCheck } from '@/components/SignInCheck';
import { SyncSettings } from '@/components/SyncSettings';
import { RemoveTenantHost } from '@/components/tenants/RemoveTenantDialog';
import { TenantForm } from '@/components/tenants/TenantForm';
import { useManagedSettings } from '@/components/tenants/use-managed-settings';
import { useNow } from '@/components/use-now';
import { useLoadingLabel } from '@/components/use-loading-label';
import { managedTenantsToAdd } from '@/lib/config/managed-settings';
import { getDb } from '@/lib/db';
import type { TenantRecord } from '@/lib/db/types';
import { formatConsoleRoute } from '@/lib/format/console-route';
import { t } from '@/lib/i18n/t';
import { evaluateTenant } from '@/lib/monitor/evaluate';
import { loadTenantFacts } from '@/lib/monitor/quick-status-facts';

const useStyles = makeStyles({
  root: {
    maxWidth: '1200px',
    margin: '0 auto',
    padding: tokens.spacingHorizontalXXL,
    display: 'grid',
    gridTemplateColumns: 'minmax(160px, 220px) minmax(0, 1fr)',
    gridTemplateAreas: '"header header" "nav main"',
    columnGap: tokens.spacingHorizontalXXL,
    rowGap: tokens.spacingVerticalL,
    // A narrow window puts the navigation above the page.
    '@media (max-width: 640px)': { gridTemplateColumns: 'minmax(0, 1fr)', gridTemplateAreas: '"header" "nav" "main"' },
  },
  header: { gridArea: 'header' },
  nav: { gridArea: 'nav' },
  main: { gridArea: 'main', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0, outlineStyle: 'none' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/** The console's wait for its records, saying why when the database is being upgraded after an update. */
function Waiting() {
  return <Spinner size="tiny" label={useLoadingLabel()} />;
}

/**
 * The console, laid out as Microsoft's admin centers: a navigation (all tenants, a page per tenant, the health
 * monitor, the activity log, settings, add a tenant) and the page its address names (lib/format/console-route.ts).
 */
export function ConsoleApp() {
  const styles = useStyles();
  const db = getDb();
  const route = useConsoleRoute();
  const tenants = useLiveQuery(() => db.tenants.toArray(), []);
  const connectors = useLiveQuery(() => db.connectors.toArray(), []);
  // Each connector's status, derived from the same records and by the same function as the popup's.
  const facts = useLiveQuery(() => loadTenantFacts(db), []);
  const settings = useMonitorSettings();
  const now = useNow();
  const latestRun = useLatestGrant();
  const main = useRef<HTMLElement>(null);
  const shown = useRef(route);
  // A new page takes the focus (its start is read out), as a page load would; the first page leaves it where it is.
  useEffect(() => {
    if (shown.current === route) return;
    shown.current = route;
    if (route.page !== 'tenant' || route.section !== 'grant') main.current?.focus();
  }, [route]);
  const connectorsOf = (tenantId: string) => (connectors ?? []).filter((c) => c.tenantId === tenantId);
  const statusesOf = (tenantId: string) => {
    const own = facts?.find((f) => f.tenant.tenantId === tenantId);
    return own && settings ? evaluateTenant(own, settings, now) : [];
  };
  if (!tenants || !connectors || !facts || !settings) return <Waiting />;

  const page = () => {
    switch (route.page) {
      case 'overview':
        // Before the first tenant, the overview is where one is added.
        return tenants.length === 0 ? (
          <AddTenantPage tenants={tenants} first />
        ) : (
          <OverviewPage tenants={tenants} statusesOf={statusesOf} />
        );
      case 'tenant': {
        const tenant = tenants.find((entry) => entry.tenantId === route.tenantId);
        if (!tenant) return <NotFound words={t('consoleApp_tenantNotFound')} />;
        return (
          <TenantPage
            key={tenant.tenantId}
            tenant={tenant}
            connectors={connectorsOf(tenant.tenantId)}
            statuses={statusesOf(tenant.tenantId)}
            latestRun={latestRun}
            grantInView={route.section === 'grant'}
          />
        );
      }
      case 'monitor':
        return <MonitorPanel tenants={tenants} connectors={connectors} />;
      case 'activity-log':
        return (
          <TitledSection id="log-title" title={t('consoleApp_activityLogHeading')}>
            <ActivityLog />
          </TitledSection>
        );
      case 'settings':
        return (
          <TitledSection id="settings-title" title={t('consoleApp_settingsHeading')}>
            <SyncSettings />
          </TitledSection>
        );
      case 'add-tenant':
        return <AddTenantPage tenants={tenants} />;
      case 'not-found':
        return <NotFound words={t('consoleApp_pageNotFound')} />;
    }
  };

  return (
    // Remove tenant's dialog outlives the tenant's page (see RemoveTenantHost); the page that follows gets the focus.
    <RemoveTenantHost onRemoved={() => main.current?.focus()}>
      <div className={styles.root}>
        <header className={styles.header}>
          <Title2 as="h1">{t('consoleApp_heading')}</Title2>
        </header>
        <div className={styles.nav}>
          <ConsoleNav route={route} tenants={tenants} />
        </div>
        <main className={styles.main} ref={main} tabIndex={-1} data-page={route.page}>
          {page()}
        </main>
      </div>
    </RemoveTenantHost>
  );
}

/** Add a tenant (the admin's policy may name some), and check an app registration before or after. */
function AddTenantPage({ tenants, first }: { tenants: readonly TenantRecord[]; first?: boolean }) {
  const managed = useManagedSettings();
  const opened = (tenant: TenantRecord) => goTo({ page: 'tenant', tenantId: tenant.tenantId });
  return (
    <>
      <TitledSection id="add-title" title={t('consoleApp_addTenantHeading')}>
        {first && <Body1>{t('consoleApp_noTenant')}</Body1>}
        {managedTenantsToAdd(managed, tenants).map((entry) => (
          <TenantForm key={entry.tenant} managed={entry} onSaved={opened} />
        ))}
        <TenantForm managed={managed.clientId ? { clientId: managed.clientId, cloud: managed.cloud } : undefined} onSaved={opened} />
      </TitledSection>
      <TitledSection id="check-title" title={t('consoleApp_checkRegistrationHeading')}>
        <SignInCheck />
      </TitledSection>
    </>
  );
}

/** An address the console has no page for (a removed tenant, a mistyped link), with the way back. */
function NotFound({ words }: { words: string }) {
  return (
    <TitledSection id="not-found-title" title={t('consoleApp_notFoundHeading')} data-testid="not-found">
      <Body1>{words}</Body1>
      <Link href={formatConsoleRoute({ page: 'overview' })}>{t('consoleApp_backToOverview')}</Link>
    </TitledSection>
  );
}

/** A section of a console page under its own heading, by which screen readers name it. */
function TitledSection(props: { id: string; title: string; children: ReactNode; 'data-testid'?: string }) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-labelledby={props.id} data-testid={props['data-testid']}>
      <Subtitle1 as="h2" id={props.id}>
        {props.title}
      </Subtitle1>
      {props.children}
    </section>
  );
}
