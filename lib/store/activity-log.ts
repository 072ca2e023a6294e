import type { AppDB } from '../db/app-db';
import type { ActivityLogEntry } from '../db/types';

// The owner of `activityLog`: entries are appended through here (lib/activity/log.ts's logActivity), and go only
// with their tenant (Remove tenant).

/** Append one entry to the activity log. */
export async function appendActivity(db: AppDB, entry: Omit<ActivityLogEntry, 'id'>): Promise<void> {
  await db.activityLog.add(entry);
}

/** Every entry about the tenant goes (Remove tenant): one key range of the `tenantId` index (schema 8). */
export async function deleteTenantActivity(db: AppDB, tenantId: string): Promise<void> {
  await db.activityLog.where('tenantId').equals(tenantId).delete();
}
