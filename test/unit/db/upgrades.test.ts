import Dexie from 'dexie';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppDB } from '../../../lib/db/app-db';
import {
  objectRow,
  directoryObject,
  GROUP_MEMBERS_INDEX,
  memberRange,
  membershipOf,
  membershipsOfUser,
  prefixRange,
} from '../../../lib/db/keys';
import { onUpgradeBatch } from '../../../lib/db/upgrade-progress';
import { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS } from '../../../lib/db/versions';
import { lookupUsers } from '../../../lib/directory/lookup';
import { activityEntryWords } from '../../../lib/activity/actions';
import { sayError } from '../../../lib/errors/phrase';
import { syncRunReason } from '../../../lib/sync/run-reason';
import { evaluateTenant } from '../../../lib/monitor/evaluate';
import { factsOf } from '../../../lib/monitor/run-checks';
import { NOW as MONITOR_NOW, SETTINGS as MONITOR_SETTINGS, tenant as monitorTenant } from '../monitor/fixtures';
import { heldGrant, isGrantHeld, isGrantInterrupted } from '../../../lib/lease/grant-lease';
import { acquireLease } from '../../../lib/lease/sync-lease';
import { emptyCounters } from '../../../lib/sync/commit';
import { eventsSince, pruneEvents } from '../../../lib/store/events';
import { BATCH_EVENTS } from '../../../lib/db/event-batches';
import type { ActivityEvent, Membership } from '../../../lib/db/types';

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
    expect(fixtures.map((f) => f.version).sort((a, b) => a - b)).toEqual(SCHEMA_VERSIONS.map((s) => s.version));
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

/** The stores and indexes IndexedDB holds under `name`, as Dexie reads them when it declares no version. */
async function installedSchema(name: string): Promise<Record<string, { primKey: string; indexes: string[] }>> {
  const db = new Dexie(name);
  await db.open();
  const schema = Object.fromEntries(
    db.tables.map((table) => [
      table.name,
      { primKey: table.schema.primKey.src, indexes: table.schema.indexes.map((index) => index.src).sort() },
    ]),
  );
  db.close();
  return schema;
}

describe('the schema after an upgrade', () => {
  // Dexie upgrades from the schema it finds installed (each declared version's diff against it): a database upgraded
  // from any shipped version must end with the stores and indexes of one made anew, none missing, none left over.
  it('is the schema of a database made anew, from every shipped version', async () => {
    const fresh = new AppDB('schema-fresh');
    await fresh.open();
    fresh.close();
    const expected = await installedSchema('schema-fresh');
    await Dexie.delete('schema-fresh');
    expect(Object.keys(expected)).toEqual(expect.arrayContaining(['users', 'memberOf', 'leases', 'auditSearches']));
    for (const fixture of fixtures) {
      const name = `schema-from-v${fixture.version}`;
      await writeAsVersion(name, fixture);
      const db = new AppDB(name);
      await db.open();
      db.close();
      expect(await installedSchema(name), `from version ${fixture.version}`).toEqual(expected);
      await Dexie.delete(name);
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
    await opened.users.bulkPut(
      [user('t1', 'a', 'Megan Bowen'), user('t1', 'b', 'Adele Vance'), user('t2', 'c', 'Megan Other')].map(objectRow),
    );
    const found = await opened.users.where('searchName').startsWith('meg').toArray();
    expect(found.map((u) => u.id)).toEqual(['a', 'c']);
  });
});

describe('version 11: the users keep only the tenant-less search indexes', () => {
  it('drops the tenant-prefixed ones, and the lookup within one tenant still finds its users past other tenants', async () => {
    const user = (tenantId: string, id: string, name: string) => ({
      tenantId,
      id,
      displayName: name,
      userPrincipalName: `${id}@${tenantId}.example`,
      searchName: name.toLowerCase(),
      searchUpn: `${id}@${tenantId}.example`,
      searchMail: '',
    });
    const tenants = ['t1', 't2'].map((tenantId) => ({
      tenantId,
      displayName: tenantId,
      domain: `${tenantId}.example`,
      cloud: 'worldwide',
      clientId: 'c',
      syncScope: { mode: 'all' },
      createdAt: 0,
    }));
    // Other tenants' matches sort ahead of the chosen tenant's: more of them than the lookup's limit.
    const others = Array.from({ length: 30 }, (_, i) =>
      user('t1', `a${String(i).padStart(2, '0')}`, `Megan A${String(i).padStart(2, '0')}`),
    );
    await writeAsVersion('upgrade-v11', { version: 8, records: { tenants, users: [...others, user('t2', 'z', 'Megan Zed')] } });
    opened = new AppDB('upgrade-v11');
    await opened.open();
    expect(opened.users.schema.indexes.map((index) => index.name).sort()).toEqual(['searchMail', 'searchName', 'searchUpn']);
    expect((await lookupUsers(opened, 'megan', { tenantId: 't2' })).map((m) => m.id)).toEqual(['z']);
    expect((await lookupUsers(opened, 'z@t2', { tenantId: 't2' })).map((m) => m.id)).toEqual(['z']);
    expect(await lookupUsers(opened, 'megan', { tenantId: 't1', limit: 3 })).toHaveLength(3);
  });
});

describe('version 12: the events keep one time index', () => {
  it("a version 11 tenant's events are read and pruned after every later step", async () => {
    const event = (id: string, kind: string, occurredAt: number) => ({
      tenantId: 't1',
      id,
      kind,
      service: 'entra',
      occurredAt,
      summary: id,
    });
    const events = [event('old', 'signIn', 1_000), event('audit', 'directoryAudit', 5_000), event('sign-in', 'signIn', 6_000)];
    await writeAsVersion('upgrade-v12', { version: 11, records: { events } });
    opened = new AppDB('upgrade-v12');
    await opened.open();
    expect(await pruneEvents(opened, 't1', 2_000, 0)).toBe(1);
    expect((await eventsSince(opened, 't1', 0)).map((e) => e.id).sort()).toEqual(['audit', 'sign-in']);
  });
});

describe('version 13: the events kept a page to a record', () => {
  const event = (tenantId: string, kind: ActivityEvent['kind'], i: number): ActivityEvent => ({
    tenantId,
    id: `${kind}-${String(i).padStart(5, '0')}`,
    kind,
    service: 'entra',
    // Ids and times in different orders: the copy follows the time index, not the key.
    occurredAt: 1_000_000 - i * 10,
    summary: `event ${i}`,
  });

  it('copies every event into batches of one tenant and kind, in time order, and drops the old store', async () => {
    const events = [
      ...Array.from({ length: BATCH_EVENTS + 500 }, (_, i) => event('t1', 'directoryAudit', i)),
      ...Array.from({ length: 30 }, (_, i) => event('t1', 'signIn', i)),
      ...Array.from({ length: 20 }, (_, i) => event('t2', 'directoryAudit', i)),
    ];
    await writeAsVersion('upgrade-batches', { version: 12, records: { events } });
    let batches = 0;
    onUpgradeBatch(() => batches++);
    opened = new AppDB('upgrade-batches');
    await opened.open();
    onUpgradeBatch(() => undefined);
    expect(opened.tables.map((table) => table.name)).not.toContain('events');
    const stored = await opened.eventBatches.toArray();
    expect(stored.map((batch) => [batch.tenantId, batch.kind, batch.events.length])).toEqual([
      // The oldest events first, cut every BATCH_EVENTS.
      ['t1', 'directoryAudit', BATCH_EVENTS],
      ['t1', 'directoryAudit', 500],
      ['t1', 'signIn', 30],
      ['t2', 'directoryAudit', 20],
    ]);
    expect(batches).toBe(4);
    // Each batch covers its own span of time: the window's prune drops whole batches.
    const [older, newer] = stored;
    expect(older!.newest).toBeLessThan(newer!.oldest);
    for (const batch of stored) {
      expect(batch.events.map((e) => e.occurredAt)).toEqual(batch.events.map((e) => e.occurredAt).sort((a, b) => a - b));
      expect([batch.oldest, batch.newest, batch.first]).toEqual([
        batch.events[0]!.occurredAt,
        batch.events.at(-1)!.occurredAt,
        batch.events[0]!.id,
      ]);
    }
    const after = await eventsSince(opened, 't1', 0);
    expect(after.map((e) => e.id).sort()).toEqual(
      events
        .filter((e) => e.tenantId === 't1')
        .map((e) => e.id)
        .sort(),
    );
    expect(after.find((e) => e.id === 'signIn-00007')).toEqual(event('t1', 'signIn', 7));
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
    expect(batches).toBe(4); // 2 copying, then schema 14's walk (ids that are no GUID stay as they are)
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

describe('version 14: the memberships keep their ids packed', () => {
  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
  const guid = (kind: number, n: number) => `${hex(kind, 8)}-${hex(n % 65536, 4)}-4${hex(n % 4096, 3)}-8${hex(n % 4096, 3)}-${hex(n, 12)}`;

  it('rewrites every membership under its packed key, in batches, and finds each by its ids', async () => {
    // More than one batch (10,000), over two GUID tenants and one whose id is no GUID (kept as given).
    const tenants = [guid(1, 1), guid(1, 2), 't3'];
    const memberOf = Array.from({ length: 10_050 }, (_, i) => ({
      tenantId: tenants[i % 3]!,
      groupId: guid(2, i % 7),
      userId: guid(3, i),
    }));
    const users = memberOf.slice(0, 12_000).map(({ tenantId, userId: id }, i) => ({
      tenantId,
      id,
      displayName: `User ${i}`,
      userPrincipalName: `user${i}@contoso.example`,
      searchName: `user ${i}`,
      searchUpn: `user${i}@contoso.example`,
      searchMail: '',
    }));
    const groups = tenants.flatMap((tenantId) =>
      Array.from({ length: 7 }, (_, i) => ({ tenantId, id: guid(2, i), displayName: `Group ${i}`, searchName: `group ${i}` })),
    );
    const tenantRecords = tenants.map((tenantId) => ({
      tenantId,
      displayName: tenantId,
      domain: 'contoso.example',
      cloud: 'worldwide',
      clientId: 'client',
      syncScope: { mode: 'all' },
      createdAt: 0,
    }));
    await writeAsVersion('upgrade-packed', { version: 13, records: { memberOf, users, groups, tenants: tenantRecords } });
    let batches = 0;
    let records = 0;
    onUpgradeBatch((rewritten) => {
      batches++;
      records += rewritten;
    });
    opened = new AppDB('upgrade-packed');
    await opened.open();
    onUpgradeBatch(() => undefined);
    expect(batches).toBeGreaterThanOrEqual(2);
    // Each batch says how many records it covered: the pages waiting for the upgrade show it (lib/worker/upgrade-notice.ts).
    expect(records).toBeGreaterThanOrEqual(memberOf.length + users.length + groups.length);
    expect(await opened.memberOf.count()).toBe(memberOf.length);
    const stored = (await opened.memberOf.toArray()).map(membershipOf);
    expect(stored.sort(byIds)).toEqual([...memberOf].sort(byIds));
    const [packedTenant] = await opened.memberOf
      .limit(1)
      .primaryKeys()
      .then((keys) => keys.map(([tenantId]) => tenantId));
    expect(packedTenant?.length).toBeLessThan(36);
    for (const m of [memberOf[0]!, memberOf[1]!, memberOf[2]!, memberOf[10_049]!]) {
      expect((await membershipsOfUser(opened, m.tenantId, m.userId).toArray()).map(membershipOf)).toEqual([m]);
      const members = await opened.memberOf
        .where(GROUP_MEMBERS_INDEX)
        .between(...memberRange(m.tenantId, m.groupId))
        .primaryKeys();
      expect(members.length).toBe(memberOf.filter((x) => x.tenantId === m.tenantId && x.groupId === m.groupId).length);
    }
    // The users and groups too: each under its packed key, and the lookup answers with Graph's ids.
    expect((await opened.users.toArray()).map((row) => directoryObject(row)).sort(byKey)).toEqual([...users].sort(byKey));
    expect((await opened.groups.toArray()).map((row) => directoryObject(row)).sort(byKey)).toEqual([...groups].sort(byKey));
    const [match] = await lookupUsers(opened, 'user 10049', { tenantId: tenants[2] });
    expect(match).toMatchObject({ tenantId: tenants[2], id: memberOf[10_049]!.userId, groups: [`Group ${10_049 % 7}`] });
  });
});

const byKey = (a: { tenantId: string; id: string }, b: { tenantId: string; id: string }) =>
  `${a.tenantId} ${a.id}`.localeCompare(`${b.tenantId} ${b.id}`);
const byIds = (a: Membership, b: Membership) =>
  `${a.tenantId} ${a.userId} ${a.groupId}`.localeCompare(`${b.tenantId} ${b.userId} ${b.groupId}`);

describe('version 6: codes instead of stored words', () => {
  const tenantId = 't1';
  const counters = { usersWritten: 0, groupsWritten: 0, usersRemoved: 0, groupsRemoved: 0, membershipsWritten: 0, membershipsRemoved: 0 };
  const run = (id: number, fields: Record<string, unknown>) => ({
    id,
    tenantId,
    kind: 'full',
    trigger: 'manual',
    startedAt: 1,
    outcome: 'failed',
    ...counters,
    progress: { done: 0 },
    ...fields,
  });
  // Written by version 5 while the browser spoke German: words beside the codes.
  const before = {
    syncRuns: [
      run(1, { reasonCode: 'graph_host_not_allowed', reason: 'Microsoft Graph wurde nicht erreicht …' }),
      run(2, { reasonCode: 'no_longer_a_code', reason: 'Ein Grund, den es nicht mehr gibt.' }),
      run(3, { outcome: 'success' }),
    ],
    grantRuns: [
      {
        id: 'r1',
        tenantId,
        state: 'failed',
        steps: [{ id: 'sign_in', state: 'done', detail: 'Angemeldet als Adele (adele@contoso.com)' }],
        error: {
          code: 'not_global_admin',
          message: 'Das Konto adele@contoso.com ist kein Globaler Administrator …',
          detail: 'adele@contoso.com',
          step: 'verify_admin',
        },
      },
      {
        id: 'r2',
        tenantId,
        state: 'failed',
        steps: [],
        error: {
          code: 'invalid_input',
          message: 'Ungültig: …',
          detail: { key: 'worker_unknownCloud', substitutions: ['mars'] },
          step: 'sign_in',
        },
      },
    ],
    connectors: [
      {
        id: 't1:exchange',
        tenantId,
        service: 'exchange',
        status: 'connected',
        serviceHealth: { state: 'degraded', status: 'serviceDegradation', words: 'Beeinträchtigt', checkedAt: 5 },
      },
    ],
    checks: [
      {
        id: 1,
        tenantId,
        at: 5,
        network: 'online',
        graph: { probes: {}, health: { exchange: { state: 'unknown', words: 'Unbekannt', checkedAt: 5 } } },
        statuses: [],
      },
    ],
    activityLog: [{ id: 1, at: 5, actor: 'admin', action: 'Zugriff gewährt', detail: 'Exchange Online', outcome: 'success' }],
  };

  it('drops the words where the record has their code, and keeps the words of records that have none', async () => {
    await writeAsVersion('upgrade-codes', { version: 4, records: before });
    opened = new AppDB('upgrade-codes');
    await opened.open();
    expect(await opened.syncRuns.toArray()).toEqual([
      run(1, { reasonCode: 'graph_host_not_allowed' }),
      run(2, { reasonCode: 'no_longer_a_code', reason: 'Ein Grund, den es nicht mehr gibt.' }),
      run(3, { outcome: 'success' }),
    ]);
    const [r1, r2] = await opened.grantRuns.toArray();
    expect(r1?.error).toEqual({ code: 'not_global_admin', params: ['adele@contoso.com'], step: 'verify_admin' });
    expect(r1?.steps[0]?.detail).toBe('Angemeldet als Adele (adele@contoso.com)');
    expect(r2?.error).toEqual({ code: 'invalid_input', params: [{ key: 'worker_unknownCloud', params: ['mars'] }], step: 'sign_in' });
    expect((await opened.connectors.get('t1:exchange'))?.serviceHealth).toEqual({
      state: 'degraded',
      status: 'serviceDegradation',
      checkedAt: 5,
    });
    expect((await opened.checks.get(1))?.graph?.health?.exchange).toEqual({ state: 'unknown', checkedAt: 5 });
    expect(await opened.activityLog.toArray()).toEqual(before.activityLog);
  });

  it('reads the upgraded records in the language of the moment (English here), the old words only where no code was kept', async () => {
    await writeAsVersion('upgrade-codes-words', { version: 4, records: before });
    opened = new AppDB('upgrade-codes-words');
    await opened.open();
    const [r1, r2] = await opened.grantRuns.toArray();
    expect(sayError(r1!.error!)).toMatch(/^The account adele@contoso\.com is not a Global Administrator/);
    expect(sayError(r2!.error!)).toContain('this build does not know the cloud "mars"');
    const runs = await opened.syncRuns.toArray();
    expect(sayError(syncRunReason(runs[0]!)!)).toBe(sayError({ code: 'graph_host_not_allowed' }));
    expect(syncRunReason(runs[1]!)).toBeUndefined();
    expect(activityEntryWords((await opened.activityLog.toArray())[0]!)).toEqual({ action: 'Zugriff gewährt', detail: 'Exchange Online' });
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

describe('version 7: one lease per tenant', () => {
  const START = 1_800_000_000_000;
  const grantRun = (id: string, tenantId: string, state: string, leaseUntil: number) => ({
    id,
    tenantId,
    kind: 'grant',
    services: ['exchange'],
    syncScope: { mode: 'all' },
    policyId: 'monitor-only',
    state,
    steps: [],
    startedAt: START - 10_000,
    updatedAt: START - 1_000,
    leaseUntil,
  });
  const syncLease = (tenantId: string, token: string, expiresAt: number, runId: number) => ({
    tenantId,
    ownerId: 'worker:old',
    token,
    expiresAt,
    runId,
  });
  // Written by version 6 while its worker ran: tenant a in a grant's directory sync (the grant's lease on its run, the
  // sync's in syncLeases), tenant b in a scheduled sync, tenant c with a failed grant, tenant d with an interrupted one.
  const before = {
    grantRuns: [
      grantRun('grant-a', 'a', 'running', START + 60_000),
      grantRun('grant-c', 'c', 'failed', START + 60_000),
      grantRun('grant-d', 'd', 'running', START - 5_000),
    ],
    syncLeases: [syncLease('a', 'sync-a', START + 30_000, 1), syncLease('b', 'sync-b', START + 45_000, 2)],
  };

  it('carries every open lease over as the tenant’s one lease, and takes the lease off the grant runs', async () => {
    await writeAsVersion('upgrade-leases', { version: 6, records: before });
    opened = new AppDB('upgrade-leases');
    await opened.open();
    expect(opened.tables.map((table) => table.name)).not.toContain('syncLeases');
    expect(await opened.leases.toArray()).toEqual([
      // The grant's lease with its sync under it: the later expiry, the sync's token and run.
      {
        tenantId: 'a',
        holder: 'grant',
        grantRunId: 'grant-a',
        ownerId: 'worker:old',
        token: 'sync-a',
        expiresAt: START + 60_000,
        syncRunId: 1,
      },
      { tenantId: 'b', holder: 'sync', ownerId: 'worker:old', token: 'sync-b', expiresAt: START + 45_000, syncRunId: 2 },
      // The interrupted grant's lease had run out already: carried as it was, it holds nothing.
      { tenantId: 'd', holder: 'grant', grantRunId: 'grant-d', token: 'grant:grant-d', expiresAt: START - 5_000 },
    ]);
    const runs = await opened.grantRuns.toArray();
    expect(runs.map((run) => 'leaseUntil' in run)).toEqual([false, false, false]);
  });

  it('keeps what the carried leases meant: the grant goes on, the sync holds its tenant, both run out, and work resumes', async () => {
    await writeAsVersion('upgrade-leases-hold', { version: 6, records: before });
    opened = new AppDB('upgrade-leases-hold');
    await opened.open();
    const db = opened;
    const leaseOf = (tenantId: string) => db.leases.get(tenantId);
    const run = async (id: string) => (await db.grantRuns.get(id))!;
    const syncRunOf = (tenantId: string) =>
      ({
        tenantId,
        kind: 'full',
        trigger: 'resume',
        startedAt: START,
        outcome: 'running',
        ...emptyCounters(),
        progress: { done: 0 },
      }) as const;
    // Before the leases run out: grant a holds its tenant (no Resume, no sync beside it), b's sync holds b.
    expect(isGrantHeld(await run('grant-a'), await leaseOf('a'), START)).toBe(true);
    expect((await heldGrant(db, START))?.id).toBe('grant-a');
    expect(await acquireLease(db, syncRunOf('a'), 'worker', 'new-a', START)).toMatchObject({ ok: false, code: 'sync_in_progress' });
    expect(await acquireLease(db, syncRunOf('b'), 'worker', 'new-b', START)).toMatchObject({ ok: false, expiresAt: START + 45_000 });
    // The interrupted grant d may be resumed at once; the failed grant c holds nothing.
    expect(isGrantInterrupted(await run('grant-d'), await leaseOf('d'), START)).toBe(true);
    expect(isGrantHeld(await run('grant-c'), await leaseOf('c'), START)).toBe(false);
    // Their holders are gone (a new version starts a new worker): once the leases run out, the work resumes.
    const later = START + 60_000;
    expect(isGrantInterrupted(await run('grant-a'), await leaseOf('a'), later)).toBe(true);
    expect(await acquireLease(db, syncRunOf('b'), 'worker', 'new-b', later)).toMatchObject({ ok: true, token: 'new-b' });
  });
});

describe('version 8: the activity log indexed by tenant', () => {
  it('indexes the entries of a version 6 log by tenant, and leaves entries of no tenant out of the index', async () => {
    const entry = (id: number, tenantId?: string) => ({
      id,
      at: id,
      ...(tenantId && { tenantId }),
      actor: 'admin',
      event: 'granted',
      outcome: 'success',
    });
    const log = [entry(1, 't1'), entry(2, 't2'), entry(3), entry(4, 't1')];
    await writeAsVersion('upgrade-log-index', { version: 6, records: { activityLog: log } });
    opened = new AppDB('upgrade-log-index');
    await opened.open();
    expect(await opened.activityLog.where('tenantId').equals('t1').primaryKeys()).toEqual([1, 4]);
    expect(await opened.activityLog.where('tenantId').equals('t2').primaryKeys()).toEqual([2]);
    expect(await opened.activityLog.orderBy('tenantId').count()).toBe(3);
    expect(await opened.activityLog.toArray()).toEqual(log);
  });
});
