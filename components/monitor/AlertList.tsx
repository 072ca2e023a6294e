import { Body1, Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { serviceById } from '@/lib/connectors/services';
import { getDb } from '@/lib/db';
import type { AlertRecord, ConnectorRecord, TenantRecord } from '@/lib/db/types';
import type { ErrorData } from '@/lib/errors/app-error';
import { ERROR_CODES, type ErrorCode } from '@/lib/errors/codes';
import { phrase, sayError } from '@/lib/errors/phrase';
import { formatDateTime } from '@/lib/i18n/format';
import { t } from '@/lib/i18n/t';
import { sendMessage } from '@/lib/messaging/protocol';
import { orderAlerts, standingOf } from '@/lib/monitor/alert-list';
import { STATE_LABELS, STATE_SEVERITY } from '@/lib/monitor/evaluate';
import { askWorker } from '../ask-worker';
import { ErrorBar } from '../ErrorBar';
import { StatusMark } from './StatusMark';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: { display: 'flex', justifyContent: 'space-between', alignItems: 'start', gap: tokens.spacingHorizontalM },
  text: { display: 'flex', flexDirection: 'column' },
});

/** Shown at most: alerts are kept 7 days after they resolve. */
const MAX_SHOWN = 50;
const isErrorCode = (code: string): code is ErrorCode => (ERROR_CODES as readonly string[]).includes(code);

/** The monitor's alerts, open first; "Acknowledge" marks one seen (it stays until its connector recovers). */
export function AlertList({ tenants, connectors }: { tenants: readonly TenantRecord[]; connectors: readonly ConnectorRecord[] }) {
  const styles = useStyles();
  const alerts = useLiveQuery(() => getDb().alerts.toArray(), []);
  const [error, setError] = useState<ErrorData>();
  if (!alerts) return null;
  if (alerts.length === 0) return <Body1>{t('alertList_none')}</Body1>;
  const acknowledge = async (alert: AlertRecord) => {
    setError(undefined);
    const done = await askWorker(() => sendMessage('worker:acknowledgeAlert', { alertId: alert.id }));
    if (!done.ok) setError(done.error);
  };
  return (
    <>
      {error && <ErrorBar title={t('alertList_ackFailed')} error={error} />}
      <ul className={styles.list} aria-label={t('alertList_label')}>
        {orderAlerts(alerts)
          .slice(0, MAX_SHOWN)
          .map((alert) => {
            const standing = standingOf(alert);
            const tenant = tenants.find((tenant) => tenant.tenantId === alert.tenantId)?.displayName ?? t('alertList_removedTenant');
            const service = connectors.find((c) => c.id === alert.connectorId)?.service ?? alert.connectorId.split(':').at(-1);
            const serviceLabel =
              service === 'exchange' || service === 'sharepoint' || service === 'onedrive' ? serviceById(service).label : service;
            const severity = standing === 'resolved' ? 'ok' : STATE_SEVERITY[alert.state];
            return (
              <li key={alert.id} className={styles.item} data-alert-id={alert.id} data-standing={standing}>
                <div className={styles.text}>
                  <Body1>
                    <StatusMark severity={severity}>
                      {tenant} · {serviceLabel}: <strong>{STATE_LABELS[alert.state]}</strong> —{' '}
                      {standing === 'open'
                        ? t('alertList_open')
                        : standing === 'acknowledged'
                          ? t('alertList_acknowledgedAt', formatDateTime(alert.acknowledgedAt!))
                          : t('alertList_resolvedAt', formatDateTime(alert.resolvedAt!))}
                    </StatusMark>
                  </Body1>
                  {isErrorCode(alert.reasonCode) && (
                    <Caption1>{sayError({ code: alert.reasonCode, params: [phrase('alertList_seeConnector')] })}</Caption1>
                  )}
                  <Caption1>{t('alertList_seen', formatDateTime(alert.firstSeenAt), formatDateTime(alert.lastSeenAt))}</Caption1>
                </div>
                {standing === 'open' && <Button onClick={() => void acknowledge(alert)}>{t('alertList_acknowledge')}</Button>}
              </li>
            );
          })}
      </ul>
    </>
  );
}
