import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppDB } from '../../../lib/db/app-db';
import type { DirectoryUser } from '../../../lib/db/types';
import type { GrantRun } from '../../../lib/provisioning/types';
import type { QuickStatusInput } from '../../../lib/monitor/quick-status';
import { loadQuickStatus, loadQuickStatusAsIs } from '../../../lib/monitor/quick-status-facts';
import { connector, HOUR, NOW, okCheck, run, tenant } from './fixtures';
import { objectRow } from '../../../lib/db/keys';

let db: AppDB;
const other = { ...tenant, tenantId: 't2', displayName: 'Fabrikam', domain: 'fabrikam.com' };
const user = (tenantId: string, id: string): DirectoryUser => ({
  tenantId,
  id,
  displayName: id,
  userPrincipalName: `${id}@x.com`,
  accountEnabled: true,
  searchName: id,
  searchUpn: `${id}@x.com`,
  searchMail: '',
});
const grantRun = (id: string, tenantId: string, state: GrantRun['state']): GrantRun => ({
  id,
  tenantId,
  kind: 'grant',
  services: ['exchange'],
  syncScope: { mode: 'all' },
  policyId: 'p',
  state,
  steps: [],
  startedAt: NOW - HOUR,
  updatedAt: NOW - HOUR,
});

beforeEach(async () => {
  db = new AppDB(`quick-${Math.random()}`);
  await db.tenants.bulkPut([tenant, other]);
  await db.connectors.bulkPut([
    connector('exchange'),
    connector('onedrive'),
    { ...connector('exchange'), id: 't2:exchange', tenantId: 't2' },
  ]);
  // t1: the newest check found no network; the one before it was online.
  await db.checks.bulkAdd([
    okCheck({ at: NOW - 3 * HOUR }),
    okCheck({ at: NOW - 2 * HOUR }),
    { tenantId: 't1', at: NOW - HOUR, network: 'offline', statuses: [] },
    okCheck({ tenantId: 't2', at: NOW - 30 * 60_000 }),
  ]);
  await db.syncRuns.bulkAdd([
    run('failed', { startedAt: NOW - 5 * HOUR }),
    run('success', { startedAt: NOW - 4 * HOUR, finishedAt: NOW - 4 * HOUR + 1000 }),
  ]);
  await db.grantRuns.bulkPut([grantRun('g1', 't1', 'succeeded'), grantRun('g2', 't2', 'waiting')]);
  await db.users.bulkPut([user('t1', 'a'), user('t1', 'b'), user('t2', 'c')].map(objectRow));
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('loadQuickStatus', () => {
  it("reads each tenant's facts: its connectors, its last online check, whether offline, its last run, grants, users", async () => {
    const byTenant = new Map((await loadQuickStatus(db)).map((input) => [input.tenant.tenantId, input]));
    const contoso = byTenant.get('t1')!;
    expect(contoso.connectors.map((c) => c.id)).toEqual(['t1:exchange', 't1:onedrive']);
    expect(contoso.offline).toBe(true);
    expect(contoso.lastOnlineCheck?.at).toBe(NOW - 2 * HOUR);
    expect(contoso.lastSyncRun?.outcome).toBe('success');
    expect(contoso.grantInProgress).toBe(false);
    expect(contoso.userCount).toBe(2);
    const fabrikam = byTenant.get('t2')!;
    expect(fabrikam.connectors.map((c) => c.id)).toEqual(['t2:exchange']);
    expect(fabrikam.offline).toBe(false);
    expect(fabrikam.lastOnlineCheck?.at).toBe(NOW - 30 * 60_000);
    expect(fabrikam.lastSyncRun).toBeUndefined();
    expect(fabrikam.grantInProgress).toBe(true);
    expect(fabrikam.userCount).toBe(1);
  });

  it("reads what tenants share once, then three records a tenant: the popup's first render waits for every read", async () => {
    // Counted at Dexie's core: every read request the popup's first render waits for (issue #17).
    const reads: string[] = [];
    const counted = new AppDB(db.name);
    counted.use({
      stack: 'dbcore',
      name: 'count-reads',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          const count =
            <A extends unknown[], R>(kind: string, read: (...args: A) => R) =>
            (...args: A) => (reads.push(`${name}.${kind}`), read(...args));
          return {
            ...table,
            get: count('get', table.get),
            getMany: count('getMany', table.getMany),
            query: count('query', table.query),
            openCursor: count('openCursor', table.openCursor),
            count: count('count', table.count),
          };
        },
      }),
    });
    await counted.open();
    const readsFor = async (tenants: number, choose?: (facts: QuickStatusInput) => boolean) => {
      const more = (i: number) => `more-${tenants}-${i}`;
      await db.tenants.bulkPut(
        Array.from({ length: tenants - (await db.tenants.count()) }, (_, i) => ({
          ...tenant,
          tenantId: more(i),
          homeAccountId: `oid.${more(i)}`,
        })),
      );
      reads.length = 0;
      await loadQuickStatus(counted, choose);
      return reads.length;
    };
    const two = await readsFor(2);
    const ten = await readsFor(10);
    // The popup's first read: no count for a tenant that is one line (here every tenant but t2).
    const firstScreen = await readsFor(30, (facts) => facts.tenant.tenantId === 't2');
    expect(reads.filter((read) => read.startsWith('users.count'))).toEqual(['users.count']);
    counted.close();
    // Tenants, connectors, grant runs, leases and every service account's record (one bulkGet); then per tenant its
    // newest check, last sync run and user count (t1's newest check found no network: also its last online one).
    expect(two).toBe(5 + 3 + 3 + 1);
    expect((ten - two) / 8).toBe(3);
    expect(reads.filter((read) => read.startsWith('leases.'))).toEqual(['leases.query']);
    expect(reads.filter((read) => read.startsWith('users.get'))).toEqual(['users.getMany']);
    // The popup's first read: two a tenant, t1's last online check, and t2's count (no count for a one-line tenant).
    expect(firstScreen).toBe(5 + 2 * 30 + 1 + 1);
  });

  it("counts the users of the tenants it is told to count, each knowing the tenant's facts; the others' stay unknown", async () => {
    const asked: Array<[string, boolean]> = [];
    const inputs = await loadQuickStatus(
      db,
      (facts) => (asked.push([facts.tenant.tenantId, facts.offline]), facts.tenant.tenantId === 't1'),
    );
    expect(asked.sort()).toEqual([
      ['t1', true],
      ['t2', false],
    ]);
    const counts = Object.fromEntries(inputs.map((input) => [input.tenant.tenantId, input.userCount]));
    expect(counts).toEqual({ t1: 2, t2: undefined });
  });

  it("reads the service account's record in the mirror, as of the newest successful sync run", async () => {
    // Fixture: t1's homeAccountId is oid.t1, and its newest sync run succeeded, started 4 hours ago.
    expect((await loadQuickStatus(db)).find((input) => input.tenant.tenantId === 't1')?.serviceAccount).toBeUndefined();
    await db.users.put(objectRow({ ...user('t1', 'oid'), accountEnabled: false }));
    const byTenant = new Map((await loadQuickStatus(db)).map((input) => [input.tenant.tenantId, input]));
    expect(byTenant.get('t1')?.serviceAccount).toEqual({ enabled: false, at: NOW - 4 * HOUR });
    // t2 has no successful run: its mirror proves nothing yet.
    await db.users.put(objectRow({ ...user('t2', 'oid'), accountEnabled: false }));
    await db.tenants.put({ ...other, homeAccountId: 'oid.t2' });
    expect((await loadQuickStatus(db)).find((input) => input.tenant.tenantId === 't2')?.serviceAccount).toBeUndefined();
  });

  it('makes all its reads in one IndexedDB transaction, however many tenants', async () => {
    await db.open();
    // Dexie opens every IndexedDB transaction through its core.
    const transaction = vi.spyOn(db.core, 'transaction');
    await loadQuickStatus(db);
    expect(transaction).toHaveBeenCalledTimes(1);
  });
});

describe('loadQuickStatusAsIs', () => {
  const throughDexie = (): AppDB => {
    throw new Error('read through Dexie');
  };

  it('reads the same facts through IndexedDB itself as through Dexie, counting the chosen tenants', async () => {
    // t1's service account in the mirror (its newest run succeeded); t2's too, whose newest run did not.
    await db.users.bulkPut([objectRow({ ...user('t1', 'oid'), accountEnabled: false }), objectRow(user('t2', 'oid'))]);
    await db.tenants.put({ ...other, homeAccountId: 'oid.t2' });
    await db.syncRuns.add(run('failed', { tenantId: 't2', startedAt: NOW - HOUR }));
    await db.leases.put({ tenantId: 't2', holder: 'sync', token: 'x', expiresAt: NOW + HOUR });
    const choose = (facts: QuickStatusInput) => facts.tenant.tenantId === 't1';
    const { facts: asIs, through } = await loadQuickStatusAsIs(throughDexie, choose, db.name);
    expect(through).toBe('indexeddb');
    expect(asIs).toEqual(await loadQuickStatus(db, choose));
    expect(asIs.find((input) => input.tenant.tenantId === 't1')).toMatchObject({
      userCount: 3,
      offline: true,
      serviceAccount: { enabled: false, at: NOW - 4 * HOUR },
    });
  });

  it('reads through Dexie, which creates the database, when there is none yet', async () => {
    const name = `quick-none-${Math.random()}`;
    const created = new AppDB(name);
    expect(
      await loadQuickStatusAsIs(
        () => created,
        () => true,
        name,
      ),
    ).toEqual({ facts: [], through: 'dexie' });
    expect(created.isOpen()).toBe(true);
    created.close();
    await created.delete();
  });
});
