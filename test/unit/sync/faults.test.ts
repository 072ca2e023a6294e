import { describe, expect, it, vi } from 'vitest';
import type { AppDB } from '../../../lib/db/app-db';
import { AuthError } from '../../../lib/errors/app-error';
import { phrase } from '../../../lib/errors/phrase';
import { createGraphClient } from '../../../lib/graph/client';
import { syncDirectory } from '../../../lib/sync';
import { BACKOFF_BASE_MS, TRANSIENT_ATTEMPTS } from '../../../lib/graph/retry';
import { depsFor, expectMirrorEqualsTenant, readMirror, type TestTenant, useSyncTenant } from './harness';

let t: TestTenant;
let db: AppDB;

useSyncTenant({ users: 300, groups: 20 }, (tenant, fresh) => {
  t = tenant;
  db = fresh;
});

const USERS_DELTA = '/v1.0/users/delta';

describe('throttling', () => {
  it('waits out a storm of 429s (Retry-After: 1) and completes exactly', async () => {
    t.tenant.control.injectFault({ path: USERS_DELTA, kind: '429', retryAfterSeconds: 1, count: 5 });
    const deps = depsFor(t, db, { pageSize: 100 });
    const run = await syncDirectory(deps, t.record, 'grant');
    expect(run.outcome).toBe('success');
    expect(deps.waits).toEqual([1000, 1000, 1000, 1000, 1000]);
    await expectMirrorEqualsTenant(t, db);
  });

  it('really sleeps for Retry-After when given a real sleep', async () => {
    t.tenant.control.injectFault({ path: USERS_DELTA, kind: '429', retryAfterSeconds: 1, count: 1 });
    const started = Date.now();
    const run = await syncDirectory(
      depsFor(t, db, { pageSize: 200, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) }),
      t.record,
      'grant',
    );
    expect(run.outcome).toBe('success');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('defers the run when Graph asks for a wait longer than the worker can live, then resumes', async () => {
    const deps = depsFor(t, db, { pageSize: 100 });
    let pages = 0;
    t.tenant.control.injectFault({ path: USERS_DELTA, kind: '429', retryAfterSeconds: 120, count: 1 });
    // The fault takes the first users/delta request: nothing is written.
    const before = Date.now();
    const deferred = await syncDirectory({ ...deps, checkpointReached: () => (++pages, true) }, t.record, 'schedule');
    expect(deferred).toMatchObject({ outcome: 'deferred', reasonCode: 'graph_throttled' });
    expect(deferred.reasonParams).toEqual(['120']);
    expect(deferred.resumeAt! - before).toBeGreaterThanOrEqual(120_000);
    expect(deferred.resumeAt! - Date.now()).toBeLessThanOrEqual(120_000);
    expect(deps.waits).toEqual([]);
    expect(pages).toBe(0);
    expect(await db.leases.count()).toBe(0);

    const resumed = await syncDirectory(deps, t.record, 'resume');
    expect(resumed.outcome).toBe('success');
    await expectMirrorEqualsTenant(t, db);
  });
});

describe('throttling of the counts a full read asks first', () => {
  // https://learn.microsoft.com/graph/throttling (microsoft-graph-docs-contrib concepts/throttling.md): every request
  // may be throttled, and the next one waits Retry-After; a count is one of the run's requests like a delta page.
  const USERS_COUNT = '/v1.0/users/$count';

  it('defers the run on a long Retry-After for $count, before any delta page is asked for', async () => {
    t.tenant.control.injectFault({ path: USERS_COUNT, kind: '429', retryAfterSeconds: 120, count: 1 });
    const deps = depsFor(t, db, { pageSize: 100 });
    const run = await syncDirectory(deps, t.record, 'grant');
    expect(run).toMatchObject({ outcome: 'deferred', reasonCode: 'graph_throttled' });
    expect(run.resumeAt! - Date.now()).toBeGreaterThan(100_000);
    expect(t.tenant.control.requests().filter((r) => r.path.endsWith('/delta'))).toEqual([]);
    expect(await db.users.count()).toBe(0);
  });

  it('waits a short Retry-After on $count and still knows the total', async () => {
    t.tenant.control.injectFault({ path: '/v1.0/groups/$count', kind: '429', retryAfterSeconds: 1, count: 2 });
    const deps = depsFor(t, db, { pageSize: 100 });
    const run = await syncDirectory(deps, t.record, 'grant');
    expect(run.outcome).toBe('success');
    expect(deps.waits).toEqual([1000, 1000]);
    expect(run.progress.total).toBe(run.progress.done);
    await expectMirrorEqualsTenant(t, db);
  });

  it('fails the run when $count keeps answering 503, as a delta page would', async () => {
    t.tenant.control.injectFault({ path: USERS_COUNT, kind: '503', count: Infinity });
    const deps = depsFor(t, db);
    const run = await syncDirectory(deps, t.record, 'grant');
    expect(run).toMatchObject({ outcome: 'failed', reasonCode: 'graph_unavailable' });
    expect(deps.waits).toHaveLength(TRANSIENT_ATTEMPTS - 1);
    expect(t.tenant.control.requests().filter((r) => r.path.endsWith('/delta'))).toEqual([]);
  });
});

describe('transient failures', () => {
  it('retries 503s and dropped connections with growing backoff', async () => {
    t.tenant.control.injectFault({ path: USERS_DELTA, kind: '503', count: 2 });
    t.tenant.control.injectFault({ path: '/v1.0/groups/delta', kind: 'reset', count: 2 });
    t.tenant.control.injectFault({ path: '/v1.0/groups/delta', kind: '504', count: 1 });
    const deps = depsFor(t, db, { pageSize: 100 });
    const run = await syncDirectory(deps, t.record, 'grant');
    expect(run.outcome).toBe('success');
    // random() = 0.5: three quarters of base * 2^(n-1), per request.
    expect(deps.waits).toEqual([750, 1500, 750, 1500, 3000]);
    await expectMirrorEqualsTenant(t, db);
  });

  it('gives up after a bounded number of attempts, keeping what was written', async () => {
    await syncDirectory(depsFor(t, db), t.record, 'grant');
    t.tenant.control.addUser({ displayName: 'Waiting Wanda' });
    t.tenant.control.injectFault({ path: USERS_DELTA, kind: '503', count: Infinity });
    const deps = depsFor(t, db);
    const run = await syncDirectory(deps, t.record, 'schedule');
    expect(run).toMatchObject({ outcome: 'failed', reasonCode: 'graph_unavailable' });
    // The last 503's ids, as the local tenant sent them, kept on the stored run for a support report.
    const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const ids = (await db.syncRuns.get(run.id ?? -1))?.reasonIds;
    expect(ids?.requestId).toMatch(GUID);
    expect(ids?.clientRequestId).toMatch(GUID);
    expect(deps.waits).toHaveLength(TRANSIENT_ATTEMPTS - 1);
    expect(Math.max(...deps.waits)).toBeLessThanOrEqual(16 * BACKOFF_BASE_MS);
    t.tenant.control.clearFaults();
    expect((await syncDirectory(depsFor(t, db), t.record, 'schedule')).outcome).toBe('success');
    await expectMirrorEqualsTenant(t, db);
  });
});

describe('malformed pages', () => {
  it('fails the run with a clear reason and leaves the previous mirror as it was', async () => {
    await syncDirectory(depsFor(t, db, { pageSize: 100 }), t.record, 'grant');
    const mirror = await readMirror(db, t.org.tenantId);
    const checkpoints = await db.syncCheckpoints.toArray();
    t.tenant.control.deleteUser(t.tenant.control.addUser({ displayName: 'Ghost' }).id);
    t.tenant.control.updateUser(t.org.user.userPrincipalName, { displayName: 'Changed Megan' });
    t.tenant.control.injectFault({ path: USERS_DELTA, kind: 'malformed' });

    const run = await syncDirectory(depsFor(t, db, { pageSize: 100 }), t.record, 'schedule');
    expect(run).toMatchObject({ outcome: 'failed', reasonCode: 'graph_malformed_page', usersWritten: 0 });
    expect(run.reasonParams).toEqual([phrase('sync_pageProblem', 'users', phrase('sync_pageNotJson'))]);
    expect(run).not.toHaveProperty('reason');
    expect(await readMirror(db, t.org.tenantId)).toEqual(mirror);
    expect(await db.syncCheckpoints.toArray()).toEqual(checkpoints);

    expect((await syncDirectory(depsFor(t, db), t.record, 'schedule')).outcome).toBe('success');
    await expectMirrorEqualsTenant(t, db);
  });
});

describe('links off the Graph origin', () => {
  it('refuses a nextLink to another host before any request, and no token goes anywhere but the tenant', async () => {
    const realFetch = globalThis.fetch;
    const fetched: string[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      fetched.push(url);
      const response = await realFetch(input, init);
      if (!new URL(url).pathname.endsWith('/users/delta')) return response;
      // Graph answers a page whose nextLink leads elsewhere.
      const page = (await response.json()) as Record<string, unknown>;
      if (typeof page['@odata.nextLink'] === 'string')
        page['@odata.nextLink'] = page['@odata.nextLink'].replace(t.tenant.url, 'https://evil.example');
      return new Response(JSON.stringify(page), { status: response.status, headers: response.headers });
    });
    const tokensBefore = t.tokenRequests;
    const run = await syncDirectory(depsFor(t, db, { pageSize: 100 }), t.record, 'grant');
    expect(run).toMatchObject({ outcome: 'failed', reasonCode: 'graph_host_not_allowed' });
    expect(run.reasonParams).toEqual(['evil.example']);
    // One $count and one users/delta request, each with its token; nothing after the foreign link.
    expect(fetched.every((url) => url.startsWith(t.tenant.url))).toBe(true);
    expect(t.tokenRequests - tokensBefore).toBe(fetched.length);
    expect(await db.users.count()).toBe(0);
    expect(JSON.stringify(await db.syncCheckpoints.toArray())).not.toContain('evil');
    const log = t.tenant.control.requests();
    expect(log.filter((r) => r.authorization).every((r) => r.host.startsWith('localhost'))).toBe(true);
  });

  it('refuses a stored checkpoint that points elsewhere without fetching a token', async () => {
    await db.syncCheckpoints.bulkPut([
      {
        tenantId: t.org.tenantId,
        resource: 'users',
        nextLink: 'https://evil.example/v1.0/users/delta?$skiptoken=x',
        roundKind: 'incremental',
        updatedAt: Date.now(),
      },
    ]);
    t.tenant.control.clearRequests();
    const tokensBefore = t.tokenRequests;
    const run = await syncDirectory(depsFor(t, db), t.record, 'resume');
    expect(run).toMatchObject({ outcome: 'failed', reasonCode: 'graph_host_not_allowed' });
    expect(t.tokenRequests).toBe(tokensBefore);
    expect(t.tenant.control.requests()).toEqual([]);
  });
});

describe('grant failures', () => {
  it("ends the run with the grant's own reason when no token can be had", async () => {
    const graph = createGraphClient({
      graphHost: t.tenant.graphBaseUrl,
      getAccessToken: () => Promise.reject(new AuthError('refresh_token_expired')),
    });
    const deps = depsFor(t, db, { graph });
    const run = await syncDirectory(deps, t.record, 'schedule');
    expect(run).toMatchObject({ outcome: 'failed', reasonCode: 'refresh_token_expired' });
    expect(deps.waits).toEqual([]);
  });
});
