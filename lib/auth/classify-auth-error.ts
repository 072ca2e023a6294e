import { AuthError } from '../errors/app-error';
import type { ErrorCode } from '../errors/codes';
import { cleanFailureIds, type FailureIds } from '../errors/failure-ids';
import type { Param } from '../errors/phrase';

/**
 * How an Entra failure is told apart, in the order Microsoft asks clients to react to it
 * (https://learn.microsoft.com/entra/identity-platform/reference-error-codes#handling-error-codes-in-your-application,
 * MicrosoftDocs/entra-docs docs/identity-platform/reference-error-codes.md): by the fields Entra returns, never by the
 * words of `error_description` ("Never use this field to react to an error in your code").
 *
 * 1. `error_codes` (msal's `errorNo`: the token endpoint's `error_codes[0]`, the authorize redirect's `error_uri` code),
 *    the most precise field;
 * 2. `suberror` (msal's `subError`);
 * 3. an OAuth `error` that names a situation (`interaction_required`, `temporarily_unavailable`…) or msal's own code;
 * 4. only then the AADSTS number at the start of `error_description`, for answers that carry neither `error_codes` nor
 *    `error_uri` (Entra sends `error_uri` "only when the error lookup system has additional information");
 * 5. an OAuth `error` that names only a class (`access_denied`, `invalid_scope`), whose meaning is the class's.
 */

/** STS numbers we tell apart; each meaning checked in reference-error-codes.md unless the comment says otherwise. */
const STS_CODES: Record<string, ErrorCode> = {
  // ExpiredOrRevokedGrant…: the SPA refresh token's fixed lifetime ended; FreshTokenNeeded (revoked); inactivity.
  '700084': 'refresh_token_expired',
  '50173': 'grant_revoked',
  '700082': 'grant_inactive',
  // DelegationDoesNotExist; UserDeclinedConsent.
  '65001': 'consent_missing',
  '65004': 'consent_declined',
  // AdminConsentRequired; AdminConsentRequiredRequestAccess (the admin consent workflow's "ask your admin").
  '90094': 'admin_consent_required',
  '90095': 'admin_consent_required',
  // InvalidScope. 650053 ("asked for scope '{scope}' that doesn't exist on the resource") is not in the reference
  // table; Entra's words are quoted in Power BI's OData troubleshooting doc ("access_denied: AADSTS650053…") and
  // explained by a Microsoft moderator: an application permission requested as a delegated scope
  // (https://learn.microsoft.com/answers/questions/1353813/the-application-asked-for-scope-that-doesnt-exist).
  '70011': 'scope_not_on_resource',
  '650053': 'scope_not_on_resource',
  '50011': 'redirect_uri_not_registered',
  // "Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type"; the reference
  // table does not list it.
  '9002326': 'redirect_uri_wrong_platform',
  // "The Code_Verifier doesn't match the code_challenge supplied in the authorization request." (501481, not 50148).
  '501481': 'pkce_rejected',
  '50020': 'wrong_tenant',
  // UserAccountNotFound; InvalidUserNameOrPassword; UserDisabled; EntitlementGrantsNotFound (not assigned to the app).
  '50034': 'account_not_found',
  '50126': 'wrong_password',
  '50057': 'account_disabled',
  '50105': 'account_not_assigned',
  // BlockedByConditionalAccess: "The access policy does not allow token issuance." Signing in again cannot help.
  '53003': 'conditional_access_blocked',
  // DeviceNotCompliant; DeviceNotDomainJoined. 530003 ("Your device is required to be managed to access this
  // resource") is not in the reference table; Microsoft's Power Apps doc troubleshooting-conditional-access-in-
  // authentication ("SharePoint Document Grid warning AADSTS530003") treats it as Conditional Access's device check.
  '53000': 'device_not_compliant',
  '53001': 'device_not_compliant',
  '530003': 'device_not_compliant',
  // BadTokenDueToSignInFrequency: Conditional Access's sign-in frequency ended the refresh token.
  '70043': 'sign_in_frequency',
  // UserInformationNotProvided (no session for prompt=none); UserStrongAuthClientAuthNRequired; …EnrollmentRequired.
  '50058': 'interaction_required',
  '50076': 'interaction_required',
  '50079': 'interaction_required',
};

/**
 * `suberror` values Entra sends beside `error` (msal-common's InteractionRequiredAuthSubErrorMessage lists them).
 * `message_only`, `basic_action` and `additional_action` only qualify an error and decide nothing alone.
 */
const SUB_ERRORS: Record<string, ErrorCode> = {
  consent_required: 'consent_missing',
  bad_token: 'interaction_required',
  user_password_expired: 'interaction_required',
};

/** OAuth `error` values that name a situation, and msal's own codes (no Entra answer behind them). */
const SPECIFIC_ERRORS: Record<string, ErrorCode> = {
  interaction_required: 'interaction_required',
  login_required: 'interaction_required',
  consent_required: 'consent_missing',
  // RFC 6749 §4.1.2.1; Entra: "The server is temporarily too busy to handle the request. Retry the request."
  temporarily_unavailable: 'entra_unavailable',
  no_tokens_found: 'not_signed_in',
  no_account_error: 'not_signed_in',
  // msal's refresh token passed the horizon Entra gave.
  refresh_token_expired: 'refresh_token_expired',
  // msal-browser v5 BrowserAuthErrorCodes / msal-common ClientAuthErrorCodes: the network failed or nothing came back.
  no_network_connectivity: 'network_offline',
  post_request_failed: 'network_unreachable',
  get_request_failed: 'network_unreachable',
  network_error: 'network_unreachable',
  timed_out: 'auth_timed_out',
  monitor_window_timeout: 'auth_timed_out',
  native_handshake_timeout: 'auth_timed_out',
};

/** OAuth `error` values that name only a class: the AADSTS number, where there is one, says more. */
const CLASS_ERRORS: Record<string, ErrorCode> = {
  access_denied: 'consent_declined',
  invalid_scope: 'scope_not_on_resource',
};

/** Messages chrome.identity.launchWebAuthFlow rejects with (Chromium's wording). */
const WEB_AUTH_FLOW_ERRORS: Array<[RegExp, ErrorCode]> = [
  [/did not approve access/i, 'sign_in_cancelled'],
  [/could not be loaded/i, 'auth_page_unreachable'],
  [/interaction required/i, 'interaction_required'],
  [/timed? ?out/i, 'auth_timed_out'],
];

/** What an Entra or msal failure carries; every field optional, as each source fills only some. */
export interface AuthFailure {
  /** OAuth `error`, or msal's `errorCode` (its own code when msal failed without an Entra answer). */
  errorCode?: string;
  /** `error_description` or msal's `errorMessage`; may contain `AADSTSnnnn`. Read only as the last fallback. */
  errorMessage?: string;
  /** Entra's `suberror` (msal's `subError`). */
  subError?: string;
  /** Entra's STS number: `error_codes[0]`, or the `code=` of `error_uri` (msal's `errorNo`). */
  errorNo?: string | number;
  /** True when Entra answered (an msal ServerError): only then do the words say "Entra answered". */
  fromServer?: boolean;
  /** Entra's `trace_id`, `correlation_id` and `timestamp` of the answer (reference-error-codes.md), for support. */
  traceId?: string;
  correlationId?: string;
  timestamp?: string;
}

/** The first AADSTS number in a description, e.g. "AADSTS700084: The refresh token…" → "700084". */
export function aadstsNumber(text: string | undefined): string | undefined {
  return text?.match(/AADSTS(\d+)/)?.[1];
}

/** Turn an Entra/msal failure into an AuthError with the admin's words; `redirectUri` fills redirect messages. */
export function classifyAuthFailure(failure: AuthFailure, context: { redirectUri?: string } = {}): AuthError {
  const errorNo = stsNumber(failure.errorNo);
  const described = aadstsNumber(failure.errorMessage);
  const error = failure.errorCode;
  const ids = answerIds(failure, errorNo ?? described);
  const code =
    (errorNo && STS_CODES[errorNo]) ??
    (failure.subError && SUB_ERRORS[failure.subError]) ??
    (error && SPECIFIC_ERRORS[error]) ??
    (described && STS_CODES[described]) ??
    (error && CLASS_ERRORS[error]);
  if (code) return new AuthError(code, { detail: detailFor(code, failure, context), cause: failure, ...(ids && { ids }) });
  // Words as a message key, not text: this runs in the offscreen document too, which has no chrome.i18n.
  const number = errorNo ?? described;
  const answered = failure.fromServer || number !== undefined;
  const detail: Param = number
    ? { key: 'auth_entraAnswered', params: [`AADSTS${number}`] }
    : error
      ? answered
        ? { key: 'auth_entraAnswered', params: [error] }
        : { key: 'auth_stoppedBeforeAnswer', params: [error] }
      : { key: 'auth_noReasonGiven' };
  return new AuthError('auth_failed', { detail, cause: failure, ...(ids && { ids }) });
}

/**
 * The ids of Entra's answer, kept for a support report: only when Entra answered (an msal failure of its own has no
 * trace in Entra's logs). msal's ServerError keeps `trace_id` and `timestamp` only in its message, as
 * "Trace ID: <id>" and "Timestamp: <time>" (msal-common ResponseHandler.validateTokenResponse), the same labels
 * Entra's own `error_description` ends with (reference-error-codes.md, its sample error response).
 */
function answerIds(failure: AuthFailure, number: string | undefined): FailureIds | undefined {
  if (!failure.fromServer && number === undefined) return undefined;
  const message = failure.errorMessage ?? '';
  return cleanFailureIds({
    aadsts: number,
    // Entra's own words of the answer first: msal may have set its request's correlation id on the error since.
    traceId: /Trace ID: ([0-9a-f-]{36})/i.exec(message)?.[1] ?? failure.traceId,
    correlationId: /Correlation ID: ([0-9a-f-]{36})/i.exec(message)?.[1] ?? failure.correlationId,
    timestamp: /Timestamp: (\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z)/.exec(message)?.[1] ?? failure.timestamp,
  });
}

/** Classify the rejection of chrome.identity.launchWebAuthFlow. */
export function classifyWebAuthFlowError(error: unknown, context: { redirectUri?: string } = {}): AuthError {
  const message = error instanceof Error ? error.message : String(error);
  for (const [pattern, code] of WEB_AUTH_FLOW_ERRORS) {
    if (pattern.test(message)) return new AuthError(code, { cause: error });
  }
  return classifyAuthFailure({ errorMessage: message }, context);
}

function stsNumber(value: string | number | undefined): string | undefined {
  const text = value === undefined ? '' : String(value).trim();
  return /^\d+$/.test(text) ? text : undefined;
}

function detailFor(code: ErrorCode, failure: AuthFailure, context: { redirectUri?: string }): Param | undefined {
  switch (code) {
    case 'redirect_uri_not_registered':
    case 'redirect_uri_wrong_platform':
      return context.redirectUri;
    case 'wrong_tenant':
      return failure.errorMessage?.match(/tenant '([^']+)'/)?.[1] ?? { key: 'auth_anotherDirectory' };
    case 'scope_not_on_resource':
      // The scope's name is only in the words; it fills the message and decides nothing.
      return scopeIn(failure.errorMessage) ?? { key: 'auth_scopeNotNamed' };
    default:
      return undefined;
  }
}

/** The scope Entra named: "asked for scope 'X' that doesn't exist" (650053) or "The scope X isn't valid" (70011). */
function scopeIn(description: string | undefined): string | undefined {
  return (
    description?.match(/scope '([^']+)' that do/i)?.[1] ??
    description?.match(/The scope (\S+) (?:is not|isn't) valid/i)?.[1] ??
    description?.match(/scope '([^']+)'/i)?.[1]
  );
}
