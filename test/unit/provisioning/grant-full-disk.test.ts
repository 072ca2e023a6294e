import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppDB } from '../../../lib/db/app-db';
import type { GraphTransport } from '../../../lib/graph/transport';
import { resumeGrant, runGrant, startGrant } from '../../../lib/provisioning/run-grant';
import { sayError } from '../../../lib/errors/phrase';
import { adminGrantDeps, adminTransport, SERVICES } from './admin-grant';
import { fillDisk, type FullDisk } from '../storage/full-disk';
import { dropDb, freshDb, startTestTenant, type TestTenant } from '../sync/harness';

// A full disk (IndexedDB's QuotaExceededError) in a grant step: the run fails at that step with storage_full, the
// step's writes are undone as a whole, and Resume finishes the grant once there is space. The grant's checks run
// against the local tenant; its sync and backfill are stubbed (test/unit/sync/full-disk.test.ts covers them).

let disk: FullDisk | undefined;
let t: TestTenant;
let graph: GraphTransport;
let db: AppDB;

beforeAll(async () => {
  t = await startTestTenant({ users: 20, groups: 2 });
}, 30_000);
afterAll(() => t.close());
beforeEach(async () => {
  t.tenant.control.reset();
  graph = adminTransport(t);
  db = freshDb();
  await db.tenants.put(t.record);
});
afterEach(() => dropDb(db));

const deps = (now: () => number) => adminGrantDeps(t, db, graph, now);

describe('a full disk during a grant', () => {
  afterEach(() => disk?.free());

  it('fails the step that could not write with storage_full, changes nothing of it, and Resume finishes', async () => {
    const d = deps(() => 1_000);
    const started = await startGrant(d, {
      tenantId: t.org.tenantId,
      services: SERVICES,
      syncScope: { mode: 'all' },
      policyId: 'monitor-only',
    });
    const tenantBefore = await db.tenants.get(t.org.tenantId);
    // The last step connects the tenant and its services in one transaction; the disk is full by then.
    disk = fillDisk({ stores: ['connectors'] });
    const failed = await runGrant(d, started.id);
    expect(disk.refused).toBeGreaterThan(0);
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatchObject({ code: 'storage_full', step: 'finish' });
    expect(sayError(failed.error!)).toContain('The disk is full');
    expect(await db.connectors.count()).toBe(0);
    expect(await db.tenants.get(t.org.tenantId)).toEqual(tenantBefore);

    disk.free();
    const resumed = await resumeGrant(d, started.id);
    expect(resumed.state).toBe('succeeded');
    expect((await db.connectors.toArray()).map((c) => c.service).sort()).toEqual([...SERVICES].sort());
    expect((await db.tenants.get(t.org.tenantId))?.homeAccountId).toBe('home');
  }, 30_000);
});
