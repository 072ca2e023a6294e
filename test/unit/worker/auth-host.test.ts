import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// The build flag decides which msal host the worker talks to. The module keeps its Firefox host, so each case loads
// fresh copies of the modules.
async function load(firefox: boolean) {
  vi.resetModules();
  // The build sets a boolean; vitest stubs strings, so '' stands for false.
  vi.stubEnv('FIREFOX', firefox ? 'true' : '');
  const { authHost } = await import('../../../lib/worker/auth-host');
  const { offscreenAuthHost } = await import('../../../lib/worker/offscreen-auth-host');
  const { MsalHost } = await import('../../../lib/msal-host/msal-host');
  return { host: authHost(), offscreenAuthHost, MsalHost };
}

// Loading msal-browser afresh takes seconds on a busy machine.
describe('authHost', { timeout: 30_000 }, () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('is the offscreen document on Chrome and Edge', async () => {
    const { host, offscreenAuthHost, MsalHost } = await load(false);
    expect(host).toBe(offscreenAuthHost);
    expect(host).not.toBeInstanceOf(MsalHost);
  });

  it('is msal itself, with the browser redirect URL, in the Firefox background page', async () => {
    const redirect = vi.spyOn(fakeBrowser.identity, 'getRedirectURL').mockReturnValue('https://abc.extensions.allizom.org/');
    const { host, offscreenAuthHost, MsalHost } = await load(true);
    expect(host).toBeInstanceOf(MsalHost);
    expect(host).not.toBe(offscreenAuthHost);
    expect(redirect).toHaveBeenCalled();
  });
});
