// Entra ID v2 URL space: /{tenant}/... where {tenant} is an org's id or domain, or common/organizations.
// Requests are checked and rewritten here (tenant -> id, scopes, Entra-only rules) and then handed to the org's
// oidc-provider; the multi-tenant authorities find the user's org first.

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OrgRuntime, TenantState } from '../state.ts';
import { corsHeaders, header, parseCookies, readBody, redirect, sendHtml, sendJson } from '../http-util.ts';
import { openIdConfiguration, jwks } from './discovery.ts';
import { ENTRA, entraErrorBody, fill, type EntraError } from './errors.ts';
import { authenticate, handleInteraction } from './interactions.ts';
import { renderErrorPage, renderSignInPage } from './pages.ts';
import { entraValues } from './provider.ts';
import { normaliseRequestedScopes, unpublishedGraphScope } from './scopes.ts';

type Target = OrgRuntime | 'multi';

const callbacks = new WeakMap<OrgRuntime, (req: IncomingMessage, res: ServerResponse) => void>();

function forward(org: OrgRuntime, req: IncomingMessage, res: ServerResponse, path: string, query: string): void {
  let callback = callbacks.get(org);
  if (!callback) callbacks.set(org, (callback = org.provider.callback()));
  req.url = query ? `${path}?${query}` : path;
  callback(req, res);
}

const ENTRA_PATH =
  /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|\.well-known\/openid-configuration|discovery\/v2\.0\/keys|discovery\/keys|oauth2\/v2\.0\/.+|interaction\/.+)$/;

/** Handles the request when it is in Entra's URL space; false otherwise. */
export async function handleEntra(state: TenantState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const match = ENTRA_PATH.exec(url.pathname);
  if (!match?.[1] || !match[2]) return false;
  const segment = decodeURIComponent(match[1]);
  const rest = match[2];
  if (req.method === 'OPTIONS') {
    res.writeHead(204, corsHeaders(req));
    res.end();
    return true;
  }
  const target = state.resolveTenant(segment);
  const values = { ...entraValues(state), tenant: segment };
  if (!target) {
    const error = fill(ENTRA.tenantNotFound, values);
    if (rest.startsWith('oauth2/v2.0/authorize') || rest.startsWith('oauth2/v2.0/logout')) {
      sendHtml(res, 400, renderErrorPage(error, header(req, 'client-request-id'), values));
    } else {
      sendJson(res, 400, entraErrorBody(error, header(req, 'client-request-id'), values), corsHeaders(req));
    }
    return true;
  }

  if (rest.endsWith('.well-known/openid-configuration')) {
    sendJson(res, 200, openIdConfiguration(state, target, segment), { 'access-control-allow-origin': '*' });
    return true;
  }
  if (rest.startsWith('discovery/')) {
    sendJson(res, 200, jwks(state, target), { 'access-control-allow-origin': '*' });
    return true;
  }
  if (rest.startsWith('interaction/')) {
    const [, uid = '', step = ''] = rest.split('/');
    if (target === 'multi') return false;
    await handleInteraction(state, target, uid, step, req, res);
    return true;
  }
  switch (rest) {
    case 'oauth2/v2.0/authorize':
      authorize(state, target, segment, req, res, url);
      return true;
    case 'oauth2/v2.0/token':
      await token(state, target, req, res);
      return true;
    case 'oauth2/v2.0/logout':
      logout(state, target, req, res, url);
      return true;
    case 'oauth2/v2.0/login':
      if (target !== 'multi' || req.method !== 'POST') return false;
      await commonSignIn(state, segment, req, res, url);
      return true;
  }
  // oidc-provider's own follow-up routes (authorization resume, logout confirmation).
  if (target === 'multi') return false;
  forward(target, req, res, `/${target.spec.tenantId}/${rest}`, url.search.slice(1));
  return true;
}

function errorPage(state: TenantState, req: IncomingMessage, res: ServerResponse, error: EntraError, extra: Record<string, string>): void {
  sendHtml(res, 400, renderErrorPage(error, header(req, 'client-request-id'), { ...entraValues(state), ...extra }));
}

function authorize(state: TenantState, target: Target, segment: string, req: IncomingMessage, res: ServerResponse, url: URL): void {
  const q = new URLSearchParams(url.search);
  const clientId = q.get('client_id') ?? '';
  const redirectUri = q.get('redirect_uri') ?? '';
  if (clientId !== state.clientId) {
    return errorPage(state, req, res, ENTRA.unknownClient, { clientId, tenant: segment });
  }
  // Entra shows an error page for an unregistered redirect URI; it never redirects there.
  if (!state.redirectUris.includes(redirectUri)) {
    return errorPage(state, req, res, ENTRA.redirectMismatch, { redirectUri });
  }
  const scope = q.get('scope');
  // Entra answers a permission that Graph does not publish as delegated at the redirect URI, before any sign-in page.
  const unpublished = unpublishedGraphScope(scope ?? '');
  if (unpublished) return redirectWithError(state, req, res, q, fill(ENTRA.scopeNotPublished, { scope: unpublished }));
  if (scope) q.set('scope', normaliseRequestedScopes(scope));
  const prompt = q.get('prompt');
  // No account picker here: choosing an account is signing in again.
  if (prompt === 'select_account') q.set('prompt', 'login');
  endLapsedSessions(state, req);
  if (target === 'multi') return commonAuthorize(state, segment, req, res, q);
  // With a live session Entra signs in without a page, so Conditional Access refuses here (after the form otherwise).
  const sessionUser = !prompt || prompt === 'none' ? signedInAccount(target, req) : undefined;
  if (sessionUser && state.conditionalAccess.get(sessionUser)?.signIn) {
    return redirectWithError(state, req, res, q, { ...ENTRA.conditionalAccessBlocked, error: 'access_denied' });
  }
  forward(target, req, res, `/${target.spec.tenantId}/oauth2/v2.0/authorize`, q.toString());
}

function orgForHint(state: TenantState, hint: string | null): OrgRuntime | undefined {
  if (!hint) return undefined;
  const found = state.findUser(hint);
  if (found) return found.org;
  const domain = hint.slice(hint.indexOf('@') + 1).toLowerCase();
  return state.orgs.find((o) => o.spec.domain.toLowerCase() === domain);
}

/** The account of the browser's live session at `org`, if any. */
function signedInAccount(org: OrgRuntime, req: IncomingMessage): string | undefined {
  const id = parseCookies(req).get(org.sessionCookie);
  const payload = id ? org.store.get('Session', id)?.payload : undefined;
  return payload?.accountId && (payload.exp ?? 0) > Math.floor(org.store.now() / 1000) ? payload.accountId : undefined;
}

/**
 * A session that has passed its end by the tenant's clock goes (oidc-provider judges by the real clock, which runs
 * behind: clock.ts), so that neither this router nor oidc-provider signs in through it.
 */
function endLapsedSessions(state: TenantState, req: IncomingMessage): void {
  const cookies = parseCookies(req);
  for (const org of state.orgs) {
    const id = cookies.get(org.sessionCookie);
    const exp = id ? org.store.get('Session', id)?.payload.exp : undefined;
    if (id && exp !== undefined && exp <= state.clock.nowSeconds()) org.store.table('Session').delete(id);
  }
}

/** Orgs where the browser holds a live signed-in session. */
function signedInOrgs(state: TenantState, req: IncomingMessage): OrgRuntime[] {
  return state.orgs.filter((org) => signedInAccount(org, req) !== undefined);
}

function redirectWithError(state: TenantState, req: IncomingMessage, res: ServerResponse, q: URLSearchParams, error: EntraError): void {
  const body = entraErrorBody(error, header(req, 'client-request-id'), entraValues(state));
  const params = new URLSearchParams({
    error: error.error,
    error_description: String(body.error_description),
    error_uri: String(body.error_uri),
    ...(error.suberror && { suberror: error.suberror }),
  });
  const stateParam = q.get('state');
  if (stateParam) params.set('state', stateParam);
  const separator = q.get('response_mode') === 'query' ? '?' : '#';
  redirect(res, `${q.get('redirect_uri') ?? ''}${separator}${params.toString()}`);
}

function commonAuthorize(state: TenantState, segment: string, req: IncomingMessage, res: ServerResponse, q: URLSearchParams): void {
  const hinted = orgForHint(state, q.get('login_hint') ?? q.get('domain_hint'));
  const prompts = (q.get('prompt') ?? '').split(' ');
  if (prompts.includes('none')) {
    const sessions = signedInOrgs(state, req);
    const org = hinted ?? (sessions.length === 1 ? sessions[0] : undefined);
    if (!org) return redirectWithError(state, req, res, q, ENTRA.loginRequired);
    return redirect(res, `/${org.spec.tenantId}/oauth2/v2.0/authorize?${q.toString()}`);
  }
  if (hinted) return redirect(res, `/${hinted.spec.tenantId}/oauth2/v2.0/authorize?${q.toString()}`);
  sendHtml(
    res,
    200,
    renderSignInPage({ action: `/${segment}/oauth2/v2.0/login?${q.toString()}`, orgName: 'Microsoft 365 (any organisation)' }),
  );
}

/** The sign-in form of the multi-tenant authorities: find the user's org, then continue there with a ticket. */
async function commonSignIn(state: TenantState, segment: string, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const q = new URLSearchParams(url.search);
  const form = new URLSearchParams(await readBody(req));
  const username = form.get('username') ?? '';
  const result = authenticate(state, 'multi', username, form.get('password') ?? '');
  if (!result.ok) {
    return sendHtml(
      res,
      200,
      renderSignInPage({
        action: `/${segment}/oauth2/v2.0/login?${q.toString()}`,
        orgName: 'Microsoft 365 (any organisation)',
        loginHint: username,
        error: { message: result.message, code: result.code },
      }),
    );
  }
  result.org.activity.recordSignIn(result.user, result.user.userPrincipalName, 0);
  const ticket = randomUUID();
  state.tickets.set(ticket, { tenantId: result.org.spec.tenantId, userId: result.user.id, expires: state.clock.now() + 300_000 });
  q.set('emu_ticket', ticket);
  const prompts = new Set((q.get('prompt') ?? '').split(' ').filter(Boolean));
  prompts.add('login');
  q.set('prompt', [...prompts].join(' '));
  redirect(res, `/${result.org.spec.tenantId}/oauth2/v2.0/authorize?${q.toString()}`, 303);
}

function findOrgHolding(state: TenantState, model: string, id: string | null): OrgRuntime | undefined {
  if (!id) return undefined;
  return state.orgs.find((org) => org.store.get(model, id));
}

/** Entra-only refresh rules checked before oidc-provider sees the request. */
function refreshRefusal(state: TenantState, org: OrgRuntime, refreshToken: string): EntraError | undefined {
  const entry = org.store.get('RefreshToken', refreshToken);
  if (!entry) return undefined;
  const directory = org.generated.directory;
  const user = entry.payload.accountId ? directory.user(entry.payload.accountId) : undefined;
  if (!user) return fill(ENTRA.userMissing, { identifier: String(entry.payload.accountId), tenant: org.spec.tenantId });
  if (!user.accountEnabled) return ENTRA.userDisabled;
  if (state.conditionalAccess.get(user.id)?.refresh) return ENTRA.conditionalAccessBlocked;
  if (state.isRevoked(user.id, entry.storedAt)) {
    return fill(ENTRA.revoked, {
      issued: new Date(entry.storedAt).toISOString(),
      validFrom: new Date(state.tokensValidFrom.get(user.id) ?? 0).toISOString(),
    });
  }
  if (state.refreshValidFrom > entry.storedAt) return ENTRA.spaRefreshExpired;
  if ((entry.payload.exp ?? 0) <= state.clock.nowSeconds()) return ENTRA.spaRefreshExpired;
  if (!org.consents.has(user.id)) return ENTRA.consentMissing;
  return undefined;
}

async function token(state: TenantState, target: Target, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const cors = corsHeaders(req);
  const correlation = header(req, 'client-request-id');
  const fail = (error: EntraError, status = 400) => sendJson(res, status, entraErrorBody(error, correlation, entraValues(state)), cors);
  if (req.method !== 'POST') return fail({ error: 'invalid_request', code: 900561, text: 'The endpoint only accepts POST requests.' });
  const body = new URLSearchParams(await readBody(req));
  const grantType = body.get('grant_type');
  const scope = body.get('scope');
  const unpublished = unpublishedGraphScope(scope ?? '');
  if (unpublished) return fail(fill(ENTRA.scopeNotPublished, { scope: unpublished }));
  if (scope) {
    const normalised = normaliseRequestedScopes(scope).split(' ');
    // oidc-provider refuses offline_access on refresh (it is not in the refresh token's own scope).
    body.set('scope', normalised.filter((s) => s !== 'offline_access').join(' '));
  }
  let org: OrgRuntime | undefined = target === 'multi' ? undefined : target;
  if (grantType === 'refresh_token') {
    const refreshToken = body.get('refresh_token');
    org ??= findOrgHolding(state, 'RefreshToken', refreshToken);
    if (!org || !refreshToken) return fail(ENTRA.malformed);
    const refusal = refreshRefusal(state, org, refreshToken);
    if (refusal) return fail(refusal);
  } else if (grantType === 'authorization_code') {
    org ??= findOrgHolding(state, 'AuthorizationCode', body.get('code'));
    if (!org) return fail(ENTRA.codeInvalid);
  }
  if (!org) return fail(grantType ? ENTRA.unsupportedGrant : fill(ENTRA.missingParameter, { parameter: 'grant_type' }));
  const text = body.toString();
  // oidc-provider reads an already-consumed body from req.body.
  (req as IncomingMessage & { body?: string }).body = text;
  req.headers['content-length'] = String(Buffer.byteLength(text));
  forward(org, req, res, `/${org.spec.tenantId}/oauth2/v2.0/token`, '');
}

function logout(state: TenantState, target: Target, req: IncomingMessage, res: ServerResponse, url: URL): void {
  const q = new URLSearchParams(url.search);
  const postLogout = q.get('post_logout_redirect_uri');
  if (target === 'multi') {
    const cookies = parseCookies(req);
    for (const org of state.orgs) {
      const id = cookies.get(org.sessionCookie);
      if (id) org.store.table('Session').delete(id);
    }
    if (postLogout && state.redirectUris.includes(postLogout)) return redirect(res, postLogout);
    return sendHtml(
      res,
      200,
      '<!DOCTYPE html><html><head><title>Signed out</title></head><body><h1>You signed out of your account</h1></body></html>',
    );
  }
  if (postLogout && !q.get('client_id') && !q.get('id_token_hint')) q.set('client_id', state.clientId);
  if (postLogout && !state.redirectUris.includes(postLogout)) q.delete('post_logout_redirect_uri');
  forward(target, req, res, `/${target.spec.tenantId}/oauth2/v2.0/logout`, q.toString());
}
