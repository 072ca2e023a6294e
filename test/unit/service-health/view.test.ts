import { describe, expect, it } from 'vitest';
import { serviceHealthView } from '../../../lib/service-health/view';

const now = Date.UTC(2026, 10, 23, 12);

describe('serviceHealthView', () => {
  it('says so when health was never read', () => {
    expect(serviceHealthView(undefined, now)).toEqual({ state: 'unknown', words: 'Service health not checked yet' });
  });

  it.each([
    ['operational', 'serviceOperational', 'Operational', 5 * 60_000, 'checked 5 min ago'],
    ['degraded', 'serviceDegradation', 'Degraded — some features are slow or unavailable', 0, 'checked just now'],
    ['unknown', undefined, 'Unknown — Microsoft did not report this service', 2 * 3_600_000, 'checked 2 h ago'],
  ] as const)('%s: its words and the age of the read', (state, status, words, ago, checked) => {
    const health = { state, ...(status && { status }), checkedAt: now - ago };
    expect(serviceHealthView(health, now)).toEqual({ state, words, checked });
  });
});
