import { describe, expect, it } from 'vitest';
import type { ConnectorState } from '../../../lib/db/types';
import { buildTimeline, TIMELINE_SPAN_MS } from '../../../lib/monitor/timeline';
import type { Severity, TenantCheck } from '../../../lib/monitor/types';
import { HOUR, NOW } from './fixtures';

const SEVERITY: Partial<Record<ConnectorState, Severity>> = { connected: 'ok', token_expired: 'error', renewal_due: 'warning' };
/** A check at `hoursAgo` that found these states, per connector id. */
const check = (hoursAgo: number, states: Record<string, ConnectorState>): TenantCheck => ({
  tenantId: 't1',
  at: NOW - hoursAgo * HOUR,
  network: 'online',
  statuses: Object.entries(states).map(([connectorId, state]) => ({ connectorId, state, severity: SEVERITY[state] ?? 'info' })),
});
const brief = (checks: TenantCheck[]) =>
  buildTimeline(checks, NOW).map((s) => [s.connectorId, s.label, (NOW - s.start) / HOUR, (NOW - s.end) / HOUR, s.checks]);

describe('buildTimeline', () => {
  it.each<[string, TenantCheck[], Array<[string, string, number, number, number]>]>([
    ['no checks', [], []],
    ['one check lasts until now', [check(2, { a: 'connected' })], [['a', 'Connected', 2, 0, 1]]],
    [
      'equal states merge, a change starts a segment',
      [check(5, { a: 'connected' }), check(4, { a: 'connected' }), check(3, { a: 'token_expired' }), check(1, { a: 'connected' })],
      [
        ['a', 'Connected', 5, 3, 2],
        ['a', 'Access expired', 3, 1, 1],
        ['a', 'Connected', 1, 0, 1],
      ],
    ],
    [
      'connectors are independent, and input order does not matter',
      [check(1, { a: 'connected', b: 'renewal_due' }), check(3, { a: 'connected', b: 'connected' })],
      [
        ['a', 'Connected', 3, 0, 2],
        ['b', 'Connected', 3, 1, 1],
        ['b', 'Renewal due', 1, 0, 1],
      ],
    ],
  ])('%s', (_, checks, expected) => expect(brief(checks)).toEqual(expected));

  it('leaves out checks older than 7 days', () => {
    const old = { ...check(0, { a: 'token_expired' }), at: NOW - TIMELINE_SPAN_MS - 1 };
    expect(brief([old, check(2, { a: 'connected' })])).toEqual([['a', 'Connected', 2, 0, 1]]);
  });
});
