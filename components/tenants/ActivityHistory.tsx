import {
  Body1,
  Caption1,
  Field,
  Input,
  makeStyles,
  Select,
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
import { lazy, Suspense, useState } from 'react';
import { countByDay, EVENT_SOURCE_LABELS, EVENT_SOURCES, searchEvents } from '@/lib/activity/event-summary';
import { chartDays, describeChart, filterEvents, type SourceFilter, sourcesShown } from '@/lib/activity/source-filter';
import { getDb } from '@/lib/db';
import type { TenantRecord } from '@/lib/db/types';
import { useNow } from '../use-now';
import { ChartBoundary } from './ChartBoundary';

// Its own chunk: the chart library is fetched when an admin opens the activity, and never reaches the popup.
const ActivityChart = lazy(() => import('./ActivityChart'));

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  filters: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignItems: 'end' },
});
const DAY_MS = 24 * 60 * 60 * 1000;
const dayLabel = (day: number) => new Date(day).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' });

/**
 * The tenant's last 7 days of activity: a chart of events per day and per service (with the same numbers as a
 * table, so nothing rests on the graphics alone), a service filter for the chart and the list, and a search.
 */
export function ActivityHistory({ tenant }: { tenant: TenantRecord }) {
  const styles = useStyles();
  const now = useNow(60_000);
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<SourceFilter>('all');
  const events = useLiveQuery(
    () =>
      getDb()
        .events.where('[tenantId+occurredAt]')
        .between([tenant.tenantId, now - 7 * DAY_MS], [tenant.tenantId, Infinity])
        .toArray(),
    [tenant.tenantId, now],
  );
  if (!events) return null;
  const shown = filterEvents(events, filter);
  const sources = sourcesShown(filter);
  const bars = chartDays(countByDay(shown, now, 7, new Date(now).getTimezoneOffset() * 60_000), filter);
  const description = describeChart(bars, filter, dayLabel);
  const found = searchEvents(shown, query);
  return (
    <section className={styles.root} aria-label={`Activity of ${tenant.displayName} in the last 7 days`}>
      <div className={styles.filters}>
        <Field label="Service">
          <Select value={filter} onChange={(_, data) => setFilter(EVENT_SOURCES.find((s) => s === data.value) ?? 'all')}>
            <option value="all">All services</option>
            {EVENT_SOURCES.map((source) => (
              <option key={source} value={source}>
                {EVENT_SOURCE_LABELS[source]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Search the activity (what or who)">
          <Input value={query} onChange={(_, data) => setQuery(data.value)} placeholder="megan@contoso.onmicrosoft.com" />
        </Field>
      </div>
      <Body1 data-testid="activity-summary">{description}</Body1>
      <ChartBoundary>
        <Suspense fallback={<Spinner size="tiny" label="Loading the chart…" />}>
          <ActivityChart days={bars} dayLabel={dayLabel} description={description} />
        </Suspense>
      </ChartBoundary>
      <details>
        <summary>Show the numbers as a table</summary>
        <Table size="extra-small" aria-label="Events per day and service">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Day</TableHeaderCell>
              {sources.map((source) => (
                <TableHeaderCell key={source}>{EVENT_SOURCE_LABELS[source]}</TableHeaderCell>
              ))}
              {sources.length > 1 && <TableHeaderCell>All</TableHeaderCell>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {bars.map((bar) => (
              <TableRow key={bar.day}>
                <TableCell>{dayLabel(bar.day)}</TableCell>
                {bar.segments.map((segment) => (
                  <TableCell key={segment.source}>{segment.count.toLocaleString()}</TableCell>
                ))}
                {sources.length > 1 && <TableCell>{bar.total.toLocaleString()}</TableCell>}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </details>
      <Caption1>
        {found.length === 0
          ? 'No event matches.'
          : `The ${found.length} newest of ${shown.length.toLocaleString()} events${query ? ' that match' : ''}:`}
      </Caption1>
      <ul aria-label="Matching events">
        {found.map((event) => (
          <li key={event.id} data-source={event.service}>
            <Body1>
              {new Date(event.occurredAt).toLocaleString()} — {EVENT_SOURCE_LABELS[event.service]}: {event.summary}
              {event.actor && ` (${event.actor})`}
              {event.succeeded === false && ' — failed'}
            </Body1>
          </li>
        ))}
      </ul>
    </section>
  );
}
