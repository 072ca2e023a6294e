import { liveQuery } from 'dexie';
import { type DependencyList, useEffect, useState } from 'react';

/** How often at most the console reads again what a sync keeps changing (its tenants, statuses and activity). */
export const CONSOLE_PACE_MS = 1000;

/**
 * Dexie's useLiveQuery, paced: the first value at once, and a change at once after a quiet while, but while the records
 * keep changing at most about two reads a `paceMs`. A sync writes its run, its lease and the activity's pages many
 * times a second, and each write made the console read again and render every page element anew: a second of the
 * console's main thread in a 2.5-second increment, beside the storage engine on a two-core machine (issue #18,
 * docs/increment-profile.md). A change within `paceMs` of the last one is shown, then the query rests until `paceMs`
 * has passed and reads again: the last change is never missed, only shown up to `paceMs` later.
 */
export function usePacedLiveQuery<T>(querier: () => Promise<T> | T, deps: DependencyList, paceMs: number): T | undefined {
  const [state, setState] = useState<{ value?: T; error?: Error }>({});
  useEffect(() => {
    let subscription: { unsubscribe: () => void } | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastAt = -Infinity;
    const subscribe = () => {
      timer = undefined;
      let first = true;
      subscription = liveQuery(querier).subscribe({
        next: (value) => {
          setState({ value });
          const now = performance.now();
          const soon = !first && now - lastAt < paceMs;
          first = false;
          lastAt = now;
          if (!soon) return;
          subscription?.unsubscribe();
          subscription = undefined;
          timer = setTimeout(subscribe, paceMs);
        },
        error: (error: unknown) => setState({ error: error instanceof Error ? error : new Error(String(error)) }),
      });
    };
    subscribe();
    return () => {
      subscription?.unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
    // The querier is a new function at each render; `deps` say when it reads something else (as useLiveQuery's).
  }, [...deps, paceMs]);
  if (state.error !== undefined) throw state.error;
  return state.value;
}
