import { storage } from 'wxt/utils/storage';

/**
 * The key of msal's cache, held only in `storage.session`: in memory for the browser session, never written to disk
 * ("Holds data in memory for the duration of a browser session ... not persisted to disk",
 * https://developer.chrome.com/docs/extensions/reference/api/storage#property-session), shared by the worker's
 * restarts, gone when the browser closes. A cookie cannot hold it: Chromium writes even session cookies of an
 * extension to the profile's "Extension Cookies" file (measured: is_persistent 0, value encrypted with the profile's
 * cookie key), so a copied profile would carry the key beside the ciphertext. docs/design.md, "Tokens at rest".
 */
const msalCacheKey = storage.defineItem<string>('session:msalCacheKey');

let pending: Promise<string> | undefined;

/** This browser session's key (msal's cookie format: `{"id": uuid, "key": base64url of 32 bytes}`), made once. */
export function sessionCacheKey(): Promise<string> {
  pending ??= (async () => {
    const kept = await msalCacheKey.getValue();
    if (kept) return kept;
    const made = JSON.stringify({ id: crypto.randomUUID(), key: base64Url(crypto.getRandomValues(new Uint8Array(32))) });
    await msalCacheKey.setValue(made);
    return made;
  })().finally(() => (pending = undefined));
  return pending;
}

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
