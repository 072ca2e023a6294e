import { Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { getDb } from '@/lib/db';
import { type ErrorData, toErrorData } from '@/lib/errors/app-error';
import { say, sayError } from '@/lib/errors/phrase';
import { t } from '@/lib/i18n/t';
import { buildSupportReport, readReportTenants } from '@/lib/monitor/support-report';
import { ErrorBar } from '../ErrorBar';
import { useMonitorSettings } from './use-monitor-settings';

const useStyles = makeStyles({ root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS } });

/** Save as a file through a blob link: no downloads permission needed in an extension page. */
function save(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  URL.revokeObjectURL(url);
}

/** One click: the support report (lib/monitor/support-report.ts) copied to the clipboard and saved as a file. */
export function SupportReportButton() {
  const styles = useStyles();
  const settings = useMonitorSettings();
  const [done, setDone] = useState<{ name: string; copied: boolean }>();
  const [error, setError] = useState<ErrorData>();
  const make = async () => {
    setDone(undefined);
    setError(undefined);
    try {
      if (!settings) return;
      const now = Date.now();
      const tenants = await readReportTenants(getDb(), settings, now);
      const context = { now, extensionVersion: browser.runtime.getManifest().version, browser: navigator.userAgent };
      const text = buildSupportReport(tenants, context, { say, sayError });
      const name = `support-report-${new Date(now).toISOString().replace(/[:.]/g, '-')}.txt`;
      save(name, text);
      const copied = await navigator.clipboard.writeText(text).then(
        () => true,
        () => false,
      );
      setDone({ name, copied });
    } catch (failure) {
      setError(toErrorData(failure));
    }
  };
  return (
    <div className={styles.root}>
      <Button onClick={() => void make()} disabled={!settings}>
        {t('monitorPanel_supportReport')}
      </Button>
      <Caption1>{t('monitorPanel_supportReportHint')}</Caption1>
      <div role="status">
        {done && (
          <Caption1>{t(done.copied ? 'monitorPanel_supportReportDone' : 'monitorPanel_supportReportSavedOnly', done.name)}</Caption1>
        )}
      </div>
      {error && <ErrorBar title={t('monitorPanel_supportReportFailed')} error={error} />}
    </div>
  );
}
