import type { AppDB } from '../db/app-db';
import type { ActivityLogEntry } from '../db/types';

// The owner of `activityLog`: entries are only ever appended, through here (lib/activity/log.ts's logActivity).

/** Append one entry to the activity log. */
export async function appendActivity(db: AppDB, entry: Omit<ActivityLogEntry, 'id'>): Promise<void> {
  await db.activityLog.add(entry);
}
