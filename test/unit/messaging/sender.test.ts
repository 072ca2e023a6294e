import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { onMessage } from '../../../lib/messaging/protocol';
import { isOwnExtensionSender, type MessageSenderInfo } from '../../../lib/messaging/sender';

const self = { id: 'abcdefghijklmnopabcdefghijklmnop', baseUrl: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/' };

describe('isOwnExtensionSender', () => {
  it.each<[string, MessageSenderInfo | undefined, boolean]>([
    ['the popup', { id: self.id, url: `${self.baseUrl}popup.html` }, true],
    ['the console', { id: self.id, url: `${self.baseUrl}options.html#/tenants` }, true],
    ['the offscreen document', { id: self.id, url: `${self.baseUrl}offscreen.html` }, true],
    ['the worker', { id: self.id, url: `${self.baseUrl}background.js` }, true],
    ['a Firefox page', { id: 'admin@example.com', url: 'moz-extension://0f4e/popup.html' }, false],
    ['a content script in a web page', { id: self.id, url: 'https://evil.example/login' }, false],
    [
      'another extension',
      { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: 'chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/x.html' },
      false,
    ],
    ['another extension claiming our pages', { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: `${self.baseUrl}popup.html` }, false],
    ['a look-alike origin', { id: self.id, url: `chrome-extension://${self.id}.evil.example/popup.html` }, false],
    ['a sender without a URL', { id: self.id }, false],
    ['no sender at all', undefined, false],
  ])('%s → %s', (_, sender, allowed) => {
    expect(isOwnExtensionSender(sender, self)).toBe(allowed);
  });

  it('refuses everything when the base URL is not a whole origin', () => {
    expect(
      isOwnExtensionSender({ id: self.id, url: `${self.baseUrl}popup.html` }, { id: self.id, baseUrl: self.baseUrl.slice(0, -1) }),
    ).toBe(false);
  });
});

describe("the worker's message handlers", () => {
  let remove: (() => void) | undefined;
  afterEach(() => {
    remove?.();
    fakeBrowser.reset();
  });

  /** Deliver one protocol message the way the browser would, with `sender`, and return the answer. */
  async function deliver(sender: MessageSenderInfo) {
    // The fake event is typed like onMessage's listener (message, sender); the real browser also passes sendResponse.
    const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown>;
    const answered = new Promise<unknown>(
      (resolve) =>
        void trigger(
          { id: 1, type: 'worker:syncNow', data: { tenantId: '6f1c2a3b-0d4e-4f5a-8b6c-7d8e9f0a1b2c' }, timestamp: Date.now() },
          sender,
          resolve,
        ),
    );
    return answered;
  }

  it('run for a message from the console', async () => {
    const handler = vi.fn(() => Promise.resolve({ ok: true as const, data: null }));
    remove = onMessage('worker:syncNow', handler);
    const answer = await deliver({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') });
    expect(handler).toHaveBeenCalledOnce();
    expect(answer).toEqual({ res: { ok: true, data: null } });
  });

  it.each<[string, MessageSenderInfo]>([
    ['a content script in a web page', { id: fakeBrowser.runtime.id, url: 'https://evil.example/' }],
    ['another extension', { id: 'other-extension', url: 'chrome-extension://other-extension/page.html' }],
  ])('never run for %s, which gets a refusal', async (_, sender) => {
    const handler = vi.fn(() => Promise.resolve({ ok: true as const, data: null }));
    remove = onMessage('worker:syncNow', handler);
    const answer = await deliver(sender);
    expect(handler).not.toHaveBeenCalled();
    expect(answer).toMatchObject({ res: { ok: false, error: { code: 'message_sender_refused' } } });
  });
});
