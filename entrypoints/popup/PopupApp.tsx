import { Body1, Button, Caption1, makeStyles, Spinner, Subtitle2, tokens } from '@fluentui/react-components';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { browser } from 'wxt/browser';
import { ErrorBar } from '@/components/ErrorBar';
import { ServiceHealthBadge } from '@/components/ServiceHealthBadge';
import { GrantProgress } from '@/components/grant/GrantProgress';
import { GrantWizard } from '@/components/grant/GrantWizard';
import { startRegrant } from '@/components/grant/start-regrant';
import { grantGoingOn, useLatestGrant } from '@/components/grant/use-latest-grant';
import { SyncStatus } from '@/components/tenants/SyncStatus';
import { SERVICES } from '@/lib/connectors/services';
import { getDb } from '@/lib/db';
import type { ErrorData } from '@/lib/errors/app-error';

const useStyles = makeStyles({
  root: { width: '380px', padding: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  tenant: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

/** The quick status: every tenant's services at a glance, and the one-click actions. Never loads msal. */
export function PopupApp() {
  const styles = useStyles();
  const db = getDb();
  const tenants = useLiveQuery(() => db.tenants.toArray(), []);
  const connectors = useLiveQuery(() => db.connectors.toArray(), []);
  const latestRun = useLatestGrant();
  const [wizardFor, setWizardFor] = useState<string>();
  const [error, setError] = useState<ErrorData>();
  const openConsole = () => void browser.runtime.openOptionsPage();

  if (!tenants || !connectors) return <Spinner size="tiny" label="Loading…" />;
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
  const wizardTenant = tenants.find((t) => t.tenantId === wizardFor);
  return (
    <main className={styles.root}>
      <Subtitle2 as="h1">Microsoft 365 connectors</Subtitle2>
      {error && <ErrorBar title="The re-grant did not start" error={error} />}
      {latestRun && <GrantProgress runId={latestRun.id} />}
      {wizardTenant && !grantGoingOn(latestRun) ? (
        <GrantWizard
          tenant={wizardTenant}
          connectors={connectors.filter((c) => c.tenantId === wizardTenant.tenantId)}
          onStarted={() => setWizardFor(undefined)}
        />
      ) : (
        tenants.map((tenant) => {
          const own = connectors.filter((c) => c.tenantId === tenant.tenantId);
          const regrant = async () => {
            const started = await startRegrant(tenant, own);
            if (!started.ok) setError(started.error);
          };
          return (
            <section key={tenant.tenantId} className={styles.tenant} aria-label={`Tenant ${tenant.displayName}`}>
              <Body1>
                <strong>{tenant.displayName}</strong> <Caption1>{tenant.domain}</Caption1>
              </Body1>
              <ul>
                {SERVICES.map((service) => {
                  const connector = own.find((c) => c.service === service.id);
                  return (
                    <li key={service.id} data-service={service.id}>
                      {service.label}: {connector ? 'Connected' : 'Not connected'}
                      {connector && (
                        <>
                          {' · '}
                          <ServiceHealthBadge health={connector.serviceHealth} />
                        </>
                      )}
                    </li>
                  );
                })}
              </ul>
              {own.length > 0 && <SyncStatus tenant={tenant} />}
              <div className={styles.actions}>
                {own.length < SERVICES.length && (
                  <Button appearance="primary" onClick={() => setWizardFor(tenant.tenantId)}>
                    Grant access
                  </Button>
                )}
                {own.length > 0 && <Button onClick={() => void regrant()}>Re-grant</Button>}
              </div>
            </section>
          );
        })
      )}
      <Button onClick={openConsole}>Open console</Button>
    </main>
  );
}
