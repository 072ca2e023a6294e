import { afterEach, describe, expect, it } from 'vitest';
import { AppError, AuthError, fromErrorData, isErrorData, toErrorData } from '../../../lib/errors/app-error';
import { ERROR_CODES } from '../../../lib/errors/codes';
import { phrase, sayError } from '../../../lib/errors/phrase';
import { substitute } from '../../../lib/i18n/substitute';
import { useMessageLookup } from '../../../lib/i18n/t';
import { readMessages } from '../i18n/messages';

describe('error messages', () => {
  it.each(ERROR_CODES)('%s has admin-facing words that end a sentence and never leak a raw code alone', (code) => {
    const message = sayError({ code });
    expect(message.length).toBeGreaterThan(30);
    expect(message).toMatch(/[.!]$/);
    expect(message).not.toMatch(/^AADSTS/);
  });

  it('fills the detail in', () => {
    expect(sayError({ code: 'redirect_uri_not_registered', params: ['https://x.chromiumapp.org/'] })).toContain(
      'add https://x.chromiumapp.org/ as a Single-page',
    );
  });

  it('turns anything thrown into plain data, without stacks', () => {
    expect(toErrorData(new AppError('grant_revoked'))).toEqual({ code: 'grant_revoked' });
    expect(toErrorData(new AppError('wrong_tenant', { detail: 'contoso.com' }))).toEqual({ code: 'wrong_tenant', params: ['contoso.com'] });
    expect(toErrorData(new TypeError('boom at line 3'))).toEqual({ code: 'unknown' });
    expect(toErrorData('text')).toMatchObject({ code: 'unknown' });
  });

  it('recognises error data that crossed a boundary, and rebuilds it', () => {
    const data = { code: 'consent_missing', params: ['x'] } as const;
    expect(isErrorData(data)).toBe(true);
    expect(isErrorData({ code: 'consent_missing' })).toBe(true);
    expect(isErrorData({ code: 'made_up' })).toBe(false);
    expect(isErrorData({ code: 'consent_missing', params: 'x' })).toBe(false);
    const rebuilt = fromErrorData(data);
    expect(rebuilt).toBeInstanceOf(AppError);
    expect(rebuilt.toData()).toEqual(data);
  });
});

describe('errors made where there is no chrome.i18n (the offscreen document)', () => {
  const english = readMessages('en');
  const englishLookup = (key: string, substitutions: string[]) => {
    const entry = english[key];
    return entry ? substitute(entry.message, substitutions) : '';
  };
  afterEach(() => useMessageLookup(englishLookup));

  it('carry no words, only their code and detail, which the receiver words in its own language', () => {
    useMessageLookup(() => '');
    const error = new AuthError('auth_failed', { detail: phrase('auth_entraAnswered', 'AADSTS90002') });
    const data = error.toData();
    expect(data).toEqual({ code: 'auth_failed', params: [{ key: 'auth_entraAnswered', params: ['AADSTS90002'] }] });
    expect(JSON.stringify(data)).not.toMatch(/sign-in failed/i);
    useMessageLookup(englishLookup);
    expect(sayError(fromErrorData(data).toData())).toBe(
      'The sign-in failed: Microsoft Entra ID answered AADSTS90002. Try again; if it repeats, check the app registration in Entra ID.',
    );
  });

  it('keep a plain detail as it is', () => {
    const data = new AuthError('wrong_tenant', { detail: 'contoso.com' }).toData();
    expect(data).toEqual({ code: 'wrong_tenant', params: ['contoso.com'] });
    expect(sayError(data)).toContain('another tenant (contoso.com)');
  });
});
