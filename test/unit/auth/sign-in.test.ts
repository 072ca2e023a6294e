import { describe, expect, it, vi } from 'vitest';
import { type AuthHostClient, signIn } from '../../../lib/auth/sign-in';
import type { SignedInAccount } from '../../../lib/auth/types';
import { MICROSOFT_CLOUDS } from '../../../lib/config/clouds';

const cloud = MICROSOFT_CLOUDS[0]!;
const request = {
  tenant: ' contoso.onmicrosoft.com ',
  clientId: '0b8f3c2e-5d71-4a9e-9f2a-1c3d5e7f9a0b',
  cloud: 'worldwide' as const,
  loginHint: 'admin@contoso.onmicrosoft.com',
  scopes: ['User.Read'],
};
const account = { homeAccountId: 'oid.tid', tenantId: 'tid' } as SignedInAccount;

function fakeHost(): AuthHostClient {
  return {
    buildAuthUrl: vi.fn(() => Promise.resolve('https://login.microsoftonline.com/contoso/oauth2/v2.0/authorize?x')),
    completeAuth: vi.fn(() => Promise.resolve(account)),
    abandonAuth: vi.fn(() => Promise.resolve()),
  };
}

describe('signIn', () => {
  it('builds the URL in the msal host, opens it, and completes with the redirect', async () => {
    const authHost = fakeHost();
    const launchWebAuthFlow = vi.fn(() => Promise.resolve('https://id.chromiumapp.org/#code=abc&state=s'));
    await expect(signIn({ authHost, launchWebAuthFlow, redirectUri: 'r' }, request, cloud)).resolves.toBe(account);
    const target = { clientId: request.clientId, authorityHost: 'https://login.microsoftonline.com', tenant: 'contoso.onmicrosoft.com' };
    expect(authHost.buildAuthUrl).toHaveBeenCalledWith({
      target,
      scopes: ['User.Read'],
      loginHint: 'admin@contoso.onmicrosoft.com',
      prompt: undefined,
    });
    expect(launchWebAuthFlow).toHaveBeenCalledWith(expect.stringContaining('/authorize'), true);
    expect(authHost.completeAuth).toHaveBeenCalledWith(target, 'https://id.chromiumapp.org/#code=abc&state=s');
  });

  it('asks for no prompt when silent', async () => {
    const authHost = fakeHost();
    await signIn(
      { authHost, launchWebAuthFlow: () => Promise.resolve('https://id.chromiumapp.org/#code=abc'), redirectUri: 'r' },
      request,
      cloud,
      false,
    );
    expect(authHost.buildAuthUrl).toHaveBeenCalledWith(expect.objectContaining({ prompt: 'none' }));
  });

  it.each([
    [() => Promise.reject(new Error('The user did not approve access.')), 'sign_in_cancelled'],
    [() => Promise.reject(new Error('Authorization page could not be loaded.')), 'auth_page_unreachable'],
    [() => Promise.resolve(undefined), 'sign_in_cancelled'],
  ])('abandons the pending sign-in when the window fails (%#)', async (launch, code) => {
    const authHost = fakeHost();
    await expect(signIn({ authHost, launchWebAuthFlow: launch, redirectUri: 'r' }, request, cloud)).rejects.toMatchObject({ code });
    expect(authHost.abandonAuth).toHaveBeenCalledOnce();
    expect(authHost.completeAuth).not.toHaveBeenCalled();
  });
});
