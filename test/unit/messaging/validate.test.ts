import { describe, expect, it } from 'vitest';
import { authorityUrl, isTenantName } from '../../../lib/auth/authority';
import { availableClouds } from '../../../lib/config/clouds';
import { AppError } from '../../../lib/errors/app-error';
import type { ErrorCode } from '../../../lib/errors/codes';
import type { ProtocolMap } from '../../../lib/messaging/protocol';
import { checkMessage, messageChecks } from '../../../lib/messaging/validate';

const clouds = availableClouds(undefined);
const checks = messageChecks(clouds);

const TENANT_ID = '6f1c2a3b-0d4e-4f5a-8b6c-7d8e9f0a1b2c';
const CLIENT_ID = '0b8f3c2e-5d71-4a9e-9f2a-1c3d5e7f9a0b';
const RUN_ID = '1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const USER_ID = 'aa11bb22-cc33-4d44-8e55-ff6677889900';
const HOME = `${USER_ID}.${TENANT_ID}`;
const target = { clientId: CLIENT_ID, authorityHost: 'https://login.microsoftonline.com', tenant: 'contoso.onmicrosoft.com' };

/** One well-formed message of every type, as the extension's own pages and worker send them. */
const VALID: { [K in keyof ProtocolMap]: Parameters<ProtocolMap[K]>[0] | undefined } = {
  'worker:signIn': { tenant: ' contoso.onmicrosoft.com ', clientId: CLIENT_ID, cloud: 'worldwide', loginHint: '', scopes: ['User.Read'] },
  'worker:getProfile': { target: { ...target, authorityHost: '' }, homeAccountId: HOME, cloud: 'worldwide' },
  'worker:checkRegistration': {
    tenant: TENANT_ID,
    clientId: CLIENT_ID,
    cloud: 'usgov',
    homeAccountId: HOME,
    userId: USER_ID,
    services: [],
  },
  'worker:saveTenant': { tenant: 'contoso.com', clientId: CLIENT_ID, cloud: 'china', serviceAccount: 'admin@contoso.com' },
  'worker:startGrant': {
    tenantId: TENANT_ID,
    services: ['exchange', 'onedrive'],
    syncScope: { mode: 'selected', userIds: [USER_ID], groupIds: [] },
    policyId: 'monitor-only',
    kind: 'regrant',
  },
  'worker:resumeGrant': { runId: RUN_ID },
  'worker:continueGrant': { runId: RUN_ID, userIds: [USER_ID], groupIds: [] },
  'worker:cancelGrant': { runId: RUN_ID },
  'worker:searchDirectory': { runId: RUN_ID, query: "O'Brien & Sons #1 100%" },
  'worker:syncNow': { tenantId: TENANT_ID },
  'worker:checkNow': undefined,
  'worker:msalCacheKey': undefined,
  'worker:setNotificationsMuted': { tenantId: TENANT_ID, muted: true },
  'worker:acknowledgeAlert': { alertId: `${TENANT_ID}:exchange:needs_action:1733300000000` },
  'worker:disconnect': { tenantId: TENANT_ID, services: ['sharepoint'], keepData: false },
  'worker:removeTenant': { tenantId: TENANT_ID },
  'offscreen:buildAuthUrl': { target, scopes: ['User.Read', 'offline_access'], loginHint: 'admin@contoso.com', prompt: 'none' },
  'offscreen:completeAuth': { target, responseUrl: 'https://iaoafjmjbhidbadlbfodfadofaghkmon.chromiumapp.org/#code=x&state=y' },
  'offscreen:abandonAuth': { target },
  'offscreen:signOut': { target, homeAccountId: HOME },
  'offscreen:renewToken': { target, homeAccountId: HOME, scopes: ['Directory.Read.All'] },
  'offscreen:acquireToken': { target: { ...target, tenant: TENANT_ID }, homeAccountId: HOME, scopes: ['User.Read'] },
};

function refusal(type: string, data: unknown): { code: ErrorCode; detail: unknown } | undefined {
  try {
    checkMessage(checks, type, data);
    return undefined;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { code: error.code, detail: error.detail };
  }
}

describe('the message checks', () => {
  it.each(Object.entries(VALID))('let a well-formed %s through', (type, data) => {
    expect(refusal(type, data)).toBeUndefined();
  });

  it('cover every message of the protocol', () => {
    expect(Object.keys(checks).sort()).toEqual(Object.keys(VALID).sort());
  });

  it.each(Object.keys(VALID).filter((type) => type !== 'worker:checkNow' && type !== 'worker:msalCacheKey'))(
    'refuse %s without its data',
    (type) => {
      for (const data of [undefined, null, 'text', 42, []]) expect(refusal(type, data)).toMatchObject({ code: 'input_malformed' });
    },
  );

  it('refuse a message type the protocol does not have', () => {
    expect(refusal('worker:dropDatabase', {})).toEqual({ code: 'input_malformed', detail: 'worker:dropDatabase' });
  });

  const bad: Array<[type: keyof ProtocolMap, change: Record<string, unknown>, code: ErrorCode, field: string]> = [
    // tenant: a GUID or a domain-shaped name, nothing that could leave its path segment
    ['worker:saveTenant', { tenant: 'contoso' }, 'input_tenant_invalid', 'tenant'],
    ['worker:saveTenant', { tenant: 'evil.example/oauth2' }, 'input_tenant_invalid', 'tenant'],
    ['worker:saveTenant', { tenant: 'contoso.com?x=1' }, 'input_tenant_invalid', 'tenant'],
    ['worker:saveTenant', { tenant: 'contoso.com#frag' }, 'input_tenant_invalid', 'tenant'],
    ['worker:saveTenant', { tenant: '../common' }, 'input_tenant_invalid', 'tenant'],
    ['worker:saveTenant', { tenant: 'a'.repeat(400) + '.com' }, 'input_malformed', 'tenant'],
    ['worker:saveTenant', { tenant: 7 }, 'input_malformed', 'tenant'],
    ['worker:signIn', { tenant: 'common' }, 'input_tenant_invalid', 'tenant'],
    ['offscreen:buildAuthUrl', { target: { ...target, tenant: ' contoso.com' } }, 'input_tenant_invalid', 'target.tenant'],
    ['offscreen:acquireToken', { target: { ...target, tenant: 'organizations' } }, 'input_tenant_invalid', 'target.tenant'],
    ['worker:syncNow', { tenantId: 'contoso.com' }, 'input_tenant_invalid', 'tenantId'],
    ['worker:removeTenant', { tenantId: 'contoso.com' }, 'input_tenant_invalid', 'tenantId'],
    ['worker:disconnect', { tenantId: `${TENANT_ID}x` }, 'input_malformed', 'tenantId'],
    // client id: a GUID
    ['worker:saveTenant', { clientId: 'not-a-guid' }, 'input_client_id_invalid', 'clientId'],
    ['worker:signIn', { clientId: '' }, 'input_client_id_invalid', 'clientId'],
    ['offscreen:signOut', { target: { ...target, clientId: `{${CLIENT_ID}}` } }, 'input_malformed', 'target.clientId'],
    ['offscreen:renewToken', { target: { ...target, clientId: 'g'.repeat(36) } }, 'input_client_id_invalid', 'target.clientId'],
    // cloud and sign-in host: only this build's
    ['worker:saveTenant', { cloud: 'local' }, 'input_cloud_unknown', 'cloud'],
    ['worker:checkRegistration', { cloud: 'germany' }, 'input_cloud_unknown', 'cloud'],
    [
      'offscreen:buildAuthUrl',
      { target: { ...target, authorityHost: 'https://login.evil.example' } },
      'input_cloud_unknown',
      'target.authorityHost',
    ],
    [
      'offscreen:completeAuth',
      { target: { ...target, authorityHost: 'https://login.microsoftonline.com/' } },
      'input_cloud_unknown',
      'target.authorityHost',
    ],
    // services: only known ones, each once, at least one where one is needed
    ['worker:startGrant', { services: ['exchange', 'teams'] }, 'input_service_unknown', 'services[1]'],
    ['worker:startGrant', { services: [] }, 'input_service_unknown', 'services'],
    ['worker:startGrant', { services: ['exchange', 'exchange'] }, 'input_service_unknown', 'services'],
    ['worker:disconnect', { services: 'exchange' }, 'input_service_unknown', 'services'],
    ['worker:checkRegistration', { services: ['__proto__'] }, 'input_service_unknown', 'services[0]'],
    // scopes and selection
    ['offscreen:acquireToken', { scopes: ['Mail.ReadWrite'] }, 'input_scope_invalid', 'scopes[0]'],
    ['offscreen:renewToken', { scopes: [] }, 'input_scope_invalid', 'scopes'],
    ['worker:signIn', { scopes: ['https://graph.microsoft.com/.default'] }, 'input_scope_invalid', 'scopes[0]'],
    ['worker:startGrant', { syncScope: { mode: 'everything' } }, 'input_scope_invalid', 'syncScope.mode'],
    [
      'worker:startGrant',
      { syncScope: { mode: 'selected', userIds: ["' or 1 eq 1"], groupIds: [] } },
      'input_scope_invalid',
      'syncScope.userIds[0]',
    ],
    ['worker:startGrant', { syncScope: { mode: 'selected', userIds: [] } }, 'input_scope_invalid', 'syncScope.groupIds'],
    ['worker:continueGrant', { groupIds: [USER_ID, 'x'] }, 'input_scope_invalid', 'groupIds[1]'],
    // everything else
    ['worker:startGrant', { policyId: 'none' }, 'input_malformed', 'policyId'],
    ['worker:startGrant', { kind: 'takeover' }, 'input_malformed', 'kind'],
    ['worker:resumeGrant', { runId: 'run-1' }, 'input_malformed', 'runId'],
    ['worker:searchDirectory', { query: 'x'.repeat(257) }, 'input_malformed', 'query'],
    ['worker:searchDirectory', { query: ['a'] }, 'input_malformed', 'query'],
    ['worker:setNotificationsMuted', { muted: 'yes' }, 'input_malformed', 'muted'],
    ['worker:disconnect', { keepData: 1 }, 'input_malformed', 'keepData'],
    ['worker:acknowledgeAlert', { alertId: '' }, 'input_malformed', 'alertId'],
    ['worker:signIn', { loginHint: 'admin' }, 'input_malformed', 'loginHint'],
    ['worker:signIn', { chooseAccount: 'true' }, 'input_malformed', 'chooseAccount'],
    ['worker:checkRegistration', { userId: 'me' }, 'input_malformed', 'userId'],
    ['offscreen:signOut', { homeAccountId: 'a/b.c' }, 'input_malformed', 'homeAccountId'],
    ['offscreen:buildAuthUrl', { prompt: 'admin_consent' }, 'input_malformed', 'prompt'],
    ['offscreen:completeAuth', { responseUrl: 'not a url' }, 'input_malformed', 'responseUrl'],
  ];

  it.each(bad)('refuse %s with %o: %s at %s', (type, change, code, field) => {
    expect(refusal(type, { ...(VALID[type] as object), ...change })).toEqual({ code, detail: field });
  });

  it('refuse any data for the check that takes none', () => {
    expect(refusal('worker:checkNow', null)).toBeUndefined();
    expect(refusal('worker:checkNow', { all: true })).toEqual({ code: 'input_malformed', detail: 'data' });
  });

  it("know the local tenant's cloud only in a build made for it", () => {
    const local = messageChecks(availableClouds('https://localhost:9443'));
    const data = { ...VALID['worker:saveTenant'], cloud: 'local' };
    expect(() => checkMessage(local, 'worker:saveTenant', data)).not.toThrow();
    expect(refusal('worker:saveTenant', data)).toEqual({ code: 'input_cloud_unknown', detail: 'cloud' });
  });
});

describe('the authority', () => {
  it.each([
    ['contoso.onmicrosoft.com', true],
    [TENANT_ID, true],
    ['sub.contoso.co.uk', true],
    ['contoso', false],
    ['common', false],
    ['organizations', false],
    ['contoso.com/', false],
    ['contoso.com/oauth2/v2.0', false],
    ['evil.example?', false],
    ['contoso.com%2F..', false],
    ['user@contoso.com', false],
    ['-contoso.com', false],
    ['contoso..com', false],
    ['', false],
  ])('%s is a tenant an authority may name: %s', (tenant, ok) => {
    expect(isTenantName(tenant)).toBe(ok);
  });

  it('is built from a bare https origin and a checked tenant only', () => {
    expect(authorityUrl({ authorityHost: 'https://login.microsoftonline.us', tenant: TENANT_ID })).toBe(
      `https://login.microsoftonline.us/${TENANT_ID}`,
    );
    const refused = (authorityHost: string, tenant: string) => {
      try {
        authorityUrl({ authorityHost, tenant });
        return undefined;
      } catch (error) {
        return (error as AppError).code;
      }
    };
    expect(refused('https://login.microsoftonline.com', 'contoso.com/../common')).toBe('input_tenant_invalid');
    expect(refused('https://login.microsoftonline.com', 'common')).toBe('input_tenant_invalid');
    expect(refused('http://login.microsoftonline.com', 'contoso.com')).toBe('input_cloud_unknown');
    expect(refused('https://login.microsoftonline.com/evil', 'contoso.com')).toBe('input_cloud_unknown');
    expect(refused('https://user@login.microsoftonline.com', 'contoso.com')).toBe('input_cloud_unknown');
  });
});
