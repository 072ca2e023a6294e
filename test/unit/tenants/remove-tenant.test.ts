import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDB } from '../../../lib/db/app-db';
import type { TenantRecord } from '../../../lib/db/types';
import { activityEntryWords } from '../../../lib/activity/actions';
import { deleteTenantActivity } from '../../../lib/store/activity-log';
import { removeTenant, type RemoveTenantDeps } from '../../../lib/tenants/remove-tenant';
import { batchesOf } from '../../../lib/db/event-batches';
import { membershipRow, objectRow } from '../../../lib/db/keys';
import { packId } from '../../../lib/db/packed-id';

// Remove tenant deletes everything the extension keeps of a tenant (issue #15, item 4). The test walks every table the
// schema declares: a table added later without a row here fails it, and so does one Remove tenant forgets.

const GONE = 'aaaaaaaa-0000-4000-8000-00000000000a';
const KEPT = 'bbbbbbbb-0000-4000-8000-00000000000b';
const NOW = 1_700_000_000_000;

/** Tables that never hold a row of a tenant, and why. */
const NOT_PER_TENANT: Record<string, string> = {
  policies: 'the built-in protection policies, the same for every tenant',
};

/** One or more rows of `tenantId` for every table that holds a tenant's rows, as the extension writes them. */
const ROWS: Record<string, (tenantId: string) => object[]> = {
  tenants: (tenantId) => [tenant(tenantId)],
  connectors: (tenantId) => [{ id: `${tenantId}:exchange`, tenantId, service: 'exchange', policyId: 'monitor-only', connectedAt: 1 }],
  grantRuns: (tenantId) => [
    {
      id: `run-${tenantId}`,
      tenantId,
      state: 'succeeded',
      services: ['exchange'],
      steps: [],
      account: { homeAccountId: `home-${tenantId}` },
    },
    // An earlier grant that another account began, refused at its verification.
    {
      id: `run2-${tenantId}`,
      tenantId,
      state: 'failed',
      services: ['exchange'],
      steps: [],
      account: { homeAccountId: `other-${tenantId}` },
    },
  ],
  users: (tenantId) => [
    objectRow({
      tenantId,
      id: 'u1',
      displayName: 'Ada',
      userPrincipalName: 'ada@x',
      searchName: 'ada',
      searchUpn: 'ada@x',
      searchMail: 'ada@x',
    }),
  ],
  groups: (tenantId) => [objectRow({ tenantId, id: 'g1', displayName: 'Staff', searchName: 'staff' })],
  memberOf: (tenantId) => [membershipRow({ tenantId, userId: 'u1', groupId: 'g1' })],
  syncCheckpoints: (tenantId) => [
    { tenantId, resource: 'users', deltaLink: 'https://graph/users/delta?$deltatoken=1' },
    { tenantId, resource: 'groups', nextLink: 'https://graph/groups/delta?$skiptoken=2', roundId: 'r1' },
  ],
  leases: (tenantId) => [
    { tenantId, holder: 'sync', ownerId: 'worker', token: `token-${tenantId}`, expiresAt: NOW + 60_000, syncRunId: 1 },
  ],
  syncSeen: (tenantId) => [
    { tenantId, resource: 'users', roundId: 'r1', page: 'u1' },
    { tenantId, resource: 'groups', roundId: 'r1', page: ['g1', 0], members: ['u1'] },
  ],
  syncRuns: (tenantId) => [{ tenantId, kind: 'full', trigger: 'schedule', startedAt: NOW - 1000, outcome: 'success' }],
  eventBatches: (tenantId) =>
    batchesOf([{ tenantId, id: 'e1', kind: 'signIn', service: 'entra', occurredAt: NOW - 1000, summary: 'Ada signed in' }]),
  auditSearches: (tenantId) => [{ tenantId, service: 'exchange', coveredUntil: NOW - 1000 }],
  alerts: (tenantId) => [
    {
      id: `${tenantId}:exchange:expired`,
      tenantId,
      connectorId: `${tenantId}:exchange`,
      state: 'expired',
      reasonCode: 'x',
      firstSeenAt: 1,
      lastSeenAt: 2,
    },
  ],
  activityLog: (tenantId) => [
    { at: NOW - 5000, tenantId, actor: 'admin', action: 'Granted', detail: 'Exchange Online', outcome: 'success' },
  ],
  checks: (tenantId) => [{ tenantId, at: NOW - 2000, connectors: [] }],
};

function tenant(tenantId: string): TenantRecord {
  return {
    tenantId,
    displayName: `Tenant ${tenantId.slice(0, 1)}`,
    domain: `${tenantId.slice(0, 1)}.example`,
    cloud: 'local',
    clientId: 'client',
    syncScope: { mode: 'all' },
    createdAt: 1,
    homeAccountId: `home-${tenantId}`,
  };
}

/** Does a row (or its key) name the tenant anywhere? */
const mentions = (value: unknown, tenantId: string) => [tenantId, packId(tenantId)].some((id) => JSON.stringify(value).includes(id));

let db: AppDB;
let signedOut: string[];
let deps: RemoveTenantDeps;

beforeEach(async () => {
  db = new AppDB(`remove-tenant-${Date.now()}-${Math.random()}`);
  await db.open();
  signedOut = [];
  deps = {
    db,
    now: () => NOW,
    signOut: (_, homeAccountId) => (signedOut.push(homeAccountId), Promise.resolve()),
  };
  for (const table of db.tables) {
    const rows = ROWS[table.name];
    if (!rows) continue;
    await table.bulkAdd([...rows(GONE), ...rows(KEPT)]);
  }
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('Remove tenant', () => {
  it('knows every table of the schema: each holds rows of a tenant here, or is named as holding none', () => {
    const names = db.tables.map((table) => table.name).sort();
    expect(names.filter((name) => !(name in ROWS) && !(name in NOT_PER_TENANT))).toEqual([]);
    // And nothing here names a table the schema no longer has.
    expect(Object.keys(ROWS).filter((name) => !names.includes(name))).toEqual([]);
  });

  it('leaves no row of the removed tenant in any table, and every row of the other tenant', async () => {
    const before = new Map<string, number>();
    for (const table of db.tables) {
      const rows = await table.toArray();
      if (table.name in ROWS)
        expect(
          rows.some((row) => mentions(row, GONE)),
          table.name,
        ).toBe(true);
      before.set(table.name, rows.filter((row) => mentions(row, KEPT)).length);
    }

    await removeTenant(deps, GONE);

    for (const table of db.tables) {
      const rows = await table.toArray();
      const keys = await table.toCollection().primaryKeys();
      expect(
        rows.filter((row) => mentions(row, GONE)),
        table.name,
      ).toEqual([]);
      expect(
        keys.filter((key) => mentions(key, GONE)),
        table.name,
      ).toEqual([]);
      expect(rows.filter((row) => mentions(row, KEPT)).length, table.name).toBe(before.get(table.name));
    }
  });

  it('signs out of msal every account the tenant and its grant runs signed in with, but none another tenant uses', async () => {
    await db.grantRuns.add({
      ...(ROWS.grantRuns!(GONE)[0] as object),
      id: 'run3',
      account: { homeAccountId: `home-${KEPT}` },
    } as never);
    await removeTenant(deps, GONE);
    expect(signedOut.sort()).toEqual([`home-${GONE}`, `other-${GONE}`]);
  });

  it('deletes nothing when an account cannot be signed out (the admin can try again)', async () => {
    deps.signOut = () => Promise.reject(new Error('msal host gone'));
    await expect(removeTenant(deps, GONE)).rejects.toThrow('msal host gone');
    expect(await db.tenants.get(GONE)).toBeDefined();
    expect(await db.eventBatches.count()).toBe(2);
  });

  it('is refused while the tenant’s grant is running, and deletes nothing', async () => {
    await db.grantRuns.put({ ...(ROWS.grantRuns!(GONE)[0] as object), id: 'live', state: 'running' } as never);
    await db.leases.put({ tenantId: GONE, holder: 'grant', grantRunId: 'live', token: 'grant-token', expiresAt: NOW + 60_000 });
    await expect(removeTenant(deps, GONE)).rejects.toMatchObject({ code: 'grant_in_progress' });
    expect(await db.tenants.get(GONE)).toBeDefined();
    expect(signedOut).toEqual([]);
  });

  it('leaves one line in the activity log: which tenant went and when, with no person’s name or mail and no tenant key', async () => {
    const before = await db.activityLog.count();
    await removeTenant(deps, GONE);
    const [line, ...others] = await db.activityLog.where('at').equals(NOW).toArray();
    expect(others).toEqual([]);
    expect(line).toMatchObject({ at: NOW, actor: 'admin', event: 'tenant_removed', outcome: 'success' });
    expect(line?.tenantId).toBeUndefined();
    expect(activityEntryWords(line!)).toEqual({
      action: 'tenant removed',
      detail: 'Tenant a (a.example), cloud Local test tenant: its records, directory mirror and sign-ins deleted from the extension',
    });
    expect(JSON.stringify(line)).not.toMatch(/Ada|ada@/);
    // The tenant's own entry went, the other tenant's stayed, and the line was added.
    expect(await db.activityLog.count()).toBe(before - 1 + 1);
  });

  it('deletes the tenant’s activity log entries through the tenantId index, never by reading the whole log', async () => {
    const spied = new AppDB(`remove-tenant-spied-${Date.now()}`);
    const reads: string[] = [];
    spied.use({
      stack: 'dbcore',
      name: 'activity-log-reads',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          if (name !== 'activityLog') return table;
          const indexOf = (req: { query: { index: { isPrimaryKey?: boolean; name: string | null } } }) =>
            req.query.index.isPrimaryKey ? ':id' : (req.query.index.name ?? ':id');
          return {
            ...table,
            query: (req) => (reads.push(indexOf(req)), table.query(req)),
            openCursor: (req) => (reads.push(indexOf(req)), table.openCursor(req)),
            count: (req) => (reads.push(indexOf(req)), table.count(req)),
          };
        },
      }),
    });
    await spied.open();
    await spied.activityLog.bulkAdd([...ROWS.activityLog!(GONE), ...ROWS.activityLog!(KEPT)] as never);
    await deleteTenantActivity(spied, GONE);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((index) => index === 'tenantId')).toBe(true);
    expect((await spied.activityLog.toArray()).map((entry) => entry.tenantId)).toEqual([KEPT]);
    spied.close();
    await spied.delete();
  });

  it('a tenant that is not there is an input error', async () => {
    await expect(removeTenant(deps, 'nobody')).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
