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

/** A clock time, with the short weekday when `at` is not on the same day as `now` ("14:05", "Tue 14:05"). */
export function formatClock(at: number, now: number): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  return new Date(at).toLocaleString(undefined, { ...(sameDay ? {} : { weekday: 'short' }), hour: '2-digit', minute: '2-digit' });
}
