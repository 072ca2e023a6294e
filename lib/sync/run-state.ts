import type { SyncOutcome, SyncRun, TenantLease } from '../db/types';
import { LEASE_MS, RENEW_EVERY_MS } from '../lease/lease';

/**
 * What a tenant's newest sync run is now, from the run and the tenant's lease (never stored: the run keeps
 * `running` until a write closes it). Pure; `now` injected.
 * - `running`: its holder renews the lease on time.
 * - `interrupted`: the run holds the lease but its holder missed two renewals (a live one renews every
 *   RENEW_EVERY_MS, lib/lease/lease.ts): the worker stopped mid-sync. The resume alarm (lib/worker/sync-scheduler.ts)
 *   takes the sync up from its checkpoint once the lease runs out, at `resumeAt`.
 * - `unclosed`: open, but its lease is gone. Only a closing write IndexedDB refused leaves a run so (finishRun, on a
 *   full disk); the next run closes it as stopped.
 * - otherwise the run's outcome, or `never` without a run.
 */
export type SyncRunState =
  | { state: 'never' }
  | { state: 'running' }
  | { state: 'interrupted'; resumeAt: number }
  | { state: 'unclosed' }
  | { state: Exclude<SyncOutcome, 'running'> };

export function syncRunState(run: SyncRun | undefined, lease: TenantLease | undefined, now: number): SyncRunState {
  if (!run) return { state: 'never' };
  if (run.outcome !== 'running') return { state: run.outcome };
  if (lease === undefined || lease.syncRunId !== run.id) return { state: 'unclosed' };
  // The last renewal is the expiry less one lease (a renewal never shortens it, so this is never too early).
  const renewedAt = lease.expiresAt - LEASE_MS;
  if (now - renewedAt >= 2 * RENEW_EVERY_MS) return { state: 'interrupted', resumeAt: lease.expiresAt };
  return { state: 'running' };
}
