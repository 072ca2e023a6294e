import { describe, expect, it } from 'vitest';
import { formatChartTime, timeAxisTicks } from '../../../lib/format/chart-time';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
// Monday 7 December 2026, 14:00 UTC.
const monday2pm = Date.UTC(2026, 11, 7, 14);
const utc = () => 0;
// Berlin in winter: one hour east of UTC.
const berlin = () => HOUR;

describe('formatChartTime', () => {
  it.each([
    ['en-US', 'hour', 'Mon 2:00 PM'],
    ['de-DE', 'hour', 'Mo., 14:00'],
    ['en-US', 'day', 'Mon, Dec 7'],
    ['de-DE', 'day', 'Mo., 7. Dez.'],
  ] as const)('%s, %s → %s', (locale, unit, words) => {
    // Intl writes a narrow no-break space before "PM" in newer ICU versions; the words are the same to the eye.
    expect(formatChartTime(monday2pm, unit, locale, 'UTC').replace(/\s/g, ' ')).toBe(words);
  });

  it('writes the moment in the given time zone', () => {
    expect(formatChartTime(monday2pm, 'hour', 'de-DE', 'Europe/Berlin')).toBe('Mo., 15:00');
  });
});

describe('timeAxisTicks', () => {
  it('gives a week day ticks at midnight, labelled as days', () => {
    const start = monday2pm - 7 * DAY;
    const { ticks, unit } = timeAxisTicks(start, monday2pm, utc);
    expect(unit).toBe('day');
    expect(ticks).toHaveLength(7);
    expect(ticks.every((at) => at % DAY === 0 && at >= start && at <= monday2pm)).toBe(true);
  });

  it("puts a day's ticks on the admin's midnight, not on UTC's", () => {
    const { ticks } = timeAxisTicks(monday2pm - 7 * DAY, monday2pm, berlin);
    expect(ticks.every((at) => (at + HOUR) % DAY === 0)).toBe(true);
  });

  it.each([
    [2 * DAY, 6 * HOUR],
    [12 * HOUR, 2 * HOUR],
    [3 * HOUR, 30 * MIN],
    [40 * MIN, 5 * MIN],
  ])('a span of %i ms ticks every %i ms, in days and hours, at most 8 ticks', (span, step) => {
    const { ticks, unit } = timeAxisTicks(monday2pm - span + 7 * MIN, monday2pm + 7 * MIN, utc);
    expect(unit).toBe('hour');
    expect(ticks.length).toBeLessThanOrEqual(8);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(ticks.every((at, index) => at % step === 0 && (index === 0 || at - ticks[index - 1]! === step))).toBe(true);
  });

  it('labels a span shorter than one step at its two ends', () => {
    expect(timeAxisTicks(monday2pm + MIN, monday2pm + 3 * MIN, utc)).toEqual({
      ticks: [monday2pm + MIN, monday2pm + 3 * MIN],
      unit: 'hour',
    });
  });

  it('gives an empty span one tick', () => {
    expect(timeAxisTicks(monday2pm, monday2pm, utc)).toEqual({ ticks: [monday2pm], unit: 'hour' });
  });
});
