import type { AuthHost } from '../auth/sign-in';
import { offscreenAuthHost } from './offscreen-auth-host';

let chosen: AuthHost = offscreenAuthHost;

/**
 * Firefox's background page hosts msal itself and says so when it starts (entrypoints/firefox/background.ts). The
 * worker never imports the msal host: Chrome's MV3 service worker has no DOM.
 */
export function setAuthHost(host: AuthHost): void {
  chosen = host;
}

/** The msal host the worker talks to: the offscreen document (Chrome and Edge), unless the background hosts it. */
export function authHost(): AuthHost {
  return chosen;
}
