import { describe, expect, it, vi } from 'vitest';
import { type AuthHostClient, signIn } from '../../../lib/auth/sign-in';
import type { SignedInAccount } from '../../../lib/auth/types';
import { MICROSOFT_CLOUDS } from '../../../lib/config/clouds';
import { AuthError } from '../../../lib/errors/app-error';

const cloud = MICROSOFT_CLOUDS[0]!;
const request = {
  tenant: ' contoso.onmicrosoft.com ',
  clientId: '0b8f3c2e-5d71-4a9e-9f2a-1c3d5e7f9a0b',
  cloud: 'worldwide' as const,
  loginHint: 'admin@contoso.onmicrosoft.com',
  scopes: ['User.Read'],
};
const target = { clientId: request.clientId, authorityHost: 'https://login.microsoftonline.com', tenant: 'contoso.onmicrosoft.com' };
const account = { homeAccountId: 'oid.tid', tenantId: 'tid' } as SignedInAccount;
const CODE = 'https://id.chromiumapp.org/#code=abc&state=s';
const LOGIN_REQUIRED = 'https://id.chromiumapp.org/#error=login_required&error_description=AADSTS50058';

/** An msal host whose completeAuth succeeds for a code and fails as msal does for an error answer. */
function fakeHost(): AuthHostClient {
  return {
    buildAuthUrl: vi.fn(() => Promise.resolve('https://login.microsoftonline.com/contoso/oauth2/v2.0/authorize?x')),
    completeAuth: vi.fn((_, url: string) =>
      url.includes('code=') ? Promise.resolve(account) : Promise.reject(new AuthError('interaction_required')),
    ),
    abandonAuth: vi.fn(() => Promise.resolve()),
  };
}

const deps = (authHost: AuthHostClient, launch: (url: string, interactive: boolean) => Promise<string | undefined>) => ({
  authHost,
  launchWebAuthFlow: vi.fn(launch),
  redirectUri: 'https://id.chromiumapp.org/',
  authorityReachable: vi.fn(() => Promise.resolve(reachable)),
});
let reachable = true;

describe('signIn', () => {
  it('signs in without a window while the Entra session allows', async () => {
    const authHost = fakeHost();
    const d = deps(authHost, () => Promise.resolve(CODE));
    await expect(signIn(d, request, cloud)).resolves.toBe(account);
    expect(authHost.buildAuthUrl).toHaveBeenCalledWith({
      target,
      scopes: ['User.Read'],
      loginHint: 'admin@contoso.onmicrosoft.com',
      prompt: 'none',
    });
    expect(d.launchWebAuthFlow).toHaveBeenCalledExactlyOnceWith(expect.stringContaining('/authorize'), false);
  });

  it('lets the admin choose another account: no silent try, the window with prompt=select_account', async () => {
    const authHost = fakeHost();
    const d = deps(authHost, () => Promise.resolve(CODE));
    await expect(signIn(d, { ...request, chooseAccount: true }, cloud)).resolves.toBe(account);
    expect(authHost.buildAuthUrl).toHaveBeenCalledExactlyOnceWith({
      target,
      scopes: ['User.Read'],
      loginHint: 'admin@contoso.onmicrosoft.com',
      prompt: 'select_account',
    });
    expect(d.launchWebAuthFlow).toHaveBeenCalledExactlyOnceWith(expect.any(String), true);
  });

  it('opens the window when Entra answers login_required, and completes with its redirect', async () => {
    const authHost = fakeHost();
    const d = deps(authHost, (_, interactive) => Promise.resolve(interactive ? CODE : LOGIN_REQUIRED));
    await expect(signIn(d, request, cloud)).resolves.toBe(account);
    expect(d.launchWebAuthFlow).toHaveBeenLastCalledWith(expect.any(String), true);
    expect(authHost.buildAuthUrl).toHaveBeenLastCalledWith({ target, scopes: ['User.Read'], loginHint: 'admin@contoso.onmicrosoft.com' });
    expect(authHost.completeAuth).toHaveBeenLastCalledWith(target, CODE);
  });

  it('names the redirect URI when Entra shows its own error page instead of redirecting', async () => {
    const authHost = fakeHost();
    const d = deps(authHost, () => Promise.reject(new Error('User interaction required.')));
    const error = await signIn(d, request, cloud).catch((e: unknown) => e as AuthError);
    expect(error).toMatchObject({ code: 'sign_in_page_error' });
    expect((error as AuthError).toData().params).toEqual(['https://id.chromiumapp.org/']);
    expect(d.launchWebAuthFlow).toHaveBeenCalledOnce();
    // Once before it began (nothing under way), once for the try that failed.
    expect(authHost.abandonAuth).toHaveBeenCalledTimes(2);
  });

  it.each([
    [true, 'sign_in_page_error'],
    [false, 'auth_page_unreachable'],
  ])('tells an error page (host reachable: %s) from a network failure when the silent try cannot load', async (up, code) => {
    reachable = up;
    const d = deps(fakeHost(), () => Promise.reject(new Error('Authorization page could not be loaded.')));
    await expect(signIn(d, request, cloud)).rejects.toMatchObject({ code });
    reachable = true;
  });

  it.each([
    [() => Promise.reject(new Error('The user did not approve access.')), 'sign_in_cancelled'],
    [() => Promise.resolve(undefined), 'sign_in_cancelled'],
  ])('abandons the pending sign-in when the window closes (%#)', async (windowResult, code) => {
    const authHost = fakeHost();
    const d = deps(authHost, (_, interactive) => (interactive ? windowResult() : Promise.resolve(LOGIN_REQUIRED)));
    await expect(signIn(d, request, cloud)).rejects.toMatchObject({ code });
    expect(authHost.abandonAuth).toHaveBeenCalledTimes(2);
  });

  it('stops after the silent try in silent mode', async () => {
    const authHost = fakeHost();
    const d = deps(authHost, () => Promise.resolve(LOGIN_REQUIRED));
    await expect(signIn(d, request, cloud, 'silent')).rejects.toMatchObject({ code: 'interaction_required' });
    expect(d.launchWebAuthFlow).toHaveBeenCalledOnce();
  });

  it('abandons a sign-in msal still marks as under way before it begins, when this worker has none under way', async () => {
    const authHost = fakeHost();
    const d = deps(authHost, () => Promise.resolve(CODE));
    await expect(signIn(d, request, cloud)).resolves.toBe(account);
    expect(authHost.abandonAuth).toHaveBeenCalledExactlyOnceWith(target);
    expect(vi.mocked(authHost.abandonAuth).mock.invocationCallOrder[0]).toBeLessThan(
      vi.mocked(authHost.buildAuthUrl).mock.invocationCallOrder[0]!,
    );
  });

  it('leaves a sign-in of its own worker alone: a second begun meanwhile abandons nothing', async () => {
    const authHost = fakeHost();
    let answer: (url: string) => void = () => undefined;
    const windowOpen = new Promise<string>((resolve) => (answer = resolve));
    const first = signIn(
      deps(authHost, () => windowOpen),
      request,
      cloud,
    );
    await vi.waitFor(() => expect(authHost.buildAuthUrl).toHaveBeenCalledOnce());
    const second = signIn(
      deps(authHost, () => Promise.resolve(CODE)),
      request,
      cloud,
    );
    await expect(second).resolves.toBe(account);
    expect(authHost.abandonAuth).toHaveBeenCalledOnce();
    answer(CODE);
    await expect(first).resolves.toBe(account);
    // Both ended: the next sign-in again finds none under way.
    await signIn(
      deps(authHost, () => Promise.resolve(CODE)),
      request,
      cloud,
    );
    expect(authHost.abandonAuth).toHaveBeenCalledTimes(2);
  });
});
