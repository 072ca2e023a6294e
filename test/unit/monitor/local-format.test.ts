import { describe, expect, it } from 'vitest';
import { LOCAL_FORMAT } from '../../../lib/monitor/quick-status';

const NOW = new Date(2026, 10, 23, 14, 5).getTime();

describe('LOCAL_FORMAT (the popup writes in the admin’s locale)', () => {
  it.each([
    ['today', NOW - 3 * 3_600_000, {}],
    ['later today', NOW + 3_600_000, {}],
    ['another day', NOW - 2 * 86_400_000, { weekday: 'short' }],
    ['tomorrow', NOW + 86_400_000, { weekday: 'short' }],
  ] as const)('writes a clock time %s as Date#toLocaleString does', (_, at, extra) => {
    expect(LOCAL_FORMAT.clock(at, NOW)).toBe(new Date(at).toLocaleString(undefined, { ...extra, hour: '2-digit', minute: '2-digit' }));
  });

  it.each([0, 1, 12_408, 1_234_567])('writes %d as Number#toLocaleString does', (value) => {
    expect(LOCAL_FORMAT.number(value)).toBe(value.toLocaleString());
  });
});
