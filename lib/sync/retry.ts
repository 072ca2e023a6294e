/**
 * When to retry a Graph request, how long to wait, and when to give the run back to the caller. Pure: the answer's
 * status and Retry-After, the attempt number, the time and a jitter source in; a decision out.
 * https://learn.microsoft.com/graph/throttling: 429 carries Retry-After (seconds, or an HTTP date); 503/504 are
 * transient. The MV3 worker dies after 30 s without an event, so a wait longer than MAX_WAIT_MS is not slept: the
 * run ends `deferred` and the caller sets an alarm.
 */
export const MAX_WAIT_MS = 25_000;
/** Throttled answers retried per request before the run is deferred anyway. */
export const THROTTLE_ATTEMPTS = 8;
/** Attempts per request for 503/504 and dropped connections before the run fails. */
export const TRANSIENT_ATTEMPTS = 5;
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 16_000;

export type RetryDecision = { kind: 'retry'; waitMs: number } | { kind: 'defer'; waitMs: number } | { kind: 'fail' };

export interface FailedAttempt {
  /** HTTP status; undefined when the connection dropped without an answer. */
  status?: number;
  retryAfter?: string | null;
  /** Failed attempts so far for this request, this one included (1 for the first failure). */
  attempt: number;
}

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

const TRANSIENT = new Set([503, 504]);

/** What to do after a failed attempt. */
export function decideRetry(failure: FailedAttempt, now: number, random: () => number): RetryDecision {
  const { status, attempt } = failure;
  if (status === 429) {
    const waitMs = parseRetryAfter(failure.retryAfter, now) ?? backoffMs(attempt, random);
    if (waitMs > MAX_WAIT_MS || attempt >= THROTTLE_ATTEMPTS) return { kind: 'defer', waitMs };
    return { kind: 'retry', waitMs };
  }
  if (status === undefined || TRANSIENT.has(status)) {
    if (attempt >= TRANSIENT_ATTEMPTS) return { kind: 'fail' };
    const waitMs = parseRetryAfter(failure.retryAfter, now) ?? backoffMs(attempt, random);
    return waitMs > MAX_WAIT_MS ? { kind: 'defer', waitMs } : { kind: 'retry', waitMs };
  }
  return { kind: 'fail' };
}
