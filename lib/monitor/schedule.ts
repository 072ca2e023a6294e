import { DEFAULT_CHECK_INTERVAL_MINUTES } from '../config/defaults';

/** The monitor's repeating alarm. */
export const CHECK_ALARM = 'monitor:check';
export const CHECK_INTERVAL_RANGE = { min: 1, max: 60 } as const;
export const RENEWAL_WARNING_CHOICES = [1, 2, 4, 8, 12] as const;

/** A check interval the alarm can use: whole minutes from 1 to 60; anything else falls back to the default. Pure. */
export function clampCheckInterval(minutes: unknown): number {
  if (typeof minutes !== 'number' || !Number.isFinite(minutes)) return DEFAULT_CHECK_INTERVAL_MINUTES;
  return Math.min(CHECK_INTERVAL_RANGE.max, Math.max(CHECK_INTERVAL_RANGE.min, Math.round(minutes)));
}
