import type { Cloud } from './clouds';

/**
 * The content security policy of the extension's pages, offscreen document and worker. Scripts only from the
 * package itself (no remote code, no eval; 'wasm-unsafe-eval' is not needed), no plugins, no <base> tricks, no
 * form posts. `connect-src` lists each cloud's sign-in and Graph origins and nothing else, so even a bug that
 * handed a token to fetch() could not send it anywhere but Microsoft (or the local test tenant of a test build).
 */
export function extensionPagesCsp(clouds: readonly Cloud[]): string {
  const origins = [...new Set(clouds.flatMap((cloud) => [cloud.authorityHost, cloud.graphHost].map((url) => new URL(url).origin)))];
  return [
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    `connect-src 'self' ${origins.join(' ')}`,
  ].join('; ');
}
