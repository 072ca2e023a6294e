import type { ActivityEvent, ServiceId } from '../db/types';
import type { Param } from '../errors/phrase';
import { wordsOf } from '../i18n/words';

export type EventSource = ServiceId | 'entra';
export const EVENT_SOURCES: readonly EventSource[] = ['exchange', 'sharepoint', 'onedrive', 'entra'];
/** Where an event came from, in the admin's words. */
export const EVENT_SOURCE_LABELS: Readonly<Record<EventSource, string>> = wordsOf({
  exchange: 'connectors_exchangeOnline',
  sharepoint: 'connectors_sharePointOnline',
  onedrive: 'connectors_oneDrive',
  entra: 'activity_sourceEntra',
});
const DAY_MS = 24 * 60 * 60 * 1000;

export interface DayCounts {
  /** Local midnight of the day, ms since epoch. */
  day: number;
  counts: Record<EventSource, number>;
}

const localMidnight = (t: number, timezoneOffsetMs: number) => Math.floor((t - timezoneOffsetMs) / DAY_MS) * DAY_MS + timezoneOffsetMs;

/**
 * Where the chart's first day starts (local midnight `days - 1` days before today): the list and the summary read
 * events from here too, so that their totals agree with the chart's days.
 */
export function dayWindowStart(now: number, days = 7, timezoneOffsetMs = 0): number {
  return localMidnight(now, timezoneOffsetMs) - (days - 1) * DAY_MS;
}

/**
 * Events per day and per service over the last `days` days (today last), every day present even when empty. Days
 * are local: `timezoneOffsetMs` is `Date.getTimezoneOffset()` in milliseconds (UTC minus local time).
 */
export function countByDay(events: readonly ActivityEvent[], now: number, days = 7, timezoneOffsetMs = 0): DayCounts[] {
  const startOfDay = (t: number) => localMidnight(t, timezoneOffsetMs);
  const today = startOfDay(now);
  const rows: DayCounts[] = Array.from({ length: days }, (_, i) => ({
    day: today - (days - 1 - i) * DAY_MS,
    counts: { exchange: 0, sharepoint: 0, onedrive: 0, entra: 0 },
  }));
  for (const event of events) {
    const row = rows.find((r) => r.day === startOfDay(event.occurredAt));
    if (row) row.counts[event.service] += 1;
  }
  return rows;
}

/**
 * Events whose summary or actor contains `query` (case-insensitive), newest first, at most `limit`. The summary is
 * searched as the admin reads it: `words` words it (the console passes `sayParam`, the language of the moment).
 */
export function searchEvents(
  events: readonly ActivityEvent[],
  query: string,
  words: (summary: Param) => string,
  limit = 50,
): ActivityEvent[] {
  const text = query.trim().toLowerCase();
  return events
    .filter((e) => !text || words(e.summary).toLowerCase().includes(text) || (e.actor?.toLowerCase().includes(text) ?? false))
    .sort((a, b) => b.occurredAt - a.occurredAt)
    .slice(0, limit);
}
