// The sign-in and consent steps oidc-provider delegates to the deployment (its "interactions").

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InteractionDetails } from 'oidc-provider';
import type { UserRecord } from '../org/directory.ts';
import { GRAPH_RESOURCE, type OrgRuntime, type TenantState } from '../state.ts';
import { readBody, redirect, sendHtml } from '../http-util.ts';
import { APP_NAME, ENTRA, type EntraError } from './errors.ts';
import { renderConsentPage, renderErrorPage, renderSignInPage } from './pages.ts';
import { entraValues } from './provider.ts';
import { isOidcScope, normaliseRequestedScopes } from './scopes.ts';

export type Authentication = { ok: true; org: OrgRuntime; user: UserRecord } | { ok: false; message: string; code: number };

/** Checks a user name and password the way Entra's sign-in page does, for `org` or (multi) any org. */
export function authenticate(state: TenantState, org: OrgRuntime | 'multi', username: string, password: string): Authentication {
  const found = state.findUser(username.trim());
  if (!found || found.user.userPrincipalName.toLowerCase() !== username.trim().toLowerCase()) {
    return {
      ok: false,
      code: 50034,
      message: 'This username may be incorrect. Make sure you typed it correctly. Otherwise, contact your admin.',
    };
  }
  const { user } = found;
  if (found.org.generated.directory.passwordOf(user.id) !== password) {
    return {
      ok: false,
      code: 50126,
      message: "Your account or password is incorrect. If you don't remember your password, reset it now.",
    };
  }
  if (!user.accountEnabled) {
    return {
      ok: false,
      code: 50057,
      message: 'Your account has been locked. Contact your support person to unlock it, then try again.',
    };
  }
  if (org !== 'multi' && found.org !== org) {
    return {
      ok: false,
      code: 50020,
      message: `AADSTS50020: User account '${user.userPrincipalName}' from identity provider 'https://sts.windows.net/${found.org.spec.tenantId}/' does not exist in tenant '${org.spec.displayName}' and cannot access the application '${state.clientId}'(${APP_NAME}) in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.`,
    };
  }
  return { ok: true, org: found.org, user };
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

async function details(org: OrgRuntime, req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails | undefined> {
  try {
    return await org.provider.interactionDetails(req, res);
  } catch {
    return undefined;
  }
}

function sessionLost(state: TenantState, res: ServerResponse): void {
  sendHtml(
    res,
    400,
    renderErrorPage(
      { error: 'invalid_request', code: 50089, text: 'Flow token expired - Authentication Failed. Have the user try signing-in again.' },
      undefined,
      entraValues(state),
    ),
  );
}

function requestedScopes(interaction: InteractionDetails): string[] {
  const d = interaction.prompt.details as {
    missingOIDCScope?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  const missing = [...(d.missingOIDCScope ?? []), ...(d.missingResourceScopes?.[GRAPH_RESOURCE] ?? [])];
  if (missing.length) return missing;
  return normaliseRequestedScopes(text(interaction.params.scope)).split(' ').filter(Boolean);
}

export async function handleInteraction(
  state: TenantState,
  org: OrgRuntime,
  uid: string,
  step: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const interaction = await details(org, req, res);
  if (!interaction || interaction.uid !== uid) return sessionLost(state, res);
  const base = `/${org.spec.tenantId}/interaction/${uid}`;
  const loginHint = typeof interaction.params.login_hint === 'string' ? interaction.params.login_hint : undefined;

  if (req.method === 'GET' && interaction.prompt.name === 'login') {
    const ticketId = interaction.params.emu_ticket;
    const ticket = typeof ticketId === 'string' ? state.tickets.get(ticketId) : undefined;
    if (typeof ticketId === 'string' && ticket && ticket.tenantId === org.spec.tenantId && ticket.expires > state.clock.now()) {
      state.tickets.delete(ticketId);
      return finish(org, req, res, { login: { accountId: ticket.userId, remember: true } }, false);
    }
    return sendHtml(res, 200, renderSignInPage({ action: `${base}/login`, orgName: org.spec.displayName, loginHint }));
  }

  if (req.method === 'GET' && interaction.prompt.name === 'consent') {
    const account = interaction.session?.accountId ? org.generated.directory.user(interaction.session.accountId) : undefined;
    // "Do not allow user consent": only an administrator may consent, for the whole organisation.
    if (state.adminConsentOnly.has(org.spec.tenantId) && !(account && org.generated.directory.isGlobalAdmin(account.id))) {
      return refuse(org, req, res, ENTRA.adminConsentRequired);
    }
    return sendHtml(
      res,
      200,
      renderConsentPage({ action: `${base}/consent`, account: account?.userPrincipalName ?? '', scopes: requestedScopes(interaction) }),
    );
  }

  if (req.method === 'POST' && step === 'login') {
    const form = new URLSearchParams(await readBody(req));
    const username = form.get('username') ?? '';
    const result = authenticate(state, org, username, form.get('password') ?? '');
    if (!result.ok) {
      org.activity.recordSignIn(state.findUser(username)?.user, username, result.code);
      return sendHtml(
        res,
        200,
        renderSignInPage({
          action: `${base}/login`,
          orgName: org.spec.displayName,
          loginHint: username,
          error: { message: result.message, code: result.code },
        }),
      );
    }
    if (state.conditionalAccess.get(result.user.id)?.signIn) {
      // Entra checks Conditional Access after the credentials: the password was right, the policy says no.
      org.activity.recordSignIn(result.user, result.user.userPrincipalName, ENTRA.conditionalAccessBlocked.code);
      return refuse(org, req, res, { ...ENTRA.conditionalAccessBlocked, error: 'access_denied' });
    }
    org.activity.recordSignIn(result.user, result.user.userPrincipalName, 0);
    return finish(org, req, res, { login: { accountId: result.user.id, remember: true } }, false);
  }

  if (req.method === 'POST' && step === 'consent') {
    const form = new URLSearchParams(await readBody(req));
    if (form.get('decision') !== 'accept') {
      return finish(org, req, res, { error: ENTRA.declined.error, error_description: `AADSTS65004: ${ENTRA.declined.text}` }, false);
    }
    const accountId = interaction.session?.accountId;
    if (!accountId) return sessionLost(state, res);
    const existing = interaction.grantId ? await org.provider.Grant.find(interaction.grantId) : undefined;
    const grant = existing ?? new org.provider.Grant({ accountId, clientId: state.clientId });
    const d = interaction.prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    if (d.missingOIDCScope) grant.addOIDCScope(d.missingOIDCScope.join(' '));
    if (d.missingOIDCClaims) grant.addOIDCClaims(d.missingOIDCClaims);
    for (const [resource, scopes] of Object.entries(d.missingResourceScopes ?? {})) {
      grant.addResourceScope(resource, scopes.join(' '));
    }
    // prompt=consent with nothing missing: re-grant what was asked so the consent is renewed, not emptied.
    const asked = normaliseRequestedScopes(text(interaction.params.scope)).split(' ').filter(Boolean);
    grant.addOIDCScope(asked.filter(isOidcScope).join(' '));
    const graph = asked.filter((s) => !isOidcScope(s));
    if (graph.length) grant.addResourceScope(GRAPH_RESOURCE, graph.join(' '));
    const grantId = await grant.save();
    org.consents.set(accountId, grantId);
    // What this user consented to, for their Principal grant in Graph (/oauth2PermissionGrants).
    const own = org.userConsents.get(accountId) ?? new Set<string>();
    // oidc-provider drops offline_access from the request before this page (it keeps it only with prompt=consent);
    // msal-browser always asks for it with openid, and Entra records it in the grant, so it is recorded here too.
    const consentedNow = [...requestedScopes(interaction), ...asked];
    if (consentedNow.includes('openid')) consentedNow.push('offline_access');
    for (const scope of consentedNow) if (!org.adminConsent.has(scope)) own.add(scope);
    org.userConsents.set(accountId, own);
    return finish(org, req, res, { consent: { grantId } }, true);
  }

  return sessionLost(state, res);
}

/** End the authorization with Entra's error, redirected to the app (the provider adds error_uri and suberror). */
function refuse(org: OrgRuntime, req: IncomingMessage, res: ServerResponse, error: EntraError): Promise<void> {
  return finish(org, req, res, { error: error.error, error_description: `AADSTS${error.code}: ${error.text}` }, false);
}

async function finish(
  org: OrgRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  result: Record<string, unknown>,
  merge: boolean,
): Promise<void> {
  const returnTo = await org.provider.interactionResult(req, res, result, { mergeWithLastSubmission: merge });
  redirect(res, returnTo, 303);
}
