import { describe, expect, it } from 'vitest';
import type { AccountFacts, ConnectorState } from '../../../lib/db/types';
import { evaluateTenant, type TenantFacts } from '../../../lib/monitor/evaluate';
import type { Severity } from '../../../lib/monitor/types';
import { connector, facts, HOUR, NOW, okCheck, run, SETTINGS, tenant } from './fixtures';
import { phrase } from '../../../lib/errors/phrase';

const DAY = 24 * HOUR;
/** A check that read the service account: changed 85 days ago, its domain's policy 90 days with a 14-day window. */
const withAccount = (patch: Partial<AccountFacts>) =>
  okCheck({
    graph: {
      globalAdmin: true,
      probes: { exchange: 'ok' },
      account: { lastPasswordChangeAt: NOW - 85 * DAY, domainPolicy: { validityDays: 90, notificationDays: 14 }, ...patch },
    },
  });
const failedToken = (code: string) => okCheck({ token: { ok: false, code: code as never, silentSignInTried: false }, graph: undefined });

// One row per status and reason: what the records say → the state, its severity, its reason code and its fix.
const CASES: Array<[string, TenantFacts, ConnectorState, Severity, string | undefined, string]> = [
  ['all well', facts(), 'connected', 'ok', undefined, 'none'],
  [
    'no grant yet',
    facts({ tenant: { ...tenant, homeAccountId: undefined, grant: undefined } }),
    'not_connected',
    'ok',
    undefined,
    'open_console',
  ],
  [
    'a grant under way',
    facts({ grantInProgress: true, lastOnlineCheck: failedToken('grant_revoked') }),
    'granting',
    'info',
    undefined,
    'open_console',
  ],
  [
    'refresh token spent (AADSTS700084)',
    facts({ lastOnlineCheck: failedToken('refresh_token_expired') }),
    'token_expired',
    'error',
    'refresh_token_expired',
    'regrant',
  ],
  [
    'grant revoked / password reset (AADSTS50173)',
    facts({ lastOnlineCheck: failedToken('grant_revoked') }),
    'token_expired',
    'error',
    'grant_revoked',
    'regrant',
  ],
  [
    'inactivity (AADSTS700082)',
    facts({ lastOnlineCheck: failedToken('grant_inactive') }),
    'token_expired',
    'error',
    'grant_inactive',
    'regrant',
  ],
  [
    'interaction or MFA required',
    facts({ lastOnlineCheck: failedToken('interaction_required') }),
    'token_expired',
    'error',
    'interaction_required',
    'regrant',
  ],
  [
    'consent required',
    facts({ lastOnlineCheck: failedToken('consent_missing') }),
    'permission_missing',
    'error',
    'consent_missing',
    'regrant',
  ],
  [
    'msal has no account any more',
    facts({ lastOnlineCheck: failedToken('not_signed_in') }),
    'token_expired',
    'error',
    'not_signed_in',
    'regrant',
  ],
  [
    'the network failed during the check',
    facts({ lastOnlineCheck: failedToken('network_unreachable') }),
    'connected',
    'ok',
    undefined,
    'none',
  ],
  [
    'Entra temporarily unavailable during the check (OAuth temporarily_unavailable)',
    facts({ lastOnlineCheck: failedToken('entra_unavailable') }),
    'connected',
    'ok',
    undefined,
    'none',
  ],
  ['the token request timed out', facts({ lastOnlineCheck: failedToken('auth_timed_out') }), 'connected', 'ok', undefined, 'none'],
  [
    'Conditional Access blocks the refresh (AADSTS53003): not expired',
    facts({ lastOnlineCheck: failedToken('conditional_access_blocked') }),
    'permission_missing',
    'error',
    'conditional_access_blocked',
    'regrant',
  ],
  [
    'a device rule blocks the refresh (AADSTS53000)',
    facts({ lastOnlineCheck: failedToken('device_not_compliant') }),
    'permission_missing',
    'error',
    'device_not_compliant',
    'regrant',
  ],
  [
    'the account was disabled (AADSTS50057)',
    facts({ lastOnlineCheck: failedToken('account_disabled') }),
    'account_blocked',
    'error',
    'account_disabled',
    'none',
  ],
  [
    'the account read disabled while the token still worked: red before the refresh fails',
    facts({ lastOnlineCheck: withAccount({ accountEnabled: false }) }),
    'account_blocked',
    'error',
    'account_disabled',
    'none',
  ],
  [
    'a sync read the account disabled after the check: red before any refresh fails',
    facts({ serviceAccount: { enabled: false, at: NOW - 30_000 } }),
    'account_blocked',
    'error',
    'account_disabled',
    'none',
  ],
  [
    'the mirror read it disabled before the check that got a token: the check wins',
    facts({ serviceAccount: { enabled: false, at: NOW - 2 * HOUR } }),
    'connected',
    'ok',
    undefined,
    'none',
  ],
  [
    'refused (AADSTS50057), then a sync read the account enabled again: the refusal is past',
    facts({ lastOnlineCheck: failedToken('account_disabled'), serviceAccount: { enabled: true, at: NOW - 30_000 } }),
    'connected',
    'ok',
    undefined,
    'none',
  ],
  [
    'refused (AADSTS50057) after a sync read the account enabled: still red',
    facts({ lastOnlineCheck: failedToken('account_disabled'), serviceAccount: { enabled: true, at: NOW - 2 * HOUR } }),
    'account_blocked',
    'error',
    'account_disabled',
    'none',
  ],
  [
    'another refusal stays what it is, whatever the mirror says',
    facts({ lastOnlineCheck: failedToken('grant_revoked'), serviceAccount: { enabled: false, at: NOW - 30_000 } }),
    'token_expired',
    'error',
    'grant_revoked',
    'regrant',
  ],
  [
    'no check yet, the mirror says disabled',
    facts({ lastOnlineCheck: undefined, serviceAccount: { enabled: false, at: NOW - HOUR } }),
    'account_blocked',
    'error',
    'account_disabled',
    'none',
  ],
  [
    'the Exchange licence in its grace period',
    facts({ lastOnlineCheck: withAccount({ lastPasswordChangeAt: NOW, plans: [{ service: 'exchange', capabilityStatus: 'Warning' }] }) }),
    'licence_ending',
    'warning',
    'licence_grace',
    'none',
  ],
  [
    'the Exchange licence suspended',
    facts({ lastOnlineCheck: withAccount({ lastPasswordChangeAt: NOW, plans: [{ service: 'exchange', capabilityStatus: 'Suspended' }] }) }),
    'licence_lost',
    'error',
    'licence_lost',
    'none',
  ],
  [
    'a suspended licence is worse than a failed sync',
    facts({
      lastOnlineCheck: withAccount({ lastPasswordChangeAt: NOW, plans: [{ service: 'exchange', capabilityStatus: 'Deleted' }] }),
      lastSyncRun: run('failed', { reasonCode: 'graph_bad_response' }),
    }),
    'licence_lost',
    'error',
    'licence_lost',
    'none',
  ],
  [
    'the PIM activation of Global Administrator ends in 2 hours',
    facts({
      lastOnlineCheck: okCheck({
        graph: { globalAdmin: true, globalAdminEligible: true, globalAdminActiveUntil: NOW + 2 * HOUR, probes: { exchange: 'ok' } },
      }),
    }),
    'role_activation_ending',
    'warning',
    'admin_role_activation_ending',
    'none',
  ],
  [
    'the PIM activation ends in 5 hours: outside the 4-hour warning',
    facts({
      lastOnlineCheck: okCheck({
        graph: { globalAdmin: true, globalAdminEligible: true, globalAdminActiveUntil: NOW + 5 * HOUR, probes: { exchange: 'ok' } },
      }),
    }),
    'connected',
    'ok',
    undefined,
    'none',
  ],
  [
    'a permanent assignment never ends',
    facts({ lastOnlineCheck: okCheck({ graph: { globalAdmin: true, globalAdminActiveUntil: null, probes: { exchange: 'ok' } } }) }),
    'connected',
    'ok',
    undefined,
    'none',
  ],
  [
    'active and eligible, the activation unread (an older grant): said, without colour',
    facts({
      lastOnlineCheck: okCheck({
        graph: { globalAdmin: true, globalAdminEligible: true, globalAdminActivationUnread: true, probes: { exchange: 'ok' } },
      }),
    }),
    'role_activation_unknown',
    'info',
    'admin_role_activation_unread',
    'regrant',
  ],
  [
    'the activation unread, but not eligible (a permanent role): nothing to know',
    facts({
      lastOnlineCheck: okCheck({
        graph: { globalAdmin: true, globalAdminEligible: false, globalAdminActivationUnread: true, probes: { exchange: 'ok' } },
      }),
    }),
    'connected',
    'ok',
    undefined,
    'none',
  ],
  [
    'an open Microsoft incident for Exchange',
    facts({
      lastOnlineCheck: okCheck({
        graph: { globalAdmin: true, probes: { exchange: 'ok' }, incidents: { exchange: [{ id: 'EX1', title: 'Mail delayed' }] } },
      }),
    }),
    'service_incident',
    'warning',
    'service_incident',
    'none',
  ],
  [
    'an open incident for another service only',
    facts({
      lastOnlineCheck: okCheck({
        graph: { globalAdmin: true, probes: { exchange: 'ok' }, incidents: { onedrive: [{ id: 'OD1', title: 'Sync slow' }] } },
      }),
    }),
    'connected',
    'ok',
    undefined,
    'none',
  ],
  [
    'never licensed for Exchange (no plan): connected, as the grant found it',
    facts({ lastOnlineCheck: withAccount({ lastPasswordChangeAt: NOW, plans: [] }) }),
    'connected',
    'ok',
    undefined,
    'none',
  ],
  [
    'sign-in frequency ended the grant (AADSTS70043)',
    facts({ lastOnlineCheck: failedToken('sign_in_frequency') }),
    'token_expired',
    'error',
    'sign_in_frequency',
    'regrant',
  ],
  [
    'Microsoft unavailable during the check',
    facts({ lastOnlineCheck: failedToken('graph_unavailable') }),
    'connected',
    'ok',
    undefined,
    'none',
  ],
  [
    'Graph refuses the new token (401)',
    facts({ lastOnlineCheck: okCheck({ graph: { probes: {}, failure: 'graph_unauthorized' } }) }),
    'token_expired',
    'error',
    'graph_unauthorized',
    'regrant',
  ],
  [
    'Graph forbids everything (403)',
    facts({ lastOnlineCheck: okCheck({ graph: { probes: {}, failure: 'graph_forbidden' } }) }),
    'permission_missing',
    'error',
    'graph_forbidden',
    'regrant',
  ],
  [
    'Global Administrator role removed',
    facts({ lastOnlineCheck: okCheck({ graph: { globalAdmin: false, probes: { exchange: 'ok' } } }) }),
    'permission_missing',
    'error',
    'admin_role_removed',
    'regrant',
  ],
  [
    'Global Administrator removed, and not eligible in PIM either',
    facts({ lastOnlineCheck: okCheck({ graph: { globalAdmin: false, globalAdminEligible: false, probes: { exchange: 'ok' } } }) }),
    'permission_missing',
    'error',
    'admin_role_removed',
    'regrant',
  ],
  [
    'Global Administrator no longer active but still eligible (a PIM activation lapsed)',
    facts({ lastOnlineCheck: okCheck({ graph: { globalAdmin: false, globalAdminEligible: true, probes: { exchange: 'ok' } } }) }),
    'role_inactive',
    'warning',
    'admin_role_inactive',
    'none',
  ],
  [
    "the service's permission lost (403 probe)",
    facts({ lastOnlineCheck: okCheck({ graph: { globalAdmin: true, probes: { exchange: 'forbidden' } } }) }),
    'permission_missing',
    'error',
    'permission_lost',
    'regrant',
  ],
  [
    'a probe failing otherwise says nothing',
    facts({ lastOnlineCheck: okCheck({ graph: { globalAdmin: true, probes: { exchange: 'failed' } } }) }),
    'connected',
    'ok',
    undefined,
    'none',
  ],
  [
    'refresh horizon passed',
    facts({ tenant: { ...tenant, grant: { ...tenant.grant!, refreshHorizon: NOW - 1 } } }),
    'token_expired',
    'error',
    'refresh_token_expired',
    'regrant',
  ],
  [
    'refresh horizon passed while offline',
    facts({ offline: true, tenant: { ...tenant, grant: { ...tenant.grant!, refreshHorizon: NOW - 1 } } }),
    'renewal_due',
    'warning',
    'renewal_due',
    'regrant',
  ],
  [
    'refresh horizon within the warning',
    facts({ tenant: { ...tenant, grant: { ...tenant.grant!, refreshHorizon: NOW + 3 * HOUR } } }),
    'renewal_due',
    'warning',
    'renewal_due',
    'regrant',
  ],
  [
    'refresh horizon just outside the warning',
    facts({ tenant: { ...tenant, grant: { ...tenant.grant!, refreshHorizon: NOW + 4 * HOUR + 1 } } }),
    'connected',
    'ok',
    undefined,
    'none',
  ],
  ['a sync running', facts({ lastSyncRun: run('running') }), 'syncing', 'info', undefined, 'none'],
  [
    'the last sync failed',
    facts({ lastSyncRun: run('failed', { reasonCode: 'graph_bad_response' }) }),
    'sync_failed',
    'error',
    'sync_failed',
    'sync_now',
  ],
  ['a sync stopped (resumes by itself)', facts({ lastSyncRun: run('stopped') }), 'connected', 'ok', undefined, 'none'],
  [
    "the service account's password expires in 5 days under a 90-day policy",
    facts({ lastOnlineCheck: withAccount({}) }),
    'password_expiring',
    'warning',
    'password_expiring',
    'none',
  ],
  [
    'the password expires in 15 days: outside the 14-day window',
    facts({ lastOnlineCheck: withAccount({ lastPasswordChangeAt: NOW - 75 * DAY }) }),
    'connected',
    'ok',
    undefined,
    'none',
  ],
  [
    'the password never expires',
    facts({ lastOnlineCheck: withAccount({ passwordPolicies: 'DisablePasswordExpiration' }) }),
    'connected',
    'ok',
    undefined,
    'none',
  ],
  [
    "an on-premises account: its expiry can't be known, nothing is predicted",
    facts({ lastOnlineCheck: withAccount({ onPremisesSyncEnabled: true }) }),
    'connected',
    'ok',
    undefined,
    'none',
  ],
  [
    'a failed sync is worse than a password expiring',
    facts({ lastOnlineCheck: withAccount({}), lastSyncRun: run('failed', { reasonCode: 'graph_bad_response' }) }),
    'sync_failed',
    'error',
    'sync_failed',
    'sync_now',
  ],
  [
    'a password changed since (a new check read the new date): no longer due',
    facts({ lastOnlineCheck: withAccount({ lastPasswordChangeAt: NOW - HOUR }) }),
    'connected',
    'ok',
    undefined,
    'none',
  ],
  [
    'a sync deferred by Microsoft (resumes at its time)',
    facts({ lastSyncRun: run('deferred', { reasonCode: 'graph_throttled' }) }),
    'connected',
    'ok',
    undefined,
    'none',
  ],
  [
    'a failed sync then a successful one',
    facts({ lastSyncRun: run('success', { startedAt: NOW - 60_000, finishedAt: NOW - 1 }) }),
    'connected',
    'ok',
    undefined,
    'none',
  ],
  [
    'a sync result stored by version 4 is not read: the newest run decides',
    facts({ connectors: [{ ...connector('exchange'), lastSyncResult: 'failed', status: 'sync_failed' } as never] }),
    'connected',
    'ok',
    undefined,
    'none',
  ],
  [
    'refresh horizon reached this instant',
    facts({ tenant: { ...tenant, grant: { ...tenant.grant!, refreshHorizon: NOW } } }),
    'token_expired',
    'error',
    'refresh_token_expired',
    'regrant',
  ],
  [
    'refresh horizon one millisecond ahead',
    facts({ tenant: { ...tenant, grant: { ...tenant.grant!, refreshHorizon: NOW + 1 } } }),
    'renewal_due',
    'warning',
    'renewal_due',
    'regrant',
  ],
  [
    'refresh horizon exactly at the warning',
    facts({ tenant: { ...tenant, grant: { ...tenant.grant!, refreshHorizon: NOW + 4 * HOUR } } }),
    'renewal_due',
    'warning',
    'renewal_due',
    'regrant',
  ],
  [
    'a connector whose tenant has no grant facts (signed out)',
    facts({ tenant: { ...tenant, homeAccountId: undefined } }),
    'not_connected',
    'ok',
    undefined,
    'open_console',
  ],
  [
    'sync older than twice the schedule',
    facts({ connectors: [connector('exchange', { lastSyncAt: NOW - 48 * HOUR - 1 })] }),
    'sync_stale',
    'warning',
    'sync_stale',
    'sync_now',
  ],
  [
    'sync just within twice the schedule',
    facts({ connectors: [connector('exchange', { lastSyncAt: NOW - 48 * HOUR })] }),
    'connected',
    'ok',
    undefined,
    'none',
  ],
  [
    'selected scope is never stale',
    facts({
      tenant: { ...tenant, syncScope: { mode: 'selected', userIds: ['u'], groupIds: [] } },
      connectors: [connector('exchange', { lastSyncAt: NOW - 30 * 24 * HOUR })],
    }),
    'connected',
    'ok',
    undefined,
    'none',
  ],
  [
    'Microsoft reports the service degraded',
    facts({
      connectors: [
        connector('exchange', {
          serviceHealth: { state: 'degraded', status: 'serviceDegradation', checkedAt: NOW },
        }),
      ],
    }),
    'service_degraded',
    'warning',
    'service_degraded',
    'none',
  ],
  [
    // Microsoft: "we have verified that the service is healthy" (servicehealthissue.md); kept as degraded before.
    'a stored read of verifyingService is not amber',
    facts({
      connectors: [
        connector('exchange', {
          serviceHealth: { state: 'degraded', status: 'verifyingService', checkedAt: NOW },
        }),
      ],
    }),
    'connected',
    'ok',
    undefined,
    'none',
  ],
  [
    'investigating a possible problem is not amber',
    facts({
      connectors: [connector('exchange', { serviceHealth: { state: 'unknown', status: 'investigating', checkedAt: NOW } })],
    }),
    'connected',
    'ok',
    undefined,
    'none',
  ],
  [
    'a revoked grant outranks a stale sync',
    facts({ lastOnlineCheck: failedToken('grant_revoked'), connectors: [connector('exchange', { lastSyncAt: 0 })] }),
    'token_expired',
    'error',
    'grant_revoked',
    'regrant',
  ],
];

describe('evaluateTenant', () => {
  it.each(CASES)('%s → %s', (_, input, state, severity, reasonCode, action) => {
    const [status] = evaluateTenant(input, SETTINGS, NOW);
    expect(status).toMatchObject({ connectorId: 't1:exchange', state, severity, action });
    expect(status?.reasonCode).toBe(reasonCode);
    // A reason is data (a code or a phrase), worded by the popup, the badge and notifications.
    if (severity === 'error' || severity === 'warning') expect(status?.reason).toBeTypeOf('object');
    expect(status?.label).toMatch(/^[A-Z]/);
  });

  it('says when the password expires, as the moment itself (worded in the locale when shown), then why', () => {
    const [status] = evaluateTenant(facts({ lastOnlineCheck: withAccount({}) }), SETTINGS, NOW);
    expect(status?.reason).toEqual(phrase('monitor_passwordExpiresOn', { at: NOW + 5 * DAY }, { code: 'password_expiring' }));
  });

  it("says Microsoft's open incident in Microsoft's words: title, id and last update", () => {
    const incident = { id: 'EX1', title: 'Mail delayed', status: 'serviceDegradation', lastUpdateAt: NOW - HOUR };
    const check = okCheck({ graph: { globalAdmin: true, probes: { exchange: 'ok' }, incidents: { exchange: [incident] } } });
    const [status] = evaluateTenant(facts({ lastOnlineCheck: check }), SETTINGS, NOW);
    expect(status).toMatchObject({ state: 'service_incident', severity: 'warning', action: 'none' });
    expect(status?.reason).toEqual(phrase('monitor_microsoftIncidentUpdated', 'Mail delayed', 'EX1', { at: NOW - HOUR }));
  });

  it('says when the PIM activation of the role ends', () => {
    const check = okCheck({
      graph: { globalAdmin: true, globalAdminEligible: true, globalAdminActiveUntil: NOW + 2 * HOUR, probes: { exchange: 'ok' } },
    });
    const [status] = evaluateTenant(facts({ lastOnlineCheck: check }), SETTINGS, NOW);
    expect(status?.reason).toEqual(
      phrase('monitor_roleActivationEndsAt', { at: NOW + 2 * HOUR }, { code: 'admin_role_activation_ending' }),
    );
  });

  it("says the exact time the grant's fixed limit ends when renewal is due", () => {
    const [status] = evaluateTenant(
      facts({ tenant: { ...tenant, grant: { ...tenant.grant!, refreshHorizon: NOW + 3 * HOUR } } }),
      SETTINGS,
      NOW,
    );
    expect(status?.reason).toEqual(phrase('monitor_accessEndsAt', { at: NOW + 3 * HOUR }, { code: 'renewal_due' }));
  });

  it("names the service whose permission was lost and leaves the other connectors' statuses alone", () => {
    const statuses = evaluateTenant(
      facts({
        connectors: [connector('exchange'), connector('onedrive')],
        lastOnlineCheck: okCheck({ graph: { globalAdmin: true, probes: { exchange: 'ok', onedrive: 'forbidden' } } }),
      }),
      SETTINGS,
      NOW,
    );
    expect(statuses.map((s) => s.state)).toEqual(['connected', 'permission_missing']);
    expect(statuses[1]?.reason).toEqual({ code: 'permission_lost', params: [phrase('connectors_oneDrive')] });
  });

  it("gives a failed sync the run's own reason, and one from before schema 6 its words as written", () => {
    const coded = facts({ lastSyncRun: run('failed', { reasonCode: 'storage_failed', reasonParams: ['QuotaExceededError'] }) });
    expect(evaluateTenant(coded, SETTINGS, NOW)[0]?.reason).toEqual({
      code: 'sync_failed',
      params: [{ code: 'storage_failed', params: ['QuotaExceededError'] }],
    });
    const worded = facts({ lastSyncRun: run('failed', { reason: 'Alte Worte.' }) });
    expect(evaluateTenant(worded, SETTINGS, NOW)[0]?.reason).toEqual({ code: 'sync_failed', params: ['Alte Worte.'] });
  });

  it('uses the sync schedule the admin chose for staleness', () => {
    const input = facts({ connectors: [connector('exchange', { lastSyncAt: NOW - 3 * HOUR })] });
    expect(evaluateTenant(input, { ...SETTINGS, syncIntervalHours: 1 }, NOW)[0]?.state).toBe('sync_stale');
    expect(evaluateTenant(input, SETTINGS, NOW)[0]?.state).toBe('connected');
  });
});
