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
import { buildTimeline, TIMELINE_SPAN_MS } from '@/lib/monitor/timeline';
import { useNow } from '../use-now';
import { StatusMark } from './StatusMark';

// The charts library is large: only the console loads it, and only when a timeline has something to draw.
const TimelineChart = lazy(() => import('./TimelineChart'));

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

const when = (ms: number) => new Date(ms).toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });

/** Each connector's states over the last 7 days, from the monitor's checks: a chart, and the same as a table. */
export function ConnectorTimeline({ tenant, connectors }: { tenant: TenantRecord; connectors: readonly ConnectorRecord[] }) {
  const styles = useStyles();
  const now = useNow(60_000);
  const checks = useLiveQuery(
    () =>
      getDb()
        .checks.where('[tenantId+at]')
        .between([tenant.tenantId, Date.now() - TIMELINE_SPAN_MS], [tenant.tenantId, Infinity])
        .toArray(),
    [tenant.tenantId],
  );
  if (!checks) return <Spinner size="tiny" label="Reading the checks…" />;
  // A check newer than the last tick of the clock still belongs on the timeline.
  const until = Math.max(now, ...checks.map((c) => c.at));
  const known = new Set(connectors.map((c) => c.id));
  const segments = buildTimeline(checks, until).filter((s) => known.has(s.connectorId));
  const rowLabel = (connectorId: string) => serviceById(connectors.find((c) => c.id === connectorId)?.service ?? 'exchange').label;
  if (segments.length === 0) return <Caption1>No check in the last 7 days yet.</Caption1>;
  return (
    <div className={styles.root} data-testid="timeline" aria-label={`Timeline of ${tenant.displayName}`} role="group">
      <div data-testid="timeline-chart">
        <Suspense fallback={<Spinner size="tiny" label="Drawing the timeline…" />}>
          <TimelineChart segments={segments} rowLabel={rowLabel} />
        </Suspense>
      </div>
      <details>
        <summary>Show the timeline as a table</summary>
        <Table size="small" aria-label={`States of ${tenant.displayName}'s connectors over the last 7 days`}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Service</TableHeaderCell>
              <TableHeaderCell>State</TableHeaderCell>
              <TableHeaderCell>From</TableHeaderCell>
              <TableHeaderCell>Until</TableHeaderCell>
              <TableHeaderCell>Checks</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {segments.map((s) => (
              <TableRow key={`${s.connectorId} ${s.start}`} data-state={s.state}>
                <TableCell>{rowLabel(s.connectorId)}</TableCell>
                <TableCell>
                  <StatusMark severity={s.severity}>{s.label}</StatusMark>
                </TableCell>
                <TableCell>{when(s.start)}</TableCell>
                <TableCell>{s.end >= until ? 'now' : when(s.end)}</TableCell>
                <TableCell>{s.checks}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </details>
    </div>
  );
}
