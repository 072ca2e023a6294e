import type { BrowserContext, Worker } from 'playwright-core';
import type { ProfileSpan } from '../../lib/sync/profile';

// `--profile`: the spans of each increment's work, recorded by the bench build's worker (lib/sync/profile.ts) and
// summed by phase here, so that a slow increment shows where its time went (docs/increment-profile.md).

function extensionWorker(context: BrowserContext, extensionId: string): Worker | undefined {
  return context.serviceWorkers().find((worker) => worker.url().startsWith(`chrome-extension://${extensionId}/`));
}

/** Ask the worker to record the next sync's spans (a worker started later records nothing: the run then says so). */
export async function startProfile(context: BrowserContext, extensionId: string): Promise<void> {
  await extensionWorker(context, extensionId)
    ?.evaluate(() => {
      (globalThis as Record<string, unknown>).__m365SyncProfile = [];
    })
    .catch(() => undefined);
}

/** The spans recorded since startProfile, and the worker stops recording. */
export async function readProfile(context: BrowserContext, extensionId: string): Promise<ProfileSpan[] | undefined> {
  return extensionWorker(context, extensionId)
    ?.evaluate(() => {
      const global = globalThis as Record<string, unknown>;
      const spans = global.__m365SyncProfile as ProfileSpan[] | undefined;
      delete global.__m365SyncProfile;
      return spans;
    })
    .catch(() => undefined);
}

export interface PhaseTotal {
  ms: number;
  count: number;
}

/** The phase of a span's label: its kind, with the collection for rounds and fetches (`tx:incremental:200` → `tx`). */
function phaseOf(label: string): string {
  const [kind, detail] = label.split(':');
  return kind === 'round' || kind === 'fetch' || kind === 'act-fetch' ? `${kind}:${detail}` : kind!;
}

/** Time and count per phase (spans of one phase may overlap: writes of a page are issued together). */
export function phaseTotals(spans: readonly ProfileSpan[]): Record<string, PhaseTotal> {
  const totals: Record<string, PhaseTotal> = {};
  for (const [label, , ms] of spans) {
    const total = (totals[phaseOf(label)] ??= { ms: 0, count: 0 });
    total.ms += ms;
    total.count++;
  }
  return totals;
}

/** One line for the console: the rounds, the transactions and the activity read beside them. */
export function profileLine(spans: readonly ProfileSpan[] | undefined): string {
  if (!spans?.length) return 'no profile (the worker restarted)';
  const totals = phaseTotals(spans);
  const part = (phase: string, what: string) => {
    const total = totals[phase];
    return total ? `${what} ${(total.ms / 1000).toFixed(2)} s` : undefined;
  };
  return [
    part('round:users', 'users'),
    part('round:groups', 'groups'),
    totals.tx ? `${totals.tx.count} transactions ${(totals.tx.ms / 1000).toFixed(2)} s` : undefined,
    part('backfillActivity', 'activity (beside them)'),
  ]
    .filter(Boolean)
    .join(', ');
}
