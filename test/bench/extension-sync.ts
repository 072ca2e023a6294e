import type { Page } from 'playwright-core';
import type { SyncRun } from '../../lib/db/types';
import type { ExtensionBrowser } from '../e2e/harness/browser';
import { addTenant, grantOutcome, openGrantWizard } from '../e2e/harness/console';
import { readTable } from '../e2e/harness/extension';
import { completeSignIn, waitForSignInWindow } from '../e2e/harness/sign-in-window';
import type { TenantOrgInfo } from '../emulator';
import { unpackId } from '../../lib/db/packed-id';

/** Add the tenant in the console and grant access through the wizard, as an admin would; the grant's sync runs too. */
export async function grantThroughConsole(
  browser: ExtensionBrowser,
  org: TenantOrgInfo,
  timeoutMs: number,
  /** Typed in the form; the test build pre-fills the first org's domain. */
  tenant?: string,
): Promise<Page> {
  const page = await addTenant(browser, { serviceAccount: org.admin.userPrincipalName, tenant });
  const form = await openGrantWizard(page, org.domain);
  const window = waitForSignInWindow(browser.context);
  await form.getByRole('button', { name: 'Sign in and grant access' }).click();
  await completeSignIn(await window, { username: org.admin.userPrincipalName, password: org.admin.password });
  const outcome = await grantOutcome(page, undefined, timeoutMs);
  if (outcome !== 'succeeded') throw new Error(`the grant ended ${outcome}`);
  return page;
}

/** Empty the mirror and forget the sync positions (raw IndexedDB), so that the next sync is a full one into nothing. */
export async function wipeMirror(page: Page): Promise<void> {
  await page.evaluate(
    (stores) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('m365-connectors');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(stores, 'readwrite');
          for (const store of stores) tx.objectStore(store).clear();
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(new Error(String(tx.error)));
        };
      }),
    ['users', 'groups', 'memberOf', 'syncCheckpoints', 'syncSeen'],
  );
}

async function lastRun(page: Page): Promise<SyncRun | undefined> {
  return (await readTable<SyncRun>(page, 'syncRuns')).sort((a, b) => (a.id ?? 0) - (b.id ?? 0)).at(-1);
}

/** Press the console's "Sync now" for the tenant and wait for the run to end; returns its record. */
export async function syncNow(page: Page, tenantName: string, timeoutMs: number): Promise<SyncRun> {
  const before = (await lastRun(page))?.id;
  await page.locator(`[aria-label="Directory sync of ${tenantName}"]`).getByRole('button', { name: 'Sync now' }).click();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const run = await lastRun(page);
    if (run && run.id !== before && run.outcome !== 'running') return run;
  }
  throw new Error(`the sync did not end within ${timeoutMs} ms`);
}

/** The latest run of a trigger (e.g. the grant's sync). */
export async function lastRunOf(page: Page, trigger: SyncRun['trigger']): Promise<SyncRun | undefined> {
  return (await readTable<SyncRun>(page, 'syncRuns'))
    .filter((run) => run.trigger === trigger)
    .sort((a, b) => (a.id ?? 0) - (b.id ?? 0))
    .at(-1);
}

/** The ids of the mirrored users and groups (keys only, unpacked: lib/db/packed-id.ts). */
export async function mirroredIds(page: Page): Promise<{ users: string[]; groups: string[] }> {
  const { users, groups } = await page.evaluate(
    () =>
      new Promise<{ users: string[]; groups: string[] }>((resolve, reject) => {
        const open = indexedDB.open('m365-connectors');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['users', 'groups']);
          const users = tx.objectStore('users').getAllKeys();
          const groups = tx.objectStore('groups').getAllKeys();
          tx.oncomplete = () => {
            db.close();
            // No named helper here: tsx would wrap it in a `__name` call that does not exist in the page.
            resolve({
              users: users.result.map((key) => String((key as string[])[1])),
              groups: groups.result.map((key) => String((key as string[])[1])),
            });
          };
          tx.onerror = () => reject(new Error(String(tx.error)));
        };
      }),
  );
  return { users: users.map(unpackId), groups: groups.map(unpackId) };
}
