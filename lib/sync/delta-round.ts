import type { SyncResource, SyncRun } from '../db/types';
import { AppError } from '../errors/app-error';
import { commitDeltaPage, type RoundState, type RunCounters } from './commit';
import { parseDeltaPage } from './delta-page';
import { type PageAnswer, PageQueue } from './page-queue';
import { answerError, graphErrorCode, graphRequest, type GraphAnswer } from '../graph/transport';
import { renewLease, renewLeaseInTransaction } from '../lease/sync-lease';
import { putCheckpoint } from '../store/sync';
import { GROUP_SELECT, USER_SELECT } from './map';
import type { SyncDeps, SyncProgress } from './types';
import { type Phrase, phrase } from '../errors/phrase';
import { profiled } from './profile';

/**
 * Objects per delta page asked of Graph (`Prefer: odata.maxpagesize`). Microsoft documents no maximum for users or
 * groups delta (concepts/delta-query-overview.md: page sizes vary; `$top` unsupported); a larger preference than
 * Graph serves is capped by Graph, not refused, so asking for more costs nothing (see test/emulator/graph/delta.ts).
 */
export const MAX_PAGE_SIZE = 1000;
/**
 * Groups per page of a full read: each carries every member (60 on average in a 100,000-user tenant), so a page of
 * 1000 groups is 60,000 memberships held at once, and a re-read also holds the stored ones to compare: smaller pages
 * keep the worker's heap in budget, at the cost of a few more requests. An increment carries only the changes, so it
 * asks for the largest pages (fewer requests and transactions).
 */
export const GROUP_PAGE_SIZE = 250;
/**
 * Pages asked for ahead of the writes, and the most one transaction takes of those that have arrived, weighed in
 * objects and member links (pageWeight): Graph serves 200 objects or 500 member links a page
 * (test/emulator/graph/delta.ts), so an increment of 1,000 changes would otherwise be five transactions and a full read
 * of 10,000 users and their groups 170, each paying IndexedDB's fixed cost: the lease, the stored state, the
 * checkpoint, the run's progress, the commit (docs/increment-profile.md). An increment joins whatever has arrived up
 * to 5,000: a 1% increment of 100,000 users is 1,100 objects and about 1,700 member links, the member removals of
 * its deleted users in its group pages, and at 1,000 its groups took four transactions. Its groups' pages (seven: the
 * 1,400 groups its deleted users left) are all asked for while its users are written, so that they land in one
 * transaction: four ahead made that two. A full read joins less: its
 * transactions also hold the stored memberships of their groups, and the worker's heap is budgeted (the bench's
 * heap rows).
 */
export const INCREMENT_PAGES_AHEAD = 10;
export const INCREMENT_JOIN_WEIGHT = 5000;
export const FULL_PAGES_AHEAD = 3;
export const FULL_JOIN_WEIGHT = 2000;
/** Full reads restarted within one run after Graph refused a sync position, before the run gives up. */
export const MAX_RESTARTS = 2;

/** The caller asked to stop between pages: the checkpoint is where the next run resumes. */
export class StopRequested extends Error {
  override name = 'StopRequested';
}

/** The run as the rounds see it: who it is, what it has written, and its progress across rounds. */
export interface RunContext {
  deps: SyncDeps;
  tenantId: string;
  runId: number;
  leaseToken: string;
  kind: SyncRun['kind'];
  counters: RunCounters;
  /** Every round of this run, by collection: progress is their sum. */
  rounds: Partial<Record<SyncResource, RoundState>>;
  /** Users this run removed (see PageCommit.goneUsers); memory only: a resumed run reads as usual. */
  goneUsers?: Set<string>;
}

const SELECT: Record<SyncResource, readonly string[]> = { users: USER_SELECT, groups: GROUP_SELECT };
const WHAT: Readonly<Record<SyncResource, Phrase>> = { users: phrase('sync_whatUsers'), groups: phrase('sync_whatGroups') };

/** The first request of a full read: query options go here only; Graph carries them in its links. */
export function initialDeltaUrl(resource: SyncResource): string {
  return `/${resource}/delta?$select=${SELECT[resource].join(',')}`;
}

/** True for Graph's "start again" answers: 410 (resyncRequired / syncStateNotFound), or 400 syncStateNotFound. */
export function isResyncAnswer(answer: GraphAnswer): boolean {
  if (answer.status === 410) return true;
  const code = graphErrorCode(answer) ?? '';
  return answer.status === 400 && /^(syncStateNotFound|resyncRequired)$/i.test(code);
}

/** Progress across the run's rounds; the total only when every round knows one (full reads and their catch-up). */
export function runProgress(ctx: RunContext, resource?: SyncResource): SyncRun['progress'] {
  const rounds = Object.values(ctx.rounds);
  const done = rounds.reduce((sum, round) => sum + round.done, 0);
  const totals = rounds.map((round) => round.total);
  const total = totals.every((value) => value !== undefined) ? totals.reduce((sum, value) => sum + value, 0) : undefined;
  // A group with many members comes again on the next pages with the rest of them (concepts/delta-query-groups.md,
  // "Paging through members in a large group"), so pages can hold more objects than the collection's count.
  const shown = total !== undefined ? Math.min(done, total) : done;
  return { done: shown, ...(total !== undefined ? { total } : {}), ...(resource ? { resource } : {}) };
}

/** A collection's checkpoint back to "nothing read yet", in a transaction that proves the run's lease. */
async function forgetPosition(ctx: RunContext, resource: SyncResource): Promise<void> {
  const { deps } = ctx;
  const { db } = deps;
  await db.transaction('rw', [db.syncCheckpoints, db.leases], async () => {
    await renewLeaseInTransaction(db, ctx.tenantId, ctx.leaseToken, deps.now());
    await putCheckpoint(db, { tenantId: ctx.tenantId, resource, updatedAt: deps.now() });
  });
}

function leaseRenewer(ctx: RunContext): (waitMs: number) => Promise<void> {
  return (waitMs) => renewLease(ctx.deps.db, ctx.tenantId, ctx.leaseToken, ctx.deps.now() + waitMs);
}

/**
 * Graph's count of a collection (`$count`, eventual), for progress only. Throttling and outages are Graph's answer
 * to every request of the run, so they are not swallowed here: a 429 or 503/504 waits or defers the run exactly as
 * on a delta page (https://learn.microsoft.com/graph/throttling, microsoft-graph-docs-contrib concepts/throttling.md:
 * "wait the number of seconds specified in the Retry-After header" before the next request). Only a count Graph
 * answers but refuses (a 4xx) or words oddly leaves the round without a total.
 */
export async function countOf(ctx: RunContext, resource: SyncResource): Promise<number | undefined> {
  const answer = await graphRequest(
    ctx.deps,
    { url: `/${resource}/$count`, headers: { ConsistencyLevel: 'eventual' }, what: WHAT[resource] },
    'sync',
    leaseRenewer(ctx),
  );
  if (answer.status >= 500) throw answerError(answer, WHAT[resource]);
  const count = Number(answer.body.trim());
  return answer.status === 200 && answer.body.trim() !== '' && Number.isInteger(count) && count >= 0 ? count : undefined;
}

/** A new full round of one collection, with Graph's count for progress. */
export async function newFullRound(ctx: RunContext, resource: SyncResource): Promise<RoundState> {
  const total = await countOf(ctx, resource);
  return { resource, roundKind: 'full', roundId: crypto.randomUUID(), pages: 0, done: 0, ...(total !== undefined ? { total } : {}) };
}

async function fetchPage(ctx: RunContext, round: RoundState, link: string): Promise<PageAnswer> {
  const { deps } = ctx;
  const { resource } = round;
  const preferred = resource === 'groups' && round.roundKind === 'full' ? GROUP_PAGE_SIZE : MAX_PAGE_SIZE;
  const pageSize = Math.max(1, Math.min(preferred, deps.pageSize ?? preferred));
  const answer = await profiled(`fetch:${resource}`, () =>
    graphRequest(
      deps,
      { url: link, headers: { Prefer: `odata.maxpagesize=${pageSize}` }, what: WHAT[resource] },
      'sync',
      leaseRenewer(ctx),
    ),
  );
  if (isResyncAnswer(answer)) return 'resync';
  if (answer.status !== 200) throw answerError(answer, WHAT[resource]);
  return parseDeltaPage(answer.body, resource, deps.graphHost);
}

/**
 * Ask for a page now and read the answer later: the next page is asked for while this one is written, so Graph's
 * answer and IndexedDB's writes overlap. When the answer is never read (the page before it failed, or the caller
 * stopped) nothing of it is used: the checkpoint still says where to resume. Its failure is reported when it is read.
 */
function requestPage(ctx: RunContext, round: RoundState, link: string): Promise<PageAnswer> {
  const answer = fetchPage(ctx, round, link);
  answer.catch(() => undefined);
  return answer;
}

/** How far a round's pages are asked ahead, and how much of them one transaction takes (see INCREMENT_PAGES_AHEAD). */
function paging(ctx: RunContext, round: RoundState): { ahead: number; joinWeight: number } {
  if (round.roundKind === 'incremental') return { ahead: INCREMENT_PAGES_AHEAD, joinWeight: INCREMENT_JOIN_WEIGHT };
  return ctx.deps.fullReadPageByPage ? { ahead: 1, joinWeight: 0 } : { ahead: FULL_PAGES_AHEAD, joinWeight: FULL_JOIN_WEIGHT };
}

/** A round's pages from `link`, asked for at once and ahead of the writes (an increment's further ahead). */
export function roundPages(ctx: RunContext, round: RoundState, link: string): PageQueue {
  const { ahead } = paging(ctx, round);
  return new PageQueue((next) => requestPage(ctx, round, next), ahead, requestPage(ctx, round, link));
}

/**
 * Follow one collection's round from `link` to its deltaLink, committing page by page; a full read is followed by
 * one catch-up increment. A refused sync position (410) restarts it as a full read that keeps the old mirror until
 * its last page sweeps. Returns false when the caller asked to stop after the round's last page (true: go on).
 */
export async function runRound(ctx: RunContext, start: RoundState, link: string, asked?: PageQueue): Promise<boolean> {
  const { deps, tenantId } = ctx;
  let round = start;
  let pages = asked ?? roundPages(ctx, round, link);
  let restarts = 0;
  ctx.rounds[round.resource] = round;
  for (;;) {
    const taken = await profiled('await-page', () => pages.take(paging(ctx, round).joinWeight));
    const page = taken.page;
    if (page === 'resync') {
      if (++restarts > MAX_RESTARTS) throw new AppError('sync_delta_refused');
      // Forget the refused position now, so that a stop before the first page of the new read does not retry it
      // (under the lease, as every write of a run: after Disconnect it writes nothing).
      await forgetPosition(ctx, round.resource);
      round = await newFullRound(ctx, round.resource);
      ctx.rounds[round.resource] = round;
      ctx.kind = 'full';
      pages = roundPages(ctx, round, initialDeltaUrl(round.resource));
      continue;
    }
    const committed: RoundState = { ...round, pages: round.pages + taken.pages, done: round.done + page.items.length };
    const rounds = { ...ctx.rounds, [round.resource]: committed };
    const learnt = await commitDeltaPage(deps.db, {
      tenantId,
      runId: ctx.runId,
      leaseToken: ctx.leaseToken,
      now: deps.now(),
      round,
      page,
      pages: taken.pages,
      counters: ctx.counters,
      run: { kind: ctx.kind, progress: runProgress({ ...ctx, rounds }, round.resource) },
      ...(ctx.goneUsers ? { goneUsers: ctx.goneUsers } : {}),
    });
    round = { ...committed, ...learnt };
    ctx.rounds[round.resource] = round;
    const progress: SyncProgress = { tenantId, runId: ctx.runId, ...runProgress(ctx, round.resource) };
    const goOn = (await deps.checkpointReached?.(progress)) ?? true;
    if (page.nextLink !== undefined) {
      if (!goOn) throw new StopRequested();
      continue;
    }
    if (!goOn || round.roundKind === 'incremental' || page.deltaLink === undefined) return goOn;
    // A full read is Graph's picture as of its first page: follow its deltaLink once at once, so that what changed
    // while it ran (a user deleted after its page was read) is applied by this run, not the next one.
    round = {
      resource: round.resource,
      roundKind: 'incremental',
      pages: 0,
      done: round.done,
      ...(round.total !== undefined ? { total: round.total } : {}),
    };
    ctx.rounds[round.resource] = round;
    pages = roundPages(ctx, round, page.deltaLink);
  }
}
