import { Caption1, makeStyles, Subtitle2, Switch, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ConnectorRecord, TenantRecord } from '@/lib/db/types';
import type { ErrorData } from '@/lib/errors/app-error';
import { t } from '@/lib/i18n/t';
import { sendMessage } from '@/lib/messaging/protocol';
import { askWorker } from '../ask-worker';
import { ErrorBar } from '../ErrorBar';
import { ConnectorTimeline } from './ConnectorTimeline';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS } });

/** One tenant's health on its console page: the mute switch for its notifications and its 7-day timeline. */
export function TenantMonitor({ tenant, connectors }: { tenant: TenantRecord; connectors: readonly ConnectorRecord[] }) {
  const styles = useStyles();
  const [error, setError] = useState<ErrorData>();
  const mute = async (muted: boolean) => {
    setError(undefined);
    const done = await askWorker(() => sendMessage('worker:setNotificationsMuted', { tenantId: tenant.tenantId, muted }));
    if (!done.ok) setError(done.error);
  };
  return (
    <section className={styles.root} aria-label={t('monitorPanel_tenantLabel', tenant.displayName)}>
      <Subtitle2 as="h3">{t('monitorPanel_tenantHeading', tenant.displayName)}</Subtitle2>
      {error && <ErrorBar title={t('monitorPanel_muteFailed')} error={error} />}
      <Switch label={t('monitorPanel_mute')} checked={tenant.notificationsMuted === true} onChange={(_, data) => void mute(data.checked)} />
      {tenant.notificationsMuted && <Caption1>{t('monitorPanel_mutedNote')}</Caption1>}
      <ConnectorTimeline tenant={tenant} connectors={connectors} />
    </section>
  );
}
