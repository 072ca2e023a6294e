import type { AppDB } from '../../lib/db/app-db';
import type { ActivityEvent } from '../../lib/db/types';
import { storeNewEvents } from '../../lib/store/events';

// The activity's events are stored a page to a record since schema 13 (lib/db/event-batches.ts): tests that
// plant events or look at what a sync kept go through these, and read the events themselves.

/** Store the events as a backfill would (none of them known yet): one batch per tenant and kind. */
export async function putEvents(db: AppDB, events: readonly ActivityEvent[]): Promise<void> {
  await storeNewEvents(db, events, new Set());
}

/** Every stored event, of every tenant and kind, oldest first. */
export async function allEvents(db: AppDB): Promise<ActivityEvent[]> {
  return (await db.eventBatches.toArray()).flatMap((batch) => batch.events).sort((a, b) => a.occurredAt - b.occurredAt);
}
