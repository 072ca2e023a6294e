import type { Client } from '@microsoft/microsoft-graph-client';
import type { AppDB } from '../db/app-db';
import type { ServiceId, SyncResource } from '../db/types';
import type { CodedError } from '../i18n/phrase';

/** What a sync needs from the outside world: storage, Graph, time and the caller's say on stopping. */
export interface SyncDeps {
  db: AppDB;
  /** From lib/graph/client.ts `createGraphClient({ graphHost, getAccessToken })`. */
  graph: Client;
  /** The tenant's Graph origin: every link Graph hands back must point here before it is followed. */
  graphHost: string;
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Called after every committed page (the worker uses it to stay alive and to stop): return false to stop now. */
  checkpointReached?(progress: SyncProgress): Promise<boolean> | boolean;
  /** Lease owner: the worker or page running the sync. */
  ownerId: string;
  /** Objects per delta page asked of Graph (`Prefer: odata.maxpagesize`); default MAX_PAGE_SIZE (Graph caps it). */
  pageSize?: number;
  /** Jitter source for backoff; default Math.random. */
  random?(): number;
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
}

export type ServiceHealthState = 'operational' | 'degraded' | 'unknown';

export interface ServiceHealthEntry {
  service: ServiceId;
  /** Microsoft's own status value, e.g. `serviceDegradation`; absent when the service was not listed. */
  status?: string;
  state: ServiceHealthState;
}

export interface ServiceHealthSummary {
  services: ServiceHealthEntry[];
  /** True when every service is operational. */
  allOperational: boolean;
}
