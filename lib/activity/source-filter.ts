import type { ActivityEvent } from '../db/types';
import { formatCount } from '../i18n/format';
import { t, tCount } from '../i18n/t';
import { type DayCounts, EVENT_SOURCE_LABELS, EVENT_SOURCES, type EventSource } from './event-summary';

/** The activity view's filter: one service (or Entra), or all of them. */
export type SourceFilter = EventSource | 'all';

/** The sources a filter shows, in the fixed order of EVENT_SOURCES (so colours and columns never move). Pure. */
export function sourcesShown(filter: SourceFilter): readonly EventSource[] {
  return filter === 'all' ? EVENT_SOURCES : [filter];
}

/** The events a filter keeps. Pure. */
export function filterEvents(events: readonly ActivityEvent[], filter: SourceFilter): ActivityEvent[] {
  return filter === 'all' ? [...events] : events.filter((event) => event.service === filter);
}

/** One day of the chart: a bar per day, a segment per shown source. */
export interface ChartDay {
  day: number;
  segments: Array<{ source: EventSource; count: number }>;
  total: number;
}

/** The chart's bars for the days counted by countByDay, limited to what the filter shows. Pure. */
export function chartDays(days: readonly DayCounts[], filter: SourceFilter): ChartDay[] {
  const sources = sourcesShown(filter);
  return days.map((row) => {
    const segments = sources.map((source) => ({ source, count: row.counts[source] }));
    return { day: row.day, segments, total: segments.reduce((sum, s) => sum + s.count, 0) };
  });
}

/**
 * One sentence that says what the chart shows, for its accessible name and its caption (the numbers themselves are
 * in the table): the total, what it covers, and the busiest day. `dayLabel` formats a day in the admin's locale. Pure.
 */
export function describeChart(days: readonly ChartDay[], filter: SourceFilter, dayLabel: (day: number) => string): string {
  const total = days.reduce((sum, d) => sum + d.total, 0);
  const what = filter === 'all' ? t('activity_allServices') : EVENT_SOURCE_LABELS[filter];
  const span = formatCount(days.length);
  if (total === 0) return t('activity_chartEmpty', what, span);
  // The latest of equally busy days: the most recent is the one an admin is likelier to act on.
  const busiest = days.reduce((best, d) => (d.total >= best.total ? d : best));
  const events = tCount(total, { one: 'activity_eventCount', other: 'activity_eventsCount' });
  return t('activity_chartSummary', events, what, span, dayLabel(busiest.day), formatCount(busiest.total));
}
