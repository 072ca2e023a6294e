import type { BrowserContext, Page } from 'playwright-core';

export interface SignInAnswer {
  username: string;
  password: string;
  /** Accept (default) or cancel the consent page, when Entra shows one. */
  consent?: 'accept' | 'cancel';
}

/** Wait for the auth window that chrome.identity.launchWebAuthFlow opens: an ordinary page of the context. */
export function waitForSignInWindow(context: BrowserContext): Promise<Page> {
  return context.waitForEvent('page', { predicate: (page) => page.url().includes('/oauth2/v2.0/authorize'), timeout: 20_000 });
}

/** Fill the local tenant's sign-in form, then answer its consent page if one comes. */
export async function completeSignIn(window: Page, answer: SignInAnswer): Promise<void> {
  await window.locator('#username').fill(answer.username);
  await window.locator('#password').fill(answer.password);
  await window.locator('#signin').click();
  const consent = window.locator(answer.consent === 'cancel' ? '#cancel' : '#accept');
  // The window closes by itself once Entra redirects to the extension; consent may be remembered and skipped.
  const shown = await consent.waitFor({ timeout: 5_000 }).then(
    () => true,
    () => false,
  );
  if (shown) await consent.click();
}
