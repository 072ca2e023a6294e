import type { Table, Transaction } from 'dexie';
import { packId } from '../packed-id';
import type { PackedId } from '../types';
import { upgradeBatchDone } from '../upgrade-progress';

/** Records rewritten per request during the upgrade: memory stays one batch, whatever the mirror holds. */
const BATCH = 10_000;

/** Every packed tenant id starts with this character (lib/db/packed-id.ts), so every unpacked key sorts before it. */
const FIRST_PACKED: [string] = ['\uE000'];

type Row = Record<string, unknown>;

/**
 * The id packed, unless the walk has rewritten it already: a tenant whose id is no GUID keeps it, so its rewritten
 * records sort before the packed tenants and the walk meets them again. Ids before schema 14 never held a marker.
 */
const packOnce = (id: string) => (id.startsWith('\uE000') || id.startsWith('\uE001') ? (id as PackedId) : packId(id));

/**
 * Schema version 14: the directory mirror keeps its ids packed (issue #18). A GUID is 36 characters, which Chromium's
 * IndexedDB writes as 72 bytes of UTF-16, and a record's key is written again in its existence entry, in each index
 * entry (with the index's own key) and in the undo entry Chromium writes for each when a transaction changes them. A
 * membership's key holds three GUIDs, a user's two, in every one of its three search-index entries too; an
 * increment's memberships and users were most of the bytes it wrote (docs/increment-profile.md). Packed, a GUID is 10
 * code units, 20 bytes.
 *
 * The stores and their keys stay; each record is rewritten under its packed key, a batch at a time, in key order. The
 * walk stops where packed tenants begin, so it never meets the records it has rewritten.
 */
export const v14 = {
  version: 14,
  stores: {
    memberOf: '[tenantId+userId+groupId], [tenantId+groupId+userId]',
  },
  async upgrade(tx: Transaction): Promise<void> {
    await repack(tx.table<Row, string[]>('memberOf'), ['tenantId', 'userId', 'groupId']);
    await repack(tx.table<Row, string[]>('users'), ['tenantId', 'id']);
    await repack(tx.table<Row, string[]>('groups'), ['tenantId', 'id']);
  },
};

/** Rewrite every record of `table` whose key fields (its key path, in order) are not packed yet. */
async function repack(table: Table<Row, string[]>, keyPath: readonly string[]): Promise<void> {
  let after: string[] | undefined;
  for (;;) {
    const range = after ? table.where(':id').between(after, FIRST_PACKED, false, false) : table.where(':id').below(FIRST_PACKED);
    const rows = await range.limit(BATCH).toArray();
    if (!rows.length) return;
    const old: string[][] = [];
    const packed: Row[] = [];
    for (const row of rows) {
      const next: Row = { ...row };
      for (const field of keyPath) next[field] = packOnce(String(row[field]));
      if (keyPath.every((field) => next[field] === row[field])) continue;
      old.push(keyPath.map((field) => String(row[field])));
      packed.push(next);
    }
    await Promise.all([table.bulkDelete(old), table.bulkPut(packed)]);
    after = keyPath.map((field) => String(rows.at(-1)![field]));
    upgradeBatchDone(rows.length);
  }
}
