import { browser } from 'wxt/browser';
import { registerMsalHostHandlers } from '@/lib/msal-host/handlers';
import { MsalHost } from '@/lib/msal-host/msal-host';
import { sendMessage } from '@/lib/messaging/protocol';
import { unwrap } from '@/lib/messaging/unwrap';

// Offscreen documents have no chrome.identity, so the redirect URI is built from the extension id (the same value
// chrome.identity.getRedirectURL() gives the worker). They have no chrome.storage either: the worker keeps msal's
// cache key in storage.session and hands it over.
registerMsalHostHandlers(
  new MsalHost(`https://${browser.runtime.id}.chromiumapp.org/`, async () => unwrap(await sendMessage('worker:msalCacheKey')).key),
);
