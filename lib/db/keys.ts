import Dexie, { type Collection, type IndexableType } from 'dexie';
import type { AppDB } from './app-db';
import { packId, unpackId } from './packed-id';
import type { MemberKey, Membership, MembershipRow, ObjectKey, StoredObject } from './types';

/** The key of the membership of `userId` in `groupId` in `memberOf`: the one place the key's order is written. */
export function memberKey(tenantId: string, groupId: string, userId: string): MemberKey {
  return [packId(tenantId), packId(userId), packId(groupId)];
}

/** A user's or group's key in `users` or `groups`. */
export function objectKey(tenantId: string, id: string): ObjectKey {
  return [packId(tenantId), packId(id)];
}

/** Every key of a tenant's users or groups. */
export function objectRange(tenantId: string): [IndexableType[], IndexableType[]] {
  return prefixRange(packId(tenantId));
}

/** A user or group as `users` or `groups` stores it: its tenant's id and its own packed. */
export function objectRow<T extends { tenantId: string; id: string }>(record: T): StoredObject<T> {
  return { ...record, tenantId: packId(record.tenantId), id: packId(record.id) };
}

/** The user or group a stored record holds, its ids as Graph gave them. */
export function directoryObject<T extends { tenantId: string; id: string }>(row: StoredObject<T>): T {
  return { ...row, tenantId: unpackId(row.tenantId), id: unpackId(row.id) } as T;
}

/** A membership as `memberOf` stores it: its ids packed. */
export function membershipRow({ tenantId, groupId, userId }: Membership): MembershipRow {
  return { tenantId: packId(tenantId), groupId: packId(groupId), userId: packId(userId) };
}

/** The membership a key of `memberOf` (or a stored row) holds, its ids as Graph gave them. */
export function membershipOf(key: MemberKey | MembershipRow): Membership {
  return Array.isArray(key)
    ? { tenantId: unpackId(key[0]), userId: unpackId(key[1]), groupId: unpackId(key[2]) }
    : { tenantId: unpackId(key.tenantId), userId: unpackId(key.userId), groupId: unpackId(key.groupId) };
}

/**
 * Every key of `memberOf` (or of its group index) that starts with these ids: the tenant's, a user's (by key) or a
 * group's (by the index).
 */
export function memberRange(tenantId: string, id?: string): [IndexableType[], IndexableType[]] {
  return id === undefined ? prefixRange(packId(tenantId)) : prefixRange(packId(tenantId), packId(id));
}

/** Every membership of one user: one key range of `memberOf` (to read, count or delete in one request). */
export function membershipsOfUser(db: AppDB, tenantId: string, userId: string): Collection<MembershipRow, MemberKey> {
  return db.memberOf.where(':id').between(...memberRange(tenantId, userId));
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
