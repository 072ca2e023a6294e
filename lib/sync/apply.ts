import type { DirectoryGroup, DirectoryUser, Membership, SyncResource } from '../db/types';
import type { DeltaItem } from './delta-page';
import { mapGroup, mapUser, sameRecord } from './map';

/** What the mirror holds now for the objects and memberships a page mentions (read in the page's transaction). */
export interface StoredState {
  users: ReadonlyMap<string, DirectoryUser>;
  groups: ReadonlyMap<string, DirectoryGroup>;
  /** The stored memberships the page mentions (a full read: every member of its groups), as group id → user ids. */
  memberships: ReadonlyMap<string, ReadonlySet<string>>;
}

/** The writes one page makes: only what differs from the mirror, so an unchanged record is never written again. */
export interface PageWrites {
  putUsers: DirectoryUser[];
  putGroups: DirectoryGroup[];
  /** Removed objects; the shell also removes their memberships (a removed user leaves every group). */
  removeUserIds: string[];
  removeGroupIds: string[];
  putMemberships: Membership[];
  removeMemberships: Membership[];
  /** Objects that existed in the mirror and are now removed (the run's counts). */
  usersRemoved: number;
  groupsRemoved: number;
  /** Full rounds: every object and membership (group id → user ids) the page shows as present, for the sweep. */
  seenIds: string[];
  seenMembers: Map<string, string[]>;
}

/**
 * The key of one membership where one string is wanted (the selected scope's lists). A page's memberships are kept
 * by group instead: a full read of a group of 100,000 users would otherwise make 100,000 new strings.
 */
export function membershipKey(groupId: string, userId: string): string {
  return `${groupId} ${userId}`;
}

/** The ids and memberships (group id → user ids) a page mentions: what the shell reads before applying it. */
export function readsFor(items: readonly DeltaItem[]): { ids: string[]; memberships: Map<string, Set<string>> } {
  const ids = new Set<string>();
  const memberships = new Map<string, Set<string>>();
  for (const item of items) {
    ids.add(item.id);
    if (item.removed || !item.members) continue;
    const users = memberships.get(item.id) ?? new Set<string>();
    memberships.set(item.id, users);
    for (const change of item.members) users.add(change.userId);
  }
  return { ids: [...ids], memberships };
}

/**
 * Apply one delta page to the mirror's state, purely. Items are taken in order (a group may appear more than once
 * when its members span pages or entries), and only the final state of each object and membership is written.
 */
export function applyDeltaPage(tenantId: string, resource: SyncResource, items: readonly DeltaItem[], stored: StoredState): PageWrites {
  const storedObjects: ReadonlyMap<string, DirectoryUser | DirectoryGroup> = resource === 'users' ? stored.users : stored.groups;
  const current = new Map<string, DirectoryUser | DirectoryGroup | null>();
  // Group id → user id → present: the final state of each membership the page mentions.
  const members = new Map<string, Map<string, boolean>>();

  for (const item of items) {
    if (item.removed) {
      current.set(item.id, null);
      continue;
    }
    const before = current.has(item.id) ? (current.get(item.id) ?? undefined) : storedObjects.get(item.id);
    const record =
      resource === 'users' ? mapUser(tenantId, item.object, before as DirectoryUser | undefined) : mapGroup(tenantId, item.object, before);
    current.set(item.id, record);
    if (!item.members?.length) continue;
    const changes = members.get(item.id) ?? new Map<string, boolean>();
    members.set(item.id, changes);
    for (const change of item.members) changes.set(change.userId, !change.removed);
  }

  const writes: PageWrites = {
    putUsers: [],
    putGroups: [],
    removeUserIds: [],
    removeGroupIds: [],
    putMemberships: [],
    removeMemberships: [],
    usersRemoved: 0,
    groupsRemoved: 0,
    seenIds: [],
    seenMembers: new Map(),
  };
  for (const [id, record] of current) {
    const existed = storedObjects.has(id);
    if (record === null) {
      // Removed even when the mirror never had it: its memberships may still be there.
      if (resource === 'users') {
        writes.removeUserIds.push(id);
        if (existed) writes.usersRemoved++;
      } else {
        writes.removeGroupIds.push(id);
        if (existed) writes.groupsRemoved++;
      }
      continue;
    }
    writes.seenIds.push(id);
    if (sameRecord(storedObjects.get(id), record)) continue;
    if (resource === 'users') writes.putUsers.push(record as DirectoryUser);
    else writes.putGroups.push(record);
  }
  for (const [groupId, changes] of members) {
    // A group removed later in the same page takes its memberships with it.
    if (current.get(groupId) === null) continue;
    const storedUsers = stored.memberships.get(groupId);
    const seen: string[] = [];
    for (const [userId, present] of changes) {
      const existed = storedUsers?.has(userId) ?? false;
      if (present) {
        seen.push(userId);
        if (!existed) writes.putMemberships.push({ tenantId, groupId, userId });
      } else if (existed) {
        writes.removeMemberships.push({ tenantId, groupId, userId });
      }
    }
    if (seen.length) writes.seenMembers.set(groupId, seen);
  }
  return writes;
}
