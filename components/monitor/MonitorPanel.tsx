import { Body1, Button, Caption1, makeStyles, Subtitle1, Subtitle2, Switch, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ConnectorRecord, TenantRecord } from '@/lib/db/types';
import type { ErrorData } from '@/lib/errors/app-error';
import { t } from '@/lib/i18n/t';
import { sendMessage } from '@/lib/messaging/protocol';
import { askWorker } from '../ask-worker';
import { ErrorBar } from '../ErrorBar';
import { AlertList } from './AlertList';
import { CheckSettings } from './CheckSettings';
import { ConnectorTimeline } from './ConnectorTimeline';
import { SupportReportButton } from './SupportReportButton';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  header: { display: 'flex', justifyContent: 'space-between', alignItems: 'center' },
  tenant: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

/** The console's health monitor: check now, the alerts, each tenant's 7-day timeline and mute switch, the settings. */
export function MonitorPanel({ tenants, connectors }: { tenants: readonly TenantRecord[]; connectors: readonly ConnectorRecord[] }) {
  const styles = useStyles();
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<{ title: string; error: ErrorData }>();
  const checkNow = async () => {
    setError(undefined);
    setChecking(true);
    const done = await askWorker(() => sendMessage('worker:checkNow', undefined));
    setChecking(false);
    if (!done.ok) setError({ title: t('monitorPanel_checkFailed'), error: done.error });
  };
  const mute = async (tenantId: string, muted: boolean) => {
    setError(undefined);
    const done = await askWorker(() => sendMessage('worker:setNotificationsMuted', { tenantId, muted }));
    if (!done.ok) setError({ title: t('monitorPanel_muteFailed'), error: done.error });
  };
  const monitored = tenants.filter((tenant) => connectors.some((c) => c.tenantId === tenant.tenantId));
  return (
    <section className={styles.root} aria-labelledby="monitor-title">
      <div className={styles.header}>
        <Subtitle1 as="h2" id="monitor-title">
          {t('monitorPanel_heading')}
        </Subtitle1>
        <Button onClick={() => void checkNow()} disabled={checking}>
          {t(checking ? 'common_checking' : 'common_checkNow')}
        </Button>
      </div>
      {error && <ErrorBar title={error.title} error={error.error} />}
      <Subtitle2 as="h3">{t('monitorPanel_alerts')}</Subtitle2>
      <AlertList tenants={tenants} connectors={connectors} />
      <SupportReportButton />
      {monitored.map((tenant) => (
        <section key={tenant.tenantId} className={styles.tenant} aria-label={t('monitorPanel_tenantLabel', tenant.displayName)}>
          <Subtitle2 as="h3">{t('monitorPanel_tenantHeading', tenant.displayName)}</Subtitle2>
          <Switch
            label={t('monitorPanel_mute')}
            checked={tenant.notificationsMuted === true}
            onChange={(_, data) => void mute(tenant.tenantId, data.checked)}
          />
          {tenant.notificationsMuted && <Caption1>{t('monitorPanel_mutedNote')}</Caption1>}
          <ConnectorTimeline tenant={tenant} connectors={connectors.filter((c) => c.tenantId === tenant.tenantId)} />
        </section>
      ))}
      {monitored.length === 0 && <Body1>{t('monitorPanel_nothing')}</Body1>}
      <Subtitle2 as="h3">{t('monitorPanel_checks')}</Subtitle2>
      <CheckSettings />
    </section>
  );
}
