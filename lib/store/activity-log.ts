import type { AppDB } from '../db/app-db';
import type { ActivityLogEntry } from '../db/types';

// The owner of `activityLog`: entries are appended through here (lib/activity/log.ts's logActivity), and go only
// with their tenant (Remove tenant).

/** Append one entry to the activity log. */
export async function appendActivity(db: AppDB, entry: Omit<ActivityLogEntry, 'id'>): Promise<void> {
  await db.activityLog.add(entry);
}

/**
 * Every entry about the tenant goes (Remove tenant). The log has no `tenantId` index (it is read newest first, by
 * `at`), so this one walks it: an admin action's log of a few entries a day, unlike the mirror's tables.
 */
export async function deleteTenantActivity(db: AppDB, tenantId: string): Promise<void> {
  await db.activityLog.filter((entry) => entry.tenantId === tenantId).delete();
}
