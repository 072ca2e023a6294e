import { AppDB } from '../../../lib/db/app-db';
import type { DirectoryGroup, DirectoryUser, Membership, SyncResource } from '../../../lib/db/types';
import { GROUP_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../lib/sync/delta-round';
import { GROUP_SELECT, mapGroup, mapUser, USER_SELECT, type GraphObject } from '../../../lib/sync/map';
import { objectRow, membershipRow } from '../../../lib/db/keys';

export interface FloorOptions {
  /** e.g. `https://localhost:9543/v1.0` */
  graphBaseUrl: string;
  accessToken: string;
  tenantId: string;
  /** A throwaway database with the product's schema (deleted first). */
  dbName: string;
}

export interface FloorResult {
  ms: number;
  pages: number;
  users: number;
  groups: number;
  memberships: number;
}

const CHUNK = 1000;
const SELECT: Record<SyncResource, readonly string[]> = { users: USER_SELECT, groups: GROUP_SELECT };

interface Page {
  value: Array<GraphObject & { 'members@delta'?: Array<{ id: string }> }>;
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

async function bulkPutChunks<T>(table: { bulkPut(rows: T[]): Promise<unknown> }, rows: T[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await table.bulkPut(rows.slice(i, i + CHUNK));
}

/**
 * The floor a sync is measured against: the same delta pages fetched, parsed and bulk-written (the product's record
 * shapes, chunks of 1,000, one transaction per page) with no sync logic: no reads, no checkpoints, no lease, no sweep.
 */
export async function runFloor(options: FloorOptions): Promise<FloorResult> {
  await AppDB.delete(options.dbName);
  const db = new AppDB(options.dbName);
  await db.open();
  const result: FloorResult = { ms: 0, pages: 0, users: 0, groups: 0, memberships: 0 };
  const started = performance.now();
  for (const resource of ['users', 'groups'] as const) {
    let link: string | undefined = `${options.graphBaseUrl}/${resource}/delta?$select=${SELECT[resource].join(',')}`;
    while (link) {
      const answer = await fetch(link, {
        // The sync's own page sizes: the same pages.
        headers: {
          Authorization: `Bearer ${options.accessToken}`,
          Prefer: `odata.maxpagesize=${resource === 'groups' ? GROUP_PAGE_SIZE : MAX_PAGE_SIZE}`,
        },
      });
      if (!answer.ok) throw new Error(`${resource} delta answered ${answer.status}`);
      const page = JSON.parse(await answer.text()) as Page;
      const users: DirectoryUser[] = [];
      const groups: DirectoryGroup[] = [];
      const memberships: Membership[] = [];
      for (const item of page.value) {
        if (resource === 'users') users.push(mapUser(options.tenantId, item));
        else {
          groups.push(mapGroup(options.tenantId, item));
          for (const member of item['members@delta'] ?? [])
            memberships.push({ tenantId: options.tenantId, groupId: item.id, userId: member.id });
        }
      }
      await db.transaction('rw', [db.users, db.groups, db.memberOf], async () => {
        await bulkPutChunks(db.users, users.map(objectRow));
        await bulkPutChunks(db.groups, groups.map(objectRow));
        await bulkPutChunks(db.memberOf, memberships.map(membershipRow));
      });
      result.pages++;
      result.users += users.length;
      result.groups += groups.length;
      result.memberships += memberships.length;
      link = page['@odata.nextLink'];
    }
  }
  result.ms = performance.now() - started;
  db.close();
  await AppDB.delete(options.dbName);
  return result;
}
