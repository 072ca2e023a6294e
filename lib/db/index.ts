import { AppDB } from './app-db';

let instance: AppDB | undefined;

/**
 * The one AppDB of this extension context, opened on first use. An open that failed is tried again on the next use:
 * Dexie otherwise answers every later call with that failure and never opens again. This matters on a full disk,
 * where Chromium closes the database after a refused commit and cannot open it until space is freed (measured in
 * Debian's Chromium 2026-12, lib/sync/unrecorded-end.ts): the worker and the console then go on once there is space.
 */
export function getDb(): AppDB {
  instance ??= new AppDB();
  if (!instance.isOpen() && instance.hasFailed()) instance.close({ disableAutoOpen: false });
  return instance;
}

export { AppDB } from './app-db';
export type * from './types';
