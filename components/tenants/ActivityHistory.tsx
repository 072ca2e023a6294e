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
import { lazy, Suspense, useState } from 'react';
import { countByDay, dayWindowStart, EVENT_SOURCE_LABELS, EVENT_SOURCES, searchEvents } from '@/lib/activity/event-summary';
import { chartDays, describeChart, filterEvents, type SourceFilter, sourcesShown } from '@/lib/activity/source-filter';
import { getDb } from '@/lib/db';
import { eventsSince } from '@/lib/store/events';
import type { TenantRecord } from '@/lib/db/types';
import { formatChartTime } from '@/lib/format/chart-time';
import { formatCount, formatDateTime } from '@/lib/i18n/format';
import { t } from '@/lib/i18n/t';
import { useNow } from '../use-now';
import { usePacedLiveQuery } from '../use-paced-live-query';
import { ChartBoundary } from './ChartBoundary';
import { say, sayError, sayParam } from '@/lib/errors/phrase';
import { useTableStyles } from '../table-styles';
import { auditSearchNotes } from '@/lib/activity/audit-search-notes';
import { prefixRange } from '@/lib/db/keys';

// Its own chunk: the chart library is fetched when an admin opens the activity, and never reaches the popup.
const ActivityChart = lazy(() => import('./ActivityChart'));
// The same formatter as the monitor timeline's axis: one way to write a chart's time.
const formatDay = (at: number) => formatChartTime(at, 'day');

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  filters: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignItems: 'end' },
});

/**
 * The tenant's last 7 days of activity: a chart of events per day and per service (with the same numbers as a
 * table, so nothing rests on the graphics alone), a service filter for the chart and the list, and a search.
 */
export function ActivityHistory({ tenant }: { tenant: TenantRecord }) {
  const styles = useStyles();
  const table = useTableStyles();
  const now = useNow(60_000);
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<SourceFilter>('all');
  // Paced: a sync stores a page of each kind and service and prunes the old ones, and each store read the week again.
  const events = usePacedLiveQuery(
    () => eventsSince(getDb(), tenant.tenantId, dayWindowStart(now, 7, new Date(now).getTimezoneOffset() * 60_000)),
    [tenant.tenantId, now],
  );
  // Each service's own events (Purview's audit search): why they are missing, or that they come later.
  const searches = usePacedLiveQuery(async () => {
    const db = getDb();
    const [records, connectors] = await Promise.all([
      db.auditSearches
        .where(':id')
        .between(...prefixRange(tenant.tenantId))
        .toArray(),
      db.connectors.where('tenantId').equals(tenant.tenantId).toArray(),
    ]);
    return auditSearchNotes(
      records,
      connectors.map((connector) => connector.service),
    );
  }, [tenant.tenantId]);
  if (!events) return null;
  const shown = filterEvents(events, filter);
  const sources = sourcesShown(filter);
  const bars = chartDays(countByDay(shown, now, 7, new Date(now).getTimezoneOffset() * 60_000), filter);
  const description = describeChart(bars, filter, formatDay);
  const found = searchEvents(shown, query, sayParam);
  return (
    <section className={styles.root} aria-label={t('activityHistory_label', tenant.displayName)}>
      <div className={styles.filters}>
        <Field label={t('common_service')}>
          <Select value={filter} onChange={(_, data) => setFilter(EVENT_SOURCES.find((s) => s === data.value) ?? 'all')}>
            <option value="all">{t('activityHistory_allServices')}</option>
            {EVENT_SOURCES.map((source) => (
              <option key={source} value={source}>
                {EVENT_SOURCE_LABELS[source]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('activityHistory_search')}>
          <Input value={query} onChange={(_, data) => setQuery(data.value)} placeholder={t('activityHistory_placeholder')} />
        </Field>
      </div>
      <Body1 data-testid="activity-summary">{description}</Body1>
      {searches?.map((note, index) => (
        <Caption1 key={index} data-testid="activity-audit-search-note">
          {note.kind === 'unavailable' ? sayError(note.error) : say(note.words)}
        </Caption1>
      ))}
      <ChartBoundary>
        <Suspense fallback={<Spinner size="tiny" label={t('activityHistory_loadingChart')} />}>
          <ActivityChart days={bars} dayLabel={formatDay} description={description} />
        </Suspense>
      </ChartBoundary>
      <details>
        <summary>{t('activityHistory_showTable')}</summary>
        <Table className={table.table} size="extra-small" aria-label={t('activityHistory_tableLabel')}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('activityHistory_day')}</TableHeaderCell>
              {sources.map((source) => (
                <TableHeaderCell key={source}>{EVENT_SOURCE_LABELS[source]}</TableHeaderCell>
              ))}
              {sources.length > 1 && <TableHeaderCell>{t('activityHistory_all')}</TableHeaderCell>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {bars.map((bar) => (
              <TableRow key={bar.day}>
                <TableCell>{formatDay(bar.day)}</TableCell>
                {bar.segments.map((segment) => (
                  <TableCell key={segment.source}>{formatCount(segment.count)}</TableCell>
                ))}
                {sources.length > 1 && <TableCell>{formatCount(bar.total)}</TableCell>}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </details>
      <Caption1>
        {found.length === 0
          ? t('activityHistory_noMatch')
          : t(query ? 'activityHistory_newestMatching' : 'activityHistory_newest', formatCount(found.length), formatCount(shown.length))}
      </Caption1>
      <ul aria-label={t('activityHistory_matchingLabel')}>
        {found.map((event) => (
          <li key={event.id} data-source={event.service}>
            <Body1>
              {formatDateTime(event.occurredAt)} — {EVENT_SOURCE_LABELS[event.service]}: {sayParam(event.summary)}
              {event.actor && ` (${event.actor})`}
              {event.succeeded === false && ` — ${t('activityHistory_failed')}`}
            </Body1>
          </li>
        ))}
      </ul>
    </section>
  );
}
