// Runs in the msal host's document (DOM).
import {
  BrowserAuthError,
  BrowserAuthErrorCodes,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from '@azure/msal-browser';

/**
 * msal's network module, which also notes each refresh token's fixed horizon (`refresh_token_expires_in`, keyed by
 * the account from `client_info`). msal keeps that horizon in its encrypted cache but never returns it, and the
 * monitor must warn before it passes (SPA refresh tokens die 24 h after the sign-in, however often they rotate).
 * Nothing of the response but those two fields is read, and the id token's `signin_state` claim is removed (see
 * withoutSigninState); the tokens stay with msal.
 */
export class HorizonNetworkClient implements INetworkModule {
  private readonly horizons = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The horizon (ms since epoch) the last token response set for this account, if any. */
  horizonOf(homeAccountId: string): number | undefined {
    return this.horizons.get(homeAccountId);
  }

  async sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>(url, 'GET', options);
  }

  async sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    const sentAt = this.now();
    const response = await this.send<T>(url, 'POST', options);
    this.noteHorizon(response.body, sentAt);
    return { ...response, body: withoutSigninState(response.body) };
  }

  private async send<T>(url: string, method: 'GET' | 'POST', options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    let response: Response;
    try {
      // No cookie goes to Entra with a token request (msal's own FetchClient leaves fetch's default, `same-origin`).
      response = await fetch(url, {
        method,
        headers: options?.headers,
        body: method === 'POST' ? (options?.body ?? '') : undefined,
        credentials: 'omit',
      });
    } catch {
      // The same codes msal's own client uses, so msal (and our classification) tell "offline" from "refused".
      const code = navigator.onLine
        ? method === 'GET'
          ? BrowserAuthErrorCodes.getRequestFailed
          : BrowserAuthErrorCodes.postRequestFailed
        : BrowserAuthErrorCodes.noNetworkConnectivity;
      throw new BrowserAuthError(code, options?.correlationId ?? '');
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => (headers[key] = value));
    let body: T;
    try {
      body = (await response.json()) as T;
    } catch {
      throw new BrowserAuthError(BrowserAuthErrorCodes.failedToParseResponse, options?.correlationId ?? '');
    }
    return { headers, body, status: response.status };
  }

  private noteHorizon(body: unknown, sentAt: number): void {
    if (typeof body !== 'object' || body === null) return;
    const { refresh_token_expires_in: expiresIn, client_info: clientInfo } = body as Record<string, unknown>;
    const seconds = typeof expiresIn === 'string' ? Number.parseInt(expiresIn, 10) : expiresIn;
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || typeof clientInfo !== 'string') return;
    const account = homeAccountIdOf(clientInfo);
    if (account) this.horizons.set(account, sentAt + seconds * 1000);
  }
}

/**
 * msal writes its cache in plain text, unencrypted and for good, when the id token's `signin_state` claim holds
 * `kmsi` or `dvc_dmjd` ("keep me signed in", a domain-joined device: msal-common src/account/AuthToken.ts `isKmsi`,
 * used by ResponseHandler and msal-browser's LocalStorage.setUserData). msal asks Entra for that claim on every
 * request. The extension wants no token readable on disk whatever the admin ticked, so the claim is taken out of the
 * id token before msal reads it: msal then always encrypts. msal-browser does not check an id token's signature
 * (it reads its claims; the nonce, tid and oid it checks stay as they are), and nothing of ours reads the claim.
 */
export function withoutSigninState<T>(body: T): T {
  if (typeof body !== 'object' || body === null) return body;
  const idToken = (body as Record<string, unknown>).id_token;
  if (typeof idToken !== 'string') return body;
  const [header, payload, ...rest] = idToken.split('.');
  if (header === undefined || payload === undefined) return body;
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(decodeBase64Url(payload)) as Record<string, unknown>;
  } catch {
    return body;
  }
  if (!('signin_state' in claims)) return body;
  delete claims.signin_state;
  return { ...body, id_token: [header, encodeBase64Url(JSON.stringify(claims)), ...rest].join('.') };
}

function decodeBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}

function encodeBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** msal's home account id (`uid.utid`) from Entra's base64url `client_info`. */
export function homeAccountIdOf(clientInfo: string): string | undefined {
  try {
    const json = JSON.parse(atob(clientInfo.replace(/-/g, '+').replace(/_/g, '/'))) as { uid?: unknown; utid?: unknown };
    return typeof json.uid === 'string' && typeof json.utid === 'string' ? `${json.uid}.${json.utid}` : undefined;
  } catch {
    return undefined;
  }
}
