import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppDB } from '../../../lib/db/app-db';
import { AuthError } from '../../../lib/errors/app-error';
import { type CheckDeps, CHECK_RETENTION_MS, reevaluate, runChecks } from '../../../lib/monitor/run-checks';
import { connector, HOUR, NOW, run, SETTINGS, tenant } from './fixtures';
import { objectRow } from '../../../lib/db/keys';

let db: AppDB;
let clock: number;
let deps: CheckDeps & {
  renewToken: ReturnType<typeof vi.fn>;
  silentSignIn: ReturnType<typeof vi.fn>;
  graphCheck: ReturnType<typeof vi.fn>;
};

beforeEach(async () => {
  db = new AppDB(`checks-${Math.random()}`);
  clock = NOW;
  await db.tenants.put(tenant);
  await db.connectors.bulkPut([connector('exchange'), connector('onedrive')]);
  deps = {
    db,
    now: () => clock,
    online: () => true,
    renewToken: vi.fn(() =>
      Promise.resolve({ accessToken: 'at', expiresOn: NOW + HOUR, scopes: ['User.Read'], refreshHorizon: NOW + 10 * HOUR }),
    ),
    silentSignIn: vi.fn(() => Promise.reject(new AuthError('interaction_required'))),
    graphCheck: vi.fn(() =>
      Promise.resolve({
        globalAdmin: true,
        probes: { exchange: 'ok' as const, onedrive: 'ok' as const },
        health: { exchange: { state: 'degraded' as const, words: 'Degraded — x', checkedAt: NOW } },
      }),
    ),
  };
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('runChecks', () => {
  it('makes one token request and one Graph request per tenant, and records what they told', async () => {
    const round = await runChecks(deps, SETTINGS);
    expect(deps.renewToken).toHaveBeenCalledTimes(1);
    expect(deps.graphCheck).toHaveBeenCalledTimes(1);
    expect(deps.graphCheck.mock.calls[0]?.[1]).toEqual(['exchange', 'onedrive']);
    expect(deps.silentSignIn).not.toHaveBeenCalled();
    expect(round.tenants[0]?.statuses.map((s) => s.state)).toEqual(['service_degraded', 'connected']);
    const stored = await db.tenants.get('t1');
    expect(stored?.grant).toMatchObject({ refreshHorizon: NOW + 10 * HOUR, expiresOn: NOW + HOUR, lastValidatedAt: NOW });
    expect((await db.connectors.get('t1:exchange'))?.serviceHealth?.state).toBe('degraded');
    // The connectors keep facts only: no status, reason or check time beside the check that holds them.
    for (const stored of await db.connectors.toArray()) {
      expect(Object.keys(stored).filter((key) => ['status', 'reasonCode', 'lastCheckAt', 'lastSyncResult'].includes(key))).toEqual([]);
    }
    const checks = await db.checks.toArray();
    expect(checks).toHaveLength(1);
    expect(checks[0]?.statuses).toEqual([
      { connectorId: 't1:exchange', state: 'service_degraded', severity: 'warning', reasonCode: 'service_degraded' },
      { connectorId: 't1:onedrive', state: 'connected', severity: 'ok', reasonCode: undefined },
    ]);
  });

  it('a lapsed PIM activation turns amber, never notifies over many checks, and red only when the eligibility goes too', async () => {
    deps.graphCheck.mockResolvedValue({ globalAdmin: false, globalAdminEligible: true, probes: { exchange: 'ok', onedrive: 'ok' } });
    for (let i = 0; i < 4; i++) {
      const round = await runChecks(deps, SETTINGS);
      expect(round.tenants[0]?.statuses.map((s) => [s.state, s.severity, s.reasonCode])).toEqual([
        ['role_inactive', 'warning', 'admin_role_inactive'],
        ['role_inactive', 'warning', 'admin_role_inactive'],
      ]);
      expect(round.alerts.notify).toHaveLength(0);
      clock += 3 * HOUR;
    }
    expect((await db.alerts.toArray()).filter((a) => !a.resolvedAt).map((a) => a.state)).toEqual(['role_inactive', 'role_inactive']);
    deps.graphCheck.mockResolvedValue({ globalAdmin: false, globalAdminEligible: false, probes: { exchange: 'ok', onedrive: 'ok' } });
    const removed = await runChecks(deps, SETTINGS);
    expect(removed.tenants[0]?.statuses.map((s) => s.reasonCode)).toEqual(['admin_role_removed', 'admin_role_removed']);
    expect(removed.alerts.notify).toHaveLength(1);
  });

  it('turns red once on a revoked grant, notifies once, and clears after a working check', async () => {
    deps.renewToken.mockRejectedValue(new AuthError('grant_revoked'));
    const first = await runChecks(deps, SETTINGS);
    expect(first.tenants[0]?.statuses.map((s) => s.state)).toEqual(['token_expired', 'token_expired']);
    expect(first.alerts.notify).toHaveLength(1);
    expect(deps.graphCheck).not.toHaveBeenCalled();
    expect((await db.tenants.get('t1'))?.grant?.lastAuthError).toEqual({ code: 'grant_revoked', at: NOW });

    clock += 15 * 60_000;
    const second = await runChecks(deps, SETTINGS);
    expect(second.alerts.notify).toHaveLength(0);
    expect((await db.alerts.toArray()).filter((a) => !a.resolvedAt)).toHaveLength(2);

    deps.renewToken.mockResolvedValue({ accessToken: 'at', expiresOn: clock + HOUR, scopes: [], refreshHorizon: clock + 20 * HOUR });
    clock += 15 * 60_000;
    const third = await runChecks(deps, SETTINGS);
    expect(third.tenants[0]?.statuses.map((s) => s.severity)).not.toContain('error');
    const red = (await db.alerts.toArray()).filter((a) => a.state === 'token_expired');
    expect(red.map((a) => a.resolvedAt)).toEqual([clock, clock]);
    expect((await db.tenants.get('t1'))?.grant?.lastAuthError).toBeUndefined();
  });

  it("keeps Entra's ids of the refused token request on the check and the grant facts, and Graph's of a failed probe", async () => {
    const ids = { aadsts: '50173', traceId: 'trace-1', correlationId: 'correlation-1', timestamp: '2026-12-05 00:00:00Z' };
    deps.renewToken.mockRejectedValue(new AuthError('grant_revoked', { ids }));
    await runChecks(deps, SETTINGS);
    expect((await db.checks.toArray())[0]?.token).toEqual({ ok: false, code: 'grant_revoked', silentSignInTried: false, ids });
    expect((await db.tenants.get('t1'))?.grant?.lastAuthError).toEqual({ code: 'grant_revoked', at: NOW, ids });

    const probeIds = { exchange: { requestId: 'request-1', clientRequestId: 'client-1' } };
    deps.renewToken.mockResolvedValue({ accessToken: 'at', expiresOn: NOW + HOUR, scopes: [], refreshHorizon: NOW + 20 * HOUR });
    deps.graphCheck.mockResolvedValue({ globalAdmin: true, probes: { exchange: 'forbidden', onedrive: 'ok' }, probeIds });
    clock += HOUR;
    await runChecks(deps, SETTINGS);
    expect((await db.checks.toArray())[1]?.graph?.probeIds).toEqual(probeIds);
  });

  it('offline: asks nothing, keeps the last statuses, never says expired', async () => {
    await runChecks(deps, SETTINGS);
    deps.online = () => false;
    await db.tenants.update('t1', { grant: { ...tenant.grant!, refreshHorizon: NOW + 1 } });
    clock = NOW + HOUR;
    const round = await runChecks(deps, SETTINGS);
    expect(deps.renewToken).toHaveBeenCalledTimes(1);
    expect(round.tenants[0]).toMatchObject({ offline: true, lastCheckAt: NOW });
    expect(round.tenants[0]?.statuses.map((s) => s.state)).not.toContain('token_expired');
    expect((await db.checks.toArray()).map((c) => c.network)).toEqual(['online', 'offline']);
  });

  it('a token request that finds no network counts as offline', async () => {
    deps.renewToken.mockRejectedValue(new AuthError('network_offline'));
    const round = await runChecks(deps, SETTINGS);
    expect(round.tenants[0]?.offline).toBe(true);
    expect(round.tenants[0]?.statuses.every((s) => s.severity === 'ok' || s.severity === 'warning')).toBe(true);
  });

  it('near the horizon, renews through a silent sign-in instead of the refresh token', async () => {
    await db.tenants.update('t1', { grant: { ...tenant.grant!, refreshHorizon: NOW + HOUR } });
    deps.silentSignIn.mockResolvedValue({
      homeAccountId: 'oid.t1',
      expiresOn: NOW + HOUR,
      refreshHorizon: NOW + 24 * HOUR,
      scopes: ['User.Read'],
    });
    const round = await runChecks(deps, SETTINGS);
    expect(deps.silentSignIn).toHaveBeenCalledTimes(1);
    expect(deps.renewToken).not.toHaveBeenCalled();
    expect(round.tenants[0]?.statuses.map((s) => s.state)).not.toContain('renewal_due');
    expect((await db.tenants.get('t1'))?.grant?.refreshHorizon).toBe(NOW + 24 * HOUR);
  });

  it('near the horizon without an Entra session: amber, still renewed by the refresh token', async () => {
    await db.tenants.update('t1', { grant: { ...tenant.grant!, refreshHorizon: NOW + HOUR } });
    deps.renewToken.mockResolvedValue({ accessToken: 'at', expiresOn: NOW + HOUR, scopes: [], refreshHorizon: NOW + HOUR });
    const round = await runChecks(deps, SETTINGS);
    expect(deps.silentSignIn).toHaveBeenCalledTimes(1);
    expect(round.tenants[0]?.statuses.map((s) => s.state)).toEqual(['renewal_due', 'renewal_due']);
    expect(round.alerts.notify).toHaveLength(0);
  });

  it('a silent sign-in as another account does not count', async () => {
    await db.tenants.update('t1', { grant: { ...tenant.grant!, refreshHorizon: NOW + HOUR } });
    deps.silentSignIn.mockResolvedValue({ homeAccountId: 'someone-else.t1', expiresOn: NOW + HOUR, scopes: [] });
    await runChecks(deps, SETTINGS);
    expect(deps.renewToken).toHaveBeenCalledTimes(1);
  });

  it("msal's cache gone with the browser session: signs in again silently through Entra's session", async () => {
    deps.renewToken.mockRejectedValue(new AuthError('signed_out'));
    deps.silentSignIn.mockResolvedValue({ homeAccountId: 'oid.t1', expiresOn: NOW + HOUR, refreshHorizon: NOW + 24 * HOUR, scopes: [] });
    const round = await runChecks(deps, SETTINGS);
    expect(deps.silentSignIn).toHaveBeenCalledTimes(1);
    expect(round.tenants[0]?.statuses.map((s) => s.severity)).not.toContain('error');
    expect((await db.checks.toArray()).at(-1)?.token).toMatchObject({ ok: true, renewedBy: 'silent_sign_in' });
  });

  it('msal\'s cache gone and no Entra session: "Sign in again", never "Access expired"', async () => {
    deps.renewToken.mockRejectedValue(new AuthError('signed_out'));
    const round = await runChecks(deps, SETTINGS);
    expect(deps.silentSignIn).toHaveBeenCalledTimes(1);
    expect(round.tenants[0]?.statuses.map((s) => [s.state, s.reasonCode, s.action])).toEqual([
      ['signed_out', 'signed_out', 'regrant'],
      ['signed_out', 'signed_out', 'regrant'],
    ]);
    expect((await db.checks.toArray()).at(-1)?.token).toMatchObject({ ok: false, code: 'signed_out', silentSignInTried: true });
  });

  it('skips tenants with no grant or no connector', async () => {
    await db.tenants.put({ ...tenant, tenantId: 't2', homeAccountId: undefined, grant: undefined });
    await db.tenants.put({ ...tenant, tenantId: 't3' });
    await runChecks(deps, SETTINGS);
    expect(deps.renewToken).toHaveBeenCalledTimes(1);
  });

  it('keeps 7 days of checks', async () => {
    await runChecks(deps, SETTINGS);
    clock += CHECK_RETENTION_MS + 1;
    deps.renewToken.mockResolvedValue({ accessToken: 'at', expiresOn: clock + HOUR, scopes: [], refreshHorizon: clock + 20 * HOUR });
    await runChecks(deps, SETTINGS);
    expect((await db.checks.toArray()).map((c) => c.at)).toEqual([clock]);
  });

  it('re-evaluates without asking Microsoft (after a sync)', async () => {
    await runChecks(deps, SETTINGS);
    await db.syncRuns.add(run('failed', { startedAt: NOW, finishedAt: NOW }));
    const round = await reevaluate(deps, SETTINGS);
    expect(deps.renewToken).toHaveBeenCalledTimes(1);
    expect(round.tenants[0]?.statuses.map((s) => s.state)).toEqual(['sync_failed', 'sync_failed']);
    expect(await db.checks.count()).toBe(1);
  });

  describe('the service account as the directory mirror holds it (fixture: homeAccountId oid.t1)', () => {
    const serviceAccount = (accountEnabled: boolean) =>
      db.users.put(
        objectRow({
          tenantId: 't1',
          id: 'oid',
          displayName: 'Admin',
          userPrincipalName: 'admin@contoso.com',
          accountEnabled,
          searchName: 'admin',
          searchUpn: 'admin@contoso.com',
          searchMail: '',
        }),
      );
    const states = (round: Awaited<ReturnType<typeof reevaluate>>) => round.tenants[0]?.statuses.map((s) => [s.state, s.reasonCode]);
    beforeEach(() => {
      deps.graphCheck.mockResolvedValue({ globalAdmin: true, probes: { exchange: 'ok', onedrive: 'ok' } });
    });

    it('a sync after the check that read it disabled turns every connector red, asking Microsoft nothing', async () => {
      await runChecks(deps, SETTINGS);
      await serviceAccount(false);
      await db.syncRuns.add(run('success', { startedAt: NOW + 60_000, finishedAt: NOW + 120_000 }));
      clock = NOW + 120_000;
      const round = await reevaluate(deps, SETTINGS);
      expect(states(round)).toEqual([
        ['account_blocked', 'account_disabled'],
        ['account_blocked', 'account_disabled'],
      ]);
      expect(deps.renewToken).toHaveBeenCalledTimes(1);
      // The notification follows the records: one for the tenant, both connectors in it.
      expect(round.alerts.notify.map((n) => [n.tenantId, n.statuses.length])).toEqual([['t1', 2]]);
    });

    it('a run that stopped midway, or one older than the check, proves nothing; a newer success does', async () => {
      await serviceAccount(false);
      await db.syncRuns.add(run('success', { startedAt: NOW - 60_000, finishedAt: NOW - 30_000 }));
      await runChecks(deps, SETTINGS);
      await db.syncRuns.add(run('stopped', { startedAt: NOW + 60_000, finishedAt: NOW + 90_000 }));
      expect(states(await reevaluate(deps, SETTINGS))).toEqual([
        ['connected', undefined],
        ['connected', undefined],
      ]);
      await db.syncRuns.add(run('success', { startedAt: NOW + 100_000, finishedAt: NOW + 110_000 }));
      await db.syncRuns.add(run('running', { startedAt: NOW + 200_000 }));
      expect(states(await reevaluate(deps, SETTINGS))?.[0]).toEqual(['account_blocked', 'account_disabled']);
    });

    it('an account read enabled again after a refused refresh (AADSTS50057) turns back', async () => {
      deps.renewToken.mockRejectedValueOnce(new AuthError('account_disabled'));
      const refused = await runChecks(deps, SETTINGS);
      expect(refused.tenants[0]?.statuses[0]?.state).toBe('account_blocked');
      await serviceAccount(true);
      await db.syncRuns.add(run('success', { startedAt: NOW + 60_000, finishedAt: NOW + 90_000 }));
      expect(states(await reevaluate(deps, SETTINGS))?.[0]).toEqual(['connected', undefined]);
    });
  });
});
