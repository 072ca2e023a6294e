/**
 * Schema version 1. Never edit a shipped version: add `v2.ts` with its `stores` and `upgrade`, and a fixture of
 * version 1 data in `test/unit/db/fixtures/` (see `test/unit/db/upgrades.test.ts`). Index only what is queried.
 */
export const v1 = {
  version: 1,
  stores: {
    tenants: 'tenantId',
    connectors: 'id, tenantId',
    // Grant-access runs (lib/provisioning): resumable from the step that failed; one runs at a time.
    grantRuns: 'id, tenantId, state',
    users: '[tenantId+id], [tenantId+searchName], [tenantId+searchUpn], [tenantId+searchMail]',
    groups: '[tenantId+id], [tenantId+searchName]',
    memberships: '[tenantId+groupId+userId], [tenantId+userId]',
    syncCheckpoints: '[tenantId+resource]',
    // The sync's own bookkeeping (lib/sync): the per-tenant lease, and the ids each page of a full round saw.
    syncLeases: 'tenantId',
    syncSeen: '[tenantId+resource+roundId+page]',
    syncRuns: '++id, [tenantId+startedAt]',
    // [tenantId+kind+occurredAt]: the newest stored event of each kind, where the next backfill starts.
    events: '[tenantId+id], [tenantId+occurredAt], [tenantId+kind+occurredAt]',
    policies: 'id',
    alerts: 'id, tenantId',
    activityLog: '++id, at',
  },
} as const;
