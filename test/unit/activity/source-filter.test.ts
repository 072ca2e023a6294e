import { describe, expect, it } from 'vitest';
import { countByDay } from '../../../lib/activity/event-summary';
import { chartDays, describeChart, filterEvents, sourcesShown } from '../../../lib/activity/source-filter';
import type { ActivityEvent } from '../../../lib/db/types';

const DAY = 24 * 60 * 60 * 1000;
const now = Date.UTC(2026, 10, 23, 15);
const event = (id: string, service: ActivityEvent['service'], ago: number): ActivityEvent => ({
  tenantId: 't',
  id,
  kind: service === 'entra' ? 'directoryAudit' : 'signIn',
  service,
  occurredAt: now - ago,
  summary: `event ${id}`,
});
const events = [
  event('a', 'exchange', 0),
  event('b', 'exchange', DAY),
  event('c', 'sharepoint', DAY),
  event('d', 'entra', 3 * DAY),
  event('e', 'onedrive', 3 * DAY),
];
const label = (day: number) => new Date(day).toISOString().slice(0, 10);

describe('sourcesShown and filterEvents', () => {
  it.each([
    ['all', ['exchange', 'sharepoint', 'onedrive', 'entra'], ['a', 'b', 'c', 'd', 'e']],
    ['exchange', ['exchange'], ['a', 'b']],
    ['sharepoint', ['sharepoint'], ['c']],
    ['onedrive', ['onedrive'], ['e']],
    ['entra', ['entra'], ['d']],
  ] as const)('%s shows %j and keeps %j', (filter, sources, ids) => {
    expect(sourcesShown(filter)).toEqual(sources);
    expect(filterEvents(events, filter).map((e) => e.id)).toEqual(ids);
  });
});

describe('chartDays', () => {
  const days = countByDay(events, now);

  it('stacks every source per day, in a fixed order, with the day total', () => {
    const bars = chartDays(days, 'all');
    expect(bars).toHaveLength(7);
    expect(bars[5]).toEqual({
      day: Date.UTC(2026, 10, 22),
      total: 2,
      segments: [
        { source: 'exchange', count: 1 },
        { source: 'sharepoint', count: 1 },
        { source: 'onedrive', count: 0 },
        { source: 'entra', count: 0 },
      ],
    });
    expect(bars.map((b) => b.total)).toEqual([0, 0, 0, 2, 0, 2, 1]);
  });

  it('keeps only the filtered source', () => {
    const bars = chartDays(days, 'exchange');
    expect(bars.every((b) => b.segments.length === 1 && b.segments[0]!.source === 'exchange')).toBe(true);
    expect(bars.map((b) => b.total)).toEqual([0, 0, 0, 0, 0, 1, 1]);
  });
});

describe('describeChart', () => {
  const days = countByDay(events, now);
  it.each([
    ['all', '5 events from all services in the last 7 days; the busiest day was 2026-11-22 with 2.'],
    ['exchange', '2 events from Exchange Online in the last 7 days; the busiest day was 2026-11-23 with 1.'],
    ['entra', '1 event from Microsoft Entra in the last 7 days; the busiest day was 2026-11-20 with 1.'],
  ] as const)('%s → %s', (filter, words) => {
    expect(describeChart(chartDays(days, filter), filter, label)).toBe(words);
  });

  it('says so when there is nothing to show', () => {
    expect(describeChart(chartDays(countByDay([], now), 'all'), 'all', label)).toBe('No events from all services in the last 7 days.');
  });
});
