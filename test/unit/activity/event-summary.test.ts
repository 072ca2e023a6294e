import { describe, expect, it } from 'vitest';
import { countByDay, dayWindowStart, searchEvents } from '../../../lib/activity/event-summary';
import type { ActivityEvent } from '../../../lib/db/types';
import { sayParam } from '../../../lib/errors/phrase';

const DAY = 24 * 60 * 60 * 1000;
const now = Date.UTC(2026, 10, 23, 15);
const event = (
  id: string,
  service: ActivityEvent['service'],
  ago: number,
  summary = 'Sign-in to Outlook',
  actor?: string,
): ActivityEvent => ({
  tenantId: 't',
  id,
  kind: 'signIn',
  service,
  occurredAt: now - ago,
  summary,
  actor,
});

describe('countByDay', () => {
  it('counts per day and service over 7 days, today last, empty days kept, older events left out', () => {
    const rows = countByDay(
      [event('a', 'exchange', 0), event('b', 'exchange', 60_000), event('c', 'onedrive', 2 * DAY), event('d', 'entra', 9 * DAY)],
      now,
    );
    expect(rows).toHaveLength(7);
    expect(rows[6]).toEqual({ day: Date.UTC(2026, 10, 23), counts: { exchange: 2, sharepoint: 0, onedrive: 0, entra: 0 } });
    expect(rows[4]?.counts.onedrive).toBe(1);
    expect(rows.reduce((sum, r) => sum + Object.values(r.counts).reduce((a, b) => a + b, 0), 0)).toBe(3);
  });
});

describe('searchEvents', () => {
  const events = [
    event('a', 'exchange', 5, 'Add member to group', 'admin@contoso.com'),
    event('b', 'sharepoint', 1, 'Sign-in to SharePoint', 'megan@contoso.com'),
  ];
  it.each([
    ['', ['b', 'a']],
    ['MEGAN', ['b']],
    ['member', ['a']],
    ['nothing', []],
  ])('%j → %j', (query, ids) => {
    expect(searchEvents(events, query, sayParam).map((e) => e.id)).toEqual(ids);
  });
});

describe('dayWindowStart', () => {
  it('starts at local midnight of the chart’s first day, so the list counts exactly the chart’s days', () => {
    const offset = -60 * 60_000; // UTC+1
    const now = Date.UTC(2026, 10, 23, 10, 30); // 11:30 local on the 23rd
    const start = dayWindowStart(now, 7, offset);
    expect(start).toBe(Date.UTC(2026, 10, 16, 23, 0)); // local midnight of the 17th
    const days = countByDay([], now, 7, offset);
    expect(days[0]?.day).toBe(start);
  });
});
