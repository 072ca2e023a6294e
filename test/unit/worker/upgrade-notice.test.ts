import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { dbUpgradeProgress, type DbUpgradeProgress } from '../../../lib/config/db-upgrade';
import { getDb } from '../../../lib/db';
import { DB_NAME } from '../../../lib/db/app-db';
import { SCHEMA_VERSIONS } from '../../../lib/db/versions';
import { announceUpgrades } from '../../../lib/worker/upgrade-notice';
import { loadingLabel } from '../../../components/use-loading-label';

const guid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe("the worker's notice of a long schema upgrade", () => {
  it('tells the waiting pages how many records it has rewritten, and takes the notice back once the database is open', async () => {
    fakeBrowser.reset();
    // The mirror as schema 13 kept it (ids not packed): opening it with the current code runs schema 14's rewrite.
    const old = new Dexie(DB_NAME);
    for (const schema of SCHEMA_VERSIONS.filter((s) => s.version <= 13)) old.version(schema.version).stores(schema.stores);
    await old.open();
    await old
      .table('memberOf')
      .bulkAdd(Array.from({ length: 25 }, (_, i) => ({ tenantId: guid(1), userId: guid(100 + i), groupId: guid(7) })));
    old.close();

    const seen: Array<DbUpgradeProgress | null> = [];
    const unwatch = dbUpgradeProgress.watch((value) => seen.push(value));
    // Each batch also keeps the worker alive (an extension API call; WXT's fake browser has no getPlatformInfo).
    const kept = vi.fn(() => Promise.resolve({ os: 'linux', arch: 'x86-64' }));
    fakeBrowser.runtime.getPlatformInfo = kept as unknown as typeof fakeBrowser.runtime.getPlatformInfo;
    const report = vi.fn();
    announceUpgrades(report);
    await getDb().open();
    await vi.waitFor(() => expect(seen.at(-1)).toBeNull());
    unwatch();
    expect(seen.find((value) => value !== null)).toMatchObject({ records: 25 });
    expect(await dbUpgradeProgress.getValue()).toBeNull();
    expect(kept).toHaveBeenCalled();
    expect(report).not.toHaveBeenCalled();
  });

  it('says what the page waits for: the upgrade and how far it has come, or just loading', () => {
    expect(loadingLabel({ records: 120_000 })).toMatch(/^Updating the stored records .*120,000 so far/);
    expect(loadingLabel(null)).toBe('Loading…');
  });
});
