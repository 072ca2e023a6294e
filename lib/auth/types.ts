import type { CloudId } from '../config/clouds';

/** Which msal instance and authority a request is for: one app registration in one cloud, one tenant. */
export interface MsalTarget {
  clientId: string;
  /** Origin of the cloud's sign-in host, e.g. https://login.microsoftonline.com */
  authorityHost: string;
  /** Tenant id or verified domain, as the admin entered it (checked by `authorityUrl`, lib/auth/authority.ts). */
  tenant: string;
}

export interface SignInRequest {
  tenant: string;
  cloud: CloudId;
  clientId: string;
  /** The service account's sign-in name, passed to Entra as login_hint. */
  loginHint?: string;
  scopes: string[];
  /**
   * Let the admin pick another account (`prompt=select_account`), never the session's one silently: the last
   * sign-in brought an account that cannot be used (another tenant's).
   */
  chooseAccount?: boolean;
}

export interface AuthUrlRequest {
  target: MsalTarget;
  scopes: string[];
  loginHint?: string;
  /** `none` for a silent re-authentication against the Entra session; otherwise Entra decides. */
  prompt?: 'none' | 'select_account' | 'login' | 'consent';
}

/** What a completed sign-in tells us: who, which tenant, what was granted, until when. Never a token. */
export interface SignedInAccount {
  homeAccountId: string;
  tenantId: string;
  objectId: string;
  username: string;
  name: string;
  scopes: string[];
  /** Access token expiry, ms since epoch. */
  expiresOn: number;
  /** When the refresh token can no longer be redeemed (ms since epoch), when Entra said so. */
  refreshHorizon?: number;
  /** Directory role template ids in the id token's or access token's `wids` claim, when present. */
  roleTemplateIds: string[];
}

/** An access token handed from the msal host to the worker for one Graph call. Never logged, never stored. */
export interface AccessTokenGrant {
  accessToken: string;
  expiresOn: number;
  scopes: string[];
  /** Set when this call redeemed the refresh token and Entra told its horizon (ms since epoch). */
  refreshHorizon?: number;
}
