import { buildSettings } from '../config/build-settings';

/**
 * The one lease of long work that must not run twice: a grant run, a tenant's directory sync. A holder renews it
 * while it works and while it waits (for the admin in Microsoft's sign-in window, for Graph), so a live holder never
 * loses it; a worker stopped mid-run (MV3 stops it after 30 s idle) stops renewing and frees the work within this.
 * Test builds may shorten it (see build-settings.ts).
 */
export const LEASE_MS = buildSettings.leaseMs ?? 90_000;

/** How often a waiting holder renews: three chances before the lease would run out. */
export const RENEW_EVERY_MS = Math.max(1, Math.floor(LEASE_MS / 3));

/** When a lease taken or renewed at `now` runs out. Pure. */
export function leaseExpiry(now: number): number {
  return now + LEASE_MS;
}

/** True when nobody holds the work: no lease, or one that has run out. Pure. */
export function isLeaseFree(expiresAt: number | undefined, now: number): boolean {
  return expiresAt === undefined || expiresAt <= now;
}

export interface HoldOptions {
  /** Extend the lease (a failed renewal is left to the holder's next write, which proves the lease itself). */
  renew(): Promise<void>;
  /** Keep the worker alive between renewals (lib/lease/keep-alive.ts in the worker). */
  keepAlive?: () => Promise<void>;
  /** Between renewals; RENEW_EVERY_MS unless given. */
  everyMs?: number;
}

/**
 * Renew a held lease on a timer (keeping the worker alive too) until the returned `stop` is called; `stop` resolves
 * once a renewal under way has ended. For work that has no single promise to wait on (a sync's pages).
 */
export function keepRenewing(options: HoldOptions): () => Promise<void> {
  let renewing: Promise<void> | undefined;
  const tick = () => {
    // One renewal at a time: a slow database skips a tick instead of piling them up.
    if (renewing) return;
    renewing = Promise.all([options.renew(), options.keepAlive?.()])
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => (renewing = undefined));
  };
  const timer = setInterval(tick, options.everyMs ?? RENEW_EVERY_MS);
  return async () => {
    clearInterval(timer);
    await renewing;
  };
}

/**
 * Wait for `work` while holding its lease, renewed on a timer until it settles. This is what carries a grant through
 * a sign-in window left open longer than the lease, or a slow Graph answer.
 */
export async function holdWhile<T>(work: Promise<T>, options: HoldOptions): Promise<T> {
  const stop = keepRenewing(options);
  try {
    return await work;
  } finally {
    await stop();
  }
}
