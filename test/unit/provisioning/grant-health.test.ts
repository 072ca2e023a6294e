/* eslint-disable @typescript-eslint/no-unsafe-assignment -- vitest's asymmetric matchers (expect.objectContaining, expect.any) are typed any. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppDB } from '../../../lib/db/app-db';
import type { GraphTransport } from '../../../lib/graph/transport';
import { runGrant, startGrant } from '../../../lib/provisioning/run-grant';
import { adminGrantDeps, adminTransport, SERVICES } from './admin-grant';
import { dropDb, freshDb, startTestTenant, type TestTenant } from '../sync/harness';
import { type Phrase, phrase, say } from '../../../lib/errors/phrase';

// The grant's last step reads Microsoft's service health and keeps it on the connectors it writes; a failed read
// never fails the grant. The tenant's checks and probes run against the local tenant; sync and backfill are stubbed.
const HEALTH_PATH = '/v1.0/admin/serviceAnnouncement/healthOverviews';

let t: TestTenant;
let graph: GraphTransport;
/** What the transport slept between attempts (the local tenant's faults are counted, not timed). */
let waits: number[];
let db: AppDB;

beforeAll(async () => {
  t = await startTestTenant({ users: 20, groups: 2 });
}, 30_000);
afterAll(() => t.close());
beforeEach(async () => {
  t.tenant.control.reset();
  waits = [];
  graph = adminTransport(t, (ms) => (waits.push(ms), Promise.resolve()));
  db = freshDb();
  await db.tenants.put(t.record);
});
afterEach(() => dropDb(db));

const deps = (now: () => number) => adminGrantDeps(t, db, graph, now);

async function grant(now: number) {
  const d = deps(() => now);
  const run = await startGrant(d, { tenantId: t.org.tenantId, services: SERVICES, syncScope: { mode: 'all' }, policyId: 'monitor-only' });
  return runGrant(d, run.id);
}

describe('Grant access keeps service health on the connectors', () => {
  it('writes each service’s health when the grant finishes', async () => {
    t.tenant.control.setServiceHealth('SharePoint Online', 'restoringService');
    const run = await grant(1_000);
    expect(run.state).toBe('succeeded');
    const health = Object.fromEntries((await db.connectors.toArray()).map((c) => [c.service, c.serviceHealth]));
    expect(health).toEqual({
      exchange: { state: 'operational', status: 'serviceOperational', checkedAt: 1_000 },
      sharepoint: {
        state: 'degraded',
        status: 'restoringService',
        checkedAt: 1_000,
      },
      onedrive: { state: 'operational', status: 'serviceOperational', checkedAt: 1_000 },
    });
  });

  it('a re-grant whose health read fails still succeeds, keeps the health last read and says so', async () => {
    await grant(1_000);
    t.tenant.control.setServiceHealth('Exchange Online', 'serviceInterruption');
    // A lone 503 is retried like any request of a run; a throttle longer than the worker lives ends the read.
    t.tenant.control.injectFault({ path: HEALTH_PATH, kind: '429', retryAfterSeconds: 120 });
    const run = await grant(2_000);
    expect(run.state).toBe('succeeded');
    // The grant step may not defer: its budget is used up at once, and the words say how long Graph asked for.
    const detail = run.steps.at(-1)?.detail;
    expect(detail).toEqual(
      phrase(
        'provisioning_servicesConnectedWithNote',
        [phrase('connectors_exchangeOnline'), phrase('connectors_sharePointOnline'), phrase('connectors_oneDrive')],
        {
          code: 'service_health_unread',
          // The throttled answer's ids go along with the error (lib/errors/failure-ids.ts), as the local tenant sent them.
          params: [
            { brief: { code: 'graph_retry_exhausted', params: ['120'], ids: expect.objectContaining({ requestId: expect.any(String) }) } },
          ],
        },
      ),
    );
    expect(say(detail as Phrase)).toContain(
      "Microsoft's service health could not be read (Microsoft Graph kept asking us to wait (last for 120 seconds), longer than this step can wait)",
    );
    expect(waits).toEqual([]);
    const exchange = await db.connectors.get(`${t.org.tenantId}:exchange`);
    expect(exchange).toMatchObject({ lastSyncAt: 2_000, serviceHealth: { state: 'operational', checkedAt: 1_000 } });
    const notes = (await db.activityLog.toArray()).filter((e) => e.event === 'service_health');
    expect(notes).toEqual([expect.objectContaining({ outcome: 'failure', at: 2_000, actor: t.org.admin.userPrincipalName })]);
  });
});
