import type { Client } from '@microsoft/microsoft-graph-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppDB } from '../../../lib/db/app-db';
import type { TenantRecord } from '../../../lib/db/types';
import { LEASE_MS, RENEW_EVERY_MS } from '../../../lib/lease/lease';
import { syncDirectory, type SyncDeps } from '../../../lib/sync';
import { dropDb, freshDb } from '../sync/harness';

// A sync waiting on one slow Graph answer keeps the tenant's lease (and its worker) as long as the wait lasts.
const tenant = {
  tenantId: 't',
  domain: 'contoso.onmicrosoft.com',
  cloud: 'worldwide',
  syncScope: { mode: 'all' },
} as unknown as TenantRecord;
const START = 1_800_000_000_000;

let db: AppDB;
beforeEach(() => {
  db = freshDb();
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
});
afterEach(async () => {
  vi.useRealTimers();
  await dropDb(db);
});

/** A Graph client whose answers (the directory's, the activity's read beside it) come only when the test says. */
function slowGraph() {
  const drops: Array<(error: Error) => void> = [];
  const get = vi.fn(() => new Promise<never>((_, reject) => drops.push(reject)));
  const request = { responseType: () => request, headers: () => request, get, post: get };
  return { graph: { api: () => request } as unknown as Client, get, drop: (error: Error) => drops.forEach((drop) => drop(error)) };
}

describe('a sync waiting for Graph', () => {
  it('renews the tenant’s lease on a timer, keeping its worker alive, until the answer comes', async () => {
    let clock = START;
    const { graph, get, drop } = slowGraph();
    const keepAlive = vi.fn(() => Promise.resolve());
    const deps: SyncDeps = {
      db,
      graph,
      graphHost: 'https://graph.microsoft.com',
      now: () => clock,
      sleep: () => Promise.resolve(),
      ownerId: 'worker',
      keepAlive,
      random: () => 0,
    };
    const sync = syncDirectory(deps, tenant, 'manual');
    await vi.waitFor(() => expect(get).toHaveBeenCalled());
    for (let waited = 0; waited < 3 * LEASE_MS; waited += RENEW_EVERY_MS) {
      clock += RENEW_EVERY_MS;
      await vi.advanceTimersByTimeAsync(RENEW_EVERY_MS);
      await vi.waitFor(async () => expect((await db.leases.get('t'))?.expiresAt).toBe(clock + LEASE_MS));
    }
    expect(keepAlive).toHaveBeenCalled();
    // The answer, when it comes, is one the sync cannot use: the run ends and gives the lease back.
    drop(new Error('unreadable answer'));
    clock += 1;
    const run = await sync;
    expect(run.outcome).not.toBe('running');
    expect(await db.leases.count()).toBe(0);
  });
});
