import { describe, expect, it } from 'vitest';
import type { ConnectorRecord, TenantRecord } from '../../../lib/db/types';
import { parseSyncAlarm, plannedSchedules, resumeAlarmName, scheduleAlarmName } from '../../../lib/sync/schedule';

const tenant = (tenantId: string, extra: Partial<TenantRecord> = {}) =>
  ({ tenantId, homeAccountId: `oid.${tenantId}`, syncScope: { mode: 'all' }, ...extra }) as TenantRecord;
const connector = (tenantId: string) => ({ id: `${tenantId}:exchange`, tenantId, service: 'exchange' }) as ConnectorRecord;

describe('sync alarms', () => {
  it.each([
    [scheduleAlarmName('t1'), { kind: 'schedule', tenantId: 't1' }],
    [resumeAlarmName('t1'), { kind: 'resume', tenantId: 't1' }],
    ['monitor', undefined],
  ])('%s → %j', (name, parsed) => {
    expect(parseSyncAlarm(name)).toEqual(parsed);
  });

  it('schedules every granted tenant with a connected service that syncs everyone, and no other', () => {
    const tenants = [
      tenant('all'),
      tenant('selected', { syncScope: { mode: 'selected', userIds: ['u'], groupIds: [] } }),
      tenant('signed-out', { homeAccountId: undefined }),
      tenant('nothing-connected'),
    ];
    const connectors = ['all', 'selected', 'signed-out'].map(connector);
    expect(plannedSchedules(tenants, connectors, 4)).toEqual([{ name: 'sync:all', periodInMinutes: 240 }]);
  });
});
