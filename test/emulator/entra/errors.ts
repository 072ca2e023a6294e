// Entra's error vocabulary. oidc-provider speaks plain OAuth errors; clients of Entra (msal, our product) classify
// failures by the AADSTS code, so every error leaving the emulator is rewritten into Entra's shape.

import { randomUUID } from 'node:crypto';

export interface EntraError {
  error: string;
  code: number;
  text: string;
  suberror?: string;
}

export const APP_NAME = 'M365 Connector Admin Helper';

export function entraTimestamp(date = new Date()): string {
  return date
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, 'Z');
}

/**
 * `AADSTSnnnn: text` plus the trailer Entra appends, each part on its own CRLF line as in the sample error response of
 * MicrosoftDocs/entra-docs docs/identity-platform/reference-error-codes.md.
 */
export function entraDescription(e: EntraError, correlationId: string, traceId: string, timestamp: string): string {
  return `AADSTS${e.code}: ${e.text}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`;
}

export function entraErrorBody(
  raw: EntraError,
  correlationId?: string,
  values: Record<string, string | undefined> = {},
): Record<string, unknown> {
  const e = fill(raw, values);
  const traceId = randomUUID();
  const correlation = correlationId || randomUUID();
  const timestamp = entraTimestamp();
  return {
    error: e.error,
    error_description: entraDescription(e, correlation, traceId, timestamp),
    error_codes: [e.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlation,
    error_uri: `https://login.microsoftonline.com/error?code=${e.code}`,
    ...(e.suberror ? { suberror: e.suberror } : {}),
  };
}

export const ENTRA = {
  // reference-error-codes.md: "AADSTS501481 | The Code_Verifier doesn't match the code_challenge supplied in the
  // authorization request."
  pkceMismatch: {
    error: 'invalid_grant',
    code: 501481,
    text: "The Code_Verifier doesn't match the code_challenge supplied in the authorization request.",
  },
  pkceRequired: {
    error: 'invalid_request',
    code: 9002325,
    text: 'Proof Key for Code Exchange is required for cross-origin authorization code redemption.',
  },
  pkceMethod: {
    error: 'invalid_request',
    code: 501491,
    text: "Invalid code_challenge_method. Only 'S256' is supported for single-page applications.",
  },
  codeRedeemed: {
    error: 'invalid_grant',
    code: 54005,
    text: 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
  },
  codeExpired: {
    error: 'invalid_grant',
    code: 70008,
    text: 'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
  },
  codeInvalid: { error: 'invalid_grant', code: 70000, text: "The provided value for the 'code' parameter is not valid." },
  malformed: { error: 'invalid_grant', code: 9002313, text: 'Invalid request. Request is malformed or invalid.' },
  spaRefreshExpired: {
    error: 'invalid_grant',
    code: 700084,
    text: 'The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of {lifetime}, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page.',
    suberror: 'bad_token',
  },
  revoked: {
    error: 'invalid_grant',
    code: 50173,
    text: "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '{issued}' and the TokensValidFrom date (before which tokens are not valid) for this user is '{validFrom}'.",
    suberror: 'bad_token',
  },
  userDisabled: { error: 'invalid_grant', code: 50057, text: 'The user account is disabled.' },
  userMissing: {
    error: 'invalid_grant',
    code: 50034,
    text: 'The user account {identifier} does not exist in the {tenant} directory. To sign into this application, the account must be added to the directory.',
  },
  consentMissing: {
    error: 'invalid_grant',
    code: 65001,
    text: `The user or administrator has not consented to use the application with ID '{clientId}' named '${APP_NAME}'. Send an interactive authorization request for this user and resource.`,
    suberror: 'consent_required',
  },
  loginRequired: {
    error: 'login_required',
    code: 50058,
    text: "A silent sign-in request was sent but no user is signed in. The cookies used to represent the user's session were not sent in the request to Azure AD. This can happen if the user is using Internet Explorer or Edge, and the web app sending the silent sign-in request is in different IE security zone than the Azure AD endpoint (login.microsoftonline.com).",
  },
  interactionRequired: {
    error: 'interaction_required',
    code: 50058,
    text: 'A silent sign-in request was sent but the user must interact to continue.',
  },
  consentRequired: {
    error: 'consent_required',
    code: 65001,
    text: `The user or administrator has not consented to use the application with ID '{clientId}' named '${APP_NAME}'. Send an interactive authorization request for this user and resource.`,
  },
  declined: { error: 'access_denied', code: 65004, text: 'User declined to consent to access the app.' },
  // reference-error-codes.md: BlockedByConditionalAccess. `suberror: message_only` is msal's documented meaning
  // ("cannot be resolved" by interaction, msal4j InteractionRequiredExceptionReason); the docs give no sample body.
  // At the token endpoint the class is invalid_grant (the refresh token is unusable); at authorize, access_denied.
  conditionalAccessBlocked: {
    error: 'invalid_grant',
    code: 53003,
    text: 'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
    suberror: 'message_only',
  },
  // reference-error-codes.md: "AADSTS90094 | AdminConsentRequired - Administrator consent is required." The docs do
  // not say which OAuth `error` goes with it at authorize; access_denied (RFC 6749 §4.1.2.1) is used here.
  adminConsentRequired: { error: 'access_denied', code: 90094, text: 'Administrator consent is required.' },
  badScope: {
    error: 'invalid_scope',
    code: 70011,
    text: "The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid.",
  },
  // A Graph scope that Microsoft does not publish as delegated (an application-only permission such as
  // Mail.ReadBasic.All, or no permission at all) ends the sign-in before any page. MicrosoftDocs/entra-docs
  // docs/identity-platform/reference-error-codes.md (@04f6554) has no row for 650053 (it lists 650052 and 650054);
  // the text and `invalid_client` are as Entra sent them in MicrosoftDocs/azure-docs#37280 and
  // Azure-Samples/active-directory-aspnetcore-webapp-openidconnect-v2#554. 00000003-... is Microsoft Graph's app id.
  scopeNotPublished: {
    error: 'invalid_client',
    code: 650053,
    text: `The application '${APP_NAME}' asked for scope '{scope}' that doesn't exist on the resource '00000003-0000-0000-c000-000000000000'. Contact the app vendor.`,
  },
  unknownClient: {
    error: 'unauthorized_client',
    code: 700016,
    text: "Application with identifier '{clientId}' was not found in the directory '{tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.",
  },
  tenantNotFound: {
    error: 'invalid_tenant',
    code: 90002,
    text: "Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.",
  },
  unsupportedGrant: { error: 'unsupported_grant_type', code: 70003, text: 'The app requested an unsupported grant type.' },
  unsupportedResponseType: {
    error: 'unsupported_response_type',
    code: 700054,
    text: "response_type '{responseType}' is not enabled for the application.",
  },
  redirectMismatch: {
    error: 'invalid_request',
    code: 50011,
    text: "The redirect URI '{redirectUri}' specified in the request does not match the redirect URIs configured for the application '{clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.",
  },
  missingParameter: {
    error: 'invalid_request',
    code: 900144,
    text: "The request body must contain the following parameter: '{parameter}'.",
  },
  invalidRequest: { error: 'invalid_request', code: 90014, text: '{detail}' },
} satisfies Record<string, EntraError>;

/** Entra's TimeSpan spelling, e.g. 1.00:00:00 for a day. */
export function timeSpan(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d}.${pad(Math.floor((seconds % 86400) / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}

export function fill(e: EntraError, values: Record<string, string | undefined>): EntraError {
  return { ...e, text: e.text.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? key) };
}

/**
 * Maps an oidc-provider error (its `error`, `error_description` and internal detail) to Entra's code. Errors that
 * already carry an AADSTS text (raised by the emulator itself) pass through.
 */
export function toEntra(error: string, description: string | undefined, detail: string | undefined): EntraError {
  const text = `${description ?? ''} ${detail ?? ''}`;
  const own = /^AADSTS(\d+): ([\s\S]*)$/.exec(description ?? '');
  if (own?.[1] && own[2] !== undefined) {
    const code = Number(own[1]);
    const suberror = Object.values(ENTRA as Record<string, EntraError>).find((e) => e.code === code && e.suberror)?.suberror;
    return { error, code, text: own[2], ...(suberror && { suberror }) };
  }
  if (/code_verifier does not match/.test(text)) return ENTRA.pkceMismatch;
  if (/code_verifier must be provided|requires PKCE/.test(text)) return ENTRA.pkceRequired;
  if (/code_challenge_method/.test(text)) return ENTRA.pkceMethod;
  if (/already (consumed|used)/.test(text)) return ENTRA.codeRedeemed;
  if (/authorization code is expired/.test(text)) return ENTRA.codeExpired;
  if (/authorization code not found|authorization code/.test(text)) return ENTRA.codeInvalid;
  if (/refresh token is expired/.test(text)) return ENTRA.spaRefreshExpired;
  if (/grant not found|grant is expired/.test(text)) return ENTRA.consentMissing;
  if (/missing requested scope/.test(text)) return ENTRA.consentMissing;
  const missing = /missing required parameter '?([\w-]+)'?/.exec(text);
  if (missing?.[1]) return fill(ENTRA.missingParameter, { parameter: missing[1] });
  switch (error) {
    case 'invalid_grant':
      return ENTRA.malformed;
    case 'login_required':
      return ENTRA.loginRequired;
    case 'interaction_required':
      return ENTRA.interactionRequired;
    case 'consent_required':
      return ENTRA.consentRequired;
    case 'invalid_scope':
      return ENTRA.badScope;
    case 'invalid_client':
      return ENTRA.unknownClient;
    case 'unsupported_grant_type':
      return ENTRA.unsupportedGrant;
    case 'unsupported_response_type':
      return ENTRA.unsupportedResponseType;
    case 'access_denied':
      return ENTRA.declined;
    default:
      return { error, code: 90014, text: description ?? 'The request is invalid.' };
  }
}
