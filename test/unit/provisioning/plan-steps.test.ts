import { describe, expect, it } from 'vitest';
import { nextStep, planSteps, resetFrom, withStep } from '../../../lib/provisioning/plan-steps';
import { grantToShow } from '../../../lib/provisioning/grant-to-show';
import type { GrantRun } from '../../../lib/provisioning/types';

const ids = (steps: { id: string }[]) => steps.map((s) => s.id);

describe('planSteps', () => {
  it.each([
    [['exchange'], { mode: 'all' }, undefined, ['sign_in', 'verify_tenant', 'verify_admin', 'check_exchange']],
    [
      ['onedrive', 'exchange'],
      { mode: 'all' },
      'svc@x.com',
      ['sign_in', 'verify_tenant', 'verify_admin', 'verify_service_account', 'check_exchange', 'check_onedrive'],
    ],
    [
      ['sharepoint'],
      { mode: 'selected', userIds: [], groupIds: [] },
      undefined,
      ['sign_in', 'verify_tenant', 'verify_admin', 'choose_targets', 'check_sharepoint'],
    ],
    [
      ['sharepoint'],
      { mode: 'selected', userIds: ['u'], groupIds: [] },
      undefined,
      ['sign_in', 'verify_tenant', 'verify_admin', 'check_sharepoint'],
    ],
  ] as const)('%j, %j, service account %s', (services, scope, account, first) => {
    const steps = planSteps(services, scope as never, account);
    expect(ids(steps)).toEqual([...first, 'sync_directory', 'backfill_activity', 'enable_policy', 'finish']);
    expect(steps.every((s) => s.state === 'pending')).toBe(true);
  });

  it('runs the first step not done, retries a failed one, and resets from the sign-in', () => {
    let steps = planSteps(['exchange'], { mode: 'all' }, undefined);
    steps = withStep(steps, 'sign_in', { state: 'done', detail: 'Signed in' });
    steps = withStep(steps, 'verify_tenant', { state: 'failed' });
    expect(nextStep({ steps })?.id).toBe('verify_tenant');
    const reset = resetFrom(steps, 'sign_in');
    expect(reset.every((s) => s.state === 'pending' && s.detail === undefined)).toBe(true);
  });
});

describe('grantToShow', () => {
  const run = (id: string, state: GrantRun['state'], startedAt: number, finishedAt?: number) =>
    ({ id, state, startedAt, finishedAt }) as GrantRun;
  it.each([
    [[], undefined],
    [[run('a', 'failed', 1), run('b', 'running', 2)], 'b'],
    [[run('a', 'succeeded', 5, 1_000_000)], 'a'],
    [[run('a', 'succeeded', 5, 1)], undefined],
    [[run('a', 'cancelled', 5)], undefined],
  ] as const)('%#', (runs, shown) => {
    expect(grantToShow(runs, 1_000_000 + 60_000)?.id).toBe(shown);
  });
});
