/**
 * When to retry a Graph request, how long to wait, and when to give up: pure, for every Graph call of the extension.
 * Microsoft's throttling guidance (microsoft-graph-docs-contrib concepts/throttling.md,
 * https://learn.microsoft.com/graph/throttling): a throttled request answers 429 with a Retry-After header; "wait the
 * number of seconds specified in the Retry-After header" and retry; without it, back off exponentially. Retry-After
 * is delta-seconds or an HTTP date (RFC 9110 §10.2.3). 503 and 504 are transient (concepts/errors.md).
 *
 * How much a caller may wait is its budget (RETRY_BUDGETS): the MV3 worker dies after 30 s without an event, so no
 * budget sleeps longer than MAX_WAIT_MS at once. Only the sync may end its run deferred and come back by alarm when
 * Graph asks for more; every other caller gets `graph_retry_exhausted`.
 */
export const MAX_WAIT_MS = 25_000;
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 16_000;

export interface RetryBudget {
  /** Throttled answers (429) per request, this one included, before giving up. */
  throttleAttempts: number;
  /** Attempts per request for 503/504 and dropped connections before failing with `graph_unavailable`. */
  transientAttempts: number;
  /** The longest single wait slept (never above MAX_WAIT_MS). */
  maxWaitMs: number;
  /** True only where the caller can end its run and come back later (the sync's alarm): a longer wait defers. */
  mayDefer: boolean;
}

/**
 * Who waits how long. The numbers are ours (Microsoft leaves the number of retries to the client):
 * - sync: a background run with a lease; it may be deferred to an alarm, so it never gives up on a 429.
 * - grantStep: the admin watches one step of the grant; it waits as long as the worker lives, then fails the step
 *   with a code the admin can act on (try again in a few minutes).
 * - check: the monitor's check runs again at its next alarm; a long throttle just fails this round.
 * - picker: the admin is typing; a late answer is worse than a short error, so only a few short waits.
 */
export const RETRY_BUDGETS = {
  sync: { throttleAttempts: 8, transientAttempts: 5, maxWaitMs: MAX_WAIT_MS, mayDefer: true },
  grantStep: { throttleAttempts: 6, transientAttempts: 5, maxWaitMs: MAX_WAIT_MS, mayDefer: false },
  check: { throttleAttempts: 3, transientAttempts: 3, maxWaitMs: 10_000, mayDefer: false },
  picker: { throttleAttempts: 3, transientAttempts: 2, maxWaitMs: 3_000, mayDefer: false },
} as const satisfies Record<string, RetryBudget>;
export type RetryBudgetName = keyof typeof RETRY_BUDGETS;

/** The sync's budget, kept under the names its tests and documentation use. */
export const THROTTLE_ATTEMPTS = RETRY_BUDGETS.sync.throttleAttempts;
export const TRANSIENT_ATTEMPTS = RETRY_BUDGETS.sync.transientAttempts;

/**
 * retry: sleep `waitMs`, then send again. defer: the caller's run ends and comes back after `waitMs` (sync only).
 * exhausted: the budget is used up while Graph still throttles (or asks for a wait longer than the budget allows).
 * fail: not retried (any other status), or transient failures used up.
 */
export type RetryDecision =
  { kind: 'retry'; waitMs: number } | { kind: 'defer'; waitMs: number } | { kind: 'exhausted'; waitMs: number } | { kind: 'fail' };

export interface FailedAttempt {
  /** HTTP status; undefined when the connection dropped without an answer. */
  status?: number;
  retryAfter?: string | null;
  /** Failed attempts so far for this request, this one included (1 for the first failure). */
  attempt: number;
}

/** The statuses retried at all (concepts/throttling.md: 429; concepts/errors.md: 503, 504). */
export const RETRIED_STATUSES: ReadonlySet<number> = new Set([429, 503, 504]);

/** Retry-After in milliseconds from now: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Exponential backoff with jitter: between half and all of min(cap, base * 2^(attempt-1)). */
export function backoffMs(attempt: number, random: () => number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * Math.min(1, Math.max(0, random())));
}

function tooLong(budget: RetryBudget, waitMs: number): RetryDecision {
  return budget.mayDefer ? { kind: 'defer', waitMs } : { kind: 'exhausted', waitMs };
}

/** What to do after a failed attempt, within `budget` (the sync's when none is named). */
export function decideRetry(
  failure: FailedAttempt,
  now: number,
  random: () => number,
  budget: RetryBudget = RETRY_BUDGETS.sync,
): RetryDecision {
  const { status, attempt } = failure;
  const limit = Math.min(budget.maxWaitMs, MAX_WAIT_MS);
  if (status === 429) {
    const waitMs = parseRetryAfter(failure.retryAfter, now) ?? backoffMs(attempt, random);
    if (waitMs > limit || attempt >= budget.throttleAttempts) return tooLong(budget, waitMs);
    return { kind: 'retry', waitMs };
  }
  if (status === undefined || status === 503 || status === 504) {
    if (attempt >= budget.transientAttempts) return { kind: 'fail' };
    const waitMs = parseRetryAfter(failure.retryAfter, now) ?? backoffMs(attempt, random);
    return waitMs > limit ? tooLong(budget, waitMs) : { kind: 'retry', waitMs };
  }
  return { kind: 'fail' };
}
