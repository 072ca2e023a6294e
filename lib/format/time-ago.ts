import { formatCount } from '../i18n/format';
import { t, tCount } from '../i18n/t';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long ago `then` was, in short admin words ("just now", "5 min ago", "3 h ago", "2 days ago"). Pure. */
export function timeAgo(then: number, now: number): string {
  // A time a little ahead of `now` (another document's clock, a render before the next tick) reads as now.
  const elapsed = Math.max(0, now - then);
  if (elapsed < MINUTE) return t('format_justNow');
  if (elapsed < HOUR) return t('format_minutesAgo', formatCount(Math.floor(elapsed / MINUTE)));
  if (elapsed < DAY) return t('format_hoursAgo', formatCount(Math.floor(elapsed / HOUR)));
  return tCount(Math.floor(elapsed / DAY), { one: 'format_dayAgo', other: 'format_daysAgo' });
}
