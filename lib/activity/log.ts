import type { AppDB } from '../db/app-db';
import type { ActivityLogEntry } from '../db/types';
import { appendActivity } from '../store/activity-log';

/** Record an admin action or grant event. Callers pass words and ids, never tokens. */
export async function logActivity(db: AppDB, entry: Omit<ActivityLogEntry, 'id'>): Promise<void> {
  await appendActivity(db, entry);
}
