import Dexie from 'dexie';
import { AppDB } from '../../../lib/db/app-db';
import { SCHEMA_VERSIONS } from '../../../lib/db/versions';

export interface UpgradeOptions {
  /** Memberships in the version 3 mirror (a 100,000-user tenant of the local tenant has about 634,000). */
  memberships: number;
  dbName: string;
}

export interface UpgradeResult {
  /** Opening the version 3 database with today's AppDB: every upgrade step from 3 on. */
  ms: number;
  memberships: number;
  /** Writing the version 3 mirror first (not the measure). */
  fillMs: number;
}

const FILL_CHUNK = 10_000;
// Canonical GUIDs (hex, lower case), as Graph's ids are: schema 14 packs them, and its rewrite is part of the open.
const guid = (kind: number, n: number) => `${kind}${String(n).padStart(7, '0')}-7d1e-4c2a-9b3f-${String(n * 7919).padStart(12, '0')}`;

/**
 * The first open of a version 3 mirror after an update: its memberships (users in 6 groups each, GUID ids, one tenant)
 * copied into `memberOf` (schema 4), then rewritten under packed ids (schema 14), timed as the browser does it for an
 * admin.
 */
export async function runUpgrade(options: UpgradeOptions): Promise<UpgradeResult> {
  await Dexie.delete(options.dbName);
  const old = new Dexie(options.dbName);
  for (const schema of SCHEMA_VERSIONS.filter((s) => s.version <= 3)) old.version(schema.version).stores(schema.stores);
  await old.open();
  const tenantId = guid(1, 1);
  const users = Math.ceil(options.memberships / 6);
  const filled = performance.now();
  for (let start = 0; start < options.memberships; start += FILL_CHUNK) {
    const rows = [];
    for (let i = start; i < Math.min(start + FILL_CHUNK, options.memberships); i++)
      rows.push({ tenantId, userId: guid(2, i % users), groupId: guid(3, Math.floor(i / users) * 1000 + (i % 997)) });
    await old.table('memberships').bulkPut(rows);
  }
  const fillMs = performance.now() - filled;
  const memberships = await old.table('memberships').count();
  old.close();
  const started = performance.now();
  const db = new AppDB(options.dbName);
  await db.open();
  const ms = performance.now() - started;
  const copied = await db.memberOf.count();
  db.close();
  await Dexie.delete(options.dbName);
  if (copied !== memberships) throw new Error(`the upgrade copied ${copied} of ${memberships} memberships`);
  return { ms, memberships, fillMs };
}
