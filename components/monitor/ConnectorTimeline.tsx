import {
  Caption1,
  makeStyles,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense } from 'react';
import { serviceById } from '@/lib/connectors/services';
import { getDb } from '@/lib/db';
import type { ConnectorRecord, TenantRecord } from '@/lib/db/types';
import { formatCount, formatWeekdayTime } from '@/lib/i18n/format';
import { t } from '@/lib/i18n/t';
import { buildTimeline, TIMELINE_SPAN_MS } from '@/lib/monitor/timeline';
import { useNow } from '../use-now';
import { StatusMark } from './StatusMark';
import { useTableStyles } from '../table-styles';

// The charts library is large: only the console loads it, and only when a timeline has something to draw.
const TimelineChart = lazy(() => import('./TimelineChart'));

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

/** Each connector's states over the last 7 days, from the monitor's checks: a chart, and the same as a table. */
export function ConnectorTimeline({ tenant, connectors }: { tenant: TenantRecord; connectors: readonly ConnectorRecord[] }) {
  const styles = useStyles();
  const table = useTableStyles();
  const now = useNow(60_000);
  const checks = useLiveQuery(
    () =>
      getDb()
        .checks.where('[tenantId+at]')
        .between([tenant.tenantId, Date.now() - TIMELINE_SPAN_MS], [tenant.tenantId, Infinity])
        .toArray(),
    [tenant.tenantId],
  );
  if (!checks) return <Spinner size="tiny" label={t('connectorTimeline_reading')} />;
  // A check newer than the last tick of the clock still belongs on the timeline.
  const until = Math.max(now, ...checks.map((c) => c.at));
  const known = new Set(connectors.map((c) => c.id));
  const segments = buildTimeline(checks, until).filter((s) => known.has(s.connectorId));
  const rowLabel = (connectorId: string) => serviceById(connectors.find((c) => c.id === connectorId)?.service ?? 'exchange').label;
  if (segments.length === 0) return <Caption1>{t('connectorTimeline_none')}</Caption1>;
  return (
    <div className={styles.root} data-testid="timeline" aria-label={t('connectorTimeline_label', tenant.displayName)} role="group">
      <div data-testid="timeline-chart">
        <Suspense fallback={<Spinner size="tiny" label={t('connectorTimeline_drawing')} />}>
          <TimelineChart segments={segments} rowLabel={rowLabel} />
        </Suspense>
      </div>
      <details>
        <summary>{t('connectorTimeline_showTable')}</summary>
        <Table className={table.table} size="small" aria-label={t('connectorTimeline_tableLabel', tenant.displayName)}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('common_service')}</TableHeaderCell>
              <TableHeaderCell>{t('connectorTimeline_state')}</TableHeaderCell>
              <TableHeaderCell>{t('connectorTimeline_from')}</TableHeaderCell>
              <TableHeaderCell>{t('connectorTimeline_until')}</TableHeaderCell>
              <TableHeaderCell>{t('connectorTimeline_checks')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {segments.map((s) => (
              <TableRow key={`${s.connectorId} ${s.start}`} data-state={s.state}>
                <TableCell>{rowLabel(s.connectorId)}</TableCell>
                <TableCell>
                  <StatusMark severity={s.severity}>{s.label}</StatusMark>
                </TableCell>
                <TableCell>{formatWeekdayTime(s.start)}</TableCell>
                <TableCell>{s.end >= until ? t('connectorTimeline_now') : formatWeekdayTime(s.end)}</TableCell>
                <TableCell>{formatCount(s.checks)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </details>
    </div>
  );
}
