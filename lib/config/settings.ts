import { storage } from 'wxt/utils/storage';
import { DEFAULT_SYNC_INTERVAL_HOURS } from '../sync/schedule';

/** How often the scheduled directory sync runs (hours). Small settings live in chrome.storage, not IndexedDB. */
export const syncIntervalHours = storage.defineItem<number>('local:syncIntervalHours', {
  fallback: DEFAULT_SYNC_INTERVAL_HOURS,
  version: 1,
});
