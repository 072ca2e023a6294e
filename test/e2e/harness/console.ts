import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from './browser';
import { openExtensionPage } from './extension';

/** Open the console and add a tenant through its form (values the test build pre-fills stay unless given). */
export async function addTenant(browser: ExtensionBrowser, settings: { tenant?: string; serviceAccount?: string }): Promise<Page> {
  const page = await openExtensionPage(browser.context, browser.extensionId, 'options.html');
  const form = page.getByRole('form', { name: 'Add a tenant' });
  const another = page.getByRole('button', { name: 'Add another tenant' });
  await form.or(another).waitFor();
  if (await another.isVisible()) await another.click();
  if (settings.tenant) await form.getByLabel('Tenant (verified domain or tenant id)').fill(settings.tenant);
  if (settings.serviceAccount) await form.getByLabel('Service account sign-in name (optional)').fill(settings.serviceAccount);
  await form.getByRole('button', { name: 'Add tenant' }).click();
  return page;
}

/** The card of one tenant in the console, by its display name or domain. */
export function tenantCard(page: Page, name: string) {
  return page.getByRole('group', { name: `Tenant ${name}` }).or(page.locator(`[aria-label="Tenant ${name}"]`));
}
