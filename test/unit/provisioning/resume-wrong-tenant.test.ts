import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SignedInAccount } from '../../../lib/auth/types';
import type { AppDB } from '../../../lib/db/app-db';
import type { TenantRecord } from '../../../lib/db/types';
import { AppError } from '../../../lib/errors/app-error';
import { type GrantDeps, resumeGrant, runGrant, startGrant } from '../../../lib/provisioning/run-grant';
import { dropDb, freshDb } from '../sync/harness';

// A grant whose sign-in brought an account of another tenant fails at verify_tenant. Resuming it must sign in again
// with Entra's account picker: re-checking the same account, or a silent sign-in through the session, would bring the
// same wrong account back.
const TENANT_ID = '11111111-1111-1111-1111-111111111111';
const OTHER_TENANT = '22222222-2222-2222-2222-222222222222';
const tenant = {
  tenantId: TENANT_ID,
  domain: 'contoso.onmicrosoft.com',
  displayName: 'Contoso',
  cloud: 'worldwide',
  clientId: '0b8f3c2e-5d71-4a9e-9f2a-1c3d5e7f9a0b',
  syncScope: { mode: 'all' },
} as unknown as TenantRecord;

const accountIn = (tenantId: string): SignedInAccount => ({
  homeAccountId: `oid.${tenantId}`,
  tenantId,
  objectId: 'oid',
  username: `admin@${tenantId === TENANT_ID ? 'contoso' : 'fabrikam'}.onmicrosoft.com`,
  name: 'Admin',
  scopes: [],
  expiresOn: 0,
  roleTemplateIds: [],
});

let db: AppDB;
beforeEach(async () => {
  db = freshDb();
  await db.tenants.put(tenant);
});
afterEach(() => dropDb(db));

function deps(accounts: SignedInAccount[]) {
  let id = 0;
  const signIn = vi.fn<GrantDeps['signIn']>(() => Promise.resolve(accounts.shift()!));
  const d: GrantDeps = {
    db,
    now: () => 1_000,
    newId: () => `run-${++id}`,
    signIn,
    // The checks after verify_tenant are not this test's business: Graph "fails" there.
    graph: () => {
      throw new AppError('graph_unavailable');
    },
    syncDirectory: () => Promise.resolve('synced'),
    backfillActivity: () => Promise.resolve('backfilled'),
    signOut: () => Promise.resolve(),
  };
  return { d, signIn };
}

/** A grant of Exchange Online for the tenant, all users, the monitor-only policy. */
const startExchangeGrant = (d: Parameters<typeof startGrant>[0]) =>
  startGrant(d, { tenantId: TENANT_ID, services: ['exchange'], syncScope: { mode: 'all' }, policyId: 'monitor-only' });

describe('resuming a grant that signed in an account of another tenant', () => {
  it('starts again at the sign-in, with the account picker, until an account of the tenant signs in', async () => {
    const { d, signIn } = deps([accountIn(OTHER_TENANT), accountIn(OTHER_TENANT), accountIn(TENANT_ID)]);
    const started = await startExchangeGrant(d);
    const failed = await runGrant(d, started.id);
    expect(failed.error).toMatchObject({ code: 'wrong_tenant', step: 'verify_tenant' });
    expect(signIn).toHaveBeenLastCalledWith(tenant, expect.any(Array), undefined);

    const again = await resumeGrant(d, started.id);
    expect(signIn).toHaveBeenCalledTimes(2);
    expect(signIn).toHaveBeenLastCalledWith(tenant, expect.any(Array), { chooseAccount: true });
    expect(again.error).toMatchObject({ code: 'wrong_tenant', step: 'verify_tenant' });

    const third = await resumeGrant(d, started.id);
    expect(signIn).toHaveBeenCalledTimes(3);
    expect(signIn).toHaveBeenLastCalledWith(tenant, expect.any(Array), { chooseAccount: true });
    // The right account passed verify_tenant's own check; Graph's (faked) failure stops the run after it.
    expect(third.account?.tenantId).toBe(TENANT_ID);
    expect(third.error).toMatchObject({ code: 'graph_unavailable', step: 'verify_tenant' });
    expect(third.chooseAccount).toBeUndefined();
    expect(third.steps.find((s) => s.id === 'sign_in')?.state).toBe('done');
  });

  it('resumes other failures at their own step, without the picker', async () => {
    const { d, signIn } = deps([accountIn(TENANT_ID)]);
    const started = await startExchangeGrant(d);
    const failed = await runGrant(d, started.id);
    expect(failed.error).toMatchObject({ code: 'graph_unavailable', step: 'verify_tenant' });
    await resumeGrant(d, started.id);
    expect(signIn).toHaveBeenCalledTimes(1);
  });

  it('resumes a grant whose account msal no longer holds (the browser session ended) from the sign-in', async () => {
    const { d, signIn } = deps([accountIn(TENANT_ID), accountIn(TENANT_ID)]);
    d.graph = () => {
      throw new AppError('signed_out');
    };
    const started = await startExchangeGrant(d);
    const failed = await runGrant(d, started.id);
    expect(failed.error).toMatchObject({ code: 'signed_out', step: 'verify_tenant' });
    await resumeGrant(d, started.id);
    expect(signIn).toHaveBeenCalledTimes(2);
  });
});
