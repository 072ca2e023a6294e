import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { packId } from '../../lib/db/packed-id';
import { grantError, grantOutcome, openGrantWizard, shownRunId, tenantCard } from './harness/console';
import { until } from './harness/expect-until';
import { openExtensionPage } from './harness/extension';
import { addedTenant, syncedTenant } from './harness/fixtures';
import { msalCacheIndex, msalHoldsAccount } from './harness/msal-cache';
import { useE2ESession } from './harness/session';
import { completeSignIn, waitForSignInWindow } from './harness/sign-in-window';

// Data kept no longer than needed (issue #15, item 4), in Chromium against the local tenant: Remove tenant leaves no
// record of the tenant and no account in msal's cache; accounts signed in only to check or refused by a verification
// leave msal's cache at once. msal's cache is read where it lives, in the extension origin's localStorage.

const session = useE2ESession({ orgs: [{ users: 20 }] }, {}, { fresh: 'test' });
const contoso = () => session.tenant.orgs[0]!;

/** Every row of every table of the extension's IndexedDB that names the tenant (in its key or its record). */
async function rowsNaming(page: Page, tenantId: string): Promise<Array<{ table: string; row: string }>> {
  // The directory mirror keeps the tenant's id packed (schema 14): a row names the tenant in either form.
  const names = [tenantId, packId(tenantId)];
  return page.evaluate(
    ({ names }) =>
      new Promise<Array<{ table: string; row: string }>>((resolve, reject) => {
        const open = indexedDB.open('m365-connectors');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const db = open.result;
          const tables = [...db.objectStoreNames];
          const found: Array<{ table: string; row: string }> = [];
          const tx = db.transaction(tables);
          for (const table of tables) {
            const cursor = tx.objectStore(table).openCursor();
            cursor.onsuccess = () => {
              const at = cursor.result;
              if (!at) return;
              const row = JSON.stringify([at.primaryKey, at.value]);
              if (names.some((name) => row.includes(name))) found.push({ table, row: row.slice(0, 200) });
              at.continue();
            };
          }
          tx.oncomplete = () => {
            db.close();
            resolve(found);
          };
          tx.onerror = () => reject(new Error(String(tx.error)));
        };
      }),
    { names },
  );
}

describe('data kept no longer than needed', () => {
  it('Remove tenant deletes every record of the tenant and signs its account out of the extension', async () => {
    const { page, name } = await syncedTenant(session);
    const { tenantId, admin } = contoso();
    // What there is to delete: records in several tables, and the admin's account in msal's cache.
    const before = new Set((await rowsNaming(page, tenantId)).map((found) => found.table));
    expect([...before]).toEqual(
      expect.arrayContaining(['tenants', 'connectors', 'grantRuns', 'syncRuns', 'users', 'eventBatches', 'checks']),
    );
    expect(await msalHoldsAccount(page, admin.id)).toBe(true);

    // Keep tenant closes the dialog and gives the focus back to the button that opened it; Enter opens it again.
    const opener = tenantCard(page, name).getByRole('button', { name: 'Remove tenant' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: `Remove ${name}?` });
    await dialog.getByRole('button', { name: 'Keep tenant' }).click();
    await dialog.waitFor({ state: 'detached' });
    await until(() => opener.evaluate((el) => el === document.activeElement), Boolean, { what: 'the focus back on Remove tenant' });
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: 'Remove tenant and its data' }).click();
    await tenantCard(page, name).waitFor({ state: 'detached' });
    await dialog.waitFor({ state: 'detached' });
    // Nothing of the console stays hidden from screen readers once the modal dialog is gone (Fluent hides the rest of
    // the page with aria-hidden while a modal is open): no ancestor of the page or the navigation keeps it.
    await until(
      () =>
        page.evaluate(() =>
          ['main', 'nav'].map((tag) => document.querySelector(tag)?.closest('[aria-hidden="true"]')?.outerHTML.slice(0, 80) ?? null),
        ),
      (hidden) => hidden.every((found) => found === null),
      { what: 'no aria-hidden around the page and the navigation', timeout: 10_000 },
    );
    // The removed tenant's page says so, with the way back to all tenants, found by their roles as a screen reader does.
    const notFound = page.getByRole('region', { name: 'Page not found' });
    expect(await notFound.getByRole('heading', { name: 'Page not found' }).textContent()).toBe('Page not found');
    expect(await notFound.textContent()).toContain('This tenant is not in the console');
    expect(await notFound.getByRole('link', { name: 'Back to all tenants' }).getAttribute('href')).toBe('#/');
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'All tenants' }).waitFor();
    // The focus is on the page that follows (its start is read out), not lost to <body> with the removed button.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('MAIN');

    expect(await rowsNaming(page, tenantId)).toEqual([]);
    expect(await msalHoldsAccount(page, admin.id)).toBe(false);
    expect(await msalCacheIndex(page)).not.toContain(tenantId);
    // One line in the activity log says what went and when: the tenant's name and domain, no person's name or mail.
    await page.evaluate(() => (location.hash = '#/activity-log'));
    const log = page.locator('table[aria-label="Activity log"]');
    const line = log.locator('tr').filter({ hasText: 'tenant removed' });
    await line.waitFor();
    expect(await line.count()).toBe(1);
    const words = await line.innerText();
    expect(words).toContain(`${name} (${contoso().domain}), cloud Local test tenant: its records, directory mirror and sign-ins deleted`);
    expect(words).not.toContain('@');
    expect(words).not.toContain(admin.displayName);
  });

  it('an account refused as not a Global Administrator is signed out of the extension', async () => {
    const page = await addedTenant(session, { serviceAccount: '' });
    const form = await openGrantWizard(page, contoso().domain, ['Exchange Online']);
    const previous = await shownRunId(page);
    const window = waitForSignInWindow(session.browser.context);
    await form.getByRole('button', { name: 'Sign in and grant access' }).click();
    const { user } = contoso();
    await completeSignIn(await window, { username: user.userPrincipalName, password: user.password });
    expect(await grantOutcome(page, previous)).toBe('failed');
    expect((await grantError(page)).code).toBe('not_global_admin');
    // The sign-in itself put the account in msal's cache (its run kept who it was); the failure took it out.
    await until(
      () => msalHoldsAccount(page, user.id),
      (held) => !held,
      { what: 'the refused account leaving msal’s cache' },
    );
  });

  it('Check an app registration signs its account out once it has read', async () => {
    const { admin } = contoso();
    const page = await openExtensionPage(session.browser.context, session.browser.extensionId, 'options.html#/add-tenant');
    const form = page.getByRole('form', { name: 'Check the app registration' });
    await form.getByLabel('Service account sign-in name (optional)').fill(admin.userPrincipalName);
    const window = waitForSignInWindow(session.browser.context);
    await form.getByRole('button', { name: 'Sign in and check' }).click();
    await completeSignIn(await window, { username: admin.userPrincipalName, password: admin.password });
    await page.getByTestId('preflight-report').waitFor({ timeout: 30_000 });
    expect(await msalHoldsAccount(page, admin.id)).toBe(false);
  });
});
