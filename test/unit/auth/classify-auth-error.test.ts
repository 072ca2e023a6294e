import { AuthError as MsalAuthError, BrowserAuthError, InteractionRequiredAuthError, ServerError } from '@azure/msal-browser';
import { describe, expect, it } from 'vitest';
import { aadstsNumber, type AuthFailure, classifyAuthFailure, classifyWebAuthFlowError } from '../../../lib/auth/classify-auth-error';
import type { AppError } from '../../../lib/errors/app-error';
import { ERROR_CODES } from '../../../lib/errors/codes';
import { sayError } from '../../../lib/errors/phrase';

/** An error as the UI words it: from its code and detail. */
const said = (error: AppError) => sayError(error.toData());
import { authFailureOf } from '../../../lib/msal-host/msal-host';

/** Entra's description as it sends it: `AADSTSnnnn: text` and its trailer. */
const described = (code: number, text = 'Some words.') =>
  `AADSTS${code}: ${text} Trace ID: 0000aaaa Correlation ID: aaaa0000 Timestamp: 2026-12-04 10:00:00Z`;

describe('classifyAuthFailure: every STS number we tell apart, from error_codes, from error_uri and from the words', () => {
  it.each([
    ['invalid_grant', 700084, 'refresh_token_expired'],
    ['invalid_grant', 50173, 'grant_revoked'],
    ['invalid_grant', 700082, 'grant_inactive'],
    ['invalid_grant', 65001, 'consent_missing'],
    ['access_denied', 65004, 'consent_declined'],
    ['invalid_request', 90094, 'admin_consent_required'],
    ['invalid_request', 90095, 'admin_consent_required'],
    ['invalid_scope', 70011, 'scope_not_on_resource'],
    ['invalid_client', 650053, 'scope_not_on_resource'],
    ['invalid_request', 50011, 'redirect_uri_not_registered'],
    ['invalid_request', 9002326, 'redirect_uri_wrong_platform'],
    ['invalid_grant', 501481, 'pkce_rejected'],
    ['invalid_request', 50020, 'wrong_tenant'],
    ['invalid_grant', 50034, 'account_not_found'],
    ['invalid_grant', 50126, 'wrong_password'],
    ['invalid_grant', 50057, 'account_disabled'],
    ['invalid_grant', 50105, 'account_not_assigned'],
    ['invalid_grant', 53003, 'conditional_access_blocked'],
    ['invalid_grant', 53000, 'device_not_compliant'],
    ['invalid_grant', 53001, 'device_not_compliant'],
    ['invalid_grant', 530003, 'device_not_compliant'],
    ['invalid_grant', 70043, 'sign_in_frequency'],
    ['interaction_required', 50058, 'interaction_required'],
    ['interaction_required', 50076, 'interaction_required'],
    ['interaction_required', 50079, 'interaction_required'],
  ] as const)('%s with %i → %s', (error, number, expected) => {
    // The token endpoint: error_codes[0] as a number, the description's trailer as msal words it.
    expect(classifyAuthFailure({ errorCode: error, errorNo: number, errorMessage: `Error(s): ${number} - …`, fromServer: true }).code).toBe(
      expected,
    );
    // The authorize redirect: the code= of error_uri, as a string.
    expect(classifyAuthFailure({ errorCode: error, errorNo: String(number), fromServer: true }).code).toBe(expected);
    // Neither field: the description's number is the fallback.
    expect(classifyAuthFailure({ errorCode: error, errorMessage: described(number) }).code).toBe(expected);
  });

  it('never reads AADSTS50148 as a PKCE failure (the documented number is 501481)', () => {
    expect(classifyAuthFailure({ errorCode: 'invalid_grant', errorNo: 50148 }).code).toBe('auth_failed');
  });
});

describe('classifyAuthFailure: the fields decide before the words', () => {
  it.each<[string, AuthFailure, string]>([
    [
      'error_codes beats a different number in the words',
      { errorCode: 'invalid_grant', errorNo: 53003, errorMessage: described(700084) },
      'conditional_access_blocked',
    ],
    [
      'error_codes beats the OAuth error',
      { errorCode: 'interaction_required', errorNo: 53003, errorMessage: described(53003) },
      'conditional_access_blocked',
    ],
    ['error_codes beats suberror', { errorCode: 'invalid_grant', errorNo: 700084, subError: 'bad_token' }, 'refresh_token_expired'],
    [
      'suberror beats the words',
      { errorCode: 'invalid_grant', subError: 'consent_required', errorMessage: described(700084) },
      'consent_missing',
    ],
    ['suberror bad_token alone', { errorCode: 'invalid_grant', subError: 'bad_token' }, 'interaction_required'],
    ['suberror user_password_expired', { errorCode: 'invalid_grant', subError: 'user_password_expired' }, 'interaction_required'],
    [
      'a specific OAuth error beats the words',
      { errorCode: 'interaction_required', errorMessage: described(700084) },
      'interaction_required',
    ],
    ['temporarily_unavailable', { errorCode: 'temporarily_unavailable', errorMessage: described(90006) }, 'entra_unavailable'],
    ['a class error defers to the words', { errorCode: 'access_denied', errorMessage: described(53003) }, 'conditional_access_blocked'],
    ['a class error alone', { errorCode: 'access_denied' }, 'consent_declined'],
    ['invalid_scope alone', { errorCode: 'invalid_scope' }, 'scope_not_on_resource'],
    [
      'message_only decides nothing alone',
      { errorCode: 'invalid_grant', subError: 'message_only', errorNo: 53003 },
      'conditional_access_blocked',
    ],
    [
      'a number that is not a number is ignored',
      { errorCode: 'invalid_grant', errorNo: 'abc', errorMessage: described(50057) },
      'account_disabled',
    ],
  ])('%s', (_name, failure, expected) => {
    expect(classifyAuthFailure(failure).code).toBe(expected);
  });

  it.each([
    ['login_required', 'interaction_required'],
    ['consent_required', 'consent_missing'],
    ['no_tokens_found', 'not_signed_in'],
    ['no_account_error', 'not_signed_in'],
    ['refresh_token_expired', 'refresh_token_expired'],
    ['no_network_connectivity', 'network_offline'],
    ['post_request_failed', 'network_unreachable'],
    ['get_request_failed', 'network_unreachable'],
    ['network_error', 'network_unreachable'],
    ['timed_out', 'auth_timed_out'],
    ['monitor_window_timeout', 'auth_timed_out'],
    ['native_handshake_timeout', 'auth_timed_out'],
  ] as const)("msal's or OAuth's %s → %s", (errorCode, expected) => {
    expect(classifyAuthFailure({ errorCode }).code).toBe(expected);
  });
});

describe('classifyAuthFailure: words', () => {
  it('names the tenant for a wrong-tenant sign-in and the redirect URI to register', () => {
    expect(
      said(classifyAuthFailure({ errorMessage: "AADSTS50020: User account from identity provider does not exist in tenant 'Fabrikam'." })),
    ).toContain('(Fabrikam)');
    const redirect = classifyAuthFailure({ errorNo: 50011, errorMessage: 'mismatch' }, { redirectUri: 'https://abc.chromiumapp.org/' });
    expect(said(redirect)).toContain('add https://abc.chromiumapp.org/ as a Single-page application redirect URI');
  });

  it.each([
    [
      650053,
      "The application 'Helper' asked for scope 'Tasks.Read.All' that doesn't exist on the resource '00000003-0000-0000-c000-000000000000'.",
      'Tasks.Read.All',
    ],
    [
      70011,
      "The provided value for the input parameter 'scope' isn't valid. The scope https://example.contoso.com/activity.read isn't valid.",
      'https://example.contoso.com/activity.read',
    ],
    [70011, "The provided value for the input parameter 'scope' is not valid. The scope Bad.Scope is not valid.", 'Bad.Scope'],
  ])('names the scope Entra refused (%i)', (number, text, scope) => {
    const error = classifyAuthFailure({ errorCode: 'invalid_scope', errorNo: number, errorMessage: described(number, text) });
    expect(error.code).toBe('scope_not_on_resource');
    expect(said(error)).toContain(`named ${scope};`);
  });

  it('says so when Entra named no scope', () => {
    expect(said(classifyAuthFailure({ errorCode: 'invalid_scope' }))).toContain('named (name not given);');
  });

  it('tells a Conditional Access block by its own words, and never asks to sign in again for it', () => {
    const message = said(classifyAuthFailure({ errorCode: 'invalid_grant', errorNo: 53003 }));
    expect(message).toBe(sayError({ code: 'conditional_access_blocked' }));
    expect(message).toContain('Protection > Conditional Access');
    expect(message).toContain('Signing in again does not help');
    expect(message).not.toMatch(/re-grant/i);
  });

  it('keeps an unknown STS number visible for support, without the raw description', () => {
    const error = classifyAuthFailure({ errorCode: 'invalid_request', errorMessage: 'AADSTS90002: Tenant not found. Secret trace 123' });
    expect(error.code).toBe('auth_failed');
    expect(said(error)).toContain('answered AADSTS90002');
    expect(said(error)).not.toContain('Secret trace');
    expect(said(classifyAuthFailure({ errorCode: 'invalid_request', errorNo: 90002, fromServer: true }))).toContain('answered AADSTS90002');
  });

  it("never says Entra answered when the failure is msal's own", () => {
    const own = classifyAuthFailure({ errorCode: 'empty_window_error', fromServer: false });
    expect(own.code).toBe('auth_failed');
    expect(said(own)).not.toContain('answered');
    expect(said(own)).toContain('empty_window_error');
    expect(said(classifyAuthFailure({}))).not.toContain('answered');
    expect(said(classifyAuthFailure({ errorCode: 'new_server_error', fromServer: true }))).toContain('answered new_server_error');
  });

  it.each(['entra_unavailable', 'auth_timed_out'] as const)('%s says nothing about the grant having ended', (code) => {
    const message = sayError({ code });
    expect(message).toMatch(/says nothing about the grant/);
    expect(message).not.toMatch(/expired|re-grant|answered/i);
  });

  it('reads the first AADSTS number', () => {
    expect(aadstsNumber('x AADSTS700084: y AADSTS1')).toBe('700084');
    expect(aadstsNumber('none')).toBeUndefined();
  });

  it('every code it returns is a known error code', () => {
    expect(ERROR_CODES).toEqual(expect.arrayContaining(['conditional_access_blocked', 'admin_consent_required', 'auth_timed_out']));
  });
});

describe("authFailureOf: the fields msal's errors carry", () => {
  it('reads error, suberror and error_codes from a token-endpoint ServerError', () => {
    const error = new ServerError(
      'invalid_grant',
      'corr',
      `Error(s): 53003 - Description: ${described(53003)}`,
      'message_only',
      '53003',
      400,
    );
    expect(authFailureOf(error)).toEqual({
      errorCode: 'invalid_grant',
      errorMessage: expect.stringContaining('AADSTS53003') as string,
      subError: 'message_only',
      errorNo: '53003',
      fromServer: true,
      correlationId: 'corr',
    });
    expect(classifyAuthFailure(authFailureOf(error)).code).toBe('conditional_access_blocked');
  });

  it('reads an InteractionRequiredAuthError from the authorize redirect', () => {
    const error = new InteractionRequiredAuthError('interaction_required', 'corr', described(50076), '', '', '', '', '50076');
    expect(authFailureOf(error)).toMatchObject({ errorCode: 'interaction_required', errorNo: '50076', fromServer: true });
    expect(authFailureOf(error).subError).toBeUndefined();
  });

  it("marks msal's own errors as not from Entra", () => {
    const error = new BrowserAuthError('timed_out', 'corr');
    expect(authFailureOf(error)).toMatchObject({ errorCode: 'timed_out', fromServer: false });
    expect(authFailureOf(error).errorNo).toBeUndefined();
    expect(classifyAuthFailure(authFailureOf(error)).code).toBe('auth_timed_out');
    expect(authFailureOf(new MsalAuthError('something', 'corr'))).toMatchObject({ fromServer: false });
  });
});

describe('classifyWebAuthFlowError', () => {
  it.each([
    ['The user did not approve access.', 'sign_in_cancelled'],
    ['Authorization page could not be loaded.', 'auth_page_unreachable'],
    ['User interaction required. Try again with interactive set to true.', 'interaction_required'],
    ['The request timed out.', 'auth_timed_out'],
    ['Something new', 'auth_failed'],
  ])('%s → %s', (message, expected) => {
    expect(classifyWebAuthFlowError(new Error(message)).code).toBe(expected);
  });

  it('does not claim Entra answered a browser failure', () => {
    expect(said(classifyWebAuthFlowError(new Error('Something new')))).not.toContain('answered');
  });
});
