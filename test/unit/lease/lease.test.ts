import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { holdWhile, isLeaseFree, LEASE_MS, leaseExpiry, RENEW_EVERY_MS } from '../../../lib/lease/lease';

const NOW = 1_800_000_000_000;

describe('the lease’s rules', () => {
  it.each([
    [undefined, NOW, true],
    [NOW, NOW - 1, false],
    [NOW, NOW, true],
    [NOW, NOW + 1, true],
  ])('expiring at %j, at %i it is free: %s', (expiresAt, now, expected) => {
    expect(isLeaseFree(expiresAt, now)).toBe(expected);
  });

  it('runs LEASE_MS from its taking or renewal, and a waiting holder renews it three times within that', () => {
    expect(leaseExpiry(NOW)).toBe(NOW + LEASE_MS);
    expect(RENEW_EVERY_MS * 3).toBeLessThanOrEqual(LEASE_MS);
    expect(RENEW_EVERY_MS).toBeGreaterThan(0);
  });
});

describe('holdWhile', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] }));
  afterEach(() => vi.useRealTimers());

  it('renews, and keeps the worker alive, on a timer for as long as the work waits; then stops', async () => {
    const renew = vi.fn(() => Promise.resolve());
    const keepAlive = vi.fn(() => Promise.resolve());
    let finish!: (value: string) => void;
    const held = holdWhile(new Promise<string>((resolve) => (finish = resolve)), { renew, keepAlive });
    await vi.advanceTimersByTimeAsync(RENEW_EVERY_MS - 1);
    expect(renew).not.toHaveBeenCalled();
    // Three times the lease: nine renewals, one every third of it.
    await vi.advanceTimersByTimeAsync(3 * LEASE_MS - RENEW_EVERY_MS + 1);
    expect(renew).toHaveBeenCalledTimes(9);
    expect(keepAlive).toHaveBeenCalledTimes(9);
    finish('signed in');
    await expect(held).resolves.toBe('signed in');
    await vi.advanceTimersByTimeAsync(3 * LEASE_MS);
    expect(renew).toHaveBeenCalledTimes(9);
  });

  it('keeps waiting through a failed renewal, and passes the work’s own failure on', async () => {
    const renew = vi.fn(() => Promise.reject(new Error('database busy')));
    let fail!: (error: Error) => void;
    const held = holdWhile(new Promise<never>((_, reject) => (fail = reject)), { renew });
    await vi.advanceTimersByTimeAsync(2 * RENEW_EVERY_MS);
    expect(renew).toHaveBeenCalledTimes(2);
    fail(new Error('window closed'));
    await expect(held).rejects.toThrow('window closed');
  });

  it('does not pile renewals up behind a slow one', async () => {
    let release!: () => void;
    const renew = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    let finish!: () => void;
    const held = holdWhile(new Promise<void>((resolve) => (finish = resolve)), { renew });
    await vi.advanceTimersByTimeAsync(3 * RENEW_EVERY_MS);
    expect(renew).toHaveBeenCalledTimes(1);
    release();
    await vi.advanceTimersByTimeAsync(RENEW_EVERY_MS);
    expect(renew).toHaveBeenCalledTimes(2);
    release();
    finish();
    await held;
  });
});
