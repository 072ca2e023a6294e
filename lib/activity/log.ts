import type { AppDB } from '../db/app-db';
import type { ActivityLogEntry } from '../db/types';

/** Record an admin action or grant event. Callers pass words and ids, never tokens. */
export async function logActivity(db: AppDB, entry: Omit<ActivityLogEntry, 'id'>): Promise<void> {
  await db.activityLog.add(entry);
}
