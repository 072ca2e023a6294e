import type { AccessTokenGrant } from './types';

/**
 * msal-browser's own margin: a cached access token is used until five minutes before it expires
 * (`tokenRenewalOffsetSeconds`, 300 by default), then it is renewed. The reuse below keeps the same margin, so it
 * answers exactly what msal's cache would have answered.
 */
export const RENEW_BEFORE_EXPIRY_MS = 5 * 60 * 1000;

/**
 * One Graph client's access token, asked for once and reused while it is valid for more than the margin. The worker's
 * msal lives in another document (the offscreen document, or Firefox's background page): asking it for every Graph
 * request was a message, a cache read in that document and a reply, a dozen times per sync (docs/increment-profile.md).
 * A client lives for one sync, check or lookup, so a revoked grant is noticed as before: by Graph's 401, or by the
 * monitor, which always redeems the refresh token itself. Requests that ask at once share one request to msal; a
 * failed request is not kept (the next asks again). Pure: `acquire` and `now` are given.
 */
export function reusedToken(acquire: () => Promise<AccessTokenGrant>, now: () => number): () => Promise<string> {
  let held: Promise<AccessTokenGrant> | undefined;
  return async () => {
    const pending = held;
    if (pending) {
      const grant = await pending.catch(() => undefined);
      if (grant && grant.expiresOn - now() > RENEW_BEFORE_EXPIRY_MS) return grant.accessToken;
      // Expired, close to it, or failed: ask again (unless another request already did).
      if (held === pending) held = undefined;
    }
    held ??= acquire();
    const asked = held;
    try {
      return (await asked).accessToken;
    } catch (error) {
      if (held === asked) held = undefined;
      throw error;
    }
  };
}
