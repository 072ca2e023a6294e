import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { sessionCacheKey } from '@/lib/config/msal-cache-key';
import { MsalHost } from '@/lib/msal-host/msal-host';
import { setAuthHost } from '@/lib/worker/auth-host';
import { startWorker } from '@/lib/worker/start-worker';

// Firefox's background (wxt.config.ts puts it in place of entrypoints/background.ts): an event page with a DOM, so
// msal-browser lives right here, with no offscreen document and no messages in between. Chrome's service worker has
// no DOM and never imports the msal host (eslint.config.js holds that line).
export default defineBackground(() => {
  setAuthHost(new MsalHost(browser.identity.getRedirectURL(), sessionCacheKey));
  startWorker();
});
