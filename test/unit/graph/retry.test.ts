import { describe, expect, it } from 'vitest';
import {
  BACKOFF_CAP_MS,
  backoffMs,
  decideRetry,
  MAX_WAIT_MS,
  parseRetryAfter,
  RETRY_BUDGETS,
  THROTTLE_ATTEMPTS,
  TRANSIENT_ATTEMPTS,
} from '../../../lib/graph/retry';

const NOW = Date.parse('2025-06-01T12:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['1', 1000],
    [' 120 ', 120_000],
    ['0', 0],
    ['Sun, 01 Jun 2025 12:00:30 GMT', 30_000],
    ['Sun, 01 Jun 2025 11:59:00 GMT', 0],
    ['soon', undefined],
    ['-5', undefined],
    ['1.5', undefined],
    ['', undefined],
    [null, undefined],
    [undefined, undefined],
  ])('%j → %j ms', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});

describe('backoffMs', () => {
  it.each([
    [1, 0, 500],
    [1, 1, 1000],
    [2, 0.5, 1500],
    [3, 1, 4000],
    [5, 1, 16_000],
    [12, 1, BACKOFF_CAP_MS],
    [12, 0, BACKOFF_CAP_MS / 2],
  ])('attempt %i with jitter %f → %i ms', (attempt, jitter, expected) => {
    expect(backoffMs(attempt, () => jitter)).toBe(expected);
  });

  it('stays within half and all of the capped ceiling whatever the jitter', () => {
    for (let attempt = 1; attempt < 20; attempt++) {
      for (const jitter of [0, 0.3, 0.999, 1.5, -1]) {
        const wait = backoffMs(attempt, () => jitter);
        const ceiling = Math.min(BACKOFF_CAP_MS, 1000 * 2 ** (attempt - 1));
        expect(wait).toBeGreaterThanOrEqual(ceiling / 2);
        expect(wait).toBeLessThanOrEqual(ceiling);
      }
    }
  });
});

describe('decideRetry', () => {
  const half = () => 0.5;
  it.each([
    ['429 with a short Retry-After', { status: 429, retryAfter: '2', attempt: 1 }, { kind: 'retry', waitMs: 2000 }],
    ['429 with a date', { status: 429, retryAfter: 'Sun, 01 Jun 2025 12:00:10 GMT', attempt: 1 }, { kind: 'retry', waitMs: 10_000 }],
    ['429 at the worker limit', { status: 429, retryAfter: '25', attempt: 1 }, { kind: 'retry', waitMs: MAX_WAIT_MS }],
    ['429 beyond the worker limit', { status: 429, retryAfter: '26', attempt: 1 }, { kind: 'defer', waitMs: 26_000 }],
    ['429 asking for 120 s', { status: 429, retryAfter: '120', attempt: 1 }, { kind: 'defer', waitMs: 120_000 }],
    ['429 without Retry-After backs off', { status: 429, retryAfter: null, attempt: 2 }, { kind: 'retry', waitMs: 1500 }],
    ['429 too many times', { status: 429, retryAfter: '1', attempt: THROTTLE_ATTEMPTS }, { kind: 'defer', waitMs: 1000 }],
    ['503 backs off', { status: 503, attempt: 1 }, { kind: 'retry', waitMs: 750 }],
    ['503 honours its Retry-After', { status: 503, retryAfter: '3', attempt: 1 }, { kind: 'retry', waitMs: 3000 }],
    ['503 with a long Retry-After', { status: 503, retryAfter: '300', attempt: 1 }, { kind: 'defer', waitMs: 300_000 }],
    ['504 backs off more each time', { status: 504, attempt: 3 }, { kind: 'retry', waitMs: 3000 }],
    ['a dropped connection', { attempt: 2 }, { kind: 'retry', waitMs: 1500 }],
    ['transient failures are bounded', { status: 503, attempt: TRANSIENT_ATTEMPTS }, { kind: 'fail' }],
    ['dropped connections are bounded', { attempt: TRANSIENT_ATTEMPTS }, { kind: 'fail' }],
    ['400 is not retried', { status: 400, attempt: 1 }, { kind: 'fail' }],
    ['401 is not retried', { status: 401, attempt: 1 }, { kind: 'fail' }],
    ['500 is not retried', { status: 500, attempt: 1 }, { kind: 'fail' }],
  ])('%s', (_, failure, expected) => {
    expect(decideRetry(failure, NOW, half)).toEqual(expected);
  });
});

describe('decideRetry within a caller’s budget', () => {
  const half = () => 0.5;
  it.each([
    [
      'a grant step waits a Retry-After the worker can sleep',
      'grantStep',
      { status: 429, retryAfter: '20', attempt: 1 },
      { kind: 'retry', waitMs: 20_000 },
    ],
    [
      'a grant step may not defer: a longer wait uses up its budget',
      'grantStep',
      { status: 429, retryAfter: '120', attempt: 1 },
      { kind: 'exhausted', waitMs: 120_000 },
    ],
    [
      'a grant step gives up after its throttled attempts',
      'grantStep',
      { status: 429, retryAfter: '1', attempt: RETRY_BUDGETS.grantStep.throttleAttempts },
      { kind: 'exhausted', waitMs: 1000 },
    ],
    ['the check waits at most 10 s', 'check', { status: 429, retryAfter: '11', attempt: 1 }, { kind: 'exhausted', waitMs: 11_000 }],
    [
      'the check honours an HTTP date',
      'check',
      { status: 429, retryAfter: 'Sun, 01 Jun 2025 12:00:05 GMT', attempt: 1 },
      { kind: 'retry', waitMs: 5000 },
    ],
    ['the picker waits a short Retry-After', 'picker', { status: 429, retryAfter: '2', attempt: 1 }, { kind: 'retry', waitMs: 2000 }],
    [
      'the picker does not keep the admin waiting',
      'picker',
      { status: 429, retryAfter: '4', attempt: 1 },
      { kind: 'exhausted', waitMs: 4000 },
    ],
    [
      'the picker’s transient failures are bounded',
      'picker',
      { status: 503, attempt: RETRY_BUDGETS.picker.transientAttempts },
      { kind: 'fail' },
    ],
    ['the sync defers what the others give up', 'sync', { status: 429, retryAfter: '120', attempt: 1 }, { kind: 'defer', waitMs: 120_000 }],
  ] as const)('%s', (_, budget, failure, expected) => {
    expect(decideRetry(failure, NOW, half, RETRY_BUDGETS[budget])).toEqual(expected);
  });

  it('no budget sleeps longer than the worker lives, and only the sync defers', () => {
    for (const [name, budget] of Object.entries(RETRY_BUDGETS)) {
      expect(budget.maxWaitMs).toBeLessThanOrEqual(MAX_WAIT_MS);
      expect(budget.mayDefer).toBe(name === 'sync');
    }
  });
});
