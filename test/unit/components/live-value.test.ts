import { liveQuery } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { liveValue, readThenFollow, whenKnown } from '../../../components/live-value';
import { AppDB } from '../../../lib/db/app-db';
import { tenant } from '../monitor/fixtures';

// Dexie's own liveQuery, counted: readThenFollow must not start one before it is told to follow.
vi.mock('dexie', async (importOriginal) => {
  const dexie = await importOriginal<typeof import('dexie')>();
  return { ...dexie, liveQuery: vi.fn(dexie.liveQuery) };
});

let db: AppDB;
beforeEach(() => {
  db = new AppDB(`live-${Math.random()}`);
  vi.mocked(liveQuery).mockClear();
});
afterEach(async () => {
  vi.useRealTimers();
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

describe('readThenFollow', () => {
  it('reads at once with a plain read (no live query, whose first read waits on a timer)', async () => {
    const querier = vi.fn(() => db.tenants.toArray());
    const live = readThenFollow(querier);
    expect(querier).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(live.current()).toEqual([]));
    expect(liveQuery).not.toHaveBeenCalled();
  });

  it('follows the records as they change from follow() on, with one live query however often it is called', async () => {
    const live = readThenFollow(() => db.tenants.toArray());
    await vi.waitFor(() => expect(live.current()).toEqual([]));
    live.follow();
    live.follow();
    await db.tenants.put(tenant);
    await vi.waitFor(() => expect(live.current()?.map((t) => t.tenantId)).toEqual(['t1']));
    expect(liveQuery).toHaveBeenCalledTimes(1);
  });

  it('follows with what it is told to follow, the first read being only what the first screen needs', async () => {
    const first = vi.fn(() => db.tenants.toArray().then((all) => all.map((t) => `${t.tenantId} (first)`)));
    const followed = vi.fn(() => db.tenants.toArray().then((all) => all.map((t) => t.tenantId)));
    await db.tenants.put(tenant);
    const live = readThenFollow(first, followed);
    await vi.waitFor(() => expect(live.current()).toEqual(['t1 (first)']));
    expect(followed).not.toHaveBeenCalled();
    live.follow();
    await vi.waitFor(() => expect(live.current()).toEqual(['t1']));
    expect(first).toHaveBeenCalledTimes(1);
  });

  it('keeps a failed first read as its error', async () => {
    const live = readThenFollow(() => Promise.reject(new Error('closed')));
    await vi.waitFor(() => expect(live.error()).toEqual(new Error('closed')));
  });
});

describe('whenKnown', () => {
  const pending = () => {
    let set: (value: number) => void = () => undefined;
    let fail: (error: unknown) => void = () => undefined;
    return { live: liveValue<number>((s, f) => ((set = s), (fail = f))), set: (v: number) => set(v), fail: (e: unknown) => fail(e) };
  };

  it('calls once, as soon as every value is known or failed', () => {
    vi.useFakeTimers();
    const [a, b] = [pending(), pending()];
    const then = vi.fn();
    whenKnown([a.live, b.live], 300, then);
    a.set(1);
    expect(then).not.toHaveBeenCalled();
    b.fail('gone');
    expect(then).toHaveBeenCalledTimes(1);
    a.set(2);
    vi.advanceTimersByTime(1000);
    expect(then).toHaveBeenCalledTimes(1);
  });

  it('calls at once when every value is already known, and after the wait when one is not', () => {
    vi.useFakeTimers();
    const [a, b] = [pending(), pending()];
    a.set(1);
    const known = vi.fn();
    whenKnown([a.live], 300, known);
    expect(known).toHaveBeenCalledTimes(1);
    const late = vi.fn();
    whenKnown([a.live, b.live], 300, late);
    vi.advanceTimersByTime(299);
    expect(late).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(late).toHaveBeenCalledTimes(1);
    b.set(1);
    expect(late).toHaveBeenCalledTimes(1);
  });
});
