import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RETRY_BUDGETS } from '../../../lib/graph/retry';
import type { GraphTransport } from '../../../lib/graph/transport';
import { runGraphCheck, upnDomain } from '../../../lib/monitor/graph-check';
import { startTestTenant, type TestTenant } from '../sync/harness';

// The monitor's check is one $batch through the one batch client, within the check's budget. Microsoft's JSON
// batching (concepts/json-batching.md): a throttled inner request answers 429 with its own Retry-After inside the
// batch; only that request is sent again after that time.
const HEALTH_PATH = '/v1.0/admin/serviceAnnouncement/healthOverviews';

let t: TestTenant;
let waits: number[];
beforeAll(async () => {
  t = await startTestTenant({ users: 5, groups: 1 });
}, 30_000);
afterAll(() => t.close());
beforeEach(() => {
  t.tenant.control.reset();
  t.forgetToken();
  waits = [];
});

const transport = (): GraphTransport => ({
  graph: t.graph,
  graphHost: t.tenant.graphBaseUrl,
  now: () => 1_000,
  sleep: (ms) => (waits.push(ms), Promise.resolve()),
});

describe('runGraphCheck through the batch client', () => {
  it('an inner 429 with a short Retry-After is sent again after it, and the check reads the health', async () => {
    t.tenant.control.setServiceHealth('Exchange Online', 'serviceDegradation');
    t.tenant.control.injectFault({ path: HEALTH_PATH, kind: '429', retryAfterSeconds: 2, count: 1 });
    const check = await runGraphCheck(transport(), ['exchange']);
    expect(check.failure).toBeUndefined();
    expect(check.health?.exchange).toMatchObject({ state: 'degraded', status: 'serviceDegradation', checkedAt: 1_000 });
    expect(check.globalAdmin).toBe(true);
    expect(waits).toEqual([2000]);
    // Two batches went out; the second carried only the throttled read.
    expect(t.tenant.control.requests().filter((r) => r.path === '/v1.0/$batch')).toHaveLength(2);
  });

  it('an inner throttle longer than the check may wait leaves that part unread, the rest of the check stands', async () => {
    t.tenant.control.injectFault({ path: HEALTH_PATH, kind: '429', retryAfterSeconds: RETRY_BUDGETS.check.maxWaitMs / 1000 + 1 });
    const check = await runGraphCheck(transport(), ['exchange']);
    expect(check.failure).toBeUndefined();
    expect(check.health).toBeUndefined();
    expect(check.globalAdmin).toBe(true);
    expect(waits).toEqual([]);
  });

  it("reads the service account's password facts and its domain's policy in the same batch", async () => {
    t.tenant.control.updateUser(t.org.admin.userPrincipalName, { lastPasswordChangeDateTime: '2026-09-11T08:00:00Z' });
    t.tenant.control.setDomainPasswordPolicy({ passwordValidityPeriodInDays: 90, passwordNotificationWindowInDays: 7 });
    const check = await runGraphCheck(transport(), ['exchange'], upnDomain(t.org.admin.userPrincipalName));
    expect(check.account).toEqual({
      lastPasswordChangeAt: Date.parse('2026-09-11T08:00:00Z'),
      passwordPolicies: null,
      onPremisesSyncEnabled: null,
      accountEnabled: true,
      plans: [
        { service: 'exchange', capabilityStatus: 'Enabled' },
        { service: 'SharePoint', capabilityStatus: 'Enabled' },
      ],
      domainPolicy: { validityDays: 90, notificationDays: 7 },
    });
    expect(t.tenant.control.requests().filter((r) => r.path === '/v1.0/$batch')).toHaveLength(1);
  });

  const ISSUES_PATH = '/v1.0/admin/serviceAnnouncement/issues';
  /** 120 open Teams issues first, then the Exchange incident: Graph's first page (100) does not hold it. */
  const manyOpenIssues = () => {
    for (let i = 0; i < 120; i++) t.tenant.control.addServiceIssue({ service: 'Microsoft Teams', title: `Teams issue ${i}` });
    return t.tenant.control.addServiceIssue({ service: 'Exchange Online', title: 'Mail to external recipients is delayed' });
  };

  it('an open Exchange incident past the first page of issues (100 a page) is read by its nextLink', async () => {
    const id = manyOpenIssues();
    const check = await runGraphCheck(transport(), ['exchange']);
    expect(check.incidents?.exchange).toEqual([expect.objectContaining({ id, title: 'Mail to external recipients is delayed' })]);
    // The batch carried the first page; the second came alone, through the same transport, by the link Graph gave.
    const pages = t.tenant.control.requests().filter((r) => r.path === ISSUES_PATH);
    expect(pages).toHaveLength(1);
    expect(new URLSearchParams(pages[0]!.query).get('$skip')).toBe('100');
    expect(new URLSearchParams(pages[0]!.query).get('$filter')).toBe('isResolved eq false');
  });

  it("a nextLink off the tenant's Graph is not followed: nothing is sent there, the incidents stay unknown", async () => {
    manyOpenIssues();
    // The batch's answers carry links to another host (127.0.0.1 where the tenant is localhost).
    t.tenant.control.injectFault({ path: '/v1.0/$batch', kind: 'foreign-link' });
    const check = await runGraphCheck(transport(), ['exchange']);
    expect(check.failure).toBeUndefined();
    expect(check.incidents).toBeUndefined();
    expect(check.globalAdmin).toBe(true);
    expect(t.tenant.control.requests().filter((r) => r.path === ISSUES_PATH)).toEqual([]);
  });

  it('a throttled batch as a whole is waited out within the budget', async () => {
    t.tenant.control.injectFault({ path: '/v1.0/$batch', kind: '429', retryAfterSeconds: 1, count: 1 });
    const check = await runGraphCheck(transport(), ['exchange']);
    expect(check.failure).toBeUndefined();
    expect(check.globalAdmin).toBe(true);
    expect(waits).toEqual([1000]);
  });
});
