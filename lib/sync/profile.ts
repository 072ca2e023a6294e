import { buildSettings } from '../config/build-settings';

/**
 * Bench builds only (`buildSettings.syncProfile`): the spans of a sync's work (each page's fetch, reads, writes and
 * transaction, the activity read), recorded when the bench sets `globalThis.__m365SyncProfile = []` in the worker and
 * read back after the run (`npm run bench -- --only sync --profile`; docs/increment-profile.md). Labels and times
 * only: never a record, an id or a link. Every other build runs the work as it is.
 */
export type ProfileSpan = [label: string, startedAt: number, ms: number];

/** The global the bench sets in the worker. */
export const SYNC_PROFILE_GLOBAL = '__m365SyncProfile';

export async function profiled<T>(label: string, work: () => Promise<T>, enabled: boolean = buildSettings.syncProfile): Promise<T> {
  const spans = enabled ? ((globalThis as Record<string, unknown>)[SYNC_PROFILE_GLOBAL] as ProfileSpan[] | undefined) : undefined;
  if (!spans) return work();
  const start = performance.now();
  try {
    return await work();
  } finally {
    spans.push([label, Math.round(performance.timeOrigin + start), Math.round(performance.now() - start)]);
  }
}
