import { describe, expect, it } from 'vitest';
import { serviceHealthView } from '../../../lib/service-health/view';

const now = Date.UTC(2026, 10, 23, 12);

describe('serviceHealthView', () => {
  it('says so when health was never read', () => {
    expect(serviceHealthView(undefined, now)).toEqual({ state: 'unknown', words: 'Service health not checked yet' });
  });

  it.each([
    ['operational', 'Operational', 5 * 60_000, 'checked 5 min ago'],
    ['degraded', 'Degraded — some features are slow or unavailable', 0, 'checked just now'],
    ['unknown', 'Unknown — Microsoft did not report this service', 2 * 3_600_000, 'checked 2 h ago'],
  ] as const)('%s: its words and the age of the read', (state, words, ago, checked) => {
    expect(serviceHealthView({ state, words, checkedAt: now - ago }, now)).toEqual({ state, words, checked });
  });
});
