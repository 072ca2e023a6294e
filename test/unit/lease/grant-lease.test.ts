import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SignedInAccount } from '../../../lib/auth/types';
import type { AppDB } from '../../../lib/db/app-db';
import type { TenantRecord } from '../../../lib/db/types';
import { AppError } from '../../../lib/errors/app-error';
import { isGrantHeld, isGrantInterrupted, renewGrantLease } from '../../../lib/lease/grant-lease';
import { LEASE_MS, RENEW_EVERY_MS } from '../../../lib/lease/lease';
import { acquireLease, finishRun, releaseLease, renewLease } from '../../../lib/lease/sync-lease';
import { disconnect } from '../../../lib/provisioning/disconnect';
import { assertManualSyncAllowed } from '../../../lib/sync/manual-sync';
import {
  activeRun,
  cancelGrant,
  continueGrant,
  type GrantDeps,
  resumeGrant,
  runGrant,
  startGrant,
} from '../../../lib/provisioning/run-grant';
import type { GrantRequest } from '../../../lib/provisioning/types';
import { run } from '../monitor/fixtures';
import { dropDb, freshDb } from '../sync/harness';

// The grant's lease: one grant at a time, held by a live worker however long the admin stays in Microsoft's sign-in
// window, free once its worker stops (the run may then be resumed) or it ends.
const TENANT_ID = '11111111-1111-1111-1111-111111111111';
const tenant = {
  tenantId: TENANT_ID,
  domain: 'contoso.onmicrosoft.com',
  displayName: 'Contoso',
  cloud: 'worldwide',
  clientId: '0b8f3c2e-5d71-4a9e-9f2a-1c3d5e7f9a0b',
  syncScope: { mode: 'all' },
} as unknown as TenantRecord;
const account: SignedInAccount = {
  homeAccountId: 'oid.home',
  tenantId: TENANT_ID,
  objectId: 'oid',
  username: 'admin@contoso.onmicrosoft.com',
  name: 'Admin',
  scopes: [],
  expiresOn: 0,
  roleTemplateIds: [],
};
const request: GrantRequest = { tenantId: TENANT_ID, services: ['exchange'], syncScope: { mode: 'all' }, policyId: 'monitor-only' };
const START = 1_800_000_000_000;

let db: AppDB;
let clock: number;
beforeEach(async () => {
  db = freshDb();
  clock = START;
  await db.tenants.put(tenant);
});
afterEach(() => dropDb(db));

/** The worker's side: the latest sign-in resolves when the test says (the admin in the window); no Graph. */
function deps() {
  let id = 0;
  const pending: Array<(account: SignedInAccount) => void> = [];
  const signIn = vi.fn<GrantDeps['signIn']>(() => new Promise((resolve) => pending.push(resolve)));
  const keepAlive = vi.fn(() => Promise.resolve());
  const d: GrantDeps = {
    db,
    now: () => clock,
    newId: () => `run-${++id}`,
    signIn,
    // The checks after the sign-in are not this test's business: Graph "fails" there.
    graph: () => {
      throw new AppError('graph_unavailable');
    },
    syncDirectory: () => Promise.resolve('synced'),
    backfillActivity: () => Promise.resolve('backfilled'),
    signOut: () => Promise.resolve(),
    keepAlive,
  };
  return { d, signIn, keepAlive, completeSignIn: () => pending.pop()?.(account) };
}

const stored = async (id: string) => (await db.grantRuns.get(id))!;
const leaseOfRun = async (id: string) => db.leases.get((await stored(id)).tenantId);
const held = async (id: string) => isGrantHeld(await stored(id), await leaseOfRun(id), clock);
const interrupted = async (id: string) => isGrantInterrupted(await stored(id), await leaseOfRun(id), clock);
const refusal = (work: Promise<unknown>) =>
  work.then(
    () => 'started',
    (error: AppError) => error.code,
  );

describe('taking the grant’s lease', () => {
  it('is one transaction with the check: two starts at once (a double click) make one run', async () => {
    const { d } = deps();
    const outcomes = await Promise.all([refusal(startGrant(d, request)), refusal(startGrant(d, request))]);
    expect(outcomes.sort()).toEqual(['grant_in_progress', 'started']);
    expect(await db.grantRuns.count()).toBe(1);
  });

  it('is refused to a second grant while the first holds it, even for another tenant', async () => {
    const { d } = deps();
    const first = await startGrant(d, request);
    expect(await held(first.id)).toBe(true);
    expect((await activeRun(d))?.id).toBe(first.id);
    await db.tenants.put({ ...tenant, tenantId: 'other', domain: 'fabrikam.onmicrosoft.com' });
    clock += LEASE_MS - 1;
    expect(await refusal(startGrant(d, { ...request, tenantId: 'other' }))).toBe('grant_in_progress');
  });
});

describe('one lease per tenant: a grant and a sync never both hold it', () => {
  const syncRun = (tenantId: string) => run('running', { tenantId, kind: 'full', startedAt: clock });
  const grantedTenant = { ...tenant, homeAccountId: 'oid.home' } as TenantRecord;

  it('refuses a grant while the tenant’s sync holds it, and starts it once the sync gave it back', async () => {
    const { d } = deps();
    const scheduled = await acquireLease(db, syncRun(TENANT_ID), 'worker', 'scheduled', clock);
    expect(scheduled.ok).toBe(true);
    expect(await refusal(startGrant(d, request))).toBe('grant_sync_running');
    expect(await db.grantRuns.count()).toBe(0);
    expect(await db.leases.get(TENANT_ID)).toMatchObject({ holder: 'sync', token: 'scheduled' });
    // Another tenant's grant is not held up by this tenant's sync.
    await db.tenants.put({ ...tenant, tenantId: 'other', domain: 'fabrikam.onmicrosoft.com' });
    const other = await startGrant(d, { ...request, tenantId: 'other' });
    await cancelGrant(d, other.id);
    await releaseLease(db, TENANT_ID, 'scheduled');
    expect(await refusal(startGrant(d, request))).toBe('started');
  });

  it('defers every other sync of the tenant while a grant holds it, and lets the grant’s own sync run under it', async () => {
    const { d } = deps();
    const grant = await startGrant(d, request);
    const grantLease = (await db.leases.get(TENANT_ID))!;
    expect(grantLease).toMatchObject({ holder: 'grant', grantRunId: grant.id, expiresAt: clock + LEASE_MS });
    // A scheduled sync is deferred until the grant's lease runs out; "Sync now" is refused with the same code as
    // beside a sync.
    expect(await acquireLease(db, syncRun(TENANT_ID), 'worker', 'scheduled', clock + 1)).toEqual({
      ok: false,
      expiresAt: clock + LEASE_MS,
      code: 'sync_in_progress',
    });
    await expect(assertManualSyncAllowed(db, grantedTenant, clock + 1)).rejects.toMatchObject({ code: 'sync_in_progress' });
    // Another tenant's sync is not held up.
    expect((await acquireLease(db, syncRun('other'), 'worker', 'other', clock + 1)).ok).toBe(true);
    // The grant's directory sync joins the grant's lease: it proves the grant's token, and the grant keeps the tenant.
    const own = await acquireLease(db, syncRun(TENANT_ID), 'worker', 'unused', clock + 2, grant.id);
    expect(own).toEqual({ ok: true, token: grantLease.token, runId: expect.any(Number) as number });
    if (!own.ok) return;
    expect(await db.leases.get(TENANT_ID)).toMatchObject({ holder: 'grant', grantRunId: grant.id, syncRunId: own.runId });
    await finishRun(db, TENANT_ID, own.runId, own.token, { outcome: 'success', finishedAt: clock + 3 });
    expect(await db.leases.get(TENANT_ID)).toEqual({ ...grantLease, expiresAt: clock + 2 + LEASE_MS });
    expect(await held(grant.id)).toBe(true);
    // Another grant's run cannot join it.
    expect(await acquireLease(db, syncRun(TENANT_ID), 'worker', 'unused', clock + 4, 'another-run')).toMatchObject({
      ok: false,
      code: 'sync_lease_lost',
    });
    // Once the grant ends, the tenant is free for its syncs again.
    await cancelGrant(d, grant.id);
    expect(await db.leases.get(TENANT_ID)).toBeUndefined();
    expect((await acquireLease(db, syncRun(TENANT_ID), 'worker', 'scheduled', clock + 5)).ok).toBe(true);
  });

  it('is taken from the grant’s directory sync by Disconnect: the sync writes nothing more, the grant holds the tenant', async () => {
    const { d } = deps();
    const grant = await startGrant(d, request);
    const own = await acquireLease(db, syncRun(TENANT_ID), 'worker', 'unused', clock, grant.id);
    if (!own.ok) throw new Error('the grant’s sync did not join its lease');
    await disconnect({ db, now: () => clock, signOut: () => Promise.resolve() }, TENANT_ID, [], false);
    // The sync's next proof (every page's commit makes it) fails: nothing of it lands after Disconnect.
    await expect(renewLease(db, TENANT_ID, own.token, clock + 1)).rejects.toMatchObject({ code: 'sync_lease_lost' });
    // The grant's run goes on as the admin started it: no Resume, no second grant, no sync beside it.
    expect(await held(grant.id)).toBe(true);
    expect(await db.leases.get(TENANT_ID)).not.toHaveProperty('syncRunId');
    expect(await refusal(startGrant(d, request))).toBe('grant_in_progress');
    expect((await acquireLease(db, syncRun(TENANT_ID), 'worker', 'scheduled', clock + 1)).ok).toBe(false);
  });

  it('frees the tenant for its syncs once the grant’s worker stopped renewing', async () => {
    const { d } = deps();
    const grant = await startGrant(d, request);
    clock += LEASE_MS;
    expect(await interrupted(grant.id)).toBe(true);
    expect(await acquireLease(db, syncRun(TENANT_ID), 'worker', 'resume', clock)).toMatchObject({ ok: true, token: 'resume' });
    // The interrupted grant cannot be resumed beside that sync, and its late renewal does not take the tenant back.
    expect(await refusal(resumeGrant(d, grant.id))).toBe('grant_sync_running');
    await renewGrantLease(db, grant.id, clock);
    expect(await db.leases.get(TENANT_ID)).toMatchObject({ holder: 'sync', token: 'resume' });
  });
});

describe('a grant waiting in the sign-in window', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] }));
  afterEach(() => vi.useRealTimers());

  it('keeps its lease for three times the lease: no Resume, no second run; then it goes on', async () => {
    const { d, signIn, keepAlive, completeSignIn } = deps();
    const run = await startGrant(d, request);
    const running = runGrant(d, run.id);
    await vi.waitFor(() => expect(signIn).toHaveBeenCalledTimes(1));
    for (let waited = 0; waited < 3 * LEASE_MS; waited += RENEW_EVERY_MS) {
      clock += RENEW_EVERY_MS;
      await vi.advanceTimersByTimeAsync(RENEW_EVERY_MS);
      await vi.waitFor(async () => expect((await db.leases.get(TENANT_ID))?.expiresAt).toBe(clock + LEASE_MS));
      expect(await interrupted(run.id)).toBe(false);
      expect((await stored(run.id)).steps.find((s) => s.id === 'sign_in')?.state).toBe('running');
    }
    expect(keepAlive).toHaveBeenCalled();
    expect(await refusal(resumeGrant(d, run.id))).toBe('grant_not_resumable');
    expect(await refusal(startGrant(d, request))).toBe('grant_in_progress');
    expect(await db.grantRuns.count()).toBe(1);

    completeSignIn();
    const after = await running;
    expect(after.steps.find((s) => s.id === 'sign_in')).toMatchObject({ state: 'done' });
    expect(after.account?.username).toBe(account.username);
    // Graph's (faked) failure stops it at the next step: the run went on after the window, and only once.
    expect(after.error).toMatchObject({ step: 'verify_tenant' });
    expect(signIn).toHaveBeenCalledTimes(1);
  });

  it('loses it once its worker stops renewing: the run may then be resumed, once', async () => {
    const { d, signIn, completeSignIn } = deps();
    const run = await startGrant(d, request);
    void runGrant(d, run.id);
    await vi.waitFor(() => expect(signIn).toHaveBeenCalledTimes(1));
    // The worker stopped: its timer never fires again, and the time passes.
    clock += LEASE_MS;
    expect(await interrupted(run.id)).toBe(true);
    expect(await activeRun(d)).toBeUndefined();
    // Resume pressed twice: one resumes (and signs in again), the other is refused at once.
    const resumes = [refusal(resumeGrant(d, run.id)), refusal(resumeGrant(d, run.id))];
    expect(await Promise.race(resumes)).toBe('grant_not_resumable');
    await vi.waitFor(() => expect(signIn).toHaveBeenCalledTimes(2));
    completeSignIn();
    expect((await Promise.all(resumes)).sort()).toEqual(['grant_not_resumable', 'started']);
    expect(await db.grantRuns.count()).toBe(1);
  });
});

describe('resuming a run interrupted after its sign-in', () => {
  it('signs in again before any step acts as the account (the browser may have taken msal’s account along)', async () => {
    const { d, signIn, completeSignIn } = deps();
    const run = await startGrant(d, request);
    // The run as a killed browser left it: signed in, checked, in its directory sync, its lease run out.
    const done = new Set(['sign_in', 'verify_tenant', 'verify_admin', 'check_exchange']);
    await db.grantRuns.put({
      ...run,
      account,
      steps: run.steps.map((s) => (done.has(s.id) ? { ...s, state: 'done' } : s.id === 'sync_directory' ? { ...s, state: 'running' } : s)),
    });
    clock += LEASE_MS;
    expect(await interrupted(run.id)).toBe(true);

    const resumed = resumeGrant(d, run.id);
    await vi.waitFor(() => expect(signIn).toHaveBeenCalledTimes(1));
    expect((await stored(run.id)).steps.filter((s) => s.state === 'done')).toEqual([]);
    completeSignIn();
    // Graph's (faked) failure stops it at the step after the sign-in: the checks run again as the account just proven.
    expect((await resumed).error).toMatchObject({ step: 'verify_tenant' });
  });
});

describe('giving the lease back', () => {
  it('frees it when the run stops, and a renewal does not take a stopped run back', async () => {
    const { d, signIn, completeSignIn } = deps();
    const run = await startGrant(d, request);
    const running = runGrant(d, run.id);
    await vi.waitFor(() => expect(signIn).toHaveBeenCalledTimes(1));
    completeSignIn();
    const failed = await running;
    expect(failed.state).toBe('failed');
    expect(await activeRun(d)).toBeUndefined();
    // The run gave its tenant's lease back as it failed; a late renewal does not take it again.
    expect(await db.leases.get(TENANT_ID)).toBeUndefined();
    await renewGrantLease(db, run.id, clock + 1000);
    expect(await db.leases.get(TENANT_ID)).toBeUndefined();
    expect(await refusal(startGrant(d, request))).toBe('started');
  });

  it('lets a waiting run go on once, however often "continue" is pressed', async () => {
    const { d } = deps();
    const run = await startGrant(d, { ...request, syncScope: { mode: 'selected', userIds: [], groupIds: [] } });
    const before = run.steps.findIndex((step) => step.id === 'choose_targets');
    const steps = run.steps.map((step, i) => (i < before ? { ...step, state: 'done' as const } : step));
    await db.grantRuns.update(run.id, { state: 'waiting', steps, account: { ...account } });
    const targets = { userIds: ['u1'], groupIds: [] };
    const outcomes = await Promise.all([refusal(continueGrant(d, run.id, targets)), refusal(continueGrant(d, run.id, targets))]);
    expect(outcomes.sort()).toEqual(['grant_not_resumable', 'started']);
    // The one that went on stopped at the service check (Graph "fails"), with the targets chosen once.
    expect((await stored(run.id)).error).toMatchObject({ step: 'check_exchange' });
    expect((await cancelGrant(d, run.id)).state).toBe('cancelled');
  });
});
