import { describe, expect, it } from 'vitest';
import type { ConnectorRecord, TenantRecord } from '../../../lib/db/types';
import { decideScope, sameScope } from '../../../lib/provisioning/scope-rule';

const tenant = { tenantId: 't', syncScope: { mode: 'selected', userIds: ['u1'], groupIds: [] } } as unknown as TenantRecord;
const connector = (service: ConnectorRecord['service']) => ({ id: `t:${service}`, tenantId: 't', service }) as ConnectorRecord;

describe('decideScope', () => {
  it('lets the first service choose', () => {
    expect(decideScope(tenant, [], { mode: 'all' })).toEqual({ scope: { mode: 'all' }, locked: false });
  });

  it('locks the scope to the tenant once a service is connected, and says why', () => {
    const decision = decideScope(tenant, [connector('exchange')], { mode: 'all' });
    expect(decision.locked).toBe(true);
    expect(decision.scope).toBe(tenant.syncScope);
    expect(decision.reason).toContain('selected users and groups');
    expect(decision.reason).toContain('switch the scope');
  });

  it('counts every connector record as connected: a version 4 record that stored "not connected" locks too', () => {
    const stored = { ...connector('sharepoint'), status: 'not_connected' } as ConnectorRecord;
    expect(decideScope(tenant, [stored], { mode: 'all' }).locked).toBe(true);
  });
});

describe('sameScope', () => {
  it.each([
    [{ mode: 'all' }, { mode: 'all' }, true],
    [{ mode: 'all' }, { mode: 'selected', userIds: [], groupIds: [] }, false],
    [{ mode: 'selected', userIds: ['a', 'b'], groupIds: ['g'] }, { mode: 'selected', userIds: ['b', 'a'], groupIds: ['g'] }, true],
    [{ mode: 'selected', userIds: ['a'], groupIds: [] }, { mode: 'selected', userIds: ['b'], groupIds: [] }, false],
  ] as const)('%j ~ %j → %s', (a, b, same) => {
    expect(sameScope(a as never, b as never)).toBe(same);
  });
});
