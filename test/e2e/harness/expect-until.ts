import type { Page } from 'playwright-core';

export interface UntilOptions {
  /** How long to keep asking (ms); default 20 s. */
  timeout?: number;
  /** Pause between two readings (ms); default 100. */
  interval?: number;
  /** What the test waits for, for the failure message. */
  what?: string;
}

/**
 * Read `read()` until `accept` holds for what it returns, and return that value: the harness's one way to wait for
 * something to happen, instead of sleeping a fixed time. Fails after `timeout` with the last value read (or the last
 * error `read` threw), so a failure says what the screen showed instead.
 */
export async function until<T>(read: () => Promise<T> | T, accept: (value: T) => boolean, options: UntilOptions = {}): Promise<T> {
  const { timeout = 20_000, interval = 100, what = 'the condition' } = options;
  const deadline = Date.now() + timeout;
  let last: { value?: T; error?: unknown } = {};
  for (;;) {
    try {
      const value = await read();
      if (accept(value)) return value;
      last = { value };
    } catch (error) {
      last = { error };
    }
    if (Date.now() >= deadline) {
      const seen = 'error' in last ? `the last reading failed: ${String(last.error)}` : `last seen: ${JSON.stringify(last.value)}`;
      throw new Error(`Waited ${timeout} ms for ${what}; ${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/**
 * Wait until nothing on the page moves: no CSS transition or animation still running (Fluent animates colours and
 * sizes), read from the page's own Web Animations list rather than guessed with a sleep.
 */
export async function untilSettled(page: Page, options: UntilOptions = {}): Promise<void> {
  await until(
    () =>
      page.evaluate(
        () =>
          document.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getComputedTiming().iterations !== Infinity).length,
      ),
    (running) => running === 0,
    { what: 'running transitions to end', interval: 50, timeout: 5_000, ...options },
  );
}
