/** The monitor's repeating alarm. */
export const CHECK_ALARM = 'monitor:check';
export const DEFAULT_CHECK_INTERVAL_MINUTES = 15;
export const CHECK_INTERVAL_RANGE = { min: 1, max: 60 } as const;
/** Warn this long before a grant's refresh horizon (SPA grants end 24 h after the sign-in). */
export const DEFAULT_RENEWAL_WARNING_HOURS = 4;
export const RENEWAL_WARNING_CHOICES = [1, 2, 4, 8, 12] as const;

/** A check interval the alarm can use: whole minutes from 1 to 60; anything else falls back to the default. Pure. */
export function clampCheckInterval(minutes: unknown): number {
  if (typeof minutes !== 'number' || !Number.isFinite(minutes)) return DEFAULT_CHECK_INTERVAL_MINUTES;
  return Math.min(CHECK_INTERVAL_RANGE.max, Math.max(CHECK_INTERVAL_RANGE.min, Math.round(minutes)));
}
