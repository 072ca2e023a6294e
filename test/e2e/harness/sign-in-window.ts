import type { BrowserContext, Page } from 'playwright-core';

export interface SignInAnswer {
  username: string;
  password: string;
  /** Accept (default) or cancel the consent page, when Entra shows one. */
  consent?: 'accept' | 'cancel';
}

// Entra's authorize URL answers with a redirect to its sign-in page: any https page the window reaches is it.
const SIGN_IN_PAGE = (url: URL) => url.protocol === 'https:' && !url.hostname.endsWith('.chromiumapp.org');

/**
 * The auth window that chrome.identity.launchWebAuthFlow opens: an ordinary page of the context. It is created
 * blank and navigates to the sign-in page after, so every new page is watched until one gets there.
 */
export function waitForSignInWindow(context: BrowserContext, timeout = 20_000): Promise<Page> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      context.off('page', onPage);
      reject(new Error(`No sign-in window opened within ${timeout} ms`));
    }, timeout);
    const onPage = (page: Page) => {
      page.waitForURL(SIGN_IN_PAGE, { timeout }).then(
        () => {
          clearTimeout(timer);
          context.off('page', onPage);
          resolve(page);
        },
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
