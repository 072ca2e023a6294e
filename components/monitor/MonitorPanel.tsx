import { Body1, Button, Link, makeStyles, Subtitle1, Subtitle2, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ConnectorRecord, TenantRecord } from '@/lib/db/types';
import type { ErrorData } from '@/lib/errors/app-error';
import { formatConsoleRoute } from '@/lib/format/console-route';
import { t } from '@/lib/i18n/t';
import { sendMessage } from '@/lib/messaging/protocol';
import { askWorker } from '../ask-worker';
import { ErrorBar } from '../ErrorBar';
import { AlertList } from './AlertList';
import { CheckSettings } from './CheckSettings';
import { SupportReportButton } from './SupportReportButton';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  header: { display: 'flex', justifyContent: 'space-between', alignItems: 'center' },
});

/**
 * The console's health monitor: check now, the alerts, the support report, the checks' settings, and a link to each
 * monitored tenant's page, where its 7-day timeline and its mute switch are.
 */
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
      <Subtitle2 as="h3">{t('monitorPanel_timelines')}</Subtitle2>
      {monitored.length > 0 ? (
        <ul aria-label={t('monitorPanel_timelines')}>
          {monitored.map((tenant) => (
            <li key={tenant.tenantId}>
              <Link href={formatConsoleRoute({ page: 'tenant', tenantId: tenant.tenantId })}>
                {t('monitorPanel_tenantHeading', tenant.displayName)}
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <Body1>{t('monitorPanel_nothing')}</Body1>
      )}
      <Subtitle2 as="h3">{t('monitorPanel_checks')}</Subtitle2>
      <CheckSettings />
    </section>
  );
}
