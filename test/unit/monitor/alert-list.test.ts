import { describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../../lib/db/types';
import { orderAlerts, standingOf } from '../../../lib/monitor/alert-list';

const alert = (id: string, lastSeenAt: number, patch: Partial<AlertRecord> = {}): AlertRecord => ({
  id,
  tenantId: 't1',
  connectorId: 't1:exchange',
  state: 'token_expired',
  reasonCode: 'grant_revoked',
  firstSeenAt: lastSeenAt,
  lastSeenAt,
  ...patch,
});

describe('alert list', () => {
  it.each<[Partial<AlertRecord>, string]>([
    [{}, 'open'],
    [{ acknowledgedAt: 5 }, 'acknowledged'],
    [{ resolvedAt: 6 }, 'resolved'],
    [{ acknowledgedAt: 5, resolvedAt: 6 }, 'resolved'],
  ])('%o is %s', (patch, standing) => expect(standingOf(alert('a', 1, patch))).toBe(standing));

  it('puts open alerts first, then acknowledged, then resolved, newest first within each', () => {
    const alerts = [
      alert('resolved-new', 9, { resolvedAt: 9 }),
      alert('ack', 8, { acknowledgedAt: 8 }),
      alert('open-old', 1),
      alert('open-new', 5),
    ];
    expect(orderAlerts(alerts).map((a) => a.id)).toEqual(['open-new', 'open-old', 'ack', 'resolved-new']);
  });
});
