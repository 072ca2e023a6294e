import { browser } from 'wxt/browser';
import { registerMsalHostHandlers } from '@/lib/msal-host/handlers';
import { MsalHost } from '@/lib/msal-host/msal-host';

// Offscreen documents have no chrome.identity, so the redirect URI is built from the extension id (the same value
// chrome.identity.getRedirectURL() gives the worker).
registerMsalHostHandlers(new MsalHost(`https://${browser.runtime.id}.chromiumapp.org/`));
