import Dexie, { type Collection, type IndexableType } from 'dexie';
import type { AppDB } from './app-db';
import type { MemberKey, Membership } from './types';

/** The key of the membership of `userId` in `groupId` in `memberOf`: the one place the key's order is written. */
export function memberKey(tenantId: string, groupId: string, userId: string): MemberKey {
  return [tenantId, userId, groupId];
}

/** Every membership of one user: one key range of `memberOf` (to read, count or delete in one request). */
export function membershipsOfUser(db: AppDB, tenantId: string, userId: string): Collection<Membership, MemberKey> {
  return db.memberOf.where(':id').between(...prefixRange(tenantId, userId));
}

/** The index of `memberOf` that lists a group's members, and a membership's key in it (a walk resumes from it). */
export const GROUP_MEMBERS_INDEX = '[tenantId+groupId+userId]';
export function groupMemberKey([tenantId, userId, groupId]: MemberKey): [string, string, string] {
  return [tenantId, groupId, userId];
}

/**
 * Every compound key that starts with `prefix`: from `[...prefix]` to `[...prefix, maxKey]`. Dexie.maxKey appears once
 * only: IndexedDB refuses a key holding the same array object twice (`[t, maxKey, maxKey]` is a DataError).
 */
export function prefixRange(...prefix: string[]): [IndexableType[], IndexableType[]] {
  return [[...prefix], [...prefix, Dexie.maxKey]];
}
