import { describe, expect, it, vi } from 'vitest';
import { RENEW_BEFORE_EXPIRY_MS, reusedToken } from '../../../lib/auth/token-reuse';
import type { AccessTokenGrant } from '../../../lib/auth/types';

const HOUR = 60 * 60 * 1000;

function grant(accessToken: string, expiresOn: number): AccessTokenGrant {
  return { accessToken, expiresOn, scopes: ['User.Read.All'] };
}

describe('reusedToken', () => {
  it('asks msal once while the token is valid past the margin', async () => {
    let now = 0;
    const acquire = vi.fn(() => Promise.resolve(grant('a', HOUR)));
    const token = reusedToken(acquire, () => now);
    expect(await token()).toBe('a');
    now = HOUR - RENEW_BEFORE_EXPIRY_MS - 1;
    expect(await token()).toBe('a');
    expect(acquire).toHaveBeenCalledTimes(1);
  });

  it('asks again within the margin, as msal would renew it', async () => {
    let now = 0;
    const acquire = vi
      .fn()
      .mockResolvedValueOnce(grant('a', HOUR))
      .mockResolvedValueOnce(grant('b', 2 * HOUR));
    const token = reusedToken(acquire, () => now);
    expect(await token()).toBe('a');
    now = HOUR - RENEW_BEFORE_EXPIRY_MS;
    expect(await token()).toBe('b');
    expect(await token()).toBe('b');
    expect(acquire).toHaveBeenCalledTimes(2);
  });

  it('never keeps a token that is short-lived: each request asks', async () => {
    const acquire = vi.fn(() => Promise.resolve(grant('short', 60_000)));
    const token = reusedToken(acquire, () => 0);
    await token();
    await token();
    expect(acquire).toHaveBeenCalledTimes(2);
  });

  it('shares one request among requests asking at once', async () => {
    let answer: (value: AccessTokenGrant) => void = () => {};
    const acquire = vi.fn(() => new Promise<AccessTokenGrant>((resolve) => (answer = resolve)));
    const token = reusedToken(acquire, () => 0);
    const both = Promise.all([token(), token()]);
    answer(grant('a', HOUR));
    expect(await both).toEqual(['a', 'a']);
    expect(acquire).toHaveBeenCalledTimes(1);
  });

  it('does not keep a failure: the next request asks again', async () => {
    const acquire = vi.fn().mockRejectedValueOnce(new Error('interaction_required')).mockResolvedValueOnce(grant('a', HOUR));
    const token = reusedToken(acquire, () => 0);
    await expect(token()).rejects.toThrow('interaction_required');
    expect(await token()).toBe('a');
    expect(acquire).toHaveBeenCalledTimes(2);
  });
});
