import { storage } from 'wxt/utils/storage';
import { DEFAULT_CHECK_INTERVAL_MINUTES, DEFAULT_RENEWAL_WARNING_HOURS, DEFAULT_SYNC_INTERVAL_HOURS } from './defaults';

/** How often the scheduled directory sync runs (hours). Small settings live in chrome.storage, not IndexedDB. */
export const syncIntervalHours = storage.defineItem<number>('local:syncIntervalHours', {
  fallback: DEFAULT_SYNC_INTERVAL_HOURS,
  version: 1,
});

/** How often the monitor checks every grant and connector (minutes, 1 to 60). */
export const checkIntervalMinutes = storage.defineItem<number>('local:checkIntervalMinutes', {
  fallback: DEFAULT_CHECK_INTERVAL_MINUTES,
  version: 1,
});

/** How long before a grant's fixed refresh horizon the monitor warns (hours). */
export const renewalWarningHours = storage.defineItem<number>('local:renewalWarningHours', {
  fallback: DEFAULT_RENEWAL_WARNING_HOURS,
  version: 1,
});
