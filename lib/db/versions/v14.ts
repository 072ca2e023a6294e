import type { Transaction } from 'dexie';
import { packId } from '../packed-id';
import type { MembershipRow, PackedId } from '../types';
import { upgradeBatchDone } from '../upgrade-progress';

/** Memberships rewritten per request during the upgrade: memory stays one batch, whatever the mirror holds. */
const BATCH = 10_000;

/** Every packed tenant id starts with this character (lib/db/packed-id.ts), so every unpacked key sorts before it. */
const FIRST_PACKED: [string] = ['\uE000'];

type OldKey = [tenantId: string, userId: string, groupId: string];

/**
 * The id packed, unless the walk has rewritten it already: a tenant whose id is no GUID keeps it, so its rewritten
 * records sort before the packed tenants and the walk meets them again. Ids before schema 14 never held a marker.
 */
const packOnce = (id: string) => (id.startsWith('\uE000') || id.startsWith('\uE001') ? (id as PackedId) : packId(id));

/**
 * Schema version 14: `memberOf` keeps its ids packed (issue #18). A GUID is 36 characters, which Chromium's IndexedDB
 * writes as 72 bytes of UTF-16, and a membership's key holds three: in its record, its existence entry, its group index
 * entry (the index key and the record's key again) and the undo entry Chromium writes for each when a transaction
 * changes them. An increment's 250 deleted users take about 1,400 memberships with them, and their keys were a third
 * of all the bytes an increment wrote (docs/increment-profile.md). Packed, a GUID is 10 code units, 20 bytes.
 *
 * The store and its key stay; each record is rewritten under its packed key, a batch at a time, in key order. The
 * walk stops where packed tenants begin, so it never meets the records it has rewritten.
 */
export const v14 = {
  version: 14,
  stores: {
    memberOf: '[tenantId+userId+groupId], [tenantId+groupId+userId]',
  },
  async upgrade(tx: Transaction): Promise<void> {
    const table = tx.table<MembershipRow | { tenantId: string; userId: string; groupId: string }, OldKey>('memberOf');
    let after: OldKey | undefined;
    for (;;) {
      const range = after ? table.where(':id').between(after, FIRST_PACKED, false, false) : table.where(':id').below(FIRST_PACKED);
      const keys = await range.limit(BATCH).primaryKeys();
      if (!keys.length) return;
      const old: OldKey[] = [];
      const rows: MembershipRow[] = [];
      for (const [tenantId, userId, groupId] of keys) {
        const row = { tenantId: packOnce(tenantId), groupId: packOnce(groupId), userId: packOnce(userId) };
        if (row.tenantId === tenantId && row.userId === userId && row.groupId === groupId) continue;
        old.push([tenantId, userId, groupId]);
        rows.push(row);
      }
      await Promise.all([table.bulkDelete(old), table.bulkPut(rows)]);
      after = keys.at(-1);
      upgradeBatchDone();
    }
  },
};
