import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../../lib/db';

// A failed open of the extension's database is tried again on the next getDb(): on a full disk Chromium cannot open
// it until space is freed, and Dexie on its own would answer every later call with that first failure.
afterEach(() => vi.restoreAllMocks());

describe('getDb after a failed open', () => {
  it('opens the database again once the cause is gone', async () => {
    const db = getDb();
    const open = indexedDB.open.bind(indexedDB);
    // The browser refuses the open, as Chromium does on a full disk.
    const refused = vi.spyOn(indexedDB, 'open').mockImplementation(() => {
      throw new DOMException('Encountered full disk while opening backing store for indexedDB.open.', 'QuotaExceededError');
    });
    await expect(db.tenants.count()).rejects.toThrow();
    expect(db.hasFailed()).toBe(true);
    refused.mockImplementation(open);
    // The same instance alone stays failed; getDb() gives it its next chance.
    await expect(db.tenants.count()).rejects.toThrow();
    expect(await getDb().tenants.count()).toBe(0);
    expect(getDb()).toBe(db);
  });
});
