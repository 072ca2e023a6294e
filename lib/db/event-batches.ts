import type { ActivityEvent, EventBatch } from './types';

/**
 * Events kept in one record at most: a log's page (999 at most, lib/sync/activity.ts) fits in one, and a record stays
 * a few hundred kilobytes, whatever a source's pages hold.
 */
export const BATCH_EVENTS = 1_000;

/** A batch's key in `eventBatches`: the tenant, the kind, its newest and oldest time, its first event's id. */
export type EventBatchKey = [string, ActivityEvent['kind'], number, number, string];

export function batchKey(batch: EventBatch): EventBatchKey {
  return [batch.tenantId, batch.kind, batch.newest, batch.oldest, batch.first];
}

/** One batch of events of one tenant and kind, given oldest first (both callers hold them in time order already). */
function batchOf(events: ActivityEvent[]): EventBatch {
  const [first] = events;
  if (!first) throw new Error('an event batch needs an event');
  return {
    tenantId: first.tenantId,
    kind: first.kind,
    newest: events[events.length - 1]?.occurredAt ?? first.occurredAt,
    oldest: first.occurredAt,
    first: first.id,
    events,
  };
}

/**
 * The events as batches: grouped by tenant and kind, each group in time order and cut every `size` events, so that
 * a batch covers a short span of time and the window's prune drops whole batches. Pure.
 */
export function batchesOf(events: readonly ActivityEvent[], size = BATCH_EVENTS): EventBatch[] {
  const groups = new Map<string, ActivityEvent[]>();
  for (const event of events) {
    const group = `${event.tenantId}\u0000${event.kind}`;
    const list = groups.get(group) ?? [];
    groups.set(group, list);
    list.push(event);
  }
  const batches: EventBatch[] = [];
  for (const group of groups.values()) {
    group.sort((a, b) => a.occurredAt - b.occurredAt);
    for (let start = 0; start < group.length; start += size) batches.push(batchOf(group.slice(start, start + size)));
  }
  return batches;
}

/** The batches' events that occurred at or after `from` and before `to`. Pure. */
export function eventsBetween(batches: readonly EventBatch[], from: number, to = Infinity): ActivityEvent[] {
  return batches.flatMap((batch) => batch.events.filter((event) => event.occurredAt >= from && event.occurredAt < to));
}

/** The batch without its events before `before` (its events stay in time order): undefined when none is left. Pure. */
export function trimBatch(batch: EventBatch, before: number): EventBatch | undefined {
  const kept = batch.events.filter((event) => event.occurredAt >= before);
  return kept.length ? batchOf(kept) : undefined;
}
