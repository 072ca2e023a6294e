// This folder runs in a document (Chrome's offscreen document, Firefox's background page): it may use the DOM.
import {
  type AccountInfo,
  type AuthenticationResult,
  AuthError as MsalAuthError,
  CacheLookupPolicy,
  type Configuration,
  type INetworkModule,
  InteractionRequiredAuthError,
  PublicClientApplication,
  ServerError,
} from '@azure/msal-browser';
import { type AuthFailure, classifyAuthFailure } from '../auth/classify-auth-error';
import type { AuthHost } from '../auth/sign-in';
import { authorityUrl } from '../auth/authority';
import type { AccessTokenGrant, AuthUrlRequest, MsalTarget, SignedInAccount } from '../auth/types';
import { AuthError } from '../errors/app-error';
import { withCacheKeyCookie } from './cache-key-cookie';
import { HorizonNetworkClient } from './horizon-network-client';

/** msal's sessionStorage key for "a redirect sign-in is in progress" (msal-browser v5, BrowserCacheManager). */
const INTERACTION_STATUS_KEY = 'msal.interaction.status';

/** The msal configuration for one app registration in one cloud. Pure, so it is unit-tested. */
export function msalConfiguration(
  target: MsalTarget,
  redirectUri: string,
  onRedirectNavigate: (url: string) => boolean,
  networkClient?: INetworkModule,
): Configuration {
  return {
    auth: {
      clientId: target.clientId,
      authority: authorityUrl(target),
      // Trust the cloud's sign-in host as given: no instance discovery call, and the local tenant works too.
      knownAuthorities: [new URL(target.authorityHost).host],
      redirectUri,
      onRedirectNavigate,
    },
    cache: { cacheLocation: 'localStorage' },
    ...(networkClient ? { system: { networkClient } } : {}),
  };
}

/**
 * The one owner of msal-browser in the extension. It builds authorize URLs (the worker opens them with
 * chrome.identity.launchWebAuthFlow), finishes sign-ins from the redirect URL, and hands out access tokens.
 */
export class MsalHost implements AuthHost {
  private readonly apps = new Map<string, Promise<PublicClientApplication>>();
  /** msal instances are made one after the other: each reads the key cookie that is there only while it starts. */
  private made: Promise<unknown> = Promise.resolve();
  private capture: ((url: string) => void) | undefined;
  private readonly network = new HorizonNetworkClient();

  /** `cacheKey`: this browser session's key of msal's cache (lib/config/msal-cache-key.ts), kept in memory only. */
  constructor(
    private readonly redirectUri: string,
    private readonly cacheKey: () => Promise<string>,
  ) {}

  async buildAuthUrl(request: AuthUrlRequest): Promise<string> {
    const app = await this.app(request.target);
    const captured = new Promise<string>((resolve) => (this.capture = resolve));
    await this.classified(() =>
      app.acquireTokenRedirect({
        scopes: request.scopes,
        authority: authorityUrl(request.target),
        loginHint: request.loginHint,
        prompt: request.prompt,
        redirectUri: this.redirectUri,
      }),
    );
    return captured;
  }

  async completeAuth(target: MsalTarget, responseUrl: string): Promise<SignedInAccount> {
    const app = await this.app(target);
    const hash = new URL(responseUrl).hash;
    const result = await this.classified(() => app.handleRedirectPromise({ hash, navigateToLoginRequestUrl: false }));
    if (!result) throw new AuthError('auth_failed', { detail: { key: 'auth_emptyAnswer' } });
    app.setActiveAccount(result.account);
    return { ...toSignedInAccount(result), refreshHorizon: this.network.horizonOf(result.account.homeAccountId) };
  }

  /**
   * Forget a sign-in that never came back (window closed, Entra stuck on an error page), so the next one may start.
   * msal marks a redirect as in progress in sessionStorage and clears it in handleRedirectPromise, but it memoises
   * that call per hash: a second abandoned sign-in (hash '') would clear nothing and every later sign-in would fail
   * with interaction_in_progress. This host is msal's only user and the worker runs one sign-in at a time, so the
   * mark is removed here directly.
   */
  abandonAuth(): Promise<void> {
    sessionStorage.removeItem(INTERACTION_STATUS_KEY);
    return Promise.resolve();
  }

  /**
   * An access token from the cache, else from the refresh token; never a hidden iframe. msal's default policy falls
   * back to an iframe (`prompt=none` on the authorize page) when the refresh token is expired or refused; in the
   * offscreen document that iframe can never finish (the redirect URI is chromiumapp.org, which only
   * chrome.identity catches; the pages' CSP has `frame-src 'none'`), so the caller would learn "expired" only after
   * msal's 10-second iframe timeout. The worker's own silent sign-in (launchWebAuthFlow, `prompt=none`) is the
   * fallback instead. msal-browser src/utils/BrowserConstants.ts: CacheLookupPolicy, iFrameRenewalPolicies.
   */
  acquireToken(target: MsalTarget, homeAccountId: string, scopes: string[]): Promise<AccessTokenGrant> {
    return this.silentToken(target, homeAccountId, scopes, CacheLookupPolicy.AccessTokenAndRefreshToken);
  }

  /**
   * Redeem the refresh token now (never an access token from the cache, never a hidden iframe): the monitor's one
   * token request per check, which proves the grant still works and tells its refresh horizon.
   */
  async renewToken(target: MsalTarget, homeAccountId: string, scopes: string[]): Promise<AccessTokenGrant> {
    const grant = await this.silentToken(target, homeAccountId, scopes, CacheLookupPolicy.RefreshToken);
    return { ...grant, refreshHorizon: this.network.horizonOf(homeAccountId) };
  }

  /** Forget the account: its tokens leave msal's cache (Entra's own session is not touched). */
  async signOut(target: MsalTarget, homeAccountId: string): Promise<void> {
    const app = await this.app(target);
    const account = app.getAccount({ homeAccountId });
    if (account) await app.clearCache({ account });
  }

  private async silentToken(
    target: MsalTarget,
    homeAccountId: string,
    scopes: string[],
    cacheLookupPolicy: CacheLookupPolicy,
  ): Promise<AccessTokenGrant> {
    const app = await this.app(target);
    const account = app.getAccount({ homeAccountId });
    // The worker asks only for accounts it granted: msal no longer holding one means its cache is gone (the key
    // cookie died with the last browser session, docs/design.md "Tokens at rest"), not that the grant expired.
    if (!account) throw new AuthError('signed_out');
    const result = await this.classified(() =>
      app.acquireTokenSilent({
        account,
        scopes,
        authority: authorityUrl(target),
        cacheLookupPolicy,
      }),
    );
    return { accessToken: result.accessToken, expiresOn: result.expiresOn?.getTime() ?? 0, scopes: result.scopes };
  }

  private app(target: MsalTarget): Promise<PublicClientApplication> {
    const key = `${target.clientId}|${target.authorityHost}`;
    let app = this.apps.get(key);
    if (!app) {
      const instance = new PublicClientApplication(
        msalConfiguration(
          target,
          this.redirectUri,
          (url) => {
            this.capture?.(url);
            this.capture = undefined;
            return false;
          },
          this.network,
        ),
      );
      const started = this.made.then(async () => withCacheKeyCookie(await this.cacheKey(), () => instance.initialize()));
      this.made = started.catch(() => undefined);
      app = started.then(() => instance);
      // A start that failed (the key could not be had) is tried again by the next call.
      void app.catch(() => this.apps.delete(key));
      this.apps.set(key, app);
    }
    return app;
  }

  private async classified<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof MsalAuthError) throw classifyAuthFailure(authFailureOf(error), { redirectUri: this.redirectUri });
      throw error;
    }
  }
}

/**
 * The fields of an msal error that Entra filled (msal-common v16: ResponseHandler.validateTokenResponse and
 * Authorize.validateAuthorizationResponse): `error` as errorCode, `suberror` as subError, `error_codes[0]` (token
 * endpoint) or the `code=` of `error_uri` (authorize redirect) as errorNo. Only a ServerError or an
 * InteractionRequiredAuthError carries an answer from Entra; other msal errors are msal's own.
 */
export function authFailureOf(error: MsalAuthError): AuthFailure {
  const fromServer = error instanceof ServerError || error instanceof InteractionRequiredAuthError;
  const errorNo = fromServer ? (error as { errorNo?: string | number }).errorNo : undefined;
  // InteractionRequiredAuthError keeps Entra's trace_id and timestamp as fields; a ServerError only in its message.
  const answer = error instanceof InteractionRequiredAuthError ? error : undefined;
  return {
    errorCode: error.errorCode || undefined,
    errorMessage: error.errorMessage || undefined,
    subError: error.subError || undefined,
    ...(errorNo !== undefined && errorNo !== '' && { errorNo }),
    fromServer,
    ...(fromServer && error.correlationId && { correlationId: error.correlationId }),
    ...(answer?.traceId && { traceId: answer.traceId }),
    ...(answer?.timestamp && { timestamp: answer.timestamp }),
  };
}

function toSignedInAccount(result: AuthenticationResult): SignedInAccount {
  const account: AccountInfo = result.account;
  const claims = (account.idTokenClaims ?? {}) as Record<string, unknown>;
  const wids = Array.isArray(claims.wids) ? claims.wids.filter((id): id is string => typeof id === 'string') : [];
  return {
    homeAccountId: account.homeAccountId,
    tenantId: account.tenantId,
    objectId: account.localAccountId,
    username: account.username,
    name: account.name ?? account.username,
    scopes: result.scopes,
    expiresOn: result.expiresOn?.getTime() ?? 0,
    roleTemplateIds: wids,
  };
}
