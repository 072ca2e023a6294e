import { browser } from 'wxt/browser';
import type { SignInDeps } from '../auth/sign-in';
import { msalTarget, signIn } from '../auth/sign-in';
import type { MsalTarget, SignedInAccount } from '../auth/types';
import { clouds } from '../config/build-settings';
import { type Cloud, findCloud } from '../config/clouds';
import type { TenantRecord } from '../db/types';
import { AppError } from '../errors/app-error';
import { createGraphTransport, type GraphTransport } from '../graph/transport';
import { reusedToken } from '../auth/token-reuse';
import { authHost } from './auth-host';

/** What names a tenant for msal and Graph: its app registration, its id (or verified domain) and its cloud. */
type TenantRef = Pick<TenantRecord, 'clientId' | 'tenantId' | 'cloud'>;

/** How long a sign-in without a window may wait on Entra's page before it counts as "stuck on an error page". */
const SILENT_TIMEOUT_MS = 5_000;

/** The worker's side of a sign-in: the msal host (see auth-host.ts) and the browser's auth window. */
export function signInDeps(): SignInDeps {
  return {
    authHost: authHost(),
    launchWebAuthFlow: (url, interactive) =>
      browser.identity.launchWebAuthFlow(
        // Firefox's identity API knows only url and interactive (it refuses unknown properties); its silent flow
        // follows HTTP redirects, which is how Entra answers prompt=none.
        interactive || import.meta.env.FIREFOX
          ? { url, interactive }
          : { url, interactive, abortOnLoadForNonInteractive: false, timeoutMsForNonInteractive: SILENT_TIMEOUT_MS },
      ),
    redirectUri: browser.identity.getRedirectURL(),
    authorityReachable: async (target) => {
      const url = `${target.authorityHost}/${encodeURIComponent(target.tenant)}/v2.0/.well-known/openid-configuration`;
      return fetch(url, { credentials: 'omit' }).then(
        (response) => response.ok,
        () => false,
      );
    },
  };
}

/** Sign in to a tenant with its app registration, hinting its service account; `silent` never opens a window. */
export function signInToTenant(
  tenant: Pick<TenantRecord, 'clientId' | 'tenantId' | 'cloud' | 'serviceAccountUpn'>,
  scopes: string[],
  mode: 'interactive' | 'silent' = 'interactive',
  options: { chooseAccount?: boolean } = {},
): Promise<SignedInAccount> {
  const request = {
    tenant: tenant.tenantId,
    clientId: tenant.clientId,
    cloud: tenant.cloud,
    loginHint: tenant.serviceAccountUpn,
    scopes,
    chooseAccount: options.chooseAccount,
  };
  return signIn(signInDeps(), request, cloudOf(tenant), mode);
}

/** The cloud a tenant lives in, as this build knows it. */
export function cloudOf(tenant: Pick<TenantRecord, 'cloud'>): Cloud {
  const cloud = findCloud(clouds, tenant.cloud);
  if (!cloud) throw new AppError('invalid_input', { detail: { key: 'worker_unknownCloud', params: [tenant.cloud] } });
  return cloud;
}

/** The msal target of a tenant: its app registration, its cloud's sign-in host, its tenant id. */
export function tenantTarget(tenant: TenantRef): MsalTarget {
  return msalTarget({ clientId: tenant.clientId, tenant: tenant.tenantId }, cloudOf(tenant));
}

/**
 * The Graph transport on the tenant's cloud, with this account's token from the msal host: asked for once, reused while
 * msal would have answered it from its cache (lib/auth/token-reuse.ts).
 */
export function graphFor(tenant: TenantRef, homeAccountId: string, scopes: string[]): GraphTransport {
  const target = tenantTarget(tenant);
  return createGraphTransport({
    graphHost: cloudOf(tenant).graphHost,
    getAccessToken: reusedToken(() => authHost().acquireToken(target, homeAccountId, scopes), Date.now),
  });
}
