import { describe, expect, it } from 'vitest';
import { timeAgo } from '../../../lib/format/time-ago';

const now = Date.UTC(2026, 10, 23, 12);
const MIN = 60_000;

describe('timeAgo', () => {
  it.each([
    [0, 'just now'],
    [-5 * MIN, 'just now'],
    [59_999, 'just now'],
    [MIN, '1 min ago'],
    [5 * MIN + 30_000, '5 min ago'],
    [59 * MIN, '59 min ago'],
    [60 * MIN, '1 h ago'],
    [23 * 60 * MIN + 59 * MIN, '23 h ago'],
    [24 * 60 * MIN, '1 day ago'],
    [3 * 24 * 60 * MIN, '3 days ago'],
  ])('%i ms ago → %s', (ago, words) => {
    expect(timeAgo(now - ago, now)).toBe(words);
  });
});
