import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppDB } from '../../../lib/db/app-db';
import type { ConnectorRecord, ServiceId } from '../../../lib/db/types';
import { TRANSIENT_ATTEMPTS } from '../../../lib/graph/retry';
import type { GraphTransport } from '../../../lib/graph/transport';
import type { HealthRead } from '../../../lib/service-health/read';
import { connectorHealth, healthReadNote, recordHealthAfterSync } from '../../../lib/service-health/record';
import { SERVICE_HEALTH_STATUSES } from '../../../lib/service-health/status';
import { dropDb, freshDb, startTestTenant, type TestTenant } from '../sync/harness';
import { sayError } from '../../../lib/errors/phrase';

const HEALTH_PATH = '/v1.0/admin/serviceAnnouncement/healthOverviews';
const connector = (tenantId: string, service: ServiceId, extra: Partial<ConnectorRecord> = {}): ConnectorRecord => ({
  id: `${tenantId}:${service}`,
  tenantId,
  service,
  ...extra,
});

describe('connectorHealth and healthReadNote (pure)', () => {
  const read: HealthRead = {
    ok: true,
    at: 42,
    summary: {
      allOperational: false,
      services: [
        { service: 'exchange', status: 'serviceDegradation', state: 'degraded' },
        { service: 'sharepoint', state: 'unknown' },
      ],
    },
  };

  it.each([
    ['exchange', { state: 'degraded', status: 'serviceDegradation', checkedAt: 42 }],
    ['sharepoint', { state: 'unknown', checkedAt: 42 }],
    ['onedrive', undefined],
  ] as const)('%s → %j', (service, expected) => {
    expect(connectorHealth(read, service)).toEqual(expected);
  });

  it('keeps nothing from a failed read; its note is a code with the reason, worded from its first sentence', () => {
    const failed = { ok: false, at: 1, error: { code: 'graph_unavailable' } } as const satisfies HealthRead;
    expect(connectorHealth(failed, 'exchange')).toBeUndefined();
    expect(healthReadNote(failed.error)).toEqual({ code: 'service_health_unread', params: [{ brief: { code: 'graph_unavailable' } }] });
    expect(sayError(healthReadNote(failed.error))).toBe(
      "Microsoft's service health could not be read (Microsoft Graph is temporarily unavailable), so each connector keeps the health it last showed. The next directory sync reads it again.",
    );
  });
});

describe('recordHealthAfterSync against the local tenant', () => {
  /** The sync's transport on the local tenant, with its clock and a sleep that returns at once (or records). */
  const via = (now: () => number, sleep: (ms: number) => Promise<void> = () => Promise.resolve()): GraphTransport => ({
    graph: t.graph,
    graphHost: t.tenant.graphBaseUrl,
    now,
    sleep,
  });

  let t: TestTenant;
  let db: AppDB;
  const other = 'other-tenant';
  const healthRequests = () => t.tenant.control.requests().filter((r) => r.path === HEALTH_PATH).length;

  beforeAll(async () => {
    t = await startTestTenant({ users: 20, groups: 2 });
  }, 30_000);
  afterAll(() => t.close());
  beforeEach(async () => {
    t.tenant.control.reset();
    t.forgetToken();
    db = freshDb();
    const id = t.org.tenantId;
    await db.connectors.bulkPut([connector(id, 'exchange'), connector(id, 'onedrive'), connector(other, 'exchange')]);
  });
  afterEach(() => dropDb(db));

  it("writes each connector's own service health after a sync, and leaves other tenants alone", async () => {
    t.tenant.control.setServiceHealth('Exchange Online', 'serviceDegradation');
    const read = await recordHealthAfterSync(
      db,
      { tenantId: t.org.tenantId, outcome: 'success' },
      via(() => 1_000),
      'system',
    );
    expect(read?.ok).toBe(true);
    expect((await db.connectors.get(`${t.org.tenantId}:exchange`))?.serviceHealth).toEqual({
      state: 'degraded',
      status: 'serviceDegradation',
      checkedAt: 1_000,
    });
    expect((await db.connectors.get(`${t.org.tenantId}:onedrive`))?.serviceHealth).toMatchObject({
      state: 'operational',
      checkedAt: 1_000,
    });
    expect((await db.connectors.get(`${other}:exchange`))?.serviceHealth).toBeUndefined();
  });

  it('reads after a failed sync too, but not after a deferred one (Graph throttles, or another run reads it)', async () => {
    await recordHealthAfterSync(
      db,
      { tenantId: t.org.tenantId, outcome: 'failed' },
      via(() => 5),
      'system',
    );
    expect(healthRequests()).toBe(1);
    expect(
      await recordHealthAfterSync(
        db,
        { tenantId: t.org.tenantId, outcome: 'deferred' },
        via(() => 6),
        'system',
      ),
    ).toBeUndefined();
    expect(healthRequests()).toBe(1);
    expect((await db.connectors.get(`${t.org.tenantId}:exchange`))?.serviceHealth?.checkedAt).toBe(5);
  });

  it.each([
    ['503', 'graph_unavailable', Infinity],
    ['reset', 'graph_unavailable', Infinity],
    ['malformed', 'graph_bad_response', 1],
    ['429', 'graph_throttled', 1],
  ] as const)('a %s on the health read keeps the last known health, notes it, and does not throw', async (kind, code, count) => {
    await recordHealthAfterSync(
      db,
      { tenantId: t.org.tenantId, outcome: 'success' },
      via(() => 10),
      'system',
    );
    t.tenant.control.setServiceHealth('Exchange Online', 'serviceInterruption');
    // A 429 asking for two minutes is longer than the worker lives: the read gives up instead of sleeping.
    t.tenant.control.injectFault({ path: HEALTH_PATH, kind, count, retryAfterSeconds: kind === '429' ? 120 : undefined });
    const waits: number[] = [];
    const sleep = (ms: number) => (waits.push(ms), Promise.resolve());
    const read = await recordHealthAfterSync(
      db,
      { tenantId: t.org.tenantId, outcome: 'success' },
      via(() => 20, sleep),
      'admin@x',
    );
    expect(read).toMatchObject({ ok: false, error: { code } });
    // 503s and dropped connections are retried like a delta page's before the read gives up.
    expect(waits).toHaveLength(kind === '503' || kind === 'reset' ? TRANSIENT_ATTEMPTS - 1 : 0);
    expect((await db.connectors.get(`${t.org.tenantId}:exchange`))?.serviceHealth).toMatchObject({ state: 'operational', checkedAt: 10 });
    const log = await db.activityLog.toArray();
    expect(log).toEqual([
      expect.objectContaining({ tenantId: t.org.tenantId, actor: 'admin@x', event: 'service_health', outcome: 'failure', at: 20 }),
    ]);
    expect(log[0]?.detail).toEqual({ code: 'service_health_unread', params: [{ brief: read?.ok === false ? read.error : undefined }] });
  });

  it.each([
    ['429', 1_000],
    ['503', 750],
    ['504', 750],
  ] as const)('a %s with a short wait is waited out like a delta page and the health is read', async (kind, wait) => {
    // https://learn.microsoft.com/graph/throttling: wait Retry-After, then retry (concepts/throttling.md).
    t.tenant.control.setServiceHealth('Exchange Online', 'serviceInterruption');
    t.tenant.control.injectFault({ path: HEALTH_PATH, kind, count: 1, retryAfterSeconds: kind === '429' ? 1 : undefined });
    const waits: number[] = [];
    const sleep = (ms: number) => (waits.push(ms), Promise.resolve());
    const read = await recordHealthAfterSync(
      db,
      { tenantId: t.org.tenantId, outcome: 'success' },
      via(() => 40, sleep),
      'system',
    );
    expect(read?.ok).toBe(true);
    expect(waits.length).toBe(1);
    expect(waits[0]).toBeGreaterThanOrEqual(kind === '429' ? wait : 500);
    expect((await db.connectors.get(`${t.org.tenantId}:exchange`))?.serviceHealth).toMatchObject({ state: 'degraded', checkedAt: 40 });
    expect(healthRequests()).toBe(2);
  });

  it('reads every member of the serviceHealthStatus enum the local tenant can report, amber only for an impairment', async () => {
    const states: Record<string, string | undefined> = {};
    for (const status of SERVICE_HEALTH_STATUSES) {
      t.tenant.control.setServiceHealth('Exchange Online', status);
      const read = await recordHealthAfterSync(
        db,
        { tenantId: t.org.tenantId, outcome: 'success' },
        via(() => 50),
        'system',
      );
      expect(read?.ok).toBe(true);
      const health = (await db.connectors.get(`${t.org.tenantId}:exchange`))?.serviceHealth;
      expect(health?.status).toBe(status);
      states[status] = health?.state;
    }
    expect(
      Object.entries(states)
        .filter(([, state]) => state === 'degraded')
        .map(([status]) => status),
    ).toEqual(['restoringService', 'serviceDegradation', 'serviceInterruption', 'extendedRecovery']);
  });

  it('a grant without ServiceHealth.Read.All (403) is noted the same way', async () => {
    t.tenant.control.setServiceHealth('Exchange Online', 'serviceDegradation');
    await db.connectors.update(`${t.org.tenantId}:exchange`, {
      serviceHealth: { state: 'operational', status: 'serviceOperational', checkedAt: 3 },
    });
    t.tenant.control.removeRole(t.org.admin.userPrincipalName);
    t.forgetToken();
    const read = await recordHealthAfterSync(
      db,
      { tenantId: t.org.tenantId, outcome: 'success' },
      via(() => 30),
      'system',
    );
    expect(read).toMatchObject({ ok: false, error: { code: 'graph_forbidden' } });
    expect((await db.connectors.get(`${t.org.tenantId}:exchange`))?.serviceHealth?.checkedAt).toBe(3);
  });
});
