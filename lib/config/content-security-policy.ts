import type { Cloud } from './clouds';

/**
 * The content security policy of the extension's pages and offscreen document. Nothing is allowed unless named
 * (`default-src 'none'`): scripts only from the package itself (no remote code, no eval; 'wasm-unsafe-eval' is not
 * needed); styles from the package, plus the empty <style> elements Fluent UI's Griffel creates and then fills
 * through the CSSOM (`insertRule`, which CSP does not govern): the hash of the empty string allows exactly those and
 * no inline style with content (measured in Chromium: without it the console renders unstyled); images from the
 * package and the `data:` SVG the charts draw; no frames at all (`frame-src 'none'`: msal can never open its hidden iframe, see
 * lib/msal-host/msal-host.ts acquireToken), no plugins, no <base> tricks, no form posts, never framed.
 * `connect-src` lists each cloud's sign-in and Graph origins and nothing else, so even a bug that handed a token to
 * fetch() could not send it anywhere but Microsoft (or the local test tenant of a test build).
 */
/** CSP hash source of the empty string (sha256, base64): an empty <style> element, nothing else. */
const EMPTY_STYLE_HASH = 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';

export function extensionPagesCsp(clouds: readonly Cloud[]): string {
  const origins = [...new Set(clouds.flatMap((cloud) => [cloud.authorityHost, cloud.graphHost].map((url) => new URL(url).origin)))];
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' '${EMPTY_STYLE_HASH}'`,
    "img-src 'self' data:",
    `connect-src 'self' ${origins.join(' ')}`,
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
