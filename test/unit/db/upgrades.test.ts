import Dexie from 'dexie';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppDB } from '../../../lib/db/app-db';
import { GROUP_MEMBERS_INDEX, membershipsOfUser, prefixRange } from '../../../lib/db/keys';
import { onUpgradeBatch } from '../../../lib/db/upgrade-progress';
import { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS } from '../../../lib/db/versions';
import { lookupUsers } from '../../../lib/directory/lookup';
import { evaluateTenant } from '../../../lib/monitor/evaluate';
import { factsOf } from '../../../lib/monitor/run-checks';
import { NOW as MONITOR_NOW, SETTINGS as MONITOR_SETTINGS, tenant as monitorTenant } from '../monitor/fixtures';

/**
 * One fixture per shipped schema version (`fixtures/vN.json`: the records as version N stored them, and, when an
 * upgrade reshapes them, `expected` records after opening with today's code). Each is written with only the
 * declarations up to N, then opened by the current AppDB: every upgrade step from N on runs, and nothing is lost.
 */
interface Fixture {
  version: number;
  records: Record<string, unknown[]>;
  expected?: Record<string, unknown[]>;
}

const fixturesDir = path.join(import.meta.dirname, 'fixtures');
const fixtures: Fixture[] = readdirSync(fixturesDir)
  .filter((name) => /^v\d+\.json$/.test(name))
  .map((name) => JSON.parse(readFileSync(path.join(fixturesDir, name), 'utf8')) as Fixture);

async function writeAsVersion(name: string, fixture: Fixture): Promise<void> {
  const old = new Dexie(name);
  for (const schema of SCHEMA_VERSIONS.filter((s) => s.version <= fixture.version)) old.version(schema.version).stores(schema.stores);
  await old.open();
  for (const [table, records] of Object.entries(fixture.records)) await old.table(table).bulkAdd(records);
  old.close();
}

let opened: AppDB | undefined;
afterEach(async () => {
  opened?.close();
  if (opened) await Dexie.delete(opened.name);
});

describe('schema upgrades', () => {
  it('has a fixture for every shipped schema version', () => {
    expect(fixtures.map((f) => f.version).sort()).toEqual(SCHEMA_VERSIONS.map((s) => s.version));
  });

  it.each(fixtures.map((f) => [f.version, f] as const))('opens version %i data with the current code (v%#)', async (version, fixture) => {
    const name = `upgrade-from-v${version}`;
    await writeAsVersion(name, fixture);
    opened = new AppDB(name);
    await opened.open();
    expect(opened.verno).toBe(CURRENT_SCHEMA_VERSION);
    for (const [table, records] of Object.entries(fixture.expected ?? fixture.records)) {
      expect(await opened.table(table).toArray(), table).toEqual(records);
    }
  });
});

describe('version 3: the search keys indexed without the tenant', () => {
  const tenant = (tenantId: string, displayName: string) => ({
    tenantId,
    displayName,
    domain: `${tenantId}.example`,
    cloud: 'worldwide',
    clientId: 'client',
    syncScope: { mode: 'all' },
    createdAt: 0,
  });
  const user = (tenantId: string, id: string, name: string, mail?: string) => ({
    tenantId,
    id,
    displayName: name,
    userPrincipalName: `${id}@${tenantId}.example`,
    ...(mail ? { mail } : {}),
    searchName: name.toLowerCase(),
    searchUpn: `${id}@${tenantId}.example`,
    searchMail: (mail ?? '').toLowerCase(),
  });

  it('a version 2 mirror, once upgraded, answers the lookup in every tenant through the new indexes', async () => {
    await writeAsVersion('upgrade-lookup', {
      version: 2,
      records: {
        tenants: [tenant('t1', 'Contoso'), tenant('t2', 'Fabrikam')],
        users: [
          user('t1', 'a', 'Megan Bowen'),
          user('t1', 'b', 'Adele Vance', 'megan.fan@t1.example'),
          user('t2', 'c', 'Megan Other'),
          user('t2', 'd', 'Zed'),
        ],
      },
    });
    opened = new AppDB('upgrade-lookup');
    await opened.open();
    expect(opened.users.schema.indexes.map((index) => index.name)).toEqual(
      expect.arrayContaining(['searchName', 'searchUpn', 'searchMail']),
    );
    expect((await lookupUsers(opened, 'megan')).map((m) => `${m.tenantName}: ${m.displayName}`)).toEqual([
      'Contoso: Adele Vance',
      'Contoso: Megan Bowen',
      'Fabrikam: Megan Other',
    ]);
    expect((await lookupUsers(opened, 'megan', { tenantId: 't2' })).map((m) => m.id)).toEqual(['c']);
    expect((await lookupUsers(opened, 'c@t2', { tenantId: 't2' })).map((m) => m.id)).toEqual(['c']);
  });

  it('keeps one index range for all tenants: a range reaches users of every tenant, in key order', async () => {
    opened = new AppDB('lookup-index');
    await opened.users.bulkPut([user('t1', 'a', 'Megan Bowen'), user('t1', 'b', 'Adele Vance'), user('t2', 'c', 'Megan Other')]);
    const found = await opened.users.where('searchName').startsWith('meg').toArray();
    expect(found.map((u) => u.id)).toEqual(['a', 'c']);
  });
});

describe('version 4: memberships keyed by user first', () => {
  it('copies every membership of a version 3 mirror into memberOf, in batches, and drops the old store', async () => {
    // More than one copy batch (10,000), over two tenants.
    const memberships = Array.from({ length: 10_050 }, (_, i) => ({
      tenantId: i % 2 ? 't1' : 't2',
      groupId: `g${i % 7}`,
      userId: `u${String(i).padStart(5, '0')}`,
    }));
    await writeAsVersion('upgrade-memberof', { version: 3, records: { memberships } });
    let batches = 0;
    onUpgradeBatch(() => batches++);
    opened = new AppDB('upgrade-memberof');
    await opened.open();
    onUpgradeBatch(() => undefined);
    expect(batches).toBe(2);
    expect(opened.tables.map((table) => table.name)).not.toContain('memberships');
    expect(await opened.memberOf.count()).toBe(memberships.length);
    const u1 = await membershipsOfUser(opened, 't1', 'u00001').toArray();
    expect(u1).toEqual([{ tenantId: 't1', groupId: 'g1', userId: 'u00001' }]);
    const g3 = await opened.memberOf
      .where(GROUP_MEMBERS_INDEX)
      .between(...prefixRange('t2', 'g3'))
      .primaryKeys();
    expect(g3.length).toBe(memberships.filter((m) => m.tenantId === 't2' && m.groupId === 'g3').length);
    expect(g3.every(([tenantId, , groupId]) => tenantId === 't2' && groupId === 'g3')).toBe(true);
  });
});

describe('version 5: statuses derived, never stored', () => {
  it('drops the stored status and its copies from every connector, keeps its facts, and the records still decide', async () => {
    const tenantId = 't1';
    const facts = {
      tenantId,
      service: 'exchange',
      policyId: 'monitor-only',
      connectedAt: MONITOR_NOW - 2000,
      lastSyncAt: MONITOR_NOW - 1000,
    };
    await writeAsVersion('upgrade-statuses', {
      version: 4,
      records: {
        tenants: [{ ...monitorTenant, tenantId }],
        connectors: [
          // What version 4 stored: the check's last verdict, its reason, the check's time, a copy of a run's outcome.
          {
            id: `${tenantId}:exchange`,
            ...facts,
            status: 'sync_failed',
            reasonCode: 'sync_failed',
            lastCheckAt: MONITOR_NOW,
            lastSyncResult: 'failed',
          },
          { id: `${tenantId}:onedrive`, ...facts, service: 'onedrive', status: 'connected', nextSyncAt: MONITOR_NOW },
        ],
      },
    });
    opened = new AppDB('upgrade-statuses');
    await opened.open();
    const connectors = await opened.connectors.toArray();
    expect(connectors).toEqual([
      { id: `${tenantId}:exchange`, ...facts },
      { id: `${tenantId}:onedrive`, ...facts, service: 'onedrive' },
    ]);
    // No sync run failed: the status derived from the upgraded records is connected, whatever version 4 had stored.
    const tenant = (await opened.tenants.get(tenantId))!;
    const statuses = evaluateTenant(await factsOf(opened, tenant, connectors, undefined), MONITOR_SETTINGS, MONITOR_NOW);
    expect(statuses.map((s) => s.state)).toEqual(['connected', 'connected']);
  });
});
