import { afterEach, describe, expect, it } from 'vitest';
import { AppError, AuthError, fromErrorData, isErrorData, rewordErrorData, toErrorData } from '../../../lib/errors/app-error';
import { ERROR_CODES, messageFor } from '../../../lib/errors/codes';
import { substitute } from '../../../lib/i18n/substitute';
import { useMessageLookup } from '../../../lib/i18n/t';
import { readMessages } from '../i18n/messages';

describe('error messages', () => {
  it.each(ERROR_CODES)('%s has admin-facing words that end a sentence and never leak a raw code alone', (code) => {
    const message = messageFor(code);
    expect(message.length).toBeGreaterThan(30);
    expect(message).toMatch(/[.!]$/);
    expect(message).not.toMatch(/^AADSTS/);
  });

  it('fills the detail in', () => {
    expect(messageFor('redirect_uri_not_registered', 'https://x.chromiumapp.org/')).toContain(
      'add https://x.chromiumapp.org/ as a Single-page',
    );
  });

  it('turns anything thrown into plain data, without stacks', () => {
    expect(toErrorData(new AppError('grant_revoked'))).toEqual({ code: 'grant_revoked', message: messageFor('grant_revoked') });
    expect(toErrorData(new TypeError('boom at line 3'))).toEqual({ code: 'unknown', message: messageFor('unknown') });
    expect(toErrorData('text')).toMatchObject({ code: 'unknown' });
  });

  it('recognises error data that crossed a boundary, and rebuilds it', () => {
    const data = { code: 'consent_missing', message: 'custom words' } as const;
    expect(isErrorData(data)).toBe(true);
    expect(isErrorData({ code: 'made_up', message: 'x' })).toBe(false);
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

  it('read as their key there, and in words once the worker rewords their code and detail', () => {
    useMessageLookup(() => '');
    const data = new AuthError('auth_failed', { detail: { key: 'auth_entraAnswered', substitutions: ['AADSTS90002'] } }).toData();
    expect(data.message).toBe('error_auth_failed');
    useMessageLookup(englishLookup);
    expect(rewordErrorData(data).message).toBe(
      'The sign-in failed: Microsoft Entra ID answered AADSTS90002. Try again; if it repeats, check the app registration in Entra ID.',
    );
  });

  it('keep a plain detail as it is', () => {
    const data = new AuthError('wrong_tenant', { detail: 'contoso.com' }).toData();
    expect(rewordErrorData(data)).toMatchObject({ code: 'wrong_tenant', message: messageFor('wrong_tenant', 'contoso.com') });
    expect(messageFor('wrong_tenant', 'contoso.com')).toContain('another tenant (contoso.com)');
  });
});
