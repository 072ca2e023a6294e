import type { ActivityEvent, AuditSearchRecord, ServiceId, TenantRecord } from '../db/types';
import { AUDIT_SEARCH_CLOUDS, SERVICE_LABELS, serviceById } from '../connectors/services';
import { CLOUD_LABELS } from '../config/clouds';
import { GraphError } from '../errors/app-error';
import { brief, type CodedError, type Param, phrase } from '../errors/phrase';
import { answerError, graphRequest } from '../graph/transport';
import { anyNew, auditSearchOf, putAuditSearch, storedEventIds, storeNewEvents } from '../store/events';
import { graphTime, mapAuditRecord } from './activity-map';
import { type ListPage, parseListPage } from '../graph/list-page';
import { profiled } from './profile';
import { settleAll } from './settle-all';
import type { SyncDeps } from './types';

/**
 * Each connected service's own events, from Microsoft Purview's audit search in Microsoft Graph v1.0
 * (microsoft-graph-docs-contrib api-reference/v1.0/api/security-auditcoreroot-post-auditlogqueries.md,
 * security-auditlogquery-get.md, security-auditlogquery-list-records.md): a query is created (POST, 201 with its
 * auditLogQuery), Microsoft runs it on its side (`status`: notStarted, running, then succeeded, failed or cancelled;
 * resources/security-auditlogquery.md), and once it succeeded its records are read page by page.
 *
 * Microsoft does not say how long a query runs (minutes, in practice) and a sync must not wait for it: so a sync
 * never waits. Per service, each run (the grant's backfill and every later sync) does at most this:
 * 1. the query a run before started (kept in `auditSearches`): its status is asked once; succeeded: its records are
 *    stored and its window counts as read; still running: it is left for a later run, and nothing more is asked;
 *    failed, cancelled, gone (404) or older than QUERY_GIVE_UP_MS: it is noted and dropped;
 * 2. a new query from where the events are read (or the 7-day window's start) to now is started and kept;
 * 3. when nothing was read in step 1, the new query's status is asked once at once: a query Microsoft ends quickly
 *    (and the local tenant's, by default) is read in the same run, so the grant's backfill fills the chart at once.
 * So a sync costs one POST and at most two GETs plus the record pages, and the window is as current as the last
 * sync and the query's own time allow. The query's records are filtered on the service's workload
 * (`serviceFilters`: the CSDL of msgraph-metadata names it so, a collection; the create page's text says
 * `serviceFilter`), and asked for with the service's own permission (lib/connectors/services.ts).
 */

const DAY_MS = 24 * 60 * 60 * 1000;
/** The audit search's query path. */
export const AUDIT_QUERIES_PATH = '/security/auditLog/queries';
/** A query still not ended after this is given up and another started (Microsoft does not say how long one may run). */
export const QUERY_GIVE_UP_MS = DAY_MS;

/** The body of a new query of one service's records in [from, to] (the properties of auditLogQuery). */
export function auditQueryBody(service: ServiceId, from: number, to: number): Record<string, unknown> {
  return {
    filterStartDateTime: graphTime(from),
    filterEndDateTime: graphTime(to),
    serviceFilters: [serviceById(service).auditSearch.workload],
  };
}

/** The id and status of an auditLogQuery in Graph's answer, or undefined when the answer is not one. */
export function parseAuditQuery(body: string): { id: string; status: string } | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null) return undefined;
  const { id, status } = json as Record<string, unknown>;
  if (typeof id !== 'string' || !id || typeof status !== 'string') return undefined;
  return { id, status };
}

/** What a query's status means for the run: read its records, leave it running, or drop it. */
export function queryOutcome(status: string, startedAt: number, now: number): 'read' | 'wait' | 'failed' | 'stale' {
  if (status === 'succeeded') return 'read';
  if (status === 'notStarted' || status === 'running') return now - startedAt >= QUERY_GIVE_UP_MS ? 'stale' : 'wait';
  // failed, cancelled, and a status this code does not know yet (unknownFutureValue): the query will not be read.
  return 'failed';
}

/** The window of a service's next query: from where its events are read (never before the window) to now. */
export function nextWindow(record: AuditSearchRecord | undefined, since: number, now: number): { from: number; to: number } {
  return { from: Math.max(since, record?.coveredUntil ?? since), to: now };
}

/** Why a tenant's services' own events cannot be read at all, before anything is asked; undefined when they can. */
export function auditSearchBlocked(tenant: Pick<TenantRecord, 'cloud'>): CodedError | undefined {
  return AUDIT_SEARCH_CLOUDS.includes(tenant.cloud)
    ? undefined
    : { code: 'activity_audit_search_cloud', params: [phrase(CLOUD_LABELS[tenant.cloud])] };
}

export interface AuditSearchResult {
  added: number;
  /** Services whose query Microsoft is still running: their events come with a later run. */
  pending: ServiceId[];
  notes: CodedError[];
}

/** Writes under the caller's lease (a sync's) or as they are (the grant's backfill, under the grant's lease). */
export type LeasedWrite = <T>(write: () => Promise<T>) => Promise<T>;

/** Errors that are Graph's answer about the audit search, not about the grant: noted, and the run goes on. */
function isOptional(error: unknown): error is GraphError {
  return error instanceof GraphError && error.code !== 'graph_unauthorized' && error.code !== 'graph_host_not_allowed';
}

/** A copy of the record without the fields named (optional ones: a record is stored without what it does not have). */
function without(record: AuditSearchRecord, ...fields: Array<'query' | 'unavailable'>): AuditSearchRecord {
  const copy = { ...record };
  for (const field of fields) delete copy[field];
  return copy;
}

/** The ids of the tenant's stored Purview events from a second on, shared by the services of one run. */
interface KnownIds {
  from?: number;
  /** Shared as it is read: the first service to ask reads for all. */
  ids?: Promise<Set<string>>;
}

interface ServiceRun {
  deps: SyncDeps;
  tenantId: string;
  service: ServiceId;
  since: number;
  write: LeasedWrite;
  what: Param;
  known: KnownIds;
}

/**
 * The ids of the stored events a query from `from` can meet again (Graph is asked from the second of `from`: the
 * events stored since then may come again). Read once a run and shared by its services: a record's id comes back
 * only in its own service's query, so another service's ids in the set cost nothing but their room, while reading
 * them again for each service cost seconds at 100,000 events (the Purview bench row). Read again only for a query
 * from an earlier second; the ids each store adds are noted in the set (storeNewEvents).
 */
function knownFrom(run: ServiceRun, from: number): Promise<Set<string>> {
  const second = Math.floor(from / 1000) * 1000;
  const { known } = run;
  if (!known.ids || known.from === undefined || known.from > second) {
    known.ids = profiled('act-known', () => storedEventIds(run.deps.db, run.tenantId, 'auditSearch', second));
    known.from = second;
  }
  return known.ids;
}

/** The query's status, or `gone` when Graph no longer knows it (404). */
async function askStatus(run: ServiceRun, id: string): Promise<string> {
  const url = `${AUDIT_QUERIES_PATH}/${encodeURIComponent(id)}`;
  const answer = await graphRequest(run.deps, { url, what: run.what }, 'sync');
  if (answer.status === 404) return 'gone';
  if (answer.status !== 200) throw answerError(answer, run.what);
  const query = parseAuditQuery(answer.body);
  if (!query) throw new GraphError('graph_bad_response');
  return query.status;
}

/**
 * Store a succeeded query's records, page by page (never more than the page stored and the next one asked for are
 * held); returns how many were new. The next page is asked for while one is stored: at 100,000 events the fetches
 * then hide behind the writes instead of adding to them (the Purview bench row).
 */
async function readRecords(run: ServiceRun, id: string, from: number): Promise<number> {
  const { deps, tenantId, service, since } = run;
  const known = await knownFrom(run, from);
  const ask = (url: string): Promise<ListPage> =>
    profiled('act-fetch:auditSearch', async () => {
      const answer = await graphRequest(deps, { url, what: run.what }, 'sync');
      if (answer.status !== 200) throw answerError(answer, run.what);
      return parseListPage(answer.body, run.what, deps.graphHost);
    });
  let added = 0;
  for (let asked: Promise<ListPage> | undefined = ask(`${AUDIT_QUERIES_PATH}/${encodeURIComponent(id)}/records`); asked;) {
    const page: ListPage = await asked;
    asked = page.nextLink === undefined ? undefined : ask(page.nextLink);
    // A store that fails ends the read: the page asked for meanwhile is dropped, its failure with it.
    asked?.catch(() => undefined);
    const events = page.value
      .map((raw) => mapAuditRecord(tenantId, raw, service))
      .filter((event): event is ActivityEvent => event !== undefined && event.occurredAt >= since);
    if (anyNew(events, known))
      added += await profiled(`act-store:${events.length}`, () => run.write(() => storeNewEvents(deps.db, events, known)));
  }
  return added;
}

/** Start a query of the service's events in its next window; returns the query as kept. */
async function startQuery(run: ServiceRun, record: AuditSearchRecord | undefined): Promise<NonNullable<AuditSearchRecord['query']>> {
  const now = run.deps.now();
  const { from, to } = nextWindow(record, run.since, now);
  const answer = await graphRequest(
    run.deps,
    { url: AUDIT_QUERIES_PATH, method: 'POST', body: auditQueryBody(run.service, from, to), what: run.what },
    'sync',
  );
  if (answer.status !== 201 && answer.status !== 200) throw answerError(answer, run.what);
  const query = parseAuditQuery(answer.body);
  if (!query) throw new GraphError('graph_bad_response');
  return { id: query.id, from, to, startedAt: now };
}

/** One service's turn (see the module comment); returns events added and whether its query is still running. */
async function refreshService(run: ServiceRun, notes: CodedError[]): Promise<{ added: number; pending: boolean }> {
  const { deps, tenantId, service } = run;
  let record: AuditSearchRecord = (await auditSearchOf(deps.db, tenantId, service)) ?? { tenantId, service };
  const save = async (next: AuditSearchRecord): Promise<void> => {
    await run.write(() => putAuditSearch(deps.db, next));
    record = next;
  };
  /** A query's turn: read when it succeeded, noted and dropped when it will not be; how many events it added. */
  const collect = async (query: NonNullable<AuditSearchRecord['query']>): Promise<'wait' | { read: boolean; added: number }> => {
    const status = await askStatus(run, query.id);
    const outcome = status === 'gone' ? 'failed' : queryOutcome(status, query.startedAt, deps.now());
    if (outcome === 'wait') return 'wait';
    if (outcome === 'read') {
      const added = await readRecords(run, query.id, query.from);
      await save({ ...without(record, 'query', 'unavailable'), coveredUntil: query.to });
      return { read: true, added };
    }
    notes.push({ code: 'activity_audit_search_failed', params: [phrase(SERVICE_LABELS[service])] });
    await save(without(record, 'query'));
    return { read: false, added: 0 };
  };
  let added = 0;
  try {
    const before = record.query ? await collect(record.query) : undefined;
    if (before === 'wait') return { added, pending: true };
    added += before?.added ?? 0;
    const started = await startQuery(run, record);
    await save({ ...without(record, 'unavailable'), query: started });
    // A query was read in this run: the new one is for a later run (one read per run keeps a sync short).
    if (before?.read) return { added, pending: true };
    const now = await collect(started);
    if (now === 'wait') return { added, pending: true };
    return { added: added + now.added, pending: false };
  } catch (error) {
    if (!isOptional(error)) throw error;
    const note: CodedError = { code: 'activity_audit_search_unread', params: [phrase(SERVICE_LABELS[service]), brief(error.toData())] };
    notes.push(note);
    await save({ ...record, unavailable: note });
    return { added, pending: false };
  }
}

/**
 * Read the chosen services' own events of the window from `since` on (see the module comment). `scopes` are the
 * permissions the token holds: a service whose audit permission is not among them (a tenant granted before it was
 * asked for) is not asked, and noted. A national cloud is noted once and nothing is asked. Throws only what is about
 * the grant itself (a refused token, a link off the tenant's Graph, storage, a lost lease).
 */
export async function refreshAuditSearch(
  deps: SyncDeps,
  tenant: Pick<TenantRecord, 'tenantId' | 'cloud'>,
  services: readonly ServiceId[],
  scopes: readonly string[],
  since: number,
  write: LeasedWrite,
): Promise<AuditSearchResult> {
  const result: AuditSearchResult = { added: 0, pending: [], notes: [] };
  if (!services.length) return result;
  const blocked = auditSearchBlocked(tenant);
  if (blocked) {
    result.notes.push(blocked);
    for (const service of services)
      await write(() => putAuditSearch(deps.db, { tenantId: tenant.tenantId, service, unavailable: blocked }));
    return result;
  }
  const known: KnownIds = {};
  // The services' turns side by side (IndexedDB runs their writes one after another); the notes in the services' order.
  const turns = services.map(async (service): Promise<{ service: ServiceId; added: number; pending: boolean; notes: CodedError[] }> => {
    const label = phrase(SERVICE_LABELS[service]);
    if (!scopes.includes(serviceById(service).auditSearch.permission.scope)) {
      const note: CodedError = { code: 'activity_audit_search_not_granted', params: [label] };
      await write(() => putAuditSearch(deps.db, { tenantId: tenant.tenantId, service, unavailable: note }));
      return { service, added: 0, pending: false, notes: [note] };
    }
    const run: ServiceRun = { deps, tenantId: tenant.tenantId, service, since, write, what: phrase('sync_whatAuditSearch', label), known };
    const notes: CodedError[] = [];
    return { service, ...(await refreshService(run, notes)), notes };
  });
  // A turn that failed ends the run only once no other turn still writes.
  await settleAll(turns);
  for (const done of await Promise.all(turns)) {
    result.added += done.added;
    if (done.pending) result.pending.push(done.service);
    result.notes.push(...done.notes);
  }
  return result;
}
