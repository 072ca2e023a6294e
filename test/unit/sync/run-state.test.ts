import { describe, expect, it } from 'vitest';
import type { SyncRun, TenantLease } from '../../../lib/db/types';
import { LEASE_MS, RENEW_EVERY_MS } from '../../../lib/lease/lease';
import { syncRunState } from '../../../lib/sync/run-state';

// What a tenant's newest run is now, from the run and its lease: a live holder renews every RENEW_EVERY_MS, so a
// run whose lease missed two renewals was interrupted, and resumes when the lease runs out.
const NOW = 1_800_000_000_000;
const run = (outcome: SyncRun['outcome'], id = 3): SyncRun => ({
  id,
  tenantId: 't1',
  kind: 'incremental',
  trigger: 'manual',
  startedAt: NOW - 60_000,
  outcome,
  usersWritten: 0,
  groupsWritten: 0,
  usersRemoved: 0,
  groupsRemoved: 0,
  membershipsWritten: 0,
  membershipsRemoved: 0,
  progress: { done: 20 },
});
/** The lease of run `runId`, last renewed `ago` ms before NOW. */
const renewed = (ago: number, runId = 3): TenantLease => ({
  tenantId: 't1',
  holder: 'sync',
  ownerId: 'w',
  token: 'x',
  syncRunId: runId,
  expiresAt: NOW - ago + LEASE_MS,
});

describe('syncRunState', () => {
  it.each<[string, SyncRun | undefined, TenantLease | undefined, ReturnType<typeof syncRunState>]>([
    ['no run yet', undefined, undefined, { state: 'never' }],
    ['renewed just now', run('running'), renewed(0), { state: 'running' }],
    ['one renewal late (a slow page)', run('running'), renewed(2 * RENEW_EVERY_MS - 1), { state: 'running' }],
    [
      'two renewals missed',
      run('running'),
      renewed(2 * RENEW_EVERY_MS),
      { state: 'interrupted', resumeAt: NOW - 2 * RENEW_EVERY_MS + LEASE_MS },
    ],
    ['its lease run out', run('running'), renewed(LEASE_MS + 1), { state: 'interrupted', resumeAt: NOW - 1 }],
    ['open, its lease gone (a closing write refused)', run('running'), undefined, { state: 'unclosed' }],
    ['open, the lease another run’s', run('running'), renewed(0, 4), { state: 'unclosed' }],
    ['ended', run('failed'), undefined, { state: 'failed' }],
    ['ended, its lease not yet given back', run('success'), renewed(0), { state: 'success' }],
  ])('%s', (_, r, lease, expected) => expect(syncRunState(r, lease, NOW)).toEqual(expected));
});
