import type { Locator, Page } from 'playwright-core';
import type { ExtensionBrowser } from './browser';
import { openExtensionPage } from './extension';
import { completeSignIn, type SignInAnswer, waitForSignInWindow } from './sign-in-window';

/**
 * Open the console's Add-a-tenant page and add a tenant through its form (values the test build pre-fills stay
 * unless given). The console then shows the new tenant's page.
 */
export async function addTenant(browser: ExtensionBrowser, settings: { tenant?: string; serviceAccount?: string }): Promise<Page> {
  const page = await openExtensionPage(browser.context, browser.extensionId, 'options.html#/add-tenant');
  const form = page.getByRole('form', { name: 'Add a tenant' }).last();
  await form.waitFor();
  if (settings.tenant) await form.getByLabel('Tenant (verified domain or tenant id)').fill(settings.tenant);
  if (settings.serviceAccount !== undefined) await form.getByLabel('Service account sign-in name (optional)').fill(settings.serviceAccount);
  await form.getByRole('button', { name: 'Add tenant' }).click();
  return page;
}

/** The console's navigation: a link to every page. */
export function consoleNav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Console' });
}

/**
 * Go to a page of the console through its navigation, as an admin would: a page by its link's name ('Health
 * monitor', 'Activity log', 'Settings', 'Add a tenant', 'All tenants') or a tenant's page by its display name.
 */
export async function showPage(page: Page, name: string): Promise<void> {
  const link = consoleNav(page).getByRole('link', { name, exact: true });
  await link.click();
  await link.and(page.locator('[aria-current="page"]')).waitFor();
}

/** The card of one tenant in the console, by its display name (the domain until a grant names it). */
export function tenantCard(page: Page, name: string): Locator {
  return page.locator(`[aria-label="Tenant ${name}"]`);
}

export type RunState = 'running' | 'waiting' | 'failed' | 'succeeded' | 'cancelled';

/** The id of the grant run the page shows now, if any. */
export async function shownRunId(page: Page): Promise<string | undefined> {
  // By data attribute, not by its (translated) name: the German test drives grants too.
  const progress = page.locator('[data-run-id]');
  return (await progress.count()) > 0 ? ((await progress.first().getAttribute('data-run-id')) ?? undefined) : undefined;
}

/**
 * The state of the grant the page shows once it is no longer running (`waiting` = the picker is up). Pass the run
 * id shown before the grant started, so that the outcome is the new run's and not the last one's.
 */
export async function grantOutcome(page: Page, previousRunId?: string, timeout = 40_000): Promise<RunState> {
  const notPrevious = previousRunId ? `:not([data-run-id="${previousRunId}"])` : '';
  const progress = page.locator(`[data-run-id]${notPrevious}:not([data-run-state="running"])`);
  await progress.waitFor({ timeout });
  return (await progress.getAttribute('data-run-state')) as RunState;
}

/**
 * Press the wizard's (or any) button that starts a sign-in and answer the sign-in window when one opens; while
 * Entra's session lives the grant signs in silently and no window opens (`answer` is then unused).
 */
export async function signInThrough(
  page: Page,
  button: Locator,
  browser: ExtensionBrowser,
  answer: SignInAnswer | 'expect-silent',
): Promise<RunState> {
  const previous = await shownRunId(page);
  if (answer !== 'expect-silent') {
    const window = waitForSignInWindow(browser.context);
    await button.click();
    await completeSignIn(await window, answer);
  } else {
    await button.click();
  }
  return grantOutcome(page, previous);
}

/** The wizard region on the page. */
export function wizard(page: Page, name: 'Grant access' | 'Switch the sync scope' = 'Grant access'): Locator {
  return page.getByRole('region', { name, exact: true });
}

/** The error the shown grant stopped with: its code and the words the admin reads. */
export async function grantError(page: Page): Promise<{ code: string | null; text: string }> {
  const error = page.locator('[data-run-id] [data-error-code]');
  return { code: await error.getAttribute('data-error-code'), text: (await error.textContent()) ?? '' };
}

/** Open the Grant-access wizard of a tenant, choosing only `services` (labels as shown). */
export async function openGrantWizard(page: Page, tenantName: string, services?: string[]): Promise<Locator> {
  await tenantCard(page, tenantName).getByRole('button', { name: 'Grant access' }).click();
  const form = wizard(page);
  if (services) {
    for (const label of ['Exchange Online', 'SharePoint Online', 'OneDrive']) {
      const box = form.getByRole('checkbox', { name: new RegExp(`^${label}`) });
      if (services.includes(label)) await box.check();
      else await box.uncheck();
    }
  }
  return form;
}
