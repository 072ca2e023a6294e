import type { AppDB } from '../db/app-db';
import type { ServiceId, SyncResource, SyncRun } from '../db/types';
import type { GraphTransport } from '../graph/transport';
import type { CodedError } from '../errors/phrase';
import type { UnrecordedEnds } from './unrecorded-end';

/**
 * What a sync needs from the outside world: storage, Graph (the transport of lib/graph/transport.ts: its client, the
 * tenant's Graph origin that every link Graph hands back must point to, the clock and the sleep between retries),
 * and the caller's say on stopping.
 */
export interface SyncDeps extends GraphTransport {
  db: AppDB;
  /** Called after every committed page (the worker uses it to stay alive and to stop): return false to stop now. */
  checkpointReached?(progress: SyncProgress): Promise<boolean> | boolean;
  /** Keeps the worker alive while the sync waits for Graph (lib/lease/keep-alive.ts in the worker). */
  keepAlive?: () => Promise<void>;
  /** Lease owner: the worker or page running the sync. */
  ownerId: string;
  /** Objects per delta page asked of Graph (`Prefer: odata.maxpagesize`); default MAX_PAGE_SIZE (Graph caps it). */
  pageSize?: number;
  /**
   * A full read's pages one a transaction, one asked ahead (tests of what happens between pages); by default they are
   * joined as they arrive (FULL_JOIN_WEIGHT in lib/sync/delta-round.ts).
   */
  fullReadPageByPage?: boolean;
  /** Where a run's end IndexedDB refused to record is kept until it can be (lib/sync/unrecorded-end.ts). */
  unrecordedEnds?: UnrecordedEnds;
}

/** Where a running sync stands, after each committed page. */
export interface SyncProgress {
  tenantId: string;
  runId: number;
  resource?: SyncResource;
  /** Objects applied so far (users and groups). */
  done: number;
  /** Graph's count at the start of a full read; absent for increments. */
  total?: number;
}

export interface ActivityBackfillResult {
  /** New events stored. */
  added: number;
  /** Events older than the window that were removed. */
  pruned: number;
  /** False when sign-in logs could not be read (no Entra ID P1/P2, a missing role, an outage...): see `notes`. */
  signInsAvailable: boolean;
  /** False when directory audits could not be read: see `notes`. */
  auditsAvailable: boolean;
  /** What could not be read, as errors (the UI words them), when something could not. */
  notes?: CodedError[];
  /** Services whose Purview audit search Microsoft is still running: their own events come with a later sync. */
  auditSearchPending?: ServiceId[];
}

/** What a run has written so far: the counts kept on its SyncRun record. */
export type RunCounters = Pick<
  SyncRun,
  'usersWritten' | 'groupsWritten' | 'usersRemoved' | 'groupsRemoved' | 'membershipsWritten' | 'membershipsRemoved'
>;
