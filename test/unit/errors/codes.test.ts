import { describe, expect, it } from 'vitest';
import { AppError, fromErrorData, isErrorData, toErrorData } from '../../../lib/errors/app-error';
import { ERROR_CODES, ERROR_MESSAGES, messageFor } from '../../../lib/errors/codes';

describe('error messages', () => {
  it.each(ERROR_CODES)('%s has admin-facing words that end a sentence and never leak a raw code alone', (code) => {
    const message = ERROR_MESSAGES[code];
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
    expect(toErrorData(new AppError('grant_revoked'))).toEqual({ code: 'grant_revoked', message: ERROR_MESSAGES.grant_revoked });
    expect(toErrorData(new TypeError('boom at line 3'))).toEqual({ code: 'unknown', message: ERROR_MESSAGES.unknown });
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
