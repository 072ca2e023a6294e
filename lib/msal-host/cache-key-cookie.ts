/**
 * msal-browser v5 encrypts its localStorage cache with a key kept in a `Secure` cookie named
 * `msal.cache.encryption`. Chromium silently drops `Secure` cookies on chrome-extension:// documents, so each msal
 * instance would make a new key and lose every cached account at the next start (proven in a spike; see
 * docs/design.md). We write the cookie ourselves, without `Secure`, before msal reads it.
 */
const COOKIE_NAME = 'msal.cache.encryption';
const TEN_YEARS_IN_SECONDS = 10 * 365 * 24 * 60 * 60;

/** Make sure the cache key cookie exists; keep it when it does (a new key would orphan the cache). */
export function ensureCacheKeyCookie(doc: Document = document): void {
  if (readCookie(doc, COOKIE_NAME)) return;
  const value = JSON.stringify({ id: crypto.randomUUID(), key: base64Url(crypto.getRandomValues(new Uint8Array(32))) });
  doc.cookie = `${encodeURIComponent(COOKIE_NAME)}=${encodeURIComponent(value)};path=/;SameSite=Lax;max-age=${TEN_YEARS_IN_SECONDS}`;
}

function readCookie(doc: Document, name: string): string | undefined {
  const wanted = encodeURIComponent(name);
  for (const part of doc.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === wanted) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
