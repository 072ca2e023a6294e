import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import type { RequestRecord } from '../emulator/types';

// `--profile`: the local tenant answers from the bench's own Node process, so its pauses (a garbage collection, a
// slow handler) hold every request in flight at that moment. Watched for each increment, so that a slow fetch in the
// worker's spans can be told from the extension's own time (docs/increment-profile.md).

export interface TenantPauses {
  /** Garbage collections while watched: their number, total and longest pause. */
  gcCount: number;
  gcMs: number;
  longestGcMs: number;
  /** The longest time the process's event loop could not answer (a request waits at least that long). */
  longestStallMs: number;
  /** The three requests the local tenant took longest over (its own work, with the waits inside it). */
  slowest: Array<{ request: string; workMs: number }>;
}

/** Start watching; `stop()` returns what was seen since. `requests`: the local tenant's request log. */
export function watchTenantPauses(requests: () => RequestRecord[]): { stop(): TenantPauses } {
  const since = Date.now();
  const pauses: TenantPauses = { gcCount: 0, gcMs: 0, longestGcMs: 0, longestStallMs: 0, slowest: [] };
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      pauses.gcCount++;
      pauses.gcMs += entry.duration;
      pauses.longestGcMs = Math.max(pauses.longestGcMs, entry.duration);
    }
  });
  gc.observe({ entryTypes: ['gc'] });
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  return {
    stop() {
      gc.disconnect();
      loop.disable();
      pauses.longestStallMs = loop.max / 1e6;
      pauses.gcMs = Math.round(pauses.gcMs);
      pauses.longestGcMs = Math.round(pauses.longestGcMs);
      pauses.longestStallMs = Math.round(pauses.longestStallMs);
      pauses.slowest = requests()
        .filter((record) => record.time >= since && record.workMs !== undefined)
        .sort((a, b) => b.workMs! - a.workMs!)
        .slice(0, 3)
        .map((record) => ({ request: `${record.method} ${record.path.replace('/v1.0', '')}`, workMs: record.workMs! }));
      return pauses;
    },
  };
}

/** For the console line. */
export function pausesLine(pauses: TenantPauses): string {
  const slowest = pauses.slowest.map(({ request, workMs }) => `${request} ${workMs} ms`).join(', ');
  return `local tenant: ${pauses.gcCount} GCs ${pauses.gcMs} ms (longest ${pauses.longestGcMs} ms), longest stall ${pauses.longestStallMs} ms; slowest: ${slowest}`;
}
