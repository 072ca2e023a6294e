import type { BrowserContext, Page } from 'playwright-core';

export interface SignInAnswer {
  username: string;
  password: string;
  /** Accept (default) or cancel the consent page, when Entra shows one. */
  consent?: 'accept' | 'cancel';
}

/** What a page of the sign-in window shows: the sign-in form, the consent page, or one of Entra's error pages. */
const signInUi = (page: Page) => page.locator('#username, #accept, #cancel').or(page.getByText(/AADSTS\d+/));

/**
 * The auth window that chrome.identity.launchWebAuthFlow opens: an ordinary page of the context. The silent
 * sign-in that runs first (prompt=none) loads Entra in a hidden page too, which redirects away at once; so a page
 * counts only once it shows Entra's sign-in, consent or error UI.
 */
export function waitForSignInWindow(context: BrowserContext, timeout = 20_000): Promise<Page> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (page?: Page, error?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      context.off('page', onPage);
      if (page) resolve(page);
      else reject(error ?? new Error('no sign-in window'));
    };
    const timer = setTimeout(() => finish(undefined, new Error(`No sign-in window opened within ${timeout} ms`)), timeout);
    const onPage = (page: Page) => {
      signInUi(page)
        .first()
        .waitFor({ timeout })
        .then(
          () => finish(page),
          () => undefined,
        );
    };
    context.on('page', onPage);
  });
}

/**
 * Answer the local tenant's pages in the window: the sign-in form when it asks (a live session skips it), then the
 * consent page when it comes (consent already given skips it).
 */
export async function completeSignIn(window: Page, answer: SignInAnswer): Promise<void> {
  const username = window.locator('#username');
  const consent = window.locator(answer.consent === 'cancel' ? '#cancel' : '#accept');
  await username.or(consent).waitFor({ timeout: 10_000 });
  if (await username.isVisible()) {
    await username.fill(answer.username);
    await window.locator('#password').fill(answer.password);
    await window.locator('#signin').click();
  }
  // The window closes by itself once Entra redirects to the extension.
  const shown = await consent.waitFor({ timeout: 5_000 }).then(
    () => true,
    () => false,
  );
  if (shown) await consent.click();
}
