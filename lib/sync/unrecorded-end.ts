import type { AppDB } from '../db/app-db';
import type { SyncRun } from '../db/types';
import { finishRun } from '../lease/sync-lease';

/**
 * The end of a sync run that IndexedDB refused to record. On a full disk Chromium refuses the page's commit, then
 * closes the extension's database and cannot open it again until space is freed (measured in Debian's Chromium
 * 2026-12 with its profile on a full tmpfs: `QuotaExceededError: Encountered full disk while opening backing store`),
 * so the run's closing write and even the release of its lease fail: the run read as running, and "Sync now" stayed
 * off, until the lease ran out and the next run closed it as merely stopped. Its end is kept instead where no disk is
 * needed, `chrome.storage.session` (memory, for this browser session), for the console to show, and written to the
 * run (its lease given back) by the tenant's next sync, once there is space again.
 */
export interface UnrecordedEnd {
  tenantId: string;
  runId: number;
  /** The run's lease token: only this run's lease is given back with it. */
  token: string;
  /** What closes the run: its outcome, reason code and counters (never words). */
  patch: Partial<SyncRun>;
}

/** Where unrecorded ends are kept (the worker's is chrome.storage.session; tests pass a map). */
export interface UnrecordedEnds {
  get(tenantId: string): Promise<UnrecordedEnd | undefined>;
  put(end: UnrecordedEnd): Promise<void>;
  remove(tenantId: string, runId: number): Promise<void>;
}

/** An in-memory store (tests, and callers without chrome.storage). */
export function unrecordedEndsInMemory(): UnrecordedEnds {
  const ends = new Map<string, UnrecordedEnd>();
  return {
    get: (tenantId) => Promise.resolve(ends.get(tenantId)),
    put: (end) => Promise.resolve(void ends.set(end.tenantId, end)),
    remove: (tenantId, runId) => Promise.resolve(void (ends.get(tenantId)?.runId === runId && ends.delete(tenantId))),
  };
}

/** The run as it ended: its record with the unrecorded end laid over it while the record still reads as running. */
export function withUnrecordedEnd<T extends Pick<SyncRun, 'id' | 'outcome'>>(
  run: T | undefined,
  end: UnrecordedEnd | undefined,
): T | undefined {
  if (!run || !end || run.id !== end.runId || run.outcome !== 'running') return run;
  return { ...run, ...end.patch };
}

/**
 * Write the tenant's unrecorded end to its run and give back its lease (when still the run's), then forget it. Throws
 * while IndexedDB still refuses (the disk still full): the end stays kept.
 */
export async function recordUnrecordedEnd(db: AppDB, ends: UnrecordedEnds, tenantId: string): Promise<void> {
  const end = await ends.get(tenantId);
  if (!end) return;
  await finishRun(db, tenantId, end.runId, end.token, end.patch);
  await ends.remove(tenantId, end.runId);
}
