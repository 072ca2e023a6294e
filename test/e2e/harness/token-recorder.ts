import type { BrowserContext, CDPSession, Worker } from 'playwright-core';

/** Every token the local tenant handed to the browser, as its token endpoint answered them. */
export interface RecordedTokens {
  accessTokens: string[];
  refreshTokens: string[];
  idTokens: string[];
}

/** An error answer of the token endpoint: the ids Entra gave (reference-error-codes.md, its sample error response). */
export interface RecordedEntraError {
  error_codes?: number[];
  trace_id?: string;
  correlation_id?: string;
  timestamp?: string;
}

/**
 * Read every answer of the token endpoint on its way into the browser (DevTools protocol, browser-wide, so the
 * offscreen document is seen too) and keep the tokens, so a test can look for exactly these strings afterwards.
 * Like tamperTokenRequests, it sees only documents made after it starts: an existing offscreen document is closed.
 */
export async function recordTokenResponses(
  context: BrowserContext,
  worker: Worker,
): Promise<{ tokens: RecordedTokens; errors: RecordedEntraError[]; stop(): Promise<void> }> {
  await worker.evaluate(async () => {
    if ((await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length > 0) await chrome.offscreen.closeDocument();
  });
  const browser = context.browser();
  if (!browser) throw new Error('recordTokenResponses needs a Chromium browser');
  const tokens: RecordedTokens = { accessTokens: [], refreshTokens: [], idTokens: [] };
  const errors: RecordedEntraError[] = [];
  const cdp: CDPSession = await browser.newBrowserCDPSession();
  cdp.on('Fetch.requestPaused', (event: { requestId: string; responseStatusCode?: number }) => {
    void (async () => {
      try {
        const { body, base64Encoded } = await cdp.send('Fetch.getResponseBody', { requestId: event.requestId });
        const text = base64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
        const answer = JSON.parse(text) as Record<string, unknown>;
        if (typeof answer.access_token === 'string') tokens.accessTokens.push(answer.access_token);
        if (typeof answer.refresh_token === 'string') tokens.refreshTokens.push(answer.refresh_token);
        if (typeof answer.id_token === 'string') tokens.idTokens.push(answer.id_token);
        if (typeof answer.error === 'string') errors.push(answer);
      } catch {
        // Not a JSON answer (a preflight, an error page): nothing to keep.
      } finally {
        await cdp.send('Fetch.continueRequest', { requestId: event.requestId }).catch(() => undefined);
      }
    })();
  });
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*/oauth2/v2.0/token*', requestStage: 'Response' }] });
  return {
    tokens,
    errors,
    async stop() {
      await cdp.send('Fetch.disable');
      await cdp.detach();
    },
  };
}
