import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { scopesFor } from '../../../lib/connectors/services';
import type { AppDB } from '../../../lib/db/app-db';
import type { ServiceId } from '../../../lib/db/types';
import { RETRY_BUDGETS } from '../../../lib/graph/retry';
import { searchDirectory } from '../../../lib/graph/search-directory';
import { createGraphTransport, type GraphTransport } from '../../../lib/graph/transport';
import { type GrantDeps, runGrant, startGrant } from '../../../lib/provisioning/run-grant';
import type { GrantRun } from '../../../lib/provisioning/types';
import { acquireTokens } from '../../emulator/test-support.ts';
import { dropDb, freshDb, startTestTenant, type TestTenant } from '../sync/harness';
import { phrase, sayParam } from '../../../lib/errors/phrase';

// The grant's role and service checks against the local tenant, as a real tenant answers them: an unlicensed
// administrator, a role held through a group or eligible in PIM, subscriptions whose plans are not provisioned.
const SERVICES: ServiceId[] = ['exchange', 'sharepoint', 'onedrive'];

let t: TestTenant;
let db: AppDB;
/** What the transport slept between attempts (the local tenant's faults are counted, not timed). */
let waits: number[] = [];
/** The accounts the grant signed out of msal's cache. */
let signedOut: string[] = [];

beforeAll(async () => {
  t = await startTestTenant({ users: 10, groups: 2 });
}, 30_000);
afterAll(() => t.close());
beforeEach(async () => {
  t.tenant.control.reset();
  waits = [];
  signedOut = [];
  db = freshDb();
  await db.tenants.put(t.record);
});
afterEach(() => dropDb(db));

type Account = { id: string; userPrincipalName: string; password: string; displayName: string };

function deps(account: Account): GrantDeps {
  let id = 0;
  let token: Promise<string> | undefined;
  const graph: GraphTransport = createGraphTransport({
    graphHost: t.tenant.graphBaseUrl,
    sleep: (ms) => (waits.push(ms), Promise.resolve()),
    getAccessToken: () =>
      (token ??= acquireTokens(t.tenant, {
        authority: t.org.tenantId,
        username: account.userPrincipalName,
        password: account.password,
        scopes: scopesFor(SERVICES),
      }).then(({ tokens }) => tokens.access_token)),
  });
  return {
    db,
    now: () => 1_000,
    newId: () => `run-${++id}`,
    signIn: () =>
      Promise.resolve({
        homeAccountId: 'home',
        tenantId: t.org.tenantId,
        objectId: account.id,
        username: account.userPrincipalName,
        name: account.displayName,
        scopes: scopesFor(SERVICES),
        expiresOn: 3_600_000,
        roleTemplateIds: [],
      }),
    graph: () => graph,
    syncDirectory: () => Promise.resolve('synced'),
    backfillActivity: () => Promise.resolve('backfilled'),
    signOut: (_, homeAccountId) => (signedOut.push(homeAccountId), Promise.resolve()),
  };
}

async function grant(account: Account = t.org.admin, services = SERVICES): Promise<GrantRun> {
  // The service account is whoever signs in here (no service account entered yet).
  await db.tenants.put({ ...t.record, serviceAccountUpn: account.userPrincipalName });
  const d = deps(account);
  const run = await startGrant(d, { tenantId: t.org.tenantId, services, syncScope: { mode: 'all' }, policyId: 'monitor-only' });
  return runGrant(d, run.id);
}
// A step's detail as the progress list words it (the run keeps a phrase).
const detail = (run: GrantRun, step: string) => {
  const found = run.steps.find((s) => s.id === step)?.detail;
  return found === undefined ? undefined : sayParam(found);
};

describe('service checks that do not need the admin’s own licence', () => {
  it('an unlicensed Global Administrator grants all three services, told what was verified and what could not be', async () => {
    t.tenant.control.setLicence(t.org.admin.userPrincipalName, { mailbox: false, drive: false });
    const run = await grant();
    expect(run.state).toBe('succeeded');
    expect(detail(run, 'check_exchange')).toBe(
      `Exchange Online is in the tenant's subscription (plan EXCHANGE_S_ENTERPRISE in SPE_E5, provisioned). Your account ${t.org.admin.userPrincipalName} has no mailbox (an Exchange Online licence is needed), so Exchange Online itself could not be tried with it.`,
    );
    expect(detail(run, 'check_onedrive')).toContain(`Your account ${t.org.admin.userPrincipalName} has no OneDrive`);
    expect(detail(run, 'check_sharepoint')).toBe(
      "SharePoint Online is in the tenant's subscription (plan SHAREPOINTENTERPRISE in SPE_E5, provisioned), and the root site answered.",
    );
  });

  it('a licensed administrator’s own mailbox and drive are the extra evidence', async () => {
    const run = await grant();
    expect(run.state).toBe('succeeded');
    expect(detail(run, 'check_exchange')).toContain('provisioned), and your mailbox answered.');
    expect(detail(run, 'check_onedrive')).toContain('(plan SHAREPOINTENTERPRISE in SPE_E5, provisioned), and your OneDrive answered.');
  });

  it('fails a service the tenant has no plan for, with its own words', async () => {
    t.tenant.control.setServicePlan('EXCHANGE_S_ENTERPRISE', null);
    const run = await grant();
    expect(run.state).toBe('failed');
    expect(run.error).toMatchObject({ code: 'service_not_subscribed', step: 'check_exchange' });
    expect(run.error?.params).toEqual([phrase('connectors_exchangeOnline')]);
  });

  it.each([
    ['PendingActivation', 'graph_planPendingActivation'],
    ['Disabled', 'graph_planDisabled'],
    ['PendingProvisioning', 'graph_planPendingProvisioning'],
  ] as const)('fails a plan that is %s, saying what it means', async (status, words) => {
    t.tenant.control.setServicePlan('SHAREPOINTENTERPRISE', status);
    const run = await grant(t.org.admin, ['sharepoint']);
    expect(run.state).toBe('failed');
    expect(run.error).toMatchObject({ code: 'service_not_provisioned', step: 'check_sharepoint' });
    expect(run.error?.params).toEqual([
      phrase('graph_planNotProvisioned', phrase('connectors_sharePointOnline'), 'SHAREPOINTENTERPRISE', 'SPE_E5', status, phrase(words)),
    ]);
  });
});

describe('the Global Administrator role', () => {
  it('held through a role-assignable group passes', async () => {
    const group = t.tenant.control.addGroup({ displayName: 'Tier 0', isAssignableToRole: true, members: [t.org.user.userPrincipalName] });
    t.tenant.control.assignRoleToGroup(group.id);
    const run = await grant(t.org.user, ['sharepoint']);
    expect(run.state).toBe('succeeded');
    expect(detail(run, 'verify_admin')).toBe(`${t.org.user.userPrincipalName} holds the Global Administrator role`);
  });

  it('eligible in PIM but not active is refused with the words to activate it', async () => {
    t.tenant.control.makeEligible(t.org.user.userPrincipalName);
    const run = await grant(t.org.user, ['sharepoint']);
    expect(run.state).toBe('failed');
    expect(run.error).toMatchObject({ code: 'global_admin_not_active', step: 'verify_admin' });
    expect(run.error?.params).toEqual([t.org.user.userPrincipalName]);
    const read = t.tenant.control.requests().find((r) => r.path.includes('filterByCurrentUser'));
    expect(decodeURIComponent(read?.query ?? '')).toContain('$expand=roleDefinition($select=templateId)');
    // The refused account leaves the extension's msal cache.
    expect(signedOut).toEqual(['home']);
  });

  it('eligible and activated passes', async () => {
    t.tenant.control.makeEligible(t.org.user.userPrincipalName);
    t.tenant.control.activate(t.org.user.userPrincipalName, 8);
    expect((await grant(t.org.user, ['sharepoint'])).state).toBe('succeeded');
  });

  it('when the eligibility cannot be read (no Microsoft Entra ID P2), keeps the words of a missing role', async () => {
    t.tenant.control.makeEligible(t.org.user.userPrincipalName);
    t.tenant.control.setPremium(false);
    const run = await grant(t.org.user, ['sharepoint']);
    expect(run.error).toMatchObject({ code: 'not_global_admin', step: 'verify_admin' });
    expect(run.error?.params).toEqual([t.org.user.userPrincipalName]);
  });

  it('neither held nor eligible is refused as before', async () => {
    const run = await grant(t.org.user, ['sharepoint']);
    expect(run.error).toMatchObject({ code: 'not_global_admin', step: 'verify_admin' });
    expect(signedOut).toEqual(['home']);
  });
});

describe('accounts the grant does not keep leave msal’s cache (issue #15, item 4)', () => {
  /** Grant `services` to the tenant as it is stored now (its connected account, if any, kept). */
  async function grantAs(account: Account, tenant: Partial<typeof t.record>) {
    await db.tenants.put({ ...t.record, serviceAccountUpn: account.userPrincipalName, ...tenant });
    const d = deps(account);
    const run = await startGrant(d, {
      tenantId: t.org.tenantId,
      services: ['sharepoint'],
      syncScope: { mode: 'all' },
      policyId: 'monitor-only',
    });
    return runGrant(d, run.id);
  }

  it('a grant that succeeds signs nobody out', async () => {
    expect((await grantAs(t.org.admin, {})).state).toBe('succeeded');
    expect(signedOut).toEqual([]);
  });

  it('a re-grant with another account signs out the account it replaces', async () => {
    const run = await grantAs(t.org.admin, { homeAccountId: 'replaced-home' });
    expect(run.state).toBe('succeeded');
    expect(signedOut).toEqual(['replaced-home']);
    expect((await db.tenants.get(t.org.tenantId))?.homeAccountId).toBe('home');
  });

  it('a re-grant with the same account keeps it', async () => {
    expect((await grantAs(t.org.admin, { homeAccountId: 'home' })).state).toBe('succeeded');
    expect(signedOut).toEqual([]);
  });

  it('another account than the service account entered is signed out', async () => {
    const run = await grantAs(t.org.admin, { serviceAccountUpn: t.org.user.userPrincipalName });
    expect(run.error).toMatchObject({ code: 'wrong_service_account' });
    expect(signedOut).toEqual(['home']);
  });

  it('a refused verification never signs out the account the tenant is connected with', async () => {
    const run = await grantAs(t.org.user, { homeAccountId: 'home' });
    expect(run.error).toMatchObject({ code: 'not_global_admin' });
    expect(signedOut).toEqual([]);
  });

  it('a failure that is not about the account keeps it (resuming goes on with it)', async () => {
    t.tenant.control.setServicePlan('SHAREPOINTENTERPRISE', 'Disabled');
    const run = await grantAs(t.org.admin, {});
    expect(run.error).toMatchObject({ code: 'service_not_provisioned' });
    expect(signedOut).toEqual([]);
  });
});

// Microsoft's throttling guidance (microsoft-graph-docs-contrib concepts/throttling.md): a throttled request answers
// 429 with Retry-After; wait that long and send it again. The grant's steps and the picker go through the transport.
describe('a throttled Graph during the grant', () => {
  it.each([
    ['verify_admin', '/v1.0/me/transitiveMemberOf/microsoft.graph.directoryRole'],
    ['verify_tenant', '/v1.0/organization'],
    ['check_exchange', '/v1.0/subscribedSkus'],
    ['check_sharepoint', '/v1.0/sites/root'],
  ])('%s answered 429 with Retry-After: the step waits what Graph asked and passes', async (step, path) => {
    t.tenant.control.injectFault({ path, kind: '429', retryAfterSeconds: 2 });
    const run = await grant();
    expect(run.state).toBe('succeeded');
    expect(run.steps.find((s) => s.id === step)?.state).toBe('done');
    expect(waits).toEqual([2000]);
    // The throttled request was sent again: Graph saw it twice.
    const sent = t.tenant.control.requests().filter((r) => r.path === path);
    expect(sent.length).toBeGreaterThanOrEqual(2);
  });

  it('a throttle longer than the step can wait fails the step with graph_retry_exhausted, not a generic failure', async () => {
    t.tenant.control.injectFault({ path: '/v1.0/subscribedSkus', kind: '429', retryAfterSeconds: 120 });
    const run = await grant();
    expect(run.state).toBe('failed');
    expect(run.steps.find((s) => s.id === 'check_exchange')).toMatchObject({ state: 'failed' });
    expect(JSON.stringify(run)).toContain('graph_retry_exhausted');
    expect(waits).toEqual([]);
  });
});

describe('the picker through the transport', () => {
  function pickerTransport(): GraphTransport {
    return deps(t.org.admin).graph(t.record, 'home', scopesFor(SERVICES));
  }

  it('a 429 with a short Retry-After is waited out, and the matches come', async () => {
    t.tenant.control.injectFault({ path: '/v1.0/users', kind: '429', retryAfterSeconds: 1 });
    const matches = await searchDirectory(pickerTransport(), t.org.user.displayName.slice(0, 4));
    expect(matches.some((m) => m.kind === 'user' && m.id === t.org.user.id)).toBe(true);
    expect(waits).toEqual([1000]);
  });

  it('a longer throttle ends the search at once with graph_retry_exhausted: the admin is not kept waiting', async () => {
    t.tenant.control.injectFault({ path: '/v1.0/groups', kind: '429', retryAfterSeconds: RETRY_BUDGETS.grantStep.maxWaitMs / 1000 });
    await expect(searchDirectory(pickerTransport(), 'a')).rejects.toMatchObject({ code: 'graph_retry_exhausted' });
    expect(waits).toEqual([]);
  });

  it('a query with & and # reaches Graph as one filter value', async () => {
    const matches = await searchDirectory(pickerTransport(), 'R&D #1');
    expect(matches).toEqual([]);
    const sent = t.tenant.control.requests().filter((r) => r.path === '/v1.0/users');
    expect(sent).toHaveLength(1);
  });
});
