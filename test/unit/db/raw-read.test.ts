import { describe, expect, it } from 'vitest';
import { AppDB } from '../../../lib/db/app-db';
import { openAsIs, readAsIs } from '../../../lib/db/raw-read';
import { CURRENT_SCHEMA_VERSION } from '../../../lib/db/versions';
import { tenant } from '../monitor/fixtures';

const fresh = () => `raw-${Math.random()}`;
const names = async () => (await indexedDB.databases()).map((info) => info.name);

/** Open `name` at IndexedDB's `version` with no stores, as an older extension would have left it. */
function createAt(name: string, version: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onsuccess = () => (request.result.close(), resolve());
    request.onerror = () => reject(request.error ?? new Error(`open ${name} failed`));
  });
}

describe('openAsIs', () => {
  it('opens the database at the current schema, and reads through IndexedDB itself', async () => {
    const name = fresh();
    const db = new AppDB(name);
    await db.tenants.put(tenant);
    const idb = await openAsIs(name, CURRENT_SCHEMA_VERSION);
    expect(idb?.version).toBe(CURRENT_SCHEMA_VERSION * 10);
    const read = await readAsIs(idb!, ['tenants', 'users'], async (reader) => ({
      tenants: await reader.all('tenants'),
      users: await reader.count('users', ':id', [['a'], ['b']]),
    }));
    expect(read).toEqual({ tenants: [tenant], users: 0 });
    idb!.close();
    db.close();
  });

  it('leaves a database that does not exist yet to Dexie: it is not created', async () => {
    const name = fresh();
    expect(await openAsIs(name, CURRENT_SCHEMA_VERSION)).toBeUndefined();
    expect(await names()).not.toContain(name);
    // Dexie creates it from the first version, as on a first run.
    const db = new AppDB(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    db.close();
  });

  it('leaves an older schema to Dexie, whose upgrade it does not hold up', async () => {
    const name = fresh();
    await createAt(name, (CURRENT_SCHEMA_VERSION - 1) * 10);
    expect(await openAsIs(name, CURRENT_SCHEMA_VERSION)).toBeUndefined();
    // A connection it keeps closes itself when another asks for a new version.
    const now = fresh();
    await createAt(now, CURRENT_SCHEMA_VERSION * 10);
    const idb = await openAsIs(now, CURRENT_SCHEMA_VERSION);
    expect(idb).toBeDefined();
    await createAt(now, (CURRENT_SCHEMA_VERSION + 1) * 10);
  });
});
