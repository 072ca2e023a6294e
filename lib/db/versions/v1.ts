/**
 * Schema version 1. Never edit a shipped version: add `v2.ts` with its `stores` and `upgrade`, and a fixture of
 * version 1 data in `test/unit/db/fixtures/` (see `test/unit/db/upgrades.test.ts`). Index only what is queried.
 */
export const v1 = {
  version: 1,
  stores: {
    tenants: 'tenantId',
    connectors: 'id, tenantId',
    users: '[tenantId+id], [tenantId+searchName], [tenantId+searchUpn], [tenantId+searchMail]',
    groups: '[tenantId+id], [tenantId+searchName]',
    memberships: '[tenantId+groupId+userId], [tenantId+userId]',
    syncCheckpoints: '[tenantId+resource]',
    syncRuns: '++id, [tenantId+startedAt]',
    events: '[tenantId+id], [tenantId+occurredAt]',
    policies: 'id',
    alerts: 'id, tenantId',
    activityLog: '++id, at',
  },
} as const;
