/**
 * msal-browser v5 encrypts its localStorage cache with a key it reads from a `Secure` session cookie named
 * `msal.cache.encryption`, once, when an instance initializes (AzureAD/microsoft-authentication-library-for-js,
 * lib/msal-browser/src/cache/LocalStorage.ts `initialize`; docs/caching.md: the key dies with the browser session,
 * "making it impossible to decrypt any auth artifacts after the session has ended"). Two things break that in an
 * extension: Chromium silently drops `Secure` cookies on chrome-extension:// documents (each instance would make a
 * new key and orphan the cache: docs/design.md), and it writes even session cookies of an extension to the profile
 * on disk ("Extension Cookies"), beside the ciphertext. So the key lives in memory only (lib/config/msal-cache-key.ts)
 * and is lent to msal through the cookie just for its initialize(): written without `Secure` and without a lifetime,
 * then removed, so that Chromium has nothing of it to keep.
 */
const COOKIE_NAME = 'msal.cache.encryption';

/** Run `initialize` (msal's) with the key in the cookie jar, and take it out again whatever happens. */
export async function withCacheKeyCookie<T>(key: string, initialize: () => Promise<T>, doc: Document = document): Promise<T> {
  doc.cookie = `${encodeURIComponent(COOKIE_NAME)}=${encodeURIComponent(key)};path=/;SameSite=Strict`;
  try {
    return await initialize();
  } finally {
    doc.cookie = `${encodeURIComponent(COOKIE_NAME)}=;path=/;SameSite=Strict;max-age=0`;
  }
}
