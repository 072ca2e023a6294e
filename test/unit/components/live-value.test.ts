import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { liveValue, startLiveQuery } from '../../../components/live-value';
import { AppDB } from '../../../lib/db/app-db';
import { tenant } from '../monitor/fixtures';

let db: AppDB;
beforeEach(() => {
  db = new AppDB(`live-${Math.random()}`);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('liveValue', () => {
  it('is undefined until set, then tells its listeners each new value; a failure is kept as an Error', () => {
    let set: (value: number) => void = () => undefined;
    let fail: (error: unknown) => void = () => undefined;
    const live = liveValue<number>((s, f) => ((set = s), (fail = f)));
    const listener = vi.fn();
    live.subscribe(listener);
    expect(live.current()).toBeUndefined();
    set(1);
    set(2);
    expect(live.current()).toBe(2);
    expect(listener).toHaveBeenCalledTimes(2);
    fail('gone');
    expect(live.error()).toEqual(new Error('gone'));
  });
});

describe('startLiveQuery', () => {
  it('queries at once, without any subscriber, and follows the records as they change', async () => {
    const live = startLiveQuery(() => db.tenants.toArray());
    await vi.waitFor(() => expect(live.current()).toEqual([]));
    await db.tenants.put(tenant);
    await vi.waitFor(() => expect(live.current()?.map((t) => t.tenantId)).toEqual(['t1']));
  });
});
