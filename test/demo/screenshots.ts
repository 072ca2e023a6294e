/**
 * `npm run screenshots` (`npm run demo -- --screenshots`): the README's screenshots, taken in headless Chromium against
 * the local tenant. Each state is produced the way the e2e tests produce it (the tenant's control API: slow delta
 * pages, short refresh-token lifetimes, a revoked grant) and found by the accessible names and test ids the e2e
 * tests use, so that the script keeps working while the words change. A shot that fails is reported and the others
 * are still taken; the run then exits non-zero.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { Tenant, TenantOrgInfo } from '../emulator';
import type { ExtensionBrowser } from '../e2e/harness/browser';
import { REPO_ROOT } from '../e2e/harness/constants';
import { addTenant, grantOutcome, openGrantWizard, type RunState, showPage, shownRunId, tenantCard } from '../e2e/harness/console';
import { openExtensionPage } from '../e2e/harness/extension';
import { manyTenants, seedTenants } from '../e2e/harness/many-tenants';
import { askWorker, checkNow } from '../e2e/harness/messages';
import { completeSignIn, type SignInAnswer, waitForSignInWindow } from '../e2e/harness/sign-in-window';
import { SCREENSHOT_DIR, SCREENSHOTS, type Screenshot } from './screenshot-list';

/** The toolbar popup's width (PopupApp's root); its height follows the content. */
const POPUP_WIDTH = 400;
/** The console's navigation and page side by side, as on a laptop. */
const CONSOLE_VIEWPORT = { width: 1280, height: 1000 };
/** A refresh-token lifetime inside the default 4-hour warning window: the grant reads "Renewal due". */
const NEAR_HORIZON_S = 2 * 3_600;
const STATE_TIMEOUT = 60_000;
const MARGIN = 16;
/** A grant (sign-in, checks, the initial sync of the directory and its activity) on a loaded 2-core machine. */
const GRANT_TIMEOUT = 240_000;

export async function takeScreenshots(tenant: Tenant, browser: ExtensionBrowser): Promise<string[]> {
  const outDir = path.join(REPO_ROOT, SCREENSHOT_DIR);
  mkdirSync(outDir, { recursive: true });
  const org = tenant.orgs[0]!;
  const control = tenant.control;
  const admin = { username: org.admin.userPrincipalName, password: org.admin.password };
  const failed: string[] = [];
  const shot = async (screenshot: Screenshot, take: () => Promise<void>) => {
    const started = Date.now();
    try {
      await take();
      console.log(`  ${screenshot.file} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    } catch (error) {
      failed.push(screenshot.file);
      console.error(`  ${screenshot.file} FAILED: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  };
  const file = (screenshot: Screenshot) => path.join(outDir, screenshot.file);

  const consolePage = await addTenant(browser, { serviceAccount: org.admin.userPrincipalName });
  await lightPage(consolePage, CONSOLE_VIEWPORT);
  const form = await openGrantWizard(consolePage, org.domain);
  const outcome = await signInThrough(consolePage, form.getByRole('button', { name: 'Sign in and grant access' }), browser, admin);
  if (outcome !== 'succeeded') throw new Error(`The grant ended ${outcome}; no screenshot can follow.`);

  const popup = await openExtensionPage(browser.context, browser.extensionId, 'popup.html');
  await lightPage(popup, { width: POPUP_WIDTH, height: 200 });
  const quick = popupTenant(popup, org);

  await shot(SCREENSHOTS.consoleGrant, async () => {
    const progress = consolePage.locator('[aria-label="Grant progress"][data-run-state="succeeded"]');
    await shootElement(consolePage, consolePage.locator('section').filter({ has: progress }).last(), file(SCREENSHOTS.consoleGrant));
  });

  await agePastGrants(popup, [popup, consolePage]);

  await shot(SCREENSHOTS.popupConnected, async () => {
    // The check that follows every grant reads Microsoft's health: wait for it, so that each row says Operational.
    await waitFor(() => quick.getAttribute('data-severity'), 'ok');
    await waitFor(async () => /Operational/.test((await quick.getByTestId('health').textContent()) ?? ''), true);
    // All well, the tenant is one line: opened, so that the picture shows what it holds.
    await quick.locator('summary').click();
    await shootPage(popup, file(SCREENSHOTS.popupConnected));
  });

  await shot(SCREENSHOTS.consoleOverview, async () => {
    await showPage(consolePage, 'All tenants');
    await consolePage.getByRole('table', { name: 'Tenants and their services' }).getByRole('link', { name: org.displayName }).waitFor();
    await shootPage(consolePage, file(SCREENSHOTS.consoleOverview));
    // The shots that follow are on the tenant's page.
    await showPage(consolePage, org.displayName);
  });

  await shot(SCREENSHOTS.popupSyncing, async () => {
    // A full read (the sync position refused) in small, slow pages: long enough to be seen mid-way.
    control.capDeltaPages(50);
    control.expireDeltaTokens();
    control.injectFault({ path: '/v1.0/users/delta', kind: 'slow', delayMs: 800, count: Infinity });
    try {
      const lastSync = quick.getByTestId('last-sync');
      const before = await lastSync.textContent();
      await askWorker(popup, 'worker:syncNow', { tenantId: org.tenantId });
      const sync = consolePage.locator(`[aria-label="Directory sync of ${org.displayName}"]`);
      await waitFor(() => sync.getAttribute('data-sync-state'), 'running');
      // A few pages in, so that the count reads as progress.
      const done = async () => {
        const text = (await lastSync.textContent()) ?? '';
        return text === before ? 0 : Number(text.match(/\d[\d,.]*/)?.[0]?.replace(/\D/g, '') ?? 0);
      };
      await waitFor(done, (n: number) => n >= 150);
      await shootPage(popup, file(SCREENSHOTS.popupSyncing));
    } finally {
      control.clearFaults();
      control.capDeltaPages(null);
    }
    await waitFor(
      () => consolePage.locator(`[aria-label="Directory sync of ${org.displayName}"]`).getAttribute('data-sync-state'),
      'success',
    );
  });

  await shot(SCREENSHOTS.popupLookup, async () => {
    const user = lookupUser(tenant, org);
    const box = popup.getByRole('searchbox', { name: 'Name, sign-in name or mail' });
    await box.fill(user.displayName);
    await popup.locator(`[aria-label="Matching users"] [data-user-id="${user.id}"]`).waitFor({ timeout: STATE_TIMEOUT });
    await shootPage(popup, file(SCREENSHOTS.popupLookup));
    await box.fill('');
  });

  await shot(SCREENSHOTS.popupRenewalDue, async () => {
    // A re-grant whose refresh token ends within the warning window, and no Entra session to renew it silently.
    control.setLifetimes({ refreshTokenSeconds: NEAR_HORIZON_S });
    control.endSessions();
    const regrant = tenantCard(consolePage, org.displayName).getByRole('button', { name: 'Re-grant' });
    const state = await signInThrough(consolePage, regrant, browser, admin);
    if (state !== 'succeeded') throw new Error(`the re-grant ended ${state}`);
    control.endSessions();
    await agePastGrants(popup, [popup, consolePage]);
    await checkNow(popup);
    await waitFor(() => quick.getAttribute('data-severity'), 'warning');
    await shootPage(popup, file(SCREENSHOTS.popupRenewalDue));
  });

  await shot(SCREENSHOTS.popupExpired, async () => {
    control.setLifetimes({ refreshTokenSeconds: 86_400 });
    control.revokeGrants(org.admin.userPrincipalName);
    await checkNow(popup);
    await waitFor(() => quick.getAttribute('data-severity'), 'error');
    await shootPage(popup, file(SCREENSHOTS.popupExpired));
  });

  await shot(SCREENSHOTS.consoleMonitor, async () => {
    // The tenant's health on its page: the 7-day timeline of checks, its axis in days and hours.
    const health = consolePage.locator(`[aria-label="Health of ${org.displayName}"]`);
    await waitFor(
      () => health.getByTestId('timeline-chart').locator('svg rect').count(),
      (n: number) => n >= 3,
    );
    await showPage(consolePage, 'Health monitor');
    const alerts = consolePage.getByRole('list', { name: 'Alerts' });
    await waitFor(
      () => alerts.locator('li[data-standing="open"]').count(),
      (n: number) => n > 0,
    );
    await shootPage(consolePage, file(SCREENSHOTS.consoleMonitor));
    await showPage(consolePage, org.displayName);
  });

  await shot(SCREENSHOTS.consoleActivity, async () => {
    const card = tenantCard(consolePage, org.displayName);
    const chart = card.getByTestId('activity-chart');
    if (!(await chart.isVisible()))
      await card.locator('details > summary').or(card.getByText('Activity in the last 7 days')).first().click();
    await waitFor(
      () => chart.locator('svg rect').count(),
      (n: number) => n > 0,
    );
    const activity = consolePage
      .locator('section')
      .filter({ has: consolePage.getByTestId('activity-chart') })
      .last();
    await shootElement(consolePage, activity, file(SCREENSHOTS.consoleActivity), { until: chart, below: 56 });
  });

  await shot(SCREENSHOTS.popupManyTenants, async () => {
    // Last: 30 more tenants, written into IndexedDB as the e2e tests seed them (every tenth from the fifth needing
    // action), beside Contoso (expired by now). The whole list: what needs action, then a line per tenant that is well.
    await seedTenants(popup, manyTenants(30, Date.now()));
    await popup.reload();
    await waitFor(() => popup.locator('section[data-tenant-id]').count(), 31);
    await shootPage(popup, file(SCREENSHOTS.popupManyTenants));
  });

  await popup.close();
  await consolePage.close();
  return failed;
}

/** The harness's signInThrough with room for a slow machine: the sign-in window answered, then the run's outcome. */
async function signInThrough(page: Page, button: Locator, browser: ExtensionBrowser, answer: SignInAnswer): Promise<RunState> {
  const previous = await shownRunId(page);
  const window = waitForSignInWindow(browser.context, STATE_TIMEOUT);
  await button.click();
  await completeSignIn(await window, answer);
  return grantOutcome(page, previous, GRANT_TIMEOUT);
}

/**
 * A finished grant stays on screen for 10 minutes (lib/provisioning/grant-to-show.ts) and would fill the popup's
 * shots: move the finished runs' times back 11 minutes, straight in IndexedDB (Dexie's live queries do not see such a
 * write, hence the reloads).
 */
async function agePastGrants(page: Page, reload: Page[]): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('m365-connectors');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('grantRuns', 'readwrite');
          const store = tx.objectStore('grantRuns');
          const all = store.getAll();
          all.onsuccess = () => {
            for (const run of all.result as Array<{ state: string; startedAt: number; finishedAt?: number }>) {
              if (run.state !== 'succeeded' || run.finishedAt === undefined) continue;
              const back = run.finishedAt - (Date.now() - 11 * 60_000);
              if (back > 0) store.put({ ...run, startedAt: run.startedAt - back, finishedAt: run.finishedAt - back });
            }
          };
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(new Error(String(tx.error)));
        };
      }),
  );
  for (const each of reload) await each.reload();
}

/** The popup's section of one tenant (TenantQuickRow), as the e2e tests find it. */
function popupTenant(popup: Page, org: TenantOrgInfo): Locator {
  return popup.locator(`[aria-label="Tenant ${org.displayName}"]`);
}

/** Light theme whatever the machine's, and a fixed viewport. */
async function lightPage(page: Page, viewport: { width: number; height: number }): Promise<void> {
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await page.setViewportSize(viewport);
}

/** The whole page at its content's height: the popup is as tall as what it shows. */
async function shootPage(page: Page, file: string): Promise<void> {
  await settle(page);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
}

/**
 * An element, cropped at the bottom of `until` (plus `below` px) when given: the monitor's check settings and the
 * activity's event list would make tall images that say nothing more.
 */
async function shootElement(page: Page, element: Locator, file: string, crop: { until?: Locator; below?: number } = {}): Promise<void> {
  await settle(page);
  const box = await documentBox(element);
  let height = box.height;
  if (crop.until) {
    const end = await documentBox(crop.until);
    height = Math.min(box.height, end.y + end.height + (crop.below ?? 16) - box.y);
  }
  // A margin: chart axis labels draw outside their element's box (less above and below: the next section is near).
  const x = Math.max(0, box.x - MARGIN);
  const y = Math.max(0, box.y - MARGIN / 2);
  const clip = { x, y, width: box.width + (box.x - x) + MARGIN, height: height + (box.y - y) + MARGIN / 2 };
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled', clip });
}

async function documentBox(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return {
      x: Math.floor(r.x + window.scrollX),
      y: Math.floor(r.y + window.scrollY),
      width: Math.ceil(r.width),
      height: Math.ceil(r.height),
    };
  });
}

/** Let charts and live queries draw (no animation runs under reduced motion; this is for the last render). */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.waitForTimeout(300);
}

/** Poll `read` until it equals `expected` (or the predicate holds). */
async function waitFor<T>(read: () => Promise<T>, expected: T | ((value: T) => boolean), timeout = STATE_TIMEOUT): Promise<void> {
  const holds = (value: T) => (typeof expected === 'function' ? (expected as (value: T) => boolean)(value) : value === expected);
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (holds(last)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`waited ${timeout / 1000} s; last seen ${JSON.stringify(last)}`);
}

/** The same user every run (the generator is seeded): the first licensed member of the first group with members. */
function lookupUser(tenant: Tenant, org: TenantOrgInfo): { id: string; displayName: string } {
  const directory = tenant.control.listDirectory(org.tenantId);
  const licensed = new Set(directory.users.filter((u) => u.licensed && u.mail && u.accountEnabled).map((u) => u.id));
  for (const group of directory.groups) {
    const member = group.members.find((id) => licensed.has(id));
    if (member) return directory.users.find((u) => u.id === member)!;
  }
  throw new Error('no licensed group member to look up');
}
