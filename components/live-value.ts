import { liveQuery } from 'dexie';
import { useSyncExternalStore } from 'react';

/** A value that arrives later and may change, started outside React and read by components with useLiveValue. */
export interface LiveValue<T> {
  subscribe: (listener: () => void) => () => void;
  current: () => T | undefined;
  /** Thrown by useLiveValue, as useLiveQuery throws a failed query's error. */
  error: () => Error | undefined;
}

/** A LiveValue fed by `start`, which calls `set` each time the value is known anew; it lives as long as the page. */
export function liveValue<T>(start: (set: (value: T) => void, fail: (error: unknown) => void) => void): LiveValue<T> {
  let value: T | undefined;
  let failure: Error | undefined;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  start(
    (next) => {
      value = next;
      failure = undefined;
      notify();
    },
    (error) => {
      failure = error instanceof Error ? error : new Error(String(error));
      notify();
    },
  );
  return {
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    current: () => value,
    error: () => failure,
  };
}

/**
 * A Dexie live query started at once, when a page's script runs, rather than in an effect after React's first
 * commit (useLiveQuery): the popup's rows render as soon as IndexedDB answers.
 */
export function startLiveQuery<T>(querier: () => Promise<T>): LiveValue<T> {
  return liveValue<T>((set, fail) => liveQuery(querier).subscribe({ next: set, error: fail }));
}

/** The value as it is now (undefined until known); a component re-renders when it changes. */
export function useLiveValue<T>(live: LiveValue<T>): T | undefined {
  const value = useSyncExternalStore(live.subscribe, live.current);
  const error = useSyncExternalStore(live.subscribe, live.error);
  if (error !== undefined) throw error;
  return value;
}
