import Dexie from 'dexie';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppDB } from '../../../lib/db/app-db';
import { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS } from '../../../lib/db/versions';
import { AppError, toErrorData } from '../../../lib/errors/app-error';
import { sayError } from '../../../lib/errors/phrase';
import { isStorageFull, LOW_SPACE_BYTES, storageFailureCode } from '../../../lib/errors/storage-full';
import { type CheckDeps, runChecks } from '../../../lib/monitor/run-checks';
import { connector, HOUR, NOW, SETTINGS, tenant } from '../monitor/fixtures';
import { fillDisk, type FullDisk } from './full-disk';

// A full disk (IndexedDB's QuotaExceededError) reads as one code, storage_full, wherever it strikes; the checks and
// a schema upgrade leave the records as they were, and go through once there is space again. The sync and the
// activity backfill: test/unit/sync/full-disk.test.ts; the grant: test/unit/provisioning/grant-full-disk.test.ts.

let disk: FullDisk | undefined;
let db: AppDB | undefined;
afterEach(async () => {
  disk?.free();
  disk = undefined;
  db?.close();
  if (db) await Dexie.delete(db.name);
  db = undefined;
});

/** What a full disk throws at a write, the way it reaches our code. */
async function refusedWrite(): Promise<unknown> {
  const store = new AppDB(`refused-${Math.random()}`);
  disk = fillDisk();
  try {
    await store.tenants.put(tenant);
    return undefined;
  } catch (error) {
    return error;
  } finally {
    disk.free();
    store.close();
    await Dexie.delete(store.name);
  }
}

describe('a full disk is one code', () => {
  it.each([
    ['Dexie.QuotaExceededError', () => new Dexie.QuotaExceededError('full')],
    ['the browser’s DOMException', () => new DOMException('full', 'QuotaExceededError')],
    ['a DOMException inside an aborted transaction', () => new Dexie.AbortError('aborted', new DOMException('full', 'QuotaExceededError'))],
    ['a refused write in a bulk', () => new Dexie.BulkError('1 of 2 failed', [new DOMException('full', 'QuotaExceededError')])],
    ['an error that keeps it as cause', () => new Error('wrapped', { cause: new DOMException('full', 'QuotaExceededError') })],
  ])('%s reads as storage_full, with what happened and what to do', (_, make) => {
    const error = make();
    expect(isStorageFull(error)).toBe(true);
    const data = toErrorData(error);
    expect(data.code).toBe('storage_full');
    expect(sayError(data)).toMatch(/^The disk is full.*Free some disk space, then/);
  });

  it.each([
    ['another storage error', new Dexie.ConstraintError('key exists')],
    ['an abort without a full disk', new Dexie.AbortError('aborted')],
    ['one of our codes', new AppError('graph_throttled')],
    ['nothing at all', undefined],
  ])('%s does not', (_, error) => {
    expect(isStorageFull(error)).toBe(false);
    expect(toErrorData(error).code).not.toBe('storage_full');
  });

  it('is what fake-indexeddb throws here, as Chromium does: the writing transaction aborted with QuotaExceededError', async () => {
    const error = await refusedWrite();
    expect(error).toBeInstanceOf(Dexie.DexieError);
    expect(toErrorData(error).code).toBe('storage_full');
  });
});

describe('a write IndexedDB refused with another name', () => {
  const unknown = new Dexie.AbortError('commit failed', new DOMException('Internal error committing transaction.', 'UnknownError'));
  const space = (left: number) => () => Promise.resolve({ usage: 5_000_000, quota: 5_000_000 + left });
  it.each([
    ['with almost no space left (Chromium with unlimitedStorage on a full disk)', 'storage_full', space(LOW_SPACE_BYTES - 1)],
    ['with space to spare', 'storage_failed', space(LOW_SPACE_BYTES * 10)],
    ['where the browser gives no estimate', 'storage_failed', () => Promise.reject(new Error('no storage manager'))],
  ])('%s is %s', async (_, code, estimate) => {
    expect(await storageFailureCode(unknown, estimate)).toBe(code);
  });

  it('QuotaExceededError is storage_full whatever the estimate', async () => {
    expect(await storageFailureCode(new Dexie.QuotaExceededError('full'), space(LOW_SPACE_BYTES * 10))).toBe('storage_full');
  });
});

describe('a full disk during the health checks', () => {
  it('records nothing of the round, answers storage_full, and the next round records it all', async () => {
    db = new AppDB(`full-checks-${Math.random()}`);
    await db.tenants.put(tenant);
    await db.connectors.bulkPut([connector('exchange'), connector('onedrive')]);
    const before = { tenants: await db.tenants.toArray(), connectors: await db.connectors.toArray() };
    const deps: CheckDeps = {
      db,
      now: () => NOW,
      online: () => true,
      renewToken: vi.fn(() =>
        Promise.resolve({ accessToken: 'at', expiresOn: NOW + HOUR, scopes: ['User.Read'], refreshHorizon: NOW + 10 * HOUR }),
      ),
      silentSignIn: vi.fn(() => Promise.reject(new AppError('interaction_required'))),
      graphCheck: vi.fn(() => Promise.resolve({ globalAdmin: true, probes: { exchange: 'ok' as const, onedrive: 'ok' as const } })),
    };
    disk = fillDisk();
    const refused = await runChecks(deps, SETTINGS).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(disk.refused).toBeGreaterThan(0);
    expect(toErrorData(refused).code).toBe('storage_full');
    // The round's one transaction left nothing behind: no check, the grant facts and connectors as they were.
    expect(await db.checks.count()).toBe(0);
    expect(await db.alerts.count()).toBe(0);
    expect(await db.tenants.toArray()).toEqual(before.tenants);
    expect(await db.connectors.toArray()).toEqual(before.connectors);

    disk.free();
    await runChecks(deps, SETTINGS);
    expect(await db.checks.count()).toBe(1);
    expect((await db.tenants.get(tenant.tenantId))?.grant?.lastValidatedAt).toBe(NOW);
  });
});

describe('a full disk during a schema upgrade', () => {
  interface Fixture {
    version: number;
    records: Record<string, unknown[]>;
  }
  const fixture = JSON.parse(readFileSync(path.join(import.meta.dirname, '../db/fixtures/v3.json'), 'utf8')) as Fixture;

  async function writeAsVersion(name: string): Promise<void> {
    const old = new Dexie(name);
    for (const schema of SCHEMA_VERSIONS.filter((s) => s.version <= fixture.version)) old.version(schema.version).stores(schema.stores);
    await old.open();
    for (const [table, records] of Object.entries(fixture.records)) await old.table(table).bulkAdd(records);
    old.close();
  }

  /** The database as it stands, read without any schema of ours. */
  async function readRaw(name: string): Promise<{ version: number; records: Record<string, unknown[]> }> {
    const raw = new Dexie(name);
    await raw.open();
    const records: Record<string, unknown[]> = {};
    for (const table of Object.keys(fixture.records)) records[table] = await raw.table(table).toArray();
    const version = raw.verno;
    raw.close();
    return { version, records };
  }

  it('fails with storage_full and leaves the old version whole; with space again the upgrade runs', async () => {
    const name = `full-upgrade-${Math.random()}`;
    await writeAsVersion(name);
    disk = fillDisk();
    db = new AppDB(name);
    const refused = await db.open().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(disk.refused).toBeGreaterThan(0);
    expect(toErrorData(refused).code).toBe('storage_full');
    db.close();
    disk.free();
    // IndexedDB undoes the whole upgrade: the version 3 records, at version 3.
    expect(await readRaw(name)).toEqual({ version: fixture.version, records: fixture.records });

    db = new AppDB(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
  });
});
