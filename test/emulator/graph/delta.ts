// users/delta and groups/delta. A round either walks the directory (first sync) or replays the change log between
// two sequence numbers, collapsed per object; tokens carry the round's bounds, so every page is O(page size).

import type { ChangeEntry, GroupRecord, ObjectKind, UserRecord } from '../org/directory.ts';
import { contextUrl, decodeToken, encodeToken, pageSlots, parseSelect, project } from './odata.ts';
import { badRequest, GraphError, type Caller, type GraphResponse } from './types.ts';

/*
 * Page sizes. Microsoft's documentation gives no number for users/delta or groups/delta: the delta overview says
 * `$top` is not supported for users and groups and "the number of objects in each page can vary depending on the
 * resource type and the type of changes" (microsoft-graph-docs-contrib concepts/delta-query-overview.md), and the
 * paging guide that "different APIs might have different default and maximum page sizes" (concepts/paging.md).
 * ASSUMPTION (not in the docs): a Microsoft answer on Microsoft Q&A (learn.microsoft.com/answers/a/2052165) states
 * 200 objects per page for users and contacts, the same when `Prefer: odata.maxpagesize` is absent, and a larger
 * preference capped to it; and 500 for directory links (group members). The local tenant serves those numbers.
 */
const DEFAULT_PAGE = 200;
const MAX_PAGE = 200;
/**
 * Member links (`members@delta` entries) one page carries in a full read. Microsoft documents the pattern, not the
 * number: a group with many members fills a page and comes again on the next pages "with a different list of users"
 * until all are returned (concepts/delta-query-groups.md, "Paging through members in a large group"). ASSUMPTION:
 * 500, the directory-link figure of the answer above.
 */
const MEMBER_LINKS_PER_PAGE = 500;

interface DeltaToken {
  v: 1;
  /** Server instance and delta epoch: tokens from before a restart or expireDeltaTokens() answer 410. */
  i: string;
  e: number;
  k: ObjectKind;
  m: 'full' | 'changes';
  s: string | null;
  /** changes: include log entries with seq in (since, until]. full: until = seq when the walk began. */
  since: number;
  until: number;
  /** full: next slot; changes: offset into the collapsed change list. */
  p: number;
  /** full: members of the group at slot `p` already served (its next page repeats it with the rest). */
  mo?: number;
}

interface Collapsed {
  order: string[];
  info: Map<string, { changed: boolean; members: Map<string, boolean> }>;
}

const collapsedCache = new WeakMap<ChangeEntry[], { key: string; value: Collapsed }>();

function collapse(log: ChangeEntry[], start: number, since: number, until: number): Collapsed {
  const key = `${since}:${until}`;
  const cached = collapsedCache.get(log);
  if (cached?.key === key) return cached.value;
  const order: string[] = [];
  const info: Collapsed['info'] = new Map();
  for (let i = start; i < log.length; i++) {
    const entry = log[i];
    if (!entry || entry.seq > until) break;
    let item = info.get(entry.id);
    if (!item) {
      item = { changed: false, members: new Map() };
      info.set(entry.id, item);
      order.push(entry.id);
    }
    if (entry.member !== undefined) item.members.set(entry.member, entry.added ?? false);
    else item.changed = true;
  }
  const value = { order, info };
  collapsedCache.set(log, { key, value });
  return value;
}

function pageSize(c: Caller): { size: number; applied?: string } {
  const prefer = c.request.headers['prefer'] ?? '';
  const match = /odata\.maxpagesize=(\d+)/i.exec(prefer);
  const cap = c.state.deltaPageCap ?? MAX_PAGE;
  if (!match?.[1]) return { size: Math.min(cap, DEFAULT_PAGE) };
  const size = Math.max(1, Math.min(MAX_PAGE, cap, Number(match[1])));
  return { size, applied: `odata.maxpagesize=${size}` };
}

function membersDelta(members: Iterable<[string, boolean]>): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const [id, present] of members) {
    out.push(
      present
        ? { '@odata.type': '#microsoft.graph.user', id }
        : { '@odata.type': '#microsoft.graph.user', id, '@removed': { reason: 'deleted' } },
    );
  }
  return out;
}

function resync(c: Caller, kind: ObjectKind, select: string | null): GraphError {
  const location = `${c.base}/${kind}/delta${select ? `?$select=${encodeURIComponent(select)}` : ''}`;
  return new GraphError(
    410,
    'resyncRequired',
    'syncStateNotFound: the delta token has expired or is no longer valid. Replace any local copy with the results of a new delta query (see the Location header).',
    { location },
  );
}

export function delta(c: Caller, kind: ObjectKind): GraphResponse {
  const q = c.request.query;
  const directory = c.org.generated.directory;
  const table = kind === 'users' ? directory.users : directory.groups;
  const entity = kind === 'users' ? 'user' : 'group';
  const raw = q.get('$skiptoken') ?? q.get('$deltatoken');
  let token: DeltaToken;
  if (raw === 'latest' && q.has('$deltatoken')) {
    token = {
      v: 1,
      i: c.state.instance,
      e: c.state.deltaEpoch,
      k: kind,
      m: 'changes',
      s: q.get('$select'),
      since: directory.seq,
      until: directory.seq,
      p: 0,
    };
  } else if (raw) {
    token = decodeToken<DeltaToken>(raw);
    if (token.v !== 1 || token.k !== kind) throw badRequest('The provided token is not valid for this query.', 'Request_BadRequest');
    if (token.i !== c.state.instance || token.e !== c.state.deltaEpoch) throw resync(c, kind, token.s);
    // A deltaLink's round starts now: its upper bound is the current sequence number.
    if (q.has('$deltatoken')) token = { ...token, until: directory.seq, p: 0 };
  } else {
    token = {
      v: 1,
      i: c.state.instance,
      e: c.state.deltaEpoch,
      k: kind,
      m: 'full',
      s: q.get('$select'),
      since: 0,
      until: directory.seq,
      p: 0,
    };
  }
  const select = parseSelect(token.s, entity);
  const withMembers = kind === 'groups' && (!select || select.includes('members'));
  const { size, applied } = pageSize(c);
  const value: Array<Record<string, unknown>> = [];
  let next: number | null;

  let memberOffset: number | undefined;
  if (token.m === 'full' && withMembers) {
    // Groups in slot order, each with its members, until the page holds `size` groups or MEMBER_LINKS_PER_PAGE links;
    // a group whose members do not fit is cut, and the next page starts with it again and the rest of its members.
    const slots = table.slots as ReadonlyArray<GroupRecord | null>;
    let links = 0;
    let slot = token.p;
    let offset = token.mo ?? 0;
    next = null;
    for (; slot < slots.length; slot++, offset = 0) {
      const group = slots[slot];
      if (!group) continue;
      if (value.length >= size || (links >= MEMBER_LINKS_PER_PAGE && group.members.size > 0)) {
        next = slot;
        break;
      }
      const members = [...group.members].slice(offset, offset + MEMBER_LINKS_PER_PAGE - links);
      const out = project(entity, group, select);
      out['members@delta'] = membersDelta(members.map((id) => [id, true]));
      value.push(out);
      links += members.length;
      if (offset + members.length < group.members.size) {
        next = slot;
        memberOffset = offset + members.length;
        break;
      }
    }
  } else if (token.m === 'full') {
    const page = pageSlots(table.slots as ReadonlyArray<UserRecord | GroupRecord | null>, token.p, size, null);
    for (const item of page.items) value.push(project(entity, item, select));
    next = page.next;
  } else {
    const { order, info } = collapse(table.log, table.logIndexAfter(token.since), token.since, token.until);
    const end = Math.min(order.length, token.p + size);
    for (let i = token.p; i < end; i++) {
      const id = order[i] ?? '';
      const current = table.get(id);
      if (!current) {
        value.push({ id, '@removed': { reason: 'deleted' } });
        continue;
      }
      const out = project(entity, current, select);
      const change = info.get(id);
      if (withMembers && change?.members.size) out['members@delta'] = membersDelta(change.members);
      value.push(out);
    }
    next = end < order.length ? end : null;
  }

  const link =
    next !== null
      ? { '@odata.nextLink': `${c.base}/${kind}/delta?$skiptoken=${encodeToken({ ...token, p: next, mo: memberOffset })}` }
      : {
          '@odata.deltaLink': `${c.base}/${kind}/delta?$deltatoken=${encodeToken({ ...token, m: 'changes', since: token.until, p: 0 })}`,
        };
  return {
    status: 200,
    headers: applied ? { 'preference-applied': applied } : {},
    body: { '@odata.context': contextUrl(c.base, kind, select), ...link, value },
  };
}
