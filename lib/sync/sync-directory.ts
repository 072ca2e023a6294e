import Dexie from 'dexie';
import type { SyncCheckpoint, SyncRun, SyncTrigger, TenantRecord } from '../db/types';
import { readCheckpoints } from '../store/sync';
import { type ErrorData, GraphError, toErrorData } from '../errors/app-error';
import { isStorageFull, storageFailureCode } from '../errors/storage-full';
import { assertGraphUrl } from '../graph/host-guard';
import { emptyCounters, type RoundState } from './commit';
import { initialDeltaUrl, newFullRound, roundPages, runProgress, runRound, StopRequested, type RunContext } from './delta-round';
import { keepRenewing } from '../lease/lease';
import { acquireLease, finishRun, renewLease } from '../lease/sync-lease';
import { planSync, type ResourceStep } from './plan';
import { syncSelected } from './selected';
import { ACTIVITY_DAYS, backfillActivity, pruneActivity } from './activity';
import type { SyncDeps } from './types';
import { profiled } from './profile';
import { recordUnrecordedEnd } from './unrecorded-end';

/** Where a planned step starts: its round (a new full read fetches Graph's count first) and the first link. */
async function startOf(
  ctx: RunContext,
  step: ResourceStep,
  checkpoint: SyncCheckpoint | undefined,
): Promise<{ round: RoundState; link: string }> {
  const { resource } = step;
  if (step.mode === 'incremental') return { round: { resource, roundKind: 'incremental', pages: 0, done: 0 }, link: step.link };
  // A full round resumes only when its seen rows can be read: one begun by an older version starts again.
  const resumable = checkpoint?.roundId !== undefined && (checkpoint.seenKeys === true || checkpoint.intoEmpty === true);
  if (step.mode === 'resume' && (step.roundKind === 'incremental' || resumable)) {
    const round: RoundState = {
      resource,
      roundKind: step.roundKind,
      pages: checkpoint?.pages ?? 0,
      done: checkpoint?.done ?? 0,
      ...(checkpoint?.roundId !== undefined ? { roundId: checkpoint.roundId } : {}),
      ...(checkpoint?.intoEmpty ? { intoEmpty: true } : {}),
      ...(checkpoint?.total !== undefined ? { total: checkpoint.total } : {}),
    };
    return { round, link: step.link };
  }
  return { round: await newFullRound(ctx, resource), link: initialDeltaUrl(resource) };
}

/** A run's end when it did not succeed. */
type RunEnd = Pick<SyncRun, 'outcome' | 'reasonCode' | 'reasonParams' | 'reasonIds' | 'resumeAt'>;

/** An error IndexedDB gave (Dexie's), or one that wraps a full disk. */
function isStorageError(error: unknown): boolean {
  return error instanceof Dexie.DexieError || isStorageFull(error);
}

/** The outcome of a run that did not succeed, from what stopped it. */
async function endOf(error: unknown, now: number): Promise<RunEnd> {
  if (error instanceof StopRequested) return { outcome: 'stopped', reasonCode: 'sync_stopped' };
  if (error instanceof GraphError && error.retryAfterSeconds !== undefined) {
    return { outcome: 'deferred', ...reasonOf(error.toData()), resumeAt: now + error.retryAfterSeconds * 1000 };
  }
  if (isStorageError(error)) {
    const code = await storageFailureCode(error);
    return code === 'storage_full'
      ? { outcome: 'failed', reasonCode: code }
      : { outcome: 'failed', reasonCode: code, reasonParams: [(error as Error).name] };
  }
  return { outcome: 'failed', ...reasonOf(toErrorData(error)) };
}

/** A run's reason fields from an error's data: the code, what fills it and Microsoft's ids, never words. */
function reasonOf(data: ErrorData): Pick<SyncRun, 'reasonCode' | 'reasonParams' | 'reasonIds'> {
  return { reasonCode: data.code, ...(data.params && { reasonParams: data.params }), ...(data.ids && { reasonIds: data.ids }) };
}

/**
 * Sync the tenant's directory mirror once: full, incremental, a resumed round, or the selected scope, as planSync
 * decides. Returns the run record (also kept in `syncRuns`). When something else holds the tenant's lease (a sync, a
 * grant), returns an unsaved `deferred` run whose resumeAt is when that lease expires. `grantRunId`: the grant whose
 * directory sync this is (trigger `grant`); it runs under that grant's lease.
 */
export async function syncDirectory(deps: SyncDeps, tenant: TenantRecord, trigger: SyncTrigger, grantRunId?: string): Promise<SyncRun> {
  const { tenantId } = tenant;
  // The end of an earlier run that a full disk kept from being written goes to its record first, its lease with it.
  if (deps.unrecordedEnds) await recordUnrecordedEnd(deps.db, deps.unrecordedEnds, tenantId);
  const startedAt = deps.now();
  const checkpoints = await profiled('readCheckpoints', () => readCheckpoints(deps.db, tenantId));
  const plan = planSync(checkpoints, tenant.syncScope, startedAt);
  const counters = emptyCounters();
  const run: Omit<SyncRun, 'id'> = {
    tenantId,
    kind: plan.kind,
    trigger,
    startedAt,
    outcome: 'running',
    ...counters,
    progress: { done: 0 },
  };
  const lease = await profiled('acquireLease', () => acquireLease(deps.db, run, deps.ownerId, crypto.randomUUID(), startedAt, grantRunId));
  if (!lease.ok) {
    return {
      ...run,
      outcome: 'deferred',
      reasonCode: lease.code,
      resumeAt: lease.expiresAt,
    };
  }
  const { token } = lease;
  const ctx: RunContext = {
    deps,
    tenantId,
    runId: lease.runId,
    leaseToken: token,
    kind: plan.kind,
    counters,
    rounds: {},
    goneUsers: new Set(),
  };
  let end: RunEnd = { outcome: 'success' };
  // The run's first storage failure, judged when it happens. A write refused on a full disk makes Chromium close the
  // database, and the run's other writes then end on a bare AbortError, sometimes only after the admin has freed
  // space, when the storage estimate no longer shows the disk full (the full-disk e2e, docs/increment-profile.md).
  let storageEnd: Promise<RunEnd> | undefined;
  const judgeStorage = (error: unknown): void => {
    if (isStorageError(error)) storageEnd ??= endOf(error, deps.now());
  };
  const endFrom = (error: unknown): Promise<RunEnd> => {
    judgeStorage(error);
    return isStorageError(error) && storageEnd ? storageEnd : endOf(error, deps.now());
  };
  // Between pages too: a slow Graph answer must not let the lease run out under a live run.
  const stopRenewing = keepRenewing({ renew: () => renewLease(deps.db, tenantId, token, deps.now()), keepAlive: deps.keepAlive });
  // The activity since the last read, under the same lease, read beside the directory's rounds: Graph answers its
  // logs while the mirror is written (the run waits for both). The grant's sync skips it: its own step reads it next
  // and tells the admin what could not be read; here a log that cannot be read leaves the run a success (the
  // activity is a view of the past, no status depends on it), and a refused token fails it like any other read.
  let activity: Promise<unknown> | undefined;
  try {
    // Whatever becomes of the run, the activity past the window goes (a tenant whose syncs fail keeps nothing older).
    await profiled('pruneActivity', () => pruneActivity(deps, tenantId));
    // Stored links are checked before anything is asked of Graph (a tampered or stale-cloud checkpoint).
    if (plan.kind !== 'selected') for (const step of plan.steps) if (step.mode !== 'full') assertGraphUrl(step.link, deps.graphHost);
    if (trigger !== 'grant') {
      activity = profiled('backfillActivity', () => backfillActivity(deps, tenant, ACTIVITY_DAYS, token, undefined, judgeStorage));
      // Read below, after the rounds: a failure of the rounds is the run's reason, not the activity's (but a full disk
      // the activity met first is the run's reason).
      activity.catch(judgeStorage);
    }
    if (plan.kind === 'selected') {
      if (tenant.syncScope.mode === 'selected') await syncSelected(ctx, tenant.syncScope);
    } else {
      const starts: Array<{ round: RoundState; link: string }> = [];
      for (const step of plan.steps) {
        const start = await startOf(ctx, step, checkpoints[step.resource]);
        ctx.rounds[step.resource] = start.round;
        starts.push(start);
      }
      // An increment's rounds are short: each is asked for at once, its pages read ahead while the rounds before it
      // are written, and taken when its round comes.
      const asked = starts.map((start) => (start.round.roundKind === 'incremental' ? roundPages(ctx, start.round, start.link) : undefined));
      for (const [index, start] of starts.entries()) {
        const goOn = await profiled(`round:${start.round.resource}`, () => runRound(ctx, start.round, start.link, asked[index]));
        if (!goOn && index < starts.length - 1) throw new StopRequested();
      }
    }
    await activity;
  } catch (error) {
    end = await endFrom(error);
  } finally {
    // The run closes (and gives its lease back) only once the activity read has stopped writing.
    await activity?.catch(() => undefined);
    await stopRenewing();
  }
  const finishedAt = deps.now();
  const final: Partial<SyncRun> = {
    ...ctx.counters,
    ...end,
    kind: ctx.kind,
    finishedAt,
    durationMs: finishedAt - startedAt,
    progress: runProgress(ctx),
  };
  try {
    // Closed before its lease goes, in one transaction: a failed write never leaves the run open and "Sync now" off.
    await profiled('finishRun', () => finishRun(deps.db, tenantId, ctx.runId, token, final));
  } catch (error) {
    // The record could not be closed, nor perhaps its lease given back (a full disk): the end is kept where no disk
    // is needed, for the console and for the next run to write, and the caller learns why.
    const ended = { ...final, ...(await endFrom(error)) };
    await deps.unrecordedEnds?.put({ tenantId, runId: ctx.runId, token, patch: ended });
    return { ...run, ...ended, id: ctx.runId };
  }
  return { ...run, ...final, id: ctx.runId };
}
