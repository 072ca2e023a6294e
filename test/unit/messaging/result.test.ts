import { describe, expect, it } from 'vitest';
import { AppError } from '../../../lib/errors/app-error';
import { sayError } from '../../../lib/errors/phrase';
import { toResult } from '../../../lib/messaging/result';
import { unwrap } from '../../../lib/messaging/unwrap';

describe('toResult and unwrap', () => {
  it('wraps data and errors as plain data, and unwraps them back', async () => {
    expect(await toResult(() => 42)).toEqual({ ok: true, data: 42 });
    const failed = await toResult(() => Promise.reject(new AppError('grant_revoked')));
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.error.code).toBe('grant_revoked');
    expect(unwrap({ ok: true, data: 'x' })).toBe('x');
    expect(() => unwrap(failed)).toThrow(AppError);
  });

  it('treats a missing answer (no listener) as the worker not answering', () => {
    let thrown: unknown;
    try {
      unwrap(undefined);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    // The error is a code; the words come when it is shown.
    expect(sayError((thrown as AppError).toData())).toMatch(/did not answer/);
  });
});
