import Dexie, { type IndexableType, type Table } from 'dexie';
import type { AppDB } from '../db/app-db';
import type { ActivityEvent, AuditSearchRecord, ServiceId } from '../db/types';
import { prefixRange } from '../db/keys';

// The owner of `events` (the tenant's directory audits, sign-ins and services' own audit events) and of
// `auditSearches` (where reading each service's events from Microsoft Purview stands): the backfill adds and prunes,
// Disconnect clears.

export function eventTables(db: AppDB): Table[] {
  return [db.events, db.auditSearches];
}

/** Where the reading of one service's Purview events stands, if it ever started. */
export function auditSearchOf(db: AppDB, tenantId: string, service: ServiceId): Promise<AuditSearchRecord | undefined> {
  return db.auditSearches.get([tenantId, service]);
}

/** Keep where one service's audit search stands (replacing what was there). */
export async function putAuditSearch(db: AppDB, record: AuditSearchRecord): Promise<void> {
  await db.auditSearches.put(record);
}

/**
 * The ids of the tenant's stored events of one kind that occurred at or after `from`: one key range of the kind's time
 * index, keys only. A backfill reads again from the newest stored event's second, so these are the only stored events
 * it can meet again; knowing them, it need not look each event of a page up.
 */
export async function storedEventIds(db: AppDB, tenantId: string, kind: ActivityEvent['kind'], from: number): Promise<Set<string>> {
  const keys = await ofKindBetween(db, tenantId, kind, from).primaryKeys();
  return new Set(keys.map(([, id]) => id));
}

/** Whether any of the events is not among the `known` ones (a page of none needs no transaction). Pure. */
export function anyNew(events: readonly ActivityEvent[], known: ReadonlySet<string>): boolean {
  return events.some((event) => !known.has(event.id));
}

/** Store the events whose ids `known` does not hold, and note them there; returns how many were new. */
export async function storeNewEvents(db: AppDB, events: readonly ActivityEvent[], known: Set<string>): Promise<number> {
  const fresh = events.filter((event) => !known.has(event.id));
  if (!fresh.length) return 0;
  await db.events.bulkPut(fresh);
  for (const event of fresh) known.add(event.id);
  return fresh.length;
}

/** The tenant's events of one kind that occurred at or after `from` and before `to`, through the kind's time index. */
function ofKindBetween(db: AppDB, tenantId: string, kind: ActivityEvent['kind'], from: IndexableType, to: IndexableType = Dexie.maxKey) {
  return db.events.where('[tenantId+kind+occurredAt]').between([tenantId, kind, from], [tenantId, kind, to]);
}

/** Every kind of event, each a key range of the kind's time index (the only time index since schema 12). */
const EVENT_KINDS = Object.keys({ directoryAudit: true, signIn: true, auditSearch: true } satisfies Record<
  ActivityEvent['kind'],
  true
>) as ReadonlyArray<ActivityEvent['kind']>;

/** The tenant's events that occurred at or after `from`, of every kind: one range of the time index per kind, unordered. */
export async function eventsSince(db: AppDB, tenantId: string, from: number): Promise<ActivityEvent[]> {
  const kinds = await Promise.all(EVENT_KINDS.map((kind) => ofKindBetween(db, tenantId, kind, from).toArray()));
  return kinds.flat();
}

/** Drop the tenant's events that occurred before `before`; returns how many went. */
export async function pruneEvents(db: AppDB, tenantId: string, before: number): Promise<number> {
  const counts = await Promise.all(EVENT_KINDS.map((kind) => ofKindBetween(db, tenantId, kind, Dexie.minKey, before).delete()));
  return counts.reduce((sum, n) => sum + n, 0);
}

/** Every event of the tenant and its audit searches go: one range of each primary key, which starts with the tenant. */
export async function deleteTenantEvents(db: AppDB, tenantId: string): Promise<void> {
  await db.events
    .where(':id')
    .between(...prefixRange(tenantId))
    .delete();
  await db.auditSearches
    .where(':id')
    .between(...prefixRange(tenantId))
    .delete();
}
