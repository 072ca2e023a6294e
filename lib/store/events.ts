import Dexie, { type Table } from 'dexie';
import type { AppDB } from '../db/app-db';
import type { ActivityEvent } from '../db/types';
import { prefixRange } from '../db/keys';

// The owner of `events` (the tenant's directory audits and sign-ins): the backfill adds and prunes, Disconnect clears.

export function eventTables(db: AppDB): Table[] {
  return [db.events];
}

/** Store the events not stored yet; returns how many were new (a later backfill reads some again). */
export async function storeNewEvents(db: AppDB, events: readonly ActivityEvent[]): Promise<number> {
  if (!events.length) return 0;
  return db.transaction('rw', db.events, async () => {
    const stored = await db.events.bulkGet(events.map((event): [string, string] => [event.tenantId, event.id]));
    const fresh = events.filter((_, i) => stored[i] === undefined);
    await db.events.bulkPut(fresh);
    return fresh.length;
  });
}

/** Drop the tenant's events that occurred before `before`; returns how many went. */
export function pruneEvents(db: AppDB, tenantId: string, before: number): Promise<number> {
  return db.events.where('[tenantId+occurredAt]').between([tenantId, Dexie.minKey], [tenantId, before], true, false).delete();
}

/** Every event of the tenant goes: one range of the primary key, which starts with the tenant. */
export async function deleteTenantEvents(db: AppDB, tenantId: string): Promise<void> {
  await db.events
    .where(':id')
    .between(...prefixRange(tenantId))
    .delete();
}
