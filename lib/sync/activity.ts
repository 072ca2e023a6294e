import type { ActivityEvent, ServiceId, TenantRecord } from '../db/types';
import { graphTime, mapDirectoryAudit, mapSignIn } from './activity-map';
import { parseListPage } from '../graph/list-page';
import { answerError, graphErrorCode, graphRequest } from '../graph/transport';
import { type ErrorData, GraphError } from '../errors/app-error';
import type { ActivityBackfillResult, SyncDeps } from './types';
import { brief, type CodedError, type Param, phrase } from '../errors/phrase';
import { anyNew, eventTables, newestEventAt, pruneEvents, storedEventIds, storeNewEvents } from '../store/events';
import { renewLeaseInTransaction } from '../lease/sync-lease';
import { profiled } from './profile';
import { type LeasedWrite, refreshAuditSearch } from './audit-search';
import { settleAll } from './settle-all';
import { connectorsOf } from '../store/connectors';

/** The console shows this many days of activity from before the connection. */
export const ACTIVITY_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;
/** What Graph answers for sign-in logs in a tenant without Entra ID P1/P2. */
export const NON_PREMIUM_CODE = 'Authentication_RequestFromNonPremiumTenantOrB2CTenant';

interface ActivitySource {
  kind: ActivityEvent['kind'];
  path: string;
  /** The time property the `$filter` ranges over. */
  field: string;
  what: Param;
  map(tenantId: string, raw: Record<string, unknown>): ActivityEvent | undefined;
}

const SOURCES: readonly ActivitySource[] = [
  {
    kind: 'directoryAudit',
    path: '/auditLogs/directoryAudits',
    field: 'activityDateTime',
    what: phrase('sync_whatAuditLog'),
    map: mapDirectoryAudit,
  },
  {
    kind: 'signIn',
    path: '/auditLogs/signIns',
    field: 'createdDateTime',
    what: phrase('sync_whatSignInLog'),
    map: mapSignIn,
  },
];

/**
 * The first request of a source: everything at or after `from` (the newest stored event, or the window's start).
 * Microsoft Graph v1.0 (microsoftgraph/microsoft-graph-docs-contrib): GET /auditLogs/directoryAudits supports `$filter`
 * with `ge` on activityDateTime and `$top` (api-reference/v1.0/api/directoryaudit-list.md; its page size limit is not
 * documented there); GET /auditLogs/signIns supports `$filter` on createdDateTime and `$top`, "the maximum and default
 * page size is 1,000 objects" (api-reference/v1.0/api/signin-list.md). 999 stays under both.
 */
export function activityUrl(source: Pick<ActivitySource, 'path' | 'field'>, from: number): string {
  return `${source.path}?$filter=${encodeURIComponent(`${source.field} ge ${graphTime(from)}`)}&$top=999`;
}

/** Drop the tenant's events older than the window of `days` days before now; returns how many went. */
export function pruneActivity(deps: Pick<SyncDeps, 'db' | 'now'>, tenantId: string, days = ACTIVITY_DAYS): Promise<number> {
  return pruneEvents(deps.db, tenantId, deps.now() - days * DAY_MS);
}

/** Errors that are Graph's answer about one log, not about the grant: the read is noted and the other log goes on. */
function isOptionalReadFailure(error: unknown): error is GraphError {
  // A refused token (401) or a link off the tenant's Graph are about the grant and the run, not about this log.
  return error instanceof GraphError && error.code !== 'graph_unauthorized' && error.code !== 'graph_host_not_allowed';
}

/**
 * Writes of the activity in the transaction that proves the sync still holds the tenant's lease: after Disconnect or
 * Remove tenant (which take the lease away in their own transaction) a sync still reading writes nothing back.
 */
function leasedWrite(deps: SyncDeps, tenantId: string, leaseToken: string): LeasedWrite {
  const { db } = deps;
  return (write) =>
    db.transaction('rw', [...eventTables(db), db.leases], async () => {
      await renewLeaseInTransaction(db, tenantId, leaseToken, deps.now());
      return write();
    });
}

/** Read one log from `link` page by page, storing its events; returns how many were new, or Graph's licence refusal. */
async function readSource(
  deps: SyncDeps,
  tenantId: string,
  source: ActivitySource,
  link: string,
  since: number,
  write: LeasedWrite,
  /** The ids of the stored events this read can meet again (storedEventIds); the ones it stores are added. */
  known: Set<string>,
): Promise<number | 'non_premium'> {
  let added = 0;
  for (let next: string | undefined = link; next !== undefined;) {
    const url = next;
    const answer = await profiled(`act-fetch:${source.kind}`, () => graphRequest(deps, { url, what: source.what }, 'sync'));
    if (source.kind === 'signIn' && answer.status === 403 && graphErrorCode(answer) === NON_PREMIUM_CODE) return 'non_premium';
    if (answer.status !== 200) throw answerError(answer, source.what);
    const page = parseListPage(answer.body, source.what, deps.graphHost);
    const events = page.value
      .map((raw) => source.map(tenantId, raw))
      .filter((event): event is ActivityEvent => event !== undefined && event.occurredAt >= since);
    // A later backfill starts at the newest event's second, so some come again: only the new ones are stored, and a
    // page of none opens no transaction.
    if (anyNew(events, known))
      added += await profiled(`act-store:${events.length}`, () => write(() => storeNewEvents(deps.db, events, known)));
    next = page.nextLink;
  }
  return added;
}

/** What one log gave: events added, Graph's licence refusal, or why it could not be read (an optional failure). */
type LogRead = number | 'non_premium' | { unread: ErrorData };

/** One log from the newest stored event of its kind (or the window's start) on; throws only what is about the grant. */
async function readLog(deps: SyncDeps, tenantId: string, source: ActivitySource, since: number, write: LeasedWrite): Promise<LogRead> {
  const from = Math.max(since, (await newestEventAt(deps.db, tenantId, source.kind)) ?? since);
  // Graph is asked from the second of `from` (graphTime): the events stored since then are the ones it shows again.
  const known = await storedEventIds(deps.db, tenantId, source.kind, Math.floor(from / 1000) * 1000);
  try {
    return await readSource(deps, tenantId, source, activityUrl(source, from), since, write, known);
  } catch (error) {
    if (!isOptionalReadFailure(error)) throw error;
    return { unread: error.toData() };
  }
}

/**
 * Prune the tenant's events older than the window, then fetch the directory audits and sign-ins of the last `days`
 * days (only what is newer than the newest stored event of each kind), page by page, and each service's own events
 * from Microsoft Purview's audit search (lib/sync/audit-search.ts: a query started now is read by a later run). The grant runs it once (its
 * backfill step) and every later sync again (lib/sync/sync-directory.ts), so the window always holds the last `days`
 * days and nothing older: data kept no longer than the console shows it. Both logs are optional reads: the activity is
 * a view of the past, and no connector's state depends on it, so a log that cannot be read (sign-ins without Entra ID
 * P1/P2, a national cloud or a role without them, a 4xx, a 5xx after the retries, a throttle longer than the worker
 * can wait) becomes a note and the other log is still read; even both failing is a note, not a failed grant.
 * Microsoft documents that sign-in and audit reads can be refused for licensing (microsoft-graph-docs-contrib
 * concepts/known-issues.md, "License check errors for Azure AD activity reports":
 * Authentication_RequestFromNonPremiumTenantOrB2CTenant; api-reference/v1.0/api/signin-list.md, directoryaudit-list.md).
 * Throws only what is about the grant itself (a refused token, a link off the tenant's Graph, storage, a lost lease).
 */
export async function backfillActivity(
  deps: SyncDeps,
  tenant: TenantRecord,
  days = ACTIVITY_DAYS,
  /** A sync's lease: each page is stored only while it holds (the grant's backfill holds the grant's lease instead). */
  leaseToken?: string,
  /**
   * The services whose own events are read from Purview's audit search, and the permissions the token holds; a
   * sync leaves it out: the tenant's connected services and the permissions its grant holds.
   */
  audit?: { services: readonly ServiceId[]; scopes: readonly string[] },
  /** Hears of the first failure when it happens (the sync judges a full disk then), before the reads still going end. */
  failed?: (error: unknown) => void,
): Promise<ActivityBackfillResult> {
  const { db } = deps;
  const { tenantId } = tenant;
  const since = deps.now() - days * DAY_MS;
  const result: ActivityBackfillResult = { added: 0, pruned: 0, signInsAvailable: true, auditsAvailable: true };
  const notes: CodedError[] = [];
  // Pruned first: a read that fails below must not keep what is past the window.
  result.pruned = await pruneActivity(deps, tenantId, days);
  const write: LeasedWrite = leaseToken === undefined ? (fn) => fn() : leasedWrite(deps, tenantId, leaseToken);
  const services = audit?.services ?? (await connectorsOf(db, tenantId)).map((connector) => connector.service);
  // The two logs and each service's own events (lib/sync/audit-search.ts: it never waits for Microsoft's query) are
  // asked for side by side; the notes keep that order whichever answers first.
  const logs = SOURCES.map(async (source) => ({ kind: source.kind, read: await readLog(deps, tenantId, source, since, write) }));
  const searched = profiled('act-audit-search', () =>
    refreshAuditSearch(deps, tenant, services, audit?.scopes ?? tenant.grant?.scopes ?? [], since, write),
  );
  await settleAll([...logs, searched], failed);
  for (const { kind, read } of await Promise.all(logs)) {
    if (read === 'non_premium') {
      result.signInsAvailable = false;
      notes.push({ code: 'activity_signins_unavailable' });
    } else if (typeof read === 'number') result.added += read;
    else if (kind === 'signIn') {
      result.signInsAvailable = false;
      notes.push({ code: 'activity_signins_unread', params: [brief(read.unread)] });
    } else {
      result.auditsAvailable = false;
      notes.push({ code: 'activity_audits_unread', params: [brief(read.unread)] });
    }
  }
  const search = await searched;
  result.added += search.added;
  if (search.pending.length) result.auditSearchPending = search.pending;
  notes.push(...search.notes);
  if (notes.length) result.notes = notes;
  return result;
}
