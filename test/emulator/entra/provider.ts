// One oidc-provider per org (its own issuer, key and storage) configured to act like Entra ID v2 for an SPA client.

import { randomBytes } from 'node:crypto';
import type { JWK } from 'jose';
import Provider, { errors, type AccessTokenLike, type KoaContextWithOIDC } from 'oidc-provider';
import { USER_ROLE_TEMPLATE } from '../org/directory.ts';
import type { Directory } from '../org/directory.ts';
import { GRAPH_RESOURCE, type TenantState } from '../state.ts';
import { APP_NAME, entraErrorBody, timeSpan, toEntra } from './errors.ts';
import { renderErrorPage } from './pages.ts';
import { GRAPH_SCOPES, OIDC_SCOPES, shortScopes } from './scopes.ts';
import type { OidcStore } from './store.ts';
import { refuseNonSpaRedemption } from './platform.ts';

export interface ProviderInput {
  state: TenantState;
  index: number;
  tenantId: string;
  issuer: string;
  directory: () => Directory;
  consents: () => Map<string, string>;
  /** The scopes admin consent covers in this org: nobody is asked for them. */
  adminConsent: () => Set<string>;
  store: OidcStore;
  privateJwk: JWK;
  cookieSecret: Buffer;
}

interface TokenBody {
  access_token?: string;
  refresh_token?: string;
  expires_in?: number;
  scope?: string;
  error?: string;
  error_description?: string;
  [key: string]: unknown;
}

export function createOrgProvider(input: ProviderInput): Provider {
  const { state, tenantId, store } = input;
  const base = `/${tenantId}/oauth2/v2.0`;
  const directory = input.directory;

  const provider = new Provider(input.issuer, {
    adapter: store.adapterFactory(),
    clients: [
      {
        client_id: state.clientId,
        client_name: APP_NAME,
        token_endpoint_auth_method: 'none',
        application_type: 'web',
        redirect_uris: state.redirectUris,
        post_logout_redirect_uris: state.redirectUris,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [input.privateJwk] },
    cookies: {
      keys: [input.cookieSecret.toString('base64url')],
      names: {
        session: `emu${input.index}_session`,
        interaction: `emu${input.index}_interaction`,
        resume: `emu${input.index}_resume`,
      },
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    routes: {
      authorization: `${base}/authorize`,
      token: `${base}/token`,
      end_session: `${base}/logout`,
      jwks: `/${tenantId}/discovery/v2.0/keys`,
      userinfo: `/${tenantId}/openid/userinfo`,
      revocation: `${base}/revoke`,
      introspection: `${base}/introspect`,
      pushed_authorization_request: `${base}/par`,
      registration: `${base}/register`,
      code_verification: `${base}/deviceauth`,
      device_authorization: `${base}/devicecode`,
      backchannel_authentication: `${base}/bc`,
    },
    responseTypes: ['code'],
    pkce: { required: () => true },
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    claims: {
      openid: ['sub', 'oid', 'tid', 'ver', 'signin_state'],
      profile: ['name', 'preferred_username'],
      email: ['email'],
    },
    conformIdTokenClaims: false,
    extraParams: ['emu_ticket'],
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: false },
      revocation: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        // Entra signs out without asking again; submit the confirmation form at once.
        logoutSource(ctx: KoaContextWithOIDC, form: string) {
          ctx.type = 'html';
          ctx.body = `<!DOCTYPE html><html><head><title>Sign out</title></head><body><p>Signing you out…</p>${form.replace(
            '</form>',
            '<input type="hidden" name="logout" value="yes"/></form>',
          )}<script>document.forms[0].submit()</script></body></html>`;
        },
        postLogoutSuccessSource(ctx: KoaContextWithOIDC) {
          ctx.type = 'html';
          ctx.body =
            "<!DOCTYPE html><html><head><title>Signed out</title></head><body><h1>You signed out of your account</h1><p>It's a good idea to close all browser windows.</p></body></html>";
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => GRAPH_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => {
          if (resource !== GRAPH_RESOURCE) throw new errors.InvalidTarget!();
          return {
            scope: GRAPH_SCOPES.join(' '),
            audience: GRAPH_RESOURCE,
            accessTokenFormat: 'jwt',
            accessTokenTTL: state.lifetimes.access + state.clock.aheadSeconds(),
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    findAccount(_ctx: unknown, sub: string) {
      const user = directory().user(sub);
      if (!user) return undefined;
      return {
        accountId: user.id,
        claims: () => ({
          sub: user.id,
          oid: user.id,
          tid: tenantId,
          ver: '2.0',
          name: user.displayName,
          preferred_username: user.userPrincipalName,
          email: user.mail ?? undefined,
          signin_state: state.signinState ?? undefined,
        }),
      };
    },
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `/${tenantId}/interaction/${interaction.uid}`,
    },
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const accountId = ctx.oidc.session?.accountId;
      const grantId = ctx.oidc.result?.consent?.grantId ?? (accountId ? input.consents().get(accountId) : undefined);
      const found = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
      const grant = found && found.accountId === accountId ? found : undefined;
      const admin = [...input.adminConsent()];
      if (!accountId || admin.length === 0) return grant;
      // Admin consent holds for every user: what it covers is granted without a consent page.
      const merged = grant ?? new ctx.oidc.provider.Grant({ accountId, clientId: state.clientId });
      const oidc = admin.filter((scope) => OIDC_SCOPES.includes(scope));
      if (oidc.length) merged.addOIDCScope(oidc.join(' '));
      const graph = admin.filter((scope) => !OIDC_SCOPES.includes(scope));
      if (graph.length) merged.addResourceScope(GRAPH_RESOURCE, graph.join(' '));
      await merged.save();
      return merged;
    },
    // A public SPA client gets a refresh token whether or not oidc-provider kept offline_access in the grant.
    issueRefreshToken: () => true,
    rotateRefreshToken: true,
    expiresWithSession: () => false,
    ttl: {
      // oidc-provider adds these to the real clock: the tenant's clock runs `aheadSeconds` in front (clock.ts).
      AccessToken: () => state.lifetimes.access + state.clock.aheadSeconds(),
      AuthorizationCode: 600,
      IdToken: () => state.lifetimes.access + state.clock.aheadSeconds(),
      Interaction: 3600,
      Grant: 10 * 365 * 86400,
      Session: () => state.lifetimes.session + state.clock.aheadSeconds(),
      // The SPA horizon is fixed at the first sign-in: a rotated token inherits what is left of its predecessor.
      RefreshToken: (ctx: KoaContextWithOIDC | undefined) => {
        const rotated = ctx?.oidc.entities.RotatedRefreshToken as { remainingTTL?: number } | undefined;
        // remainingTTL is measured against the real clock, so it already carries the offset.
        return rotated?.remainingTTL ?? state.lifetimes.refresh + state.clock.aheadSeconds();
      },
    },
    clientBasedCORS: () => true,
    formats: {
      customizers: {
        jwt(_ctx: unknown, token: AccessTokenLike, jwt: { payload: Record<string, unknown> }) {
          const user = token.accountId ? directory().user(token.accountId) : undefined;
          const payload = jwt.payload;
          const scp = shortScopes(typeof payload.scope === 'string' ? payload.scope : '').join(' ');
          delete payload.scope;
          delete payload.client_id;
          const iat = state.clock.nowSeconds();
          Object.assign(payload, {
            iat,
            aud: GRAPH_RESOURCE,
            nbf: iat,
            tid: tenantId,
            appid: state.clientId,
            app_displayname: APP_NAME,
            idtyp: 'user',
            scp,
            uti: payload.jti,
            ver: '1.0',
            ...(user
              ? {
                  oid: user.id,
                  upn: user.userPrincipalName,
                  unique_name: user.userPrincipalName,
                  preferred_username: user.userPrincipalName,
                  name: user.displayName,
                  given_name: user.givenName ?? undefined,
                  family_name: user.surname ?? undefined,
                  wids: [...directory().rolesOf(user.id), USER_ROLE_TEMPLATE],
                }
              : {}),
          });
          if (typeof payload.jti === 'string') state.issuedAccess.set(payload.jti, state.clock.now());
        },
      },
    },
    renderError(ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }) {
      const entra = toEntra(out.error, out.error_description, undefined);
      ctx.type = 'html';
      ctx.body = renderErrorPage(entra, ctx.get('client-request-id'), entraValues(state));
    },
  });

  // Remember why a grant failed: the JSON body only says "grant request is invalid", Entra's code needs the detail.
  const onGrantError = (ctx: KoaContextWithOIDC, err: { error_detail?: string }) => {
    ctx.state.emuErrorDetail = err.error_detail;
  };
  provider.on('grant.error', onGrantError);

  provider.use(async (ctx, next) => {
    if (ctx.path === `${base}/token` && ctx.method === 'POST') {
      // Token errors are JSON whatever the Accept header says.
      ctx.request.headers.accept = 'application/json';
    }
    await next();
    if (ctx.oidc?.route === 'token') {
      if (ctx.status === 200 && refuseNonSpaRedemption(ctx, state)) return;
      rewriteTokenResponse(ctx, input);
    } else if (ctx.status === 303 || ctx.status === 302) rewriteAuthorizationRedirect(ctx, entraValues(state), tenantId);
  });

  return provider;
}

function rewriteTokenResponse(ctx: KoaContextWithOIDC, input: ProviderInput): void {
  const body = ctx.body as TokenBody | undefined;
  if (!body || typeof body !== 'object') return;
  const correlationId = ctx.get('client-request-id');
  if (body.error) {
    const entra = toEntra(body.error, body.error_description, ctx.state.emuErrorDetail as string | undefined);
    ctx.body = entraErrorBody(entra, correlationId, entraValues(input.state));
    return;
  }
  const accountId = ctx.oidc.entities.Account?.accountId;
  if (accountId) {
    ctx.body = {
      ...body,
      scope: shortScopes(body.scope ?? '').join(' '),
      ext_expires_in: body.expires_in,
      ...refreshExpiry(input.state, input.store, body.refresh_token),
      client_info: Buffer.from(JSON.stringify({ uid: accountId, utid: input.tenantId })).toString('base64url'),
    };
  }
}

function refreshExpiry(state: TenantState, store: OidcStore, refreshToken: string | undefined): Record<string, number> {
  if (!refreshToken) return {};
  const exp = store.get('RefreshToken', refreshToken)?.payload.exp;
  return typeof exp === 'number' ? { refresh_token_expires_in: Math.max(0, exp - state.clock.nowSeconds()) } : {};
}

/**
 * Authorization responses go back in the fragment: errors get Entra's AADSTS descriptions; successes lose RFC 9207's
 * `iss` (Entra does not send it) and carry `client_info` like Entra's.
 */
function rewriteAuthorizationRedirect(ctx: KoaContextWithOIDC, values: Record<string, string>, tenantId: string): void {
  const location = ctx.res.getHeader('location');
  if (typeof location !== 'string') return;
  const hashAt = location.indexOf('#');
  const queryAt = location.indexOf('?');
  const at = hashAt >= 0 ? hashAt : queryAt;
  if (at < 0) return;
  const params = new URLSearchParams(location.slice(at + 1));
  const error = params.get('error');
  if (!error && !params.has('code')) return;
  params.delete('iss');
  if (error) {
    const entra = toEntra(error, params.get('error_description') ?? undefined, undefined);
    const body = entraErrorBody(entra, ctx.get('client-request-id'), values);
    params.set('error', entra.error);
    params.set('error_description', String(body.error_description));
    params.set('error_uri', String(body.error_uri));
    if (entra.suberror) params.set('suberror', entra.suberror);
  } else {
    const accountId = ctx.oidc.session?.accountId;
    if (accountId) params.set('client_info', Buffer.from(JSON.stringify({ uid: accountId, utid: tenantId })).toString('base64url'));
  }
  ctx.set('location', `${location.slice(0, at + 1)}${params.toString()}`);
}

export function newCookieSecret(): Buffer {
  return randomBytes(32);
}

/** Placeholder values for Entra's messages. */
export function entraValues(state: TenantState): Record<string, string> {
  return { clientId: state.clientId, lifetime: timeSpan(state.lifetimes.refresh) };
}
