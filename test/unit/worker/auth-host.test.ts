import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// Which msal host the worker talks to: the offscreen document, unless the background hosts msal itself (Firefox's
// background page, entrypoints/firefox/background.ts). The module keeps its choice, so each case loads fresh copies.
vi.mock('../../../lib/worker/start-worker', () => ({ startWorker: vi.fn() }));

async function load() {
  vi.resetModules();
  const { authHost } = await import('../../../lib/worker/auth-host');
  const { offscreenAuthHost } = await import('../../../lib/worker/offscreen-auth-host');
  const { MsalHost } = await import('../../../lib/msal-host/msal-host');
  const { startWorker } = await import('../../../lib/worker/start-worker');
  return { authHost, offscreenAuthHost, MsalHost, startWorker };
}

// Loading msal-browser afresh takes seconds on a busy machine.
describe('authHost', { timeout: 30_000 }, () => {
  afterEach(() => vi.restoreAllMocks());

  it('is the offscreen document on Chrome and Edge', async () => {
    const { authHost, offscreenAuthHost, MsalHost } = await load();
    expect(authHost()).toBe(offscreenAuthHost);
    expect(authHost()).not.toBeInstanceOf(MsalHost);
  });

  it('is msal itself, with the browser redirect URL, in the Firefox background page, set before the worker starts', async () => {
    const redirect = vi.spyOn(fakeBrowser.identity, 'getRedirectURL').mockReturnValue('https://abc.extensions.allizom.org/');
    const { authHost, offscreenAuthHost, MsalHost, startWorker } = await load();
    const hostWhenStarted: unknown[] = [];
    vi.mocked(startWorker).mockImplementation(() => void hostWhenStarted.push(authHost()));
    const background = (await import('../../../entrypoints/firefox/background')).default as { main: () => void };
    background.main();
    expect(authHost()).toBeInstanceOf(MsalHost);
    expect(authHost()).not.toBe(offscreenAuthHost);
    expect(hostWhenStarted).toEqual([authHost()]);
    expect(redirect).toHaveBeenCalled();
  });
});
