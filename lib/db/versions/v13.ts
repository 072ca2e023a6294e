import type { Transaction } from 'dexie';
import { batchesOf, BATCH_EVENTS } from '../event-batches';
import type { ActivityEvent, EventBatch } from '../types';
import { upgradeBatchDone } from '../upgrade-progress';

/**
 * Schema version 13: the activity's events kept a page to a record (`eventBatches`, keyed by tenant, kind, newest and
 * oldest time and first event's id) instead of one record each (issue #18). An increment of 1% of 100,000 users stores
 * 1,100 directory audit events; Chromium's IndexedDB did each put (the record and its time index entry) as a request
 * of its own, about a millisecond of its storage engine each while the directory's pages were written beside them, and
 * the increment waited for them. A batch is one request, whatever it holds. The 7-day window's reads, the prune and
 * the backfill's dedupe read key ranges of the batches' key, as they read the time index before.
 *
 * IndexedDB cannot change a store's key, so the events are copied into batches and `events` dropped (Dexie drops it
 * after this step). They are read in the order of the kind's time index, so that each batch covers a short span of
 * time and the window's prune drops whole batches; memory holds one batch.
 */
export const v13 = {
  version: 13,
  stores: {
    events: null,
    eventBatches: '[tenantId+kind+newest+oldest+first]',
  },
  async upgrade(tx: Transaction): Promise<void> {
    const to = tx.table<EventBatch>('eventBatches');
    const writes: Array<Promise<unknown>> = [];
    let batch: ActivityEvent[] = [];
    const flush = () => {
      if (!batch.length) return;
      writes.push(to.bulkPut(batchesOf(batch)));
      upgradeBatchDone(batch.length);
      batch = [];
    };
    await tx
      .table<ActivityEvent>('events')
      .orderBy('[tenantId+kind+occurredAt]')
      .each((event) => {
        const last = batch[batch.length - 1];
        if (last && (last.tenantId !== event.tenantId || last.kind !== event.kind || batch.length >= BATCH_EVENTS)) flush();
        batch.push(event);
      });
    flush();
    await Promise.all(writes);
  },
};
