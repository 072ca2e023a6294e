// Numbers, dates and times in the browser's locale: `undefined` lets Intl use the language the browser runs in,
// the same one chrome.i18n picks its messages from.

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

/** 12408 → "12,408" (en) or "12.408" (de). */
export function formatCount(value: number): string {
  return integer.format(value);
}

/** A clock time, "14:05" or "2:05 PM" as the locale writes it. */
export function formatTime(at: number): string {
  return new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** A date and time, as the locale writes it. */
export function formatDateTime(at: number): string {
  return new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A day of the week with its time, "Mon 14:05" or "Mon 02:05 PM": a moment within the last 7 days. */
export function formatWeekdayTime(at: number): string {
  return new Date(at).toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });
}

let clocks: { time: Intl.DateTimeFormat; dayTime: Intl.DateTimeFormat } | undefined;

/** A clock time, with the short weekday when `at` is not on the same day as `now` ("14:05", "Tue 14:05"). */
export function formatClock(at: number, now: number): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  // Made once: a formatter costs a millisecond or more to make, and the popup writes dozens of clocks before its first paint.
  clocks ??= {
    time: new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }),
    dayTime: new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' }),
  };
  return (sameDay ? clocks.time : clocks.dayTime).format(at);
}
