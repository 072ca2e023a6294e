import { describe, expect, it } from 'vitest';
import { aadstsNumber, classifyAuthFailure, classifyWebAuthFlowError } from '../../../lib/auth/classify-auth-error';

describe('classifyAuthFailure', () => {
  it.each([
    ['invalid_grant', 'AADSTS700084: The refresh token was issued to a single page app (SPA)…', 'refresh_token_expired'],
    ['invalid_grant', 'AADSTS50173: The provided grant has expired due to it being revoked…', 'grant_revoked'],
    ['invalid_grant', 'AADSTS700082: The refresh token has expired due to inactivity.', 'grant_inactive'],
    ['invalid_grant', 'AADSTS65001: The user or administrator has not consented…', 'consent_missing'],
    ['access_denied', 'AADSTS65004: User declined to consent to access the app.', 'consent_declined'],
    ['invalid_request', "AADSTS50011: The redirect URI 'x' specified in the request does not match…", 'redirect_uri_not_registered'],
    [
      'invalid_request',
      'AADSTS9002326: Cross-origin token redemption is permitted only for the Single-Page Application client-type.',
      'redirect_uri_wrong_platform',
    ],
    ['invalid_grant', 'AADSTS50148: The code_verifier provided does not match the code_challenge…', 'pkce_rejected'],
    ['invalid_request', "AADSTS50020: User account 'x' from identity provider does not exist in tenant 'Contoso'.", 'wrong_tenant'],
    ['interaction_required', 'AADSTS50076: Due to a configuration change made by your administrator…', 'interaction_required'],
    ['login_required', 'AADSTS50058: A silent sign-in request was sent but no user is signed in.', 'interaction_required'],
    ['consent_required', undefined, 'consent_missing'],
    ['no_tokens_found', undefined, 'not_signed_in'],
    ['refresh_token_expired', 'Refresh token has expired.', 'refresh_token_expired'],
    ['no_network_connectivity', 'No network connectivity.', 'network_offline'],
    ['post_request_failed', 'Network request failed.', 'network_unreachable'],
  ] as const)('%s / %s → %s', (errorCode, errorMessage, expected) => {
    expect(classifyAuthFailure({ errorCode, errorMessage }).code).toBe(expected);
  });

  it('names the tenant for a wrong-tenant sign-in and the redirect URI to register', () => {
    expect(
      classifyAuthFailure({ errorMessage: "AADSTS50020: User account from identity provider does not exist in tenant 'Fabrikam'." })
        .message,
    ).toContain('(Fabrikam)');
    const redirect = classifyAuthFailure({ errorMessage: 'AADSTS50011: mismatch' }, { redirectUri: 'https://abc.chromiumapp.org/' });
    expect(redirect.message).toContain('add https://abc.chromiumapp.org/ as a Single-page application redirect URI');
  });

  it('keeps an unknown AADSTS number visible for support, without the raw description', () => {
    const error = classifyAuthFailure({ errorCode: 'invalid_request', errorMessage: 'AADSTS90002: Tenant not found. Secret trace 123' });
    expect(error.code).toBe('auth_failed');
    expect(error.message).toContain('AADSTS90002');
    expect(error.message).not.toContain('Secret trace');
  });

  it('reads the first AADSTS number', () => {
    expect(aadstsNumber('x AADSTS700084: y AADSTS1')).toBe('700084');
    expect(aadstsNumber('none')).toBeUndefined();
  });
});

describe('classifyWebAuthFlowError', () => {
  it.each([
    ['The user did not approve access.', 'sign_in_cancelled'],
    ['Authorization page could not be loaded.', 'auth_page_unreachable'],
    ['User interaction required. Try again with interactive set to true.', 'interaction_required'],
    ['Something new', 'auth_failed'],
  ])('%s → %s', (message, expected) => {
    expect(classifyWebAuthFlowError(new Error(message)).code).toBe(expected);
  });
});
