import type { GrantRun } from './types';

/** How long a finished grant stays on screen. */
const SHOWN_AFTER_SUCCESS_MS = 10 * 60_000;

/** The latest run, unless it was cancelled or succeeded a while ago (then there is nothing to follow). */
export function grantToShow(runs: readonly GrantRun[], now: number): GrantRun | undefined {
  const latest = [...runs].sort((a, b) => b.startedAt - a.startedAt)[0];
  if (!latest || latest.state === 'cancelled') return undefined;
  if (latest.state === 'succeeded' && (latest.finishedAt ?? 0) < now - SHOWN_AFTER_SUCCESS_MS) return undefined;
  return latest;
}
