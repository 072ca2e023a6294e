// The registration's platforms at the token endpoint: a browser (a request with an Origin header) may redeem an
// authorization code only for a redirect URI registered under Single-page application. Otherwise Entra answers
// AADSTS9002326 (https://login.microsoftonline.com/error?code=9002326; the AADSTS table in MicrosoftDocs/entra-docs
// does not list it: the text is the one Entra sends, as lib/auth/classify-auth-error.ts's test quotes it).

import type { KoaContextWithOIDC } from 'oidc-provider';
import type { TenantState } from '../state.ts';
import { entraErrorBody, type EntraError } from './errors.ts';
import { entraValues } from './provider.ts';

const wrongPlatform = (origin: string): EntraError => ({
  error: 'invalid_request',
  code: 9002326,
  text: `Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type. Request origin: '${origin}'.`,
});

/** After a successful code redemption: refuse it when the browser redeemed a code for a non-SPA redirect URI. */
export function refuseNonSpaRedemption(ctx: KoaContextWithOIDC, state: TenantState): boolean {
  const origin = ctx.get('origin');
  const params = ctx.oidc.params ?? {};
  if (!origin || params.grant_type !== 'authorization_code' || typeof params.redirect_uri !== 'string') return false;
  if (state.registration.redirectUris.spa.includes(params.redirect_uri)) return false;
  ctx.status = 400;
  ctx.body = entraErrorBody(wrongPlatform(origin), ctx.get('client-request-id'), entraValues(state));
  return true;
}
