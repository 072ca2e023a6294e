import type { Worker } from 'playwright-core';
import type { CommitHoldHook } from '../../../lib/sync/commit-hold';

/** Arm the test build's commit hold (lib/sync/commit-hold.ts): the worker holds the page after `after` pages open. */
export async function armCommitHold(worker: Worker, after: number): Promise<void> {
  await worker.evaluate(
    (hook: CommitHoldHook) => {
      (globalThis as Record<string, unknown>).__m365CommitHold = hook;
    },
    { after },
  );
}
