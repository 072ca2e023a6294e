import { Button, makeStyles, Subtitle1, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { ConnectorRecord, TenantRecord } from '@/lib/db/types';
import type { ErrorData } from '@/lib/errors/app-error';
import { t } from '@/lib/i18n/t';
import type { ConnectorStatus } from '@/lib/monitor/types';
import type { GrantKind, GrantRun } from '@/lib/provisioning/types';
import { ErrorBar } from '../ErrorBar';
import { GrantProgress } from '../grant/GrantProgress';
import { GrantWizard } from '../grant/GrantWizard';
import { startRegrant } from '../grant/start-regrant';
import { grantGoingOn } from '../grant/use-latest-grant';
import { TenantMonitor } from '../monitor/TenantMonitor';
import { TenantCard } from '../tenants/TenantCard';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/**
 * One tenant's page: its grant (the wizard, or the latest grant's progress), its connectors with their actions, its
 * sync and activity, and its health timeline. `grantInView`: the address asked for the grant (a notification's
 * Re-grant opens it), which is then scrolled to and focused.
 */
export function TenantPage(props: {
  tenant: TenantRecord;
  connectors: ConnectorRecord[];
  statuses: readonly ConnectorStatus[];
  latestRun: GrantRun | undefined;
  grantInView: boolean;
}) {
  const { tenant, connectors, latestRun } = props;
  const styles = useStyles();
  const [wizard, setWizard] = useState<GrantKind>();
  const [error, setError] = useState<ErrorData>();
  const grantRef = useRef<HTMLElement>(null);
  // The button that opened the wizard gets the focus back when the wizard closes (keyboard and screen readers).
  const opener = useRef<HTMLElement | null>(null);
  const closeWizard = () => {
    setWizard(undefined);
    opener.current?.focus();
  };
  const ownRun = latestRun?.tenantId === tenant.tenantId ? latestRun : undefined;
  const hasGrant = ownRun !== undefined;
  useEffect(() => {
    if (!props.grantInView || !hasGrant) return;
    grantRef.current?.scrollIntoView({ block: 'start' });
    grantRef.current?.focus();
  }, [props.grantInView, hasGrant]);

  const grant = async (kind: GrantKind) => {
    setError(undefined);
    if (kind !== 'regrant') {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      return setWizard(kind);
    }
    const started = await startRegrant(tenant, connectors);
    if (!started.ok) setError(started.error);
  };

  return (
    <div className={styles.root}>
      {error && <ErrorBar title={t('consoleApp_regrantFailed')} error={error} />}
      {ownRun && (
        <section className={styles.section} aria-labelledby="grant-title" ref={grantRef} tabIndex={-1} id="grant">
          <Subtitle1 as="h2" id="grant-title">
            {t('consoleApp_grantHeading', tenant.domain)}
          </Subtitle1>
          <GrantProgress runId={ownRun.id} />
        </section>
      )}
      {wizard && !grantGoingOn(latestRun) && (
        <section className={styles.section} aria-labelledby="wizard-title">
          <Subtitle1 as="h2" id="wizard-title">
            {t(wizard === 'scope_switch' ? 'consoleApp_scopeSwitchHeading' : 'consoleApp_grantHeading', tenant.domain)}
          </Subtitle1>
          <GrantWizard tenant={tenant} connectors={connectors} kind={wizard} onStarted={closeWizard} />
          <Button onClick={closeWizard}>{t('common_close')}</Button>
        </section>
      )}
      <TenantCard tenant={tenant} connectors={connectors} statuses={props.statuses} onGrant={(kind) => void grant(kind)} />
      {connectors.length > 0 && <TenantMonitor tenant={tenant} connectors={connectors} />}
    </div>
  );
}
