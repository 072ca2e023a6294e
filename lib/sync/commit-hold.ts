import { buildSettings } from '../config/build-settings';

/**
 * Test builds only (`buildSettings.faultHooks`): an end-to-end test arms this in the worker, through DevTools'
 * evaluate, to hold one page's transaction open after its writes are issued, and stops the worker meanwhile
 * (test/e2e/faults.test.ts). No timing reaches inside a transaction that lasts milliseconds; this does, so the test
 * proves that a worker stopped mid-commit leaves the page all-or-nothing. A module-free global on purpose: the
 * stopped worker forgets the hook, and the resumed sync runs free.
 */
export interface CommitHoldHook {
  /** Pages to commit before the one held; counted down by each commit. */
  after: number;
  /** Written by the hold: the run and the ids of the objects of the page held open. */
  held?: { runId: number; ids: string[] };
  /** Set by the test to let the held page go on (it goes on by itself after MAX_HOLD_MS). */
  released?: boolean;
}

/** The global the test sets: `globalThis.__m365CommitHold = { after: 1 }`. */
export const COMMIT_HOLD_GLOBAL = '__m365CommitHold';
/** A forgotten hook never holds a sync longer than this. */
const MAX_HOLD_MS = 30_000;

/**
 * Inside a page's transaction, after its writes: when a test armed the hook and this is its page, keep the
 * transaction open with `keepOpen` (a read in the transaction: IndexedDB commits a transaction once no request is
 * pending) until released. Returns at once in every other case.
 */
export async function holdCommitIfArmed(
  held: { runId: number; ids: string[] },
  keepOpen: () => Promise<unknown>,
  now: () => number,
  enabled: boolean = buildSettings.faultHooks,
): Promise<void> {
  if (!enabled) return;
  const hook = (globalThis as Record<string, unknown>)[COMMIT_HOLD_GLOBAL] as CommitHoldHook | undefined;
  if (!hook || hook.held) return;
  if (hook.after > 0) {
    hook.after -= 1;
    return;
  }
  hook.held = held;
  const until = now() + MAX_HOLD_MS;
  while (!hook.released && now() < until) await keepOpen();
}
