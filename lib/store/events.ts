import Dexie, { type IndexableType, type Table } from 'dexie';
import type { AppDB } from '../db/app-db';
import type { ActivityEvent, AuditSearchRecord, EventBatch, ServiceId } from '../db/types';
import { prefixRange } from '../db/keys';
import { batchesOf, eventsBetween, trimBatch } from '../db/event-batches';

// The owner of `eventBatches` (the tenant's directory audits, sign-ins and services' own audit events, a page's events
// to a record since schema 13) and of `auditSearches` (where reading each service's events from Microsoft Purview
// stands): the backfill adds and prunes, Disconnect clears.

export function eventTables(db: AppDB): Table[] {
  return [db.eventBatches, db.auditSearches];
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
 * The tenant's batches of one kind whose newest event occurred at or after `from` (and before `to`): one key range of
 * the primary key, which starts with the tenant, the kind and the batch's newest time.
 */
function ofKindBetween(db: AppDB, tenantId: string, kind: ActivityEvent['kind'], from: IndexableType, to: IndexableType = Dexie.maxKey) {
  return db.eventBatches.where(':id').between([tenantId, kind, from], [tenantId, kind, to]);
}

/** When the tenant's newest stored event of one kind occurred (a key, no record read); undefined when none is stored. */
export async function newestEventAt(db: AppDB, tenantId: string, kind: ActivityEvent['kind']): Promise<number | undefined> {
  const [key] = await ofKindBetween(db, tenantId, kind, Dexie.minKey).reverse().limit(1).primaryKeys();
  return key?.[2];
}

/**
 * The ids of the tenant's stored events of one kind that occurred at or after `from`: the batches of one key range. A
 * backfill reads again from the newest stored event's second, so these are the only stored events it can meet again;
 * knowing them, it need not look each event of a page up.
 */
export async function storedEventIds(db: AppDB, tenantId: string, kind: ActivityEvent['kind'], from: number): Promise<Set<string>> {
  const batches = await ofKindBetween(db, tenantId, kind, from).toArray();
  return new Set(eventsBetween(batches, from).map((event) => event.id));
}

/** Whether any of the events is not among the `known` ones (a page of none needs no transaction). Pure. */
export function anyNew(events: readonly ActivityEvent[], known: ReadonlySet<string>): boolean {
  return events.some((event) => !known.has(event.id));
}

/**
 * Store the events whose ids `known` does not hold, and note them there; returns how many were new. A page's events
 * are one record (a batch): Chromium's IndexedDB charges each request about a millisecond of its storage engine while
 * an increment runs (docs/increment-profile.md), and an increment stores 1,100 events.
 */
export async function storeNewEvents(db: AppDB, events: readonly ActivityEvent[], known: Set<string>): Promise<number> {
  const fresh = events.filter((event) => !known.has(event.id));
  if (!fresh.length) return 0;
  await db.eventBatches.bulkPut(batchesOf(fresh));
  for (const event of fresh) known.add(event.id);
  return fresh.length;
}

/** Every kind of event, each a key range of the batches' key. */
const EVENT_KINDS = Object.keys({ directoryAudit: true, signIn: true, auditSearch: true } satisfies Record<
  ActivityEvent['kind'],
  true
>) as ReadonlyArray<ActivityEvent['kind']>;

/** The tenant's events that occurred at or after `from`, of every kind: one key range per kind, unordered. */
export async function eventsSince(db: AppDB, tenantId: string, from: number): Promise<ActivityEvent[]> {
  const kinds = await Promise.all(EVENT_KINDS.map((kind) => ofKindBetween(db, tenantId, kind, from).toArray()));
  return eventsBetween(kinds.flat(), from);
}

/**
 * How long past the window a batch that also holds newer events may keep its older ones. Trimming rewrites the whole
 * batch (up to 1,000 events), and the window's start moves with every sync: without this, every sync would write a
 * batch of each kind again to drop a few events. The reads never show them (they filter by time).
 */
export const TRIM_AFTER_MS = 60 * 60 * 1000;

/**
 * Drop the tenant's events that occurred before `before`; returns how many went. A batch all of whose events are older
 * goes; a batch that holds events on both sides of `before` is written again with the newer ones only once its oldest
 * event is `trimAfter` past `before`: nothing stays stored longer than that past the window.
 */
export async function pruneEvents(db: AppDB, tenantId: string, before: number, trimAfter = TRIM_AFTER_MS): Promise<number> {
  // Most syncs find nothing to prune: they learn it from the keys and open no transaction (a sync's own waits behind it).
  const found = await Promise.all(EVENT_KINDS.map((kind) => prunedKeys(db, tenantId, kind, before, trimAfter)));
  if (found.every(({ expired, straddling }) => !expired.length && !straddling.length)) return 0;
  // One transaction: a batch written again without its older events must not be lost between its delete and its put.
  return db.transaction('rw', db.eventBatches, async () => {
    const counts = await Promise.all(EVENT_KINDS.map((kind) => pruneKind(db, tenantId, kind, before, trimAfter)));
    return counts.reduce((sum, n) => sum + n, 0);
  });
}

/** The keys of the kind's batches the prune drops (`expired`) or writes again without their older events (`straddling`). */
async function prunedKeys(db: AppDB, tenantId: string, kind: ActivityEvent['kind'], before: number, trimAfter: number) {
  const [expired, newer] = await Promise.all([
    ofKindBetween(db, tenantId, kind, Dexie.minKey, before).primaryKeys(),
    ofKindBetween(db, tenantId, kind, before).primaryKeys(),
  ]);
  // Batches newer than `before` whose oldest event is older by `trimAfter`: the key names both.
  return { expired, straddling: newer.filter(([, , , oldest]) => oldest < before - trimAfter) };
}

async function pruneKind(db: AppDB, tenantId: string, kind: ActivityEvent['kind'], before: number, trimAfter: number): Promise<number> {
  const keys = await prunedKeys(db, tenantId, kind, before, trimAfter);
  const [expired, straddling] = await Promise.all([db.eventBatches.bulkGet(keys.expired), db.eventBatches.bulkGet(keys.straddling)]);
  let pruned = 0;
  const kept: EventBatch[] = [];
  for (const batch of straddling) {
    if (!batch) continue;
    const trimmed = trimBatch(batch, before);
    pruned += batch.events.length - (trimmed?.events.length ?? 0);
    if (trimmed) kept.push(trimmed);
  }
  for (const batch of expired) pruned += batch?.events.length ?? 0;
  const gone = [...keys.expired, ...keys.straddling];
  if (gone.length) await db.eventBatches.bulkDelete(gone);
  if (kept.length) await db.eventBatches.bulkPut(kept);
  return pruned;
}

/** Every event of the tenant and its audit searches go: one range of each primary key, which starts with the tenant. */
export async function deleteTenantEvents(db: AppDB, tenantId: string): Promise<void> {
  await db.eventBatches
    .where(':id')
    .between(...prefixRange(tenantId))
    .delete();
  await db.auditSearches
    .where(':id')
    .between(...prefixRange(tenantId))
    .delete();
}
