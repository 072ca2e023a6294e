import type { BrowserContext, CDPSession, Worker } from 'playwright-core';

/**
 * Rewrite the body of every request to the token endpoint on its way out of the browser, as an attacker on the
 * path would. Uses the DevTools protocol's Fetch domain on the browser target, which also sees the offscreen
 * document (Playwright does not expose it as a page). Browser-wide interception covers only documents created after
 * it starts, so an existing offscreen document is closed first (the worker recreates it on demand, and msal's cache
 * lives in localStorage, so nothing is lost). Returns a function that stops intercepting.
 */
export async function tamperTokenRequests(
  context: BrowserContext,
  worker: Worker,
  rewrite: (body: string) => string,
): Promise<() => Promise<void>> {
  await worker.evaluate(async () => {
    if ((await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length > 0) await chrome.offscreen.closeDocument();
  });
  const browser = context.browser();
  if (!browser) throw new Error('tamperTokenRequests needs a Chromium browser');
  const cdp: CDPSession = await browser.newBrowserCDPSession();
  cdp.on('Fetch.requestPaused', (event: { requestId: string; request: { postData?: string } }) => {
    const body = rewrite(event.request.postData ?? '');
    void cdp.send('Fetch.continueRequest', { requestId: event.requestId, postData: Buffer.from(body).toString('base64') });
  });
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*/oauth2/v2.0/token*', requestStage: 'Request' }] });
  return async () => {
    await cdp.send('Fetch.disable');
    await cdp.detach();
  };
}
