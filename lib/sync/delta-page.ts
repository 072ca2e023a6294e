import { assertGraphUrl } from '../graph/host-guard';
import { isRecord, malformedPage as malformed } from '../graph/list-page';
import type { SyncResource } from '../db/types';
import type { GraphObject } from './map';

/** A change of one group's membership: a user added, or removed (`@removed`). */
export interface MemberChange {
  userId: string;
  removed: boolean;
}

/** One object of a delta page: present (added or changed) or removed, with its membership changes for groups. */
export type DeltaItem = { id: string; removed: true } | { id: string; removed: false; object: GraphObject; members?: MemberChange[] };

/** A validated delta page: its objects, and exactly one of the next page or the end of the round. */
export interface DeltaPage {
  items: DeltaItem[];
  nextLink?: string;
  deltaLink?: string;
}

const USER_TYPE = '#microsoft.graph.user';

function memberChanges(resource: SyncResource, raw: unknown): MemberChange[] {
  if (!Array.isArray(raw)) throw malformed(resource, 'sync_pageMembersNotList');
  const changes: MemberChange[] = [];
  for (const entry of raw) {
    if (!isRecord(entry) || typeof entry.id !== 'string' || entry.id === '') throw malformed(resource, 'sync_pageMemberWithoutId');
    // Only users are mirrored as members; nested groups, devices and service principals are skipped.
    const type = entry['@odata.type'];
    if (type !== undefined && type !== USER_TYPE) continue;
    changes.push({ userId: entry.id, removed: entry['@removed'] !== undefined });
  }
  return changes;
}

function parseItem(resource: SyncResource, raw: unknown): DeltaItem {
  if (!isRecord(raw) || typeof raw.id !== 'string' || raw.id === '') throw malformed(resource, 'sync_pageObjectWithoutId');
  if (raw['@removed'] !== undefined) return { id: raw.id, removed: true };
  const item: DeltaItem = { id: raw.id, removed: false, object: raw as GraphObject };
  if (resource === 'groups' && raw['members@delta'] !== undefined) item.members = memberChanges(resource, raw['members@delta']);
  return item;
}

/**
 * Parse and check one delta page. Throws `graph_malformed_page` (not JSON, no `value` list, no link or both, an
 * object without id) or `graph_host_not_allowed` (a link off the tenant's Graph origin) before anything is applied.
 */
export function parseDeltaPage(body: string, resource: SyncResource, graphHost: string): DeltaPage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw malformed(resource, 'sync_pageNotJson');
  }
  if (!isRecord(json) || !Array.isArray(json.value)) throw malformed(resource, 'sync_pageNoList');
  const nextLink = json['@odata.nextLink'];
  const deltaLink = json['@odata.deltaLink'];
  if (nextLink !== undefined && typeof nextLink !== 'string') throw malformed(resource, 'sync_pageNextLinkNotText');
  if (deltaLink !== undefined && typeof deltaLink !== 'string') throw malformed(resource, 'sync_pageDeltaLinkNotText');
  if (nextLink === undefined && deltaLink === undefined) throw malformed(resource, 'sync_pageNoLink');
  if (nextLink !== undefined && deltaLink !== undefined) throw malformed(resource, 'sync_pageBothLinks');
  const link = nextLink ?? deltaLink ?? '';
  assertGraphUrl(link, graphHost);
  const items = json.value.map((raw) => parseItem(resource, raw));
  return nextLink !== undefined ? { items, nextLink } : { items, deltaLink };
}
