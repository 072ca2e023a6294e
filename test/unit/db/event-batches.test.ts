import { describe, expect, it } from 'vitest';
import { batchesOf, batchKey, eventsBetween, trimBatch } from '../../../lib/db/event-batches';
import type { ActivityEvent } from '../../../lib/db/types';

const event = (id: string, occurredAt: number, kind: ActivityEvent['kind'] = 'signIn', tenantId = 't1'): ActivityEvent => ({
  tenantId,
  id,
  kind,
  service: 'entra',
  occurredAt,
  summary: id,
});

describe('event batches', () => {
  it('group the events by tenant and kind, each in time order, cut every `size` events', () => {
    const batches = batchesOf(
      [event('c', 30), event('a', 10), event('x', 5, 'directoryAudit'), event('b', 20), event('o', 1, 'signIn', 't2')],
      2,
    );
    expect(batches.map((b) => [b.tenantId, b.kind, b.events.map((e) => e.id)])).toEqual([
      ['t1', 'signIn', ['a', 'b']],
      ['t1', 'signIn', ['c']],
      ['t1', 'directoryAudit', ['x']],
      ['t2', 'signIn', ['o']],
    ]);
    expect(batchKey(batches[0]!)).toEqual(['t1', 'signIn', 20, 10, 'a']);
  });

  it('give back the events of a span of time, and drop the older ones of a batch', () => {
    const [batch] = batchesOf([event('a', 10), event('b', 20), event('c', 30)]);
    expect(eventsBetween([batch!], 20).map((e) => e.id)).toEqual(['b', 'c']);
    expect(eventsBetween([batch!], 10, 30).map((e) => e.id)).toEqual(['a', 'b']);
    expect(trimBatch(batch!, 15)).toMatchObject({ oldest: 20, newest: 30, first: 'b', events: [{ id: 'b' }, { id: 'c' }] });
    expect(trimBatch(batch!, 31)).toBeUndefined();
  });
});
