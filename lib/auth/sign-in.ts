import type { Cloud } from '../config/clouds';
import { AppError, AuthError } from '../errors/app-error';
import { classifyWebAuthFlowError } from './classify-auth-error';
import type { AccessTokenGrant, AuthUrlRequest, MsalTarget, SignedInAccount, SignInRequest } from './types';

/** The msal host as the worker sees it (the offscreen document on Chrome, the background page on Firefox). */
export interface AuthHostClient {
  buildAuthUrl(request: AuthUrlRequest): Promise<string>;
  completeAuth(target: MsalTarget, responseUrl: string): Promise<SignedInAccount>;
  abandonAuth(target: MsalTarget): Promise<void>;
}

/** Everything the worker asks of the msal host: sign-ins, access tokens for Graph, renewals, and forgetting an account. */
export interface AuthHost extends AuthHostClient {
  acquireToken(target: MsalTarget, homeAccountId: string, scopes: string[]): Promise<AccessTokenGrant>;
  renewToken(target: MsalTarget, homeAccountId: string, scopes: string[]): Promise<AccessTokenGrant>;
  signOut(target: MsalTarget, homeAccountId: string): Promise<void>;
}

export interface SignInDeps {
  authHost: AuthHostClient;
  /** chrome.identity.launchWebAuthFlow: resolves with the redirect URL, rejects when the window closes or fails. */
  launchWebAuthFlow(url: string, interactive: boolean): Promise<string | undefined>;
  redirectUri: string;
  /** Whether Entra's sign-in host answers at all (its public OpenID configuration), to tell its error pages from a network failure. */
  authorityReachable(target: MsalTarget): Promise<boolean>;
}

export function msalTarget(request: Pick<SignInRequest, 'clientId' | 'tenant'>, cloud: Cloud): MsalTarget {
  return { clientId: request.clientId.trim(), authorityHost: cloud.authorityHost, tenant: request.tenant.trim() };
}

/**
 * The sign-ins this worker has begun and not ended. In a module variable on purpose: it must not outlive the worker,
 * since what it tells is whether a sign-in msal marks as in progress belongs to a live worker.
 */
let signInsUnderWay = 0;

/**
 * Authorization code + PKCE, split across contexts: the msal host builds the authorize URL, the browser's auth
 * window signs the admin in, the msal host redeems the code.
 *
 * Every sign-in first tries without a window (`prompt=none`): while Entra's session lives and consent is given it
 * succeeds silently; otherwise Entra redirects back with `login_required` or similar and the window opens. When
 * Entra answers with its own error page instead of a redirect (unregistered redirect URI, unknown client or
 * tenant), the silent try times out on that page: that is the one place the extension can tell, so it says so
 * (the window would only show the error and leave the admin to close it). `silent` stops after that first try.
 * `chooseAccount` skips the silent try (it would sign the session's account in again) and opens Entra's account
 * picker (`prompt=select_account`, https://learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow).
 */
export async function signIn(
  deps: SignInDeps,
  request: SignInRequest,
  cloud: Cloud,
  mode: 'interactive' | 'silent' = 'interactive',
): Promise<SignedInAccount> {
  const target = msalTarget(request, cloud);
  // A worker starts with no sign-in under way: a sign-in msal still marks as in progress was begun by a worker that
  // stopped (its window's answer went nowhere; the msal host outlives the worker), and would refuse this one with
  // interaction_in_progress. It is abandoned first. One this worker has under way is left alone: msal refuses the
  // second, as before (test/e2e/faults.test.ts, the worker stopped while the sign-in window is open).
  if (signInsUnderWay === 0) await deps.authHost.abandonAuth(target);
  signInsUnderWay += 1;
  try {
    return await signInOnce(deps, request, target, mode);
  } finally {
    signInsUnderWay -= 1;
  }
}

async function signInOnce(
  deps: SignInDeps,
  request: SignInRequest,
  target: MsalTarget,
  mode: 'interactive' | 'silent',
): Promise<SignedInAccount> {
  const loginHint = request.loginHint?.trim() || undefined;
  if (request.chooseAccount && mode === 'interactive') {
    const chosen = await attempt(deps, target, { target, scopes: request.scopes, loginHint, prompt: 'select_account' }, true);
    if (chosen.account) return chosen.account;
    throw chosen.error;
  }
  const silent = await attempt(deps, target, { target, scopes: request.scopes, loginHint, prompt: 'none' }, false);
  if (silent.account) return silent.account;
  if (mode === 'silent' || silent.error.code === 'sign_in_page_error' || silent.error.code === 'auth_page_unreachable') throw silent.error;
  const interactive = await attempt(deps, target, { target, scopes: request.scopes, loginHint }, true);
  if (interactive.account) return interactive.account;
  throw interactive.error;
}

type Attempt = { account: SignedInAccount; error?: undefined } | { account?: undefined; error: AppError };

async function attempt(deps: SignInDeps, target: MsalTarget, request: AuthUrlRequest, interactive: boolean): Promise<Attempt> {
  const url = await deps.authHost.buildAuthUrl(request);
  let responseUrl: string | undefined;
  try {
    responseUrl = await deps.launchWebAuthFlow(url, interactive);
  } catch (error) {
    await deps.authHost.abandonAuth(target);
    const classified = classifyWebAuthFlowError(error, { redirectUri: deps.redirectUri });
    // Without a window, Entra staying on a page of its own ("interaction required" after the timeout) or answering
    // with an error page ("could not be loaded" while the host itself answers) means it refused the request.
    const stuck =
      !interactive &&
      (classified.code === 'interaction_required' ||
        (classified.code === 'auth_page_unreachable' && (await deps.authorityReachable(target))));
    return { error: stuck ? new AuthError('sign_in_page_error', { detail: deps.redirectUri, cause: error }) : classified };
  }
  if (!responseUrl) {
    await deps.authHost.abandonAuth(target);
    return { error: new AuthError('sign_in_cancelled') };
  }
  try {
    return { account: await deps.authHost.completeAuth(target, responseUrl) };
  } catch (error) {
    if (error instanceof AppError) return { error };
    throw error;
  }
}
