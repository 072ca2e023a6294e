import { describe, expect, it } from 'vitest';
import { activityToCsv, activityToJson } from '../../../lib/activity/export';

const entries = [
  {
    id: 1,
    at: Date.UTC(2026, 10, 23, 9, 30),
    tenantId: 't',
    actor: 'admin@contoso.com',
    action: 'granted',
    detail: 'Exchange Online, OneDrive; scope: "all"',
    outcome: 'success' as const,
  },
  {
    id: 2,
    at: Date.UTC(2026, 10, 23, 9, 31),
    actor: 'admin',
    action: 'grant failed',
    detail: '=HYPERLINK("x")',
    outcome: 'failure' as const,
  },
];

describe('activity export', () => {
  it('writes CSV with quoting, ISO times, and formulas defused', () => {
    expect(activityToCsv(entries).split('\r\n')).toEqual([
      'at,tenantId,actor,action,detail,outcome',
      '2026-11-23T09:30:00.000Z,t,admin@contoso.com,granted,"Exchange Online, OneDrive; scope: ""all""",success',
      `2026-11-23T09:31:00.000Z,,admin,grant failed,"'=HYPERLINK(""x"")",failure`,
      '',
    ]);
  });

  it('writes JSON with ISO times', () => {
    expect(JSON.parse(activityToJson(entries))).toEqual([
      {
        at: '2026-11-23T09:30:00.000Z',
        tenantId: 't',
        actor: 'admin@contoso.com',
        action: 'granted',
        detail: entries[0]!.detail,
        outcome: 'success',
      },
      { at: '2026-11-23T09:31:00.000Z', actor: 'admin', action: 'grant failed', detail: entries[1]!.detail, outcome: 'failure' },
    ]);
  });
});
