// The one time formatter of the console's charts: the activity chart's days and the monitor timeline's axis. The
// timeline spans up to 7 days, so its ticks say the day and the hour ("Mon 2:00 PM", "Mo., 14:00"); left to the
// chart library they read "43:45, 43:50" (issue #17). `locale` and `timeZone` are left undefined in the extension
// (the browser's language and clock, as lib/i18n/format.ts) and set by the tests.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `day`: one day of a chart ("Mon, Dec 7"); `hour`: a moment within a week ("Mon 2:00 PM"). */
export type ChartTimeUnit = 'day' | 'hour';

const OPTIONS: Record<ChartTimeUnit, Intl.DateTimeFormatOptions> = {
  day: { weekday: 'short', day: 'numeric', month: 'short' },
  hour: { weekday: 'short', hour: 'numeric', minute: '2-digit' },
};

const made = new Map<string, Intl.DateTimeFormat>();

/** `at` as a chart's axis writes it, in the locale's words and order. Pure for a given locale and time zone. */
export function formatChartTime(at: number, unit: ChartTimeUnit, locale?: string, timeZone?: string): string {
  const key = [unit, locale, timeZone].join('|');
  let format = made.get(key);
  if (!format) {
    // Made once per unit and locale: a formatter costs about a millisecond to make, a chart writes dozens of ticks.
    format = new Intl.DateTimeFormat(locale, { ...OPTIONS[unit], timeZone });
    made.set(key, format);
  }
  return format.format(at);
}

/** The steps a time axis may take, in minutes: the first that gives at most `maxTicks` ticks is used. */
const STEPS_IN_MINUTES = [5, 10, 15, 30, 60, 120, 180, 360, 720, 1440];

/**
 * Ticks for a time axis from `start` to `end`: on whole steps of the local clock (5 minutes to a day; a day's ticks
 * at midnight), no more than `maxTicks`, with the unit to label them in. `offsetAt(at)`: the local clock's offset
 * from UTC in ms at `at` (east positive), so that a tick falls on the admin's midnight and not on UTC's.
 */
export function timeAxisTicks(
  start: number,
  end: number,
  offsetAt: (at: number) => number,
  maxTicks = 8,
): { ticks: number[]; unit: ChartTimeUnit } {
  if (!(end > start)) return { ticks: [start], unit: 'hour' };
  const minutes = STEPS_IN_MINUTES.find((step) => (end - start) / (step * MINUTE) <= maxTicks);
  const step = minutes ? minutes * MINUTE : Math.ceil((end - start) / (maxTicks * DAY)) * DAY;
  const ticks: number[] = [];
  // The first whole step of the local clock at or after `start`; each next one a step later, re-aligned to the
  // local clock so that a change to or from summer time keeps the ticks on the hour.
  let local = Math.ceil((start + offsetAt(start)) / step) * step;
  for (let at = local - offsetAt(local); at <= end; at = local - offsetAt(local)) {
    if (at >= start) ticks.push(at);
    local += step;
  }
  // A span shorter than one step (a few minutes of checks) is labelled at its two ends.
  if (ticks.length < 2) return { ticks: [start, end], unit: 'hour' };
  return { ticks, unit: step >= DAY ? 'day' : 'hour' };
}

/** The browser's offset from UTC at `at`, as `timeAxisTicks` takes it. */
export function localOffsetAt(at: number): number {
  return -new Date(at).getTimezoneOffset() * 60_000;
}
