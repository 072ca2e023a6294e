import { browser } from 'wxt/browser';

/**
 * Keep the MV3 service worker alive through long work: every extension API call resets its 30-second idle timer
 * (https://developer.chrome.com/docs/extensions/develop/concepts/service-workers/lifecycle, "Idle and shutdown").
 * The one way the extension does it: the sync between pages, a grant while it waits, a long schema upgrade.
 */
export async function keepAlive(): Promise<void> {
  await browser.runtime.getPlatformInfo();
}
