import { describe, expect, it } from 'vitest';
import type { AlertRecord, ConnectorState } from '../../../lib/db/types';
import { planAlerts } from '../../../lib/monitor/alerts';
import type { ConnectorStatus, Severity } from '../../../lib/monitor/types';
import { NOW } from './fixtures';

const SEVERITY: Partial<Record<ConnectorState, Severity>> = {
  connected: 'ok',
  syncing: 'info',
  renewal_due: 'warning',
  sync_stale: 'warning',
  token_expired: 'error',
  permission_missing: 'error',
};

function status(state: ConnectorState, connectorId = 't1:exchange', tenantId = 't1'): ConnectorStatus {
  return {
    connectorId,
    tenantId,
    service: 'exchange',
    state,
    severity: SEVERITY[state] ?? 'ok',
    label: state,
    action: 'none',
    reasonCode: state,
  };
}

function open(state: ConnectorState, connectorId = 't1:exchange', patch: Partial<AlertRecord> = {}): AlertRecord {
  return {
    id: `${connectorId}:${state}:1`,
    tenantId: 't1',
    connectorId,
    state,
    reasonCode: state,
    firstSeenAt: 1,
    lastSeenAt: 1,
    ...patch,
  };
}

// Every transition of one connector between ok, info, amber and red: what happens to the alert, and whether it notifies.
const TRANSITIONS: Array<
  [string, AlertRecord[], ConnectorState, { opened?: ConnectorState; resolved?: ConnectorState; seen?: ConnectorState; notify: boolean }]
> = [
  ['ok stays ok', [], 'connected', { notify: false }],
  ['ok → info (syncing)', [], 'syncing', { notify: false }],
  ['ok → amber', [], 'renewal_due', { opened: 'renewal_due', notify: false }],
  ['ok → red', [], 'token_expired', { opened: 'token_expired', notify: true }],
  ['amber → red', [open('renewal_due')], 'token_expired', { resolved: 'renewal_due', opened: 'token_expired', notify: true }],
  ['red stays red: no second notification', [open('token_expired')], 'token_expired', { seen: 'token_expired', notify: false }],
  [
    'red acknowledged stays red: still quiet',
    [open('token_expired', 't1:exchange', { acknowledgedAt: 5 })],
    'token_expired',
    { seen: 'token_expired', notify: false },
  ],
  [
    'red → another red',
    [open('token_expired')],
    'permission_missing',
    { resolved: 'token_expired', opened: 'permission_missing', notify: true },
  ],
  ['red → ok (re-granted)', [open('token_expired')], 'connected', { resolved: 'token_expired', notify: false }],
  ['red → info (a re-grant under way)', [open('token_expired')], 'syncing', { resolved: 'token_expired', notify: false }],
  ['amber → ok', [open('renewal_due')], 'connected', { resolved: 'renewal_due', notify: false }],
  ['amber stays amber', [open('sync_stale')], 'sync_stale', { seen: 'sync_stale', notify: false }],
];

describe('planAlerts', () => {
  it.each(TRANSITIONS)('%s', (_, alerts, state, expected) => {
    const plan = planAlerts(alerts, [status(state)], new Set(), NOW);
    expect(plan.put.find((a) => a.firstSeenAt === NOW)?.state).toBe(expected.opened);
    expect(plan.put.find((a) => a.resolvedAt === NOW)?.state).toBe(expected.resolved);
    expect(plan.put.find((a) => a.lastSeenAt === NOW && a.firstSeenAt !== NOW && a.resolvedAt === undefined)?.state).toBe(expected.seen);
    expect(plan.notify.length > 0).toBe(expected.notify);
  });

  it('keeps an acknowledged alert acknowledged while it lasts', () => {
    const plan = planAlerts([open('token_expired', 't1:exchange', { acknowledgedAt: 5 })], [status('token_expired')], new Set(), NOW);
    expect(plan.put).toEqual([expect.objectContaining({ acknowledgedAt: 5, lastSeenAt: NOW, firstSeenAt: 1 })]);
  });

  it('groups one notification per tenant and leaves muted tenants out', () => {
    const statuses = [
      status('token_expired', 't1:exchange'),
      status('token_expired', 't1:onedrive'),
      status('token_expired', 't2:exchange', 't2'),
    ];
    const plan = planAlerts([], statuses, new Set(['t2']), NOW);
    expect(plan.notify).toEqual([{ tenantId: 't1', statuses: [statuses[0], statuses[1]] }]);
    expect(plan.put.filter((a) => a.tenantId === 't2')).toHaveLength(1);
  });

  it('resolves the alerts of a connector that was disconnected', () => {
    const plan = planAlerts([open('token_expired', 't1:sharepoint')], [status('connected')], new Set(), NOW);
    expect(plan.put).toEqual([expect.objectContaining({ connectorId: 't1:sharepoint', resolvedAt: NOW })]);
  });

  it('ignores alerts already resolved', () => {
    const plan = planAlerts([open('token_expired', 't1:exchange', { resolvedAt: 3 })], [status('token_expired')], new Set(), NOW);
    expect(plan.notify).toHaveLength(1);
  });
});
