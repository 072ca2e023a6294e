import { liveQuery } from 'dexie';
import { type DependencyList, useEffect, useState } from 'react';

/**
 * How often at most the console reads again what a sync keeps changing and is costly to read: a tenant's week of
 * activity. Not the tenants' statuses: paced, a card said "Not connected" up to a second after its sync said it had
 * succeeded (an end-to-end test caught it), and an admin should never see the two disagree.
 */
const CONSOLE_PACE_MS = 1000;

/**
 * Dexie's useLiveQuery, paced: the first value at once, and a change at once after a quiet while, but while the records
 * keep changing at most about two reads a `paceMs`. A sync stores the activity's pages and prunes the old ones many
 * times a second, and each store made the console read the whole week again and draw its chart anew, on the same two
 * cores as the storage engine (issue #18, docs/increment-profile.md). A change within `paceMs` of the last one is
 * shown, then the query rests until `paceMs` has passed and reads again: the last change is never missed, only shown
 * up to `paceMs` later.
 */
export function usePacedLiveQuery<T>(querier: () => Promise<T> | T, deps: DependencyList, paceMs = CONSOLE_PACE_MS): T | undefined {
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
