import { afterEach, describe, expect, it } from 'vitest';
import { profiled, SYNC_PROFILE_GLOBAL, type ProfileSpan } from '../../../lib/sync/profile';

// The bench's profile of a sync (issue #18): spans only in a bench build and only when the bench asked for them.

const global = globalThis as Record<string, unknown>;
afterEach(() => {
  delete global[SYNC_PROFILE_GLOBAL];
});

describe('profiled', () => {
  it('records the label and time of the work when enabled and asked, and hands back its result', async () => {
    const spans: ProfileSpan[] = [];
    global[SYNC_PROFILE_GLOBAL] = spans;
    expect(await profiled('tx:incremental:200', () => Promise.resolve(42), true)).toBe(42);
    await expect(profiled('fetch:users', () => Promise.reject(new Error('503')), true)).rejects.toThrow('503');
    expect(spans.map(([label]) => label)).toEqual(['tx:incremental:200', 'fetch:users']);
    expect(spans.every(([, startedAt, ms]) => startedAt > 0 && ms >= 0)).toBe(true);
  });

  it('records nothing in other builds, nor when the bench did not ask', async () => {
    const spans: ProfileSpan[] = [];
    global[SYNC_PROFILE_GLOBAL] = spans;
    expect(await profiled('renew', () => Promise.resolve('done'), false)).toBe('done');
    delete global[SYNC_PROFILE_GLOBAL];
    expect(await profiled('renew', () => Promise.resolve('done'), true)).toBe('done');
    expect(spans).toEqual([]);
  });
});
