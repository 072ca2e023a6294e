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

/** A LiveValue read once at once, which follows the records only from `follow()` on. */
export interface ReadThenFollow<T> extends LiveValue<T> {
  /** Start the live query; its values replace the first read's. Called once the first value is on screen. */
  follow: () => void;
}

/**
 * `querier` run at once, as a plain read, then (from `follow()`, after the first paint) as a Dexie live query. A live
 * query starts on a timer (Dexie's liveQuery: `setTimeout(doQuery, 0)`), so its first read waited behind React's
 * first render, and the IndexedDB open behind that; the popup's rows waited for both (issue #17, docs/popup-profile.md).
 * `followed`, when given, is what the live query reads instead: the whole of what the first read left out for later
 * (the popup's first read counts the users of the tenants on its first screen only).
 */
export function readThenFollow<T>(querier: () => Promise<T>, followed: () => Promise<T> = querier): ReadThenFollow<T> {
  let live = false;
  let following = false;
  let set: (value: T) => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const value = liveValue<T>((s, f) => ((set = s), (fail = f)));
  // A live value already known is newer than the first read's.
  querier().then(
    (first) => live || set(first),
    (error: unknown) => live || fail(error),
  );
  return {
    ...value,
    follow: () => {
      if (following) return;
      following = true;
      liveQuery(followed).subscribe({
        next: (next) => ((live = true), set(next)),
        error: (error: unknown) => ((live = true), fail(error)),
      });
    },
  };
}

/**
 * Call `then` once: when every value is known (or has failed), or after `waitMs` at the latest. The popup renders
 * once, with its rows, instead of a spinner that React's first render would make the rows wait behind.
 */
export function whenKnown(values: ReadonlyArray<LiveValue<unknown>>, waitMs: number, then: () => void): void {
  let called = false;
  const unsubscribe: Array<() => void> = [];
  const call = () => {
    if (called) return;
    called = true;
    clearTimeout(timer);
    unsubscribe.forEach((stop) => stop());
    then();
  };
  const check = () => values.every((value) => value.current() !== undefined || value.error() !== undefined) && call();
  const timer = setTimeout(call, waitMs);
  for (const value of values) unsubscribe.push(value.subscribe(check));
  check();
}

/** The value as it is now (undefined until known); a component re-renders when it changes. */
export function useLiveValue<T>(live: LiveValue<T>): T | undefined {
  const value = useSyncExternalStore(live.subscribe, live.current);
  const error = useSyncExternalStore(live.subscribe, live.error);
  if (error !== undefined) throw error;
  return value;
}
