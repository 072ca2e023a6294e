import { browser } from 'wxt/browser';
import { AppError } from '../errors/app-error';

const OFFSCREEN_PATH = '/offscreen.html';
let creating: Promise<void> | undefined;

/**
 * Make sure the offscreen document that hosts msal-browser exists. msal cannot run in the service worker (no
 * window); the offscreen document has one and keeps msal's localStorage cache. `creating` only joins concurrent
 * callers of one wake; whether the document exists is always asked of the browser.
 */
export async function ensureOffscreenDocument(): Promise<void> {
  const url = browser.runtime.getURL(OFFSCREEN_PATH);
  const existing = await browser.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
  if (existing.length > 0) return;
  creating ??= browser.offscreen
    .createDocument({
      url: OFFSCREEN_PATH,
      reasons: ['LOCAL_STORAGE'],
      justification: 'Hosts the Microsoft sign-in library (msal-browser), which needs a DOM and localStorage.',
    })
    .catch((error: unknown) => {
      // Another caller may have created it between our check and this call.
      if (!String(error).includes('Only a single offscreen')) throw new AppError('offscreen_unavailable', { cause: error });
    })
    .finally(() => (creating = undefined));
  await creating;
}
