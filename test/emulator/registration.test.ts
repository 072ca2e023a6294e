import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTenant, type Tenant } from './index.ts';
import { acquireTokens, Browser, graph, redeemCode, signIn } from './test-support.ts';

// The app registration as Graph shows it (serviceprincipal-list.md, oauth2permissiongrant-list.md, application-list.md)
// and as the consent the org gave makes it: admin consent (AllPrincipals), each user's own (Principal), redirect
// URIs per platform, and AADSTS9002326 for a browser redeeming a code for a redirect URI registered under Web.

const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const REDIRECT = 'https://iaoafjmjbhidbadlbfodfadofaghkmon.chromiumapp.org/';
const CHECK = ['User.Read', 'Directory.Read.All'];

interface Collection<T = Record<string, unknown>> {
  value: T[];
}
interface Grant {
  clientId: string;
  consentType: string;
  principalId: string | null;
  resourceId: string;
  scope: string;
}

let tenant: Tenant;
let home: Tenant['orgs'][number];
let other: Tenant['orgs'][number];

beforeAll(async () => {
  tenant = await startTenant({ orgs: [{ users: 5 }, { users: 5 }] });
  home = tenant.orgs[0]!;
  other = tenant.orgs[1]!;
});
afterAll(() => tenant.close());
beforeEach(() => tenant.control.reset());

async function tokenFor(org: Tenant['orgs'][number], account: 'admin' | 'user' = 'admin', scopes = CHECK) {
  const who = org[account];
  const { browser, tokens } = await acquireTokens(tenant, {
    authority: org.tenantId,
    username: who.userPrincipalName,
    password: who.password,
    scopes,
  });
  return { browser, token: tokens.access_token };
}

async function read<T = Record<string, unknown>>(browser: Browser, token: string, path: string): Promise<Collection<T>> {
  const res = await graph(browser, path, token);
  expect(res.status, res.text).toBe(200);
  return res.json<Collection<T>>();
}

const spFilter = (appId: string) => `/servicePrincipals?$filter=${encodeURIComponent(`appId eq '${appId}'`)}&$select=id,appId`;
const grantFilter = (id: string) => `/oauth2PermissionGrants?$filter=${encodeURIComponent(`clientId eq '${id}'`)}`;
const appFilter = (appId: string) => `/applications?$filter=${encodeURIComponent(`appId eq '${appId}'`)}&$select=spa,web,publicClient`;

async function grantsOfApp(browser: Browser, token: string): Promise<{ grants: Grant[]; graphId: string }> {
  const [app] = (await read<{ id: string }>(browser, token, spFilter(tenant.clientId))).value;
  const [graphSp] = (await read<{ id: string }>(browser, token, spFilter(GRAPH_APP_ID))).value;
  expect(app && graphSp).toBeTruthy();
  return { grants: (await read<Grant>(browser, token, grantFilter(app!.id))).value, graphId: graphSp!.id };
}

describe('service principals and delegated grants', () => {
  it('lists the app’s and Microsoft Graph’s service principals by appId, with $select', async () => {
    const { browser, token } = await tokenFor(home);
    const app = await read(browser, token, spFilter(tenant.clientId));
    expect(app.value).toEqual([{ id: expect.any(String) as string, appId: tenant.clientId }]);
    const graphSp = await read(browser, token, spFilter(GRAPH_APP_ID));
    expect(graphSp.value).toEqual([{ id: expect.any(String) as string, appId: GRAPH_APP_ID }]);
    expect(graphSp.value[0]!.id).not.toBe(app.value[0]!.id);
  });

  it('a user’s consent on the consent page is their Principal grant to Microsoft Graph', async () => {
    const { browser, token } = await tokenFor(home);
    const { grants, graphId } = await grantsOfApp(browser, token);
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ consentType: 'Principal', principalId: home.admin.id, resourceId: graphId });
    expect(grants[0]!.scope.split(' ')).toEqual(expect.arrayContaining(['openid', 'profile', 'offline_access', ...CHECK]));
  });

  it('admin consent is one AllPrincipals grant, and nobody is asked again for what it covers', async () => {
    tenant.control.grantAdminConsent(['openid', 'profile', 'offline_access', 'User.Read', 'Directory.Read.All', 'Mail.ReadBasic']);
    // Megan has never consented: with admin consent the sign-in ends at the redirect, no consent page shown.
    const browser = new Browser(tenant);
    const megan = await signIn(browser, tenant, {
      authority: home.tenantId,
      username: home.user.userPrincipalName,
      password: home.user.password,
      scopes: CHECK,
      consent: 'cancel',
    });
    expect(megan.params.get('code')).toBeTruthy();
    const redeemed = await redeemCode(browser, tenant, home.tenantId, megan.params.get('code')!, megan.verifier, CHECK);
    const token = redeemed.json<{ access_token: string }>().access_token;
    const { grants } = await grantsOfApp(browser, token);
    expect(grants).toEqual([
      expect.objectContaining({
        consentType: 'AllPrincipals',
        principalId: null,
        scope: 'openid profile offline_access User.Read Directory.Read.All Mail.ReadBasic',
      }),
    ]);
  });

  it('a scope outside admin consent still needs the user’s own consent, and lands in their Principal grant only', async () => {
    tenant.control.grantAdminConsent(['openid', 'profile', 'offline_access', 'User.Read']);
    const { browser, token } = await tokenFor(home);
    const { grants } = await grantsOfApp(browser, token);
    const all = grants.find((g) => g.consentType === 'AllPrincipals');
    const own = grants.find((g) => g.consentType === 'Principal');
    expect(all?.scope).toBe('openid profile offline_access User.Read');
    expect(own?.scope).toBe('Directory.Read.All');
  });

  it('removeConsent ends the user’s Principal grant; revokeAdminConsent the AllPrincipals one', async () => {
    tenant.control.grantAdminConsent(['Mail.ReadBasic']);
    const { browser, token } = await tokenFor(home);
    tenant.control.removeConsent(home.admin.userPrincipalName);
    expect((await grantsOfApp(browser, token)).grants.map((g) => g.consentType)).toEqual(['AllPrincipals']);
    tenant.control.revokeAdminConsent(['Mail.ReadBasic']);
    expect((await grantsOfApp(browser, token)).grants).toEqual([]);
  });

  it('answers 403 to a token without a permission that may read them (Directory.Read.All, Application.Read.All)', async () => {
    const { browser, token } = await tokenFor(home, 'admin', ['User.Read']);
    for (const path of [spFilter(tenant.clientId), grantFilter('x'), appFilter(tenant.clientId)]) {
      const res = await graph(browser, path, token);
      expect(res.status, path).toBe(403);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('Authorization_RequestDenied');
    }
  });
});

describe('the application object and its redirect URIs', () => {
  it('in the home tenant: the redirect URI under spa, none under web or publicClient', async () => {
    const { browser, token } = await tokenFor(home);
    const apps = await read(browser, token, appFilter(tenant.clientId));
    expect(apps.value).toEqual([
      expect.objectContaining({
        spa: { redirectUris: [REDIRECT] },
        web: expect.objectContaining({ redirectUris: [] }) as unknown,
        publicClient: { redirectUris: [] },
      }),
    ]);
  });

  it('setRedirectPlatform moves it to Web; a browser redeeming a code for it then gets AADSTS9002326', async () => {
    tenant.control.setRedirectPlatform(REDIRECT, 'web');
    const browser = new Browser(tenant);
    const result = await signIn(browser, tenant, {
      authority: home.tenantId,
      username: home.admin.userPrincipalName,
      password: home.admin.password,
      scopes: CHECK,
    });
    const res = await redeemCode(browser, tenant, home.tenantId, result.params.get('code')!, result.verifier, CHECK);
    expect(res.status).toBe(400);
    const body = res.json<{ error: string; error_codes: number[]; error_description: string }>();
    expect(body.error).toBe('invalid_request');
    expect(body.error_codes).toEqual([9002326]);
    expect(body.error_description).toMatch(
      /^AADSTS9002326: Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type\. Request origin: 'chrome-extension:\/\/iaoafjmjbhidbadlbfodfadofaghkmon'\./,
    );

    tenant.control.setRedirectPlatform(REDIRECT, 'spa');
    const { browser: b2, token } = await tokenFor(home);
    tenant.control.setRedirectPlatform(REDIRECT, 'web');
    const apps = await read<{ spa: { redirectUris: string[] }; web: { redirectUris: string[] } }>(b2, token, appFilter(tenant.clientId));
    expect(apps.value[0]?.spa.redirectUris).toEqual([]);
    expect(apps.value[0]?.web.redirectUris).toEqual([REDIRECT]);
  });

  it('refuses a redirect URI the registration does not have', () => {
    expect(() => tenant.control.setRedirectPlatform('https://elsewhere.example/', 'web')).toThrow(/not a redirect URI/);
  });

  it('in another tenant the app is multi-tenant: a service principal once consented, no application object', async () => {
    const { browser, token } = await tokenFor(other);
    expect((await read(browser, token, spFilter(tenant.clientId))).value).toHaveLength(1);
    expect((await read(browser, token, appFilter(tenant.clientId))).value).toEqual([]);
  });

  it('reset puts every redirect URI back under spa', async () => {
    tenant.control.setRedirectPlatform(REDIRECT, 'web');
    tenant.control.reset();
    const { browser, token } = await tokenFor(home);
    expect(
      (await read<{ spa: { redirectUris: string[] } }>(browser, token, appFilter(tenant.clientId))).value[0]?.spa.redirectUris,
    ).toEqual([REDIRECT]);
  });
});
