import { browser } from 'wxt/browser';
import type { AuthHost } from '../auth/sign-in';
import { MsalHost } from '../msal-host/msal-host';
import { offscreenAuthHost } from './offscreen-auth-host';

let direct: AuthHost | undefined;

/**
 * The msal host the worker talks to. Chrome and Edge: the offscreen document (the MV3 service worker has no DOM).
 * Firefox: the background is an event page with a DOM, so msal lives right there, with no document and no messages
 * in between. `import.meta.env.FIREFOX` is fixed at build time, so each build carries only its own host.
 */
export function authHost(): AuthHost {
  if (import.meta.env.FIREFOX) return (direct ??= new MsalHost(browser.identity.getRedirectURL()));
  return offscreenAuthHost;
}
