import { AuthError } from '../errors/app-error';
import type { ErrorCode, ErrorDetail } from '../errors/codes';

/**
 * AADSTS codes we tell apart, from https://learn.microsoft.com/entra/identity-platform/reference-error-codes.
 * Anything else becomes `auth_failed` with the code shown, so support can look it up.
 */
const AADSTS_CODES: Record<string, ErrorCode> = {
  '700084': 'refresh_token_expired',
  '50173': 'grant_revoked',
  '700082': 'grant_inactive',
  '65001': 'consent_missing',
  '65004': 'consent_declined',
  '50011': 'redirect_uri_not_registered',
  '9002326': 'redirect_uri_wrong_platform',
  '50148': 'pkce_rejected',
  '50020': 'wrong_tenant',
  '50058': 'interaction_required',
  '50076': 'interaction_required',
  '50079': 'interaction_required',
  '53003': 'interaction_required',
};

/** OAuth `error` values (and msal error codes) that mean "an admin must sign in". */
const OAUTH_ERRORS: Record<string, ErrorCode> = {
  interaction_required: 'interaction_required',
  login_required: 'interaction_required',
  consent_required: 'consent_missing',
  access_denied: 'consent_declined',
  no_tokens_found: 'not_signed_in',
  no_account_error: 'not_signed_in',
  // msal's own codes: its refresh token passed the horizon Entra gave; the network failed.
  refresh_token_expired: 'refresh_token_expired',
  no_network_connectivity: 'network_offline',
  post_request_failed: 'network_unreachable',
  get_request_failed: 'network_unreachable',
};

/** Messages chrome.identity.launchWebAuthFlow rejects with (Chromium's wording). */
const WEB_AUTH_FLOW_ERRORS: Array<[RegExp, ErrorCode]> = [
  [/did not approve access/i, 'sign_in_cancelled'],
  [/could not be loaded/i, 'auth_page_unreachable'],
  [/interaction required/i, 'interaction_required'],
];

export interface AuthFailure {
  /** OAuth `error` or msal's `errorCode`. */
  errorCode?: string;
  /** `error_description` or msal's `errorMessage`; may contain `AADSTSnnnn`. */
  errorMessage?: string;
}

/** The first AADSTS number in a description, e.g. "AADSTS700084: The refresh token…" → "700084". */
export function aadstsNumber(text: string | undefined): string | undefined {
  return text?.match(/AADSTS(\d+)/)?.[1];
}

/** Turn an Entra/msal failure into an AuthError with the admin's words; `redirectUri` fills redirect messages. */
export function classifyAuthFailure(failure: AuthFailure, context: { redirectUri?: string } = {}): AuthError {
  const aadsts = aadstsNumber(failure.errorMessage);
  const code = (aadsts && AADSTS_CODES[aadsts]) ?? (failure.errorCode && OAUTH_ERRORS[failure.errorCode]);
  if (code) {
    const detail = code.startsWith('redirect_uri')
      ? context.redirectUri
      : code === 'wrong_tenant'
        ? tenantIn(failure.errorMessage)
        : undefined;
    return new AuthError(code, { detail, cause: failure });
  }
  // Words as a message key, not text: this runs in the offscreen document too, which has no chrome.i18n.
  const shown = aadsts ? `AADSTS${aadsts}` : failure.errorCode;
  const detail = shown ? { key: 'auth_entraAnswered' as const, substitutions: [shown] } : { key: 'auth_entraAnsweredNothing' as const };
  return new AuthError('auth_failed', { detail, cause: failure });
}

/** Classify the rejection of chrome.identity.launchWebAuthFlow. */
export function classifyWebAuthFlowError(error: unknown, context: { redirectUri?: string } = {}): AuthError {
  const message = error instanceof Error ? error.message : String(error);
  for (const [pattern, code] of WEB_AUTH_FLOW_ERRORS) {
    if (pattern.test(message)) return new AuthError(code, { cause: error });
  }
  return classifyAuthFailure({ errorMessage: message }, context);
}

function tenantIn(description: string | undefined): ErrorDetail {
  return description?.match(/tenant '([^']+)'/)?.[1] ?? { key: 'auth_anotherDirectory' };
}
