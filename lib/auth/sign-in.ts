import type { Cloud } from '../config/clouds';
import { AuthError } from '../errors/app-error';
import { classifyWebAuthFlowError } from './classify-auth-error';
import type { AuthUrlRequest, MsalTarget, SignedInAccount, SignInRequest } from './types';

/** The msal host as the worker sees it (the offscreen document on Chrome, the background page on Firefox). */
export interface AuthHostClient {
  buildAuthUrl(request: AuthUrlRequest): Promise<string>;
  completeAuth(target: MsalTarget, responseUrl: string): Promise<SignedInAccount>;
  abandonAuth(target: MsalTarget): Promise<void>;
}

export interface SignInDeps {
  authHost: AuthHostClient;
  /** chrome.identity.launchWebAuthFlow: resolves with the redirect URL, rejects when the window closes or fails. */
  launchWebAuthFlow(url: string, interactive: boolean): Promise<string | undefined>;
  redirectUri: string;
}

export function msalTarget(request: Pick<SignInRequest, 'clientId' | 'tenant'>, cloud: Cloud): MsalTarget {
  return { clientId: request.clientId.trim(), authorityHost: cloud.authorityHost, tenant: request.tenant.trim() };
}

/**
 * Authorization code + PKCE, split across contexts: the msal host builds the authorize URL, the browser's auth
 * window signs the admin in, the msal host redeems the code. With `interactive: false` it is the silent
 * re-authentication against Entra's session (`prompt=none`).
 */
export async function signIn(deps: SignInDeps, request: SignInRequest, cloud: Cloud, interactive = true): Promise<SignedInAccount> {
  const target = msalTarget(request, cloud);
  const url = await deps.authHost.buildAuthUrl({
    target,
    scopes: request.scopes,
    loginHint: request.loginHint?.trim() || undefined,
    prompt: interactive ? undefined : 'none',
  });
  let responseUrl: string | undefined;
  try {
    responseUrl = await deps.launchWebAuthFlow(url, interactive);
  } catch (error) {
    await deps.authHost.abandonAuth(target);
    throw classifyWebAuthFlowError(error, { redirectUri: deps.redirectUri });
  }
  if (!responseUrl) {
    await deps.authHost.abandonAuth(target);
    throw new AuthError('sign_in_cancelled');
  }
  return deps.authHost.completeAuth(target, responseUrl);
}
