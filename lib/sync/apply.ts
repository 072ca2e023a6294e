import type { DirectoryGroup, DirectoryUser, Membership, SyncResource } from '../db/types';
import type { DeltaItem } from './delta-page';
import { mapGroup, mapUser, sameRecord } from './map';

/** What the mirror holds now for the objects and memberships a page mentions (read in the page's transaction). */
export interface StoredState {
  users: ReadonlyMap<string, DirectoryUser>;
  groups: ReadonlyMap<string, DirectoryGroup>;
  /** Keys (`membershipKey`) of the memberships the page mentions that exist. */
  memberships: ReadonlySet<string>;
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
  /** Full rounds: every object and membership the page shows as present, for the end-of-round sweep. */
  seenIds: string[];
  seenMembers: string[];
}

/** The key of one membership in `StoredState.memberships` and in the sweep's lists. */
export function membershipKey(groupId: string, userId: string): string {
  return `${groupId} ${userId}`;
}

/** The ids and membership keys a page mentions: what the shell reads before applying it. */
export function readsFor(items: readonly DeltaItem[]): { ids: string[]; memberships: Array<[string, string]> } {
  const ids = new Set<string>();
  const memberships = new Map<string, [string, string]>();
  for (const item of items) {
    ids.add(item.id);
    if (item.removed || !item.members) continue;
    for (const change of item.members) memberships.set(membershipKey(item.id, change.userId), [item.id, change.userId]);
  }
  return { ids: [...ids], memberships: [...memberships.values()] };
}

/** The ids a page removes: those whose last item is `@removed` (what applyDeltaPage puts in removeUserIds/GroupIds). */
export function removedIds(items: readonly DeltaItem[]): string[] {
  const last = new Map<string, boolean>();
  for (const item of items) last.set(item.id, item.removed === true);
  return [...last].filter(([, removed]) => removed).map(([id]) => id);
}

/**
 * Apply one delta page to the mirror's state, purely. Items are taken in order (a group may appear more than once
 * when its members span pages or entries), and only the final state of each object and membership is written.
 */
export function applyDeltaPage(tenantId: string, resource: SyncResource, items: readonly DeltaItem[], stored: StoredState): PageWrites {
  const storedObjects: ReadonlyMap<string, DirectoryUser | DirectoryGroup> = resource === 'users' ? stored.users : stored.groups;
  const current = new Map<string, DirectoryUser | DirectoryGroup | null>();
  const members = new Map<string, { groupId: string; userId: string; present: boolean }>();

  for (const item of items) {
    if (item.removed) {
      current.set(item.id, null);
      continue;
    }
    const before = current.has(item.id) ? (current.get(item.id) ?? undefined) : storedObjects.get(item.id);
    const record =
      resource === 'users' ? mapUser(tenantId, item.object, before as DirectoryUser | undefined) : mapGroup(tenantId, item.object, before);
    current.set(item.id, record);
    for (const change of item.members ?? []) {
      members.set(membershipKey(item.id, change.userId), { groupId: item.id, userId: change.userId, present: !change.removed });
    }
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
    seenMembers: [],
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
  for (const [key, { groupId, userId, present }] of members) {
    // A group removed later in the same page takes its memberships with it.
    if (current.get(groupId) === null) continue;
    const existed = stored.memberships.has(key);
    if (present) {
      writes.seenMembers.push(key);
      if (!existed) writes.putMemberships.push({ tenantId, groupId, userId });
    } else if (existed) {
      writes.removeMemberships.push({ tenantId, groupId, userId });
    }
  }
  return writes;
}
