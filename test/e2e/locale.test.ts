import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TenantOrgInfo } from '../emulator';
import { substitute } from '../../lib/i18n/substitute';
import { readMessages } from '../unit/i18n/messages';
import { grantOutcome } from './harness/console';
import { openExtensionPage } from './harness/extension';
import { useE2ESession } from './harness/session';
import { completeSignIn, waitForSignInWindow } from './harness/sign-in-window';

// The whole console and popup in a browser that runs in German: the words come from public/_locales/de, numbers
// and dates are written the German way, and no message key shows where a message is missing. Each test starts from
// a new profile and the tenant as generated; the fixtures speak English, so the grant here is driven in German.
// Contoso has over a thousand users (for the thousands separator), Fabrikam a few (a quick grant for the popup).
const session = useE2ESession({ orgs: [{ users: 1050 }, { users: 5 }] }, { locale: 'de' }, { fresh: 'test' });
const german = readMessages('de');
const english = readMessages('en');
const de = (key: string, ...substitutions: string[]) => substitute(german[key]!.message, substitutions);

/** Open the German console, add the org's tenant and grant every service through the German wizard. */
async function grantInGerman(org: TenantOrgInfo, timeout = 40_000): Promise<Page> {
  const page = await openExtensionPage(session.browser.context, session.browser.extensionId, 'options.html#/add-tenant');
  const form = page.getByRole('form', { name: de('tenantForm_label') });
  await form.locator('input[name="tenant"]').fill(org.domain);
  await form.locator('input[name="serviceAccount"]').fill(org.admin.userPrincipalName);
  await form.getByRole('button', { name: de('tenantForm_add'), exact: true }).click();
  const card = page.locator(`[aria-label="${de('tenantCard_label', org.domain)}"]`);
  await expect.poll(() => card.getByTestId('status-exchange').textContent()).toBe('Nicht verbunden');

  await card.getByRole('button', { name: de('tenantCard_grant') }).click();
  const wizard = page.getByRole('region', { name: de('grantWizard_grantLabel'), exact: true });
  expect(await wizard.textContent()).toContain(`Melden Sie sich als Globaler Administrator von ${org.domain} an.`);
  const admin = { username: org.admin.userPrincipalName, password: org.admin.password };
  const window = waitForSignInWindow(session.browser.context);
  await wizard.getByRole('button', { name: 'Anmelden und Berechtigungen erteilen' }).click();
  await completeSignIn(await window, admin);
  expect(await grantOutcome(page, undefined, timeout)).toBe('succeeded');
  return page;
}

/** Texts on the page (text nodes, the title, names and tooltips) that are a message key, or hold one. */
function shownKeys(on: Page): Promise<string[]> {
  const keys = Object.keys(english).filter((key) => key.includes('_'));
  return on.evaluate((keys) => {
    const texts = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node.textContent ?? '');
    for (const element of document.body.querySelectorAll('*')) {
      for (const name of ['aria-label', 'aria-description', 'title', 'placeholder', 'alt']) texts.push(element.getAttribute(name) ?? '');
    }
    return texts
      .map((text) => text.trim())
      .filter((text) => /^[a-z][A-Za-z]*_[A-Za-z0-9]+$/.test(text) || keys.some((key) => text.includes(key)));
  }, keys);
}

describe('In a German browser', () => {
  it('the console speaks German from the start', async () => {
    const page = await openExtensionPage(session.browser.context, session.browser.extensionId, 'options.html');
    const heading = page.getByRole('heading', { level: 1 });
    await heading.waitFor();
    expect(de('consoleApp_heading')).not.toBe(english.consoleApp_heading!.message);
    expect(await heading.textContent()).toBe(de('consoleApp_heading'));
    expect(await page.title()).toBe('Microsoft 365-Connectors – Konsole');
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await page.evaluate(() => chrome.i18n.getUILanguage())).toMatch(/^de/);
    expect(await page.locator('main').textContent()).toContain('Es ist noch kein Mandant eingerichtet.');
    expect(await shownKeys(page)).toEqual([]);
  });

  it('adds a tenant and grants access in German; the sync reads with German numbers and dates', async () => {
    const org = session.tenant.orgs[0]!;
    // The grant mirrors the directory before it succeeds: over a thousand users take a while on a busy machine.
    const page = await grantInGerman(org, 150_000);

    const sync = page.locator(`[aria-label="${de('syncStatus_label', org.displayName)}"]`);
    await expect.poll(() => sync.getAttribute('data-sync-state'), { timeout: 30_000 }).toBe('success');
    // Over a thousand users: the thousands separator is a dot; the date is day.month.year, the time 24-hour.
    expect(await sync.getByTestId('last-sync').textContent()).toMatch(
      /^Letzte Synchronisierung am \d{1,2}\.\d{1,2}\.\d{4}, \d{2}:\d{2}: 1\.\d{3} Benutzer und \d+ Gruppen aktualisiert, 0 entfernt$/,
    );
    const named = page.locator(`[aria-label="${de('tenantCard_label', org.displayName)}"]`);
    expect(await named.getByTestId('status-exchange').textContent()).toBe('Verbunden');
    expect(await named.locator('[data-service="exchange"] td').nth(4).textContent()).toMatch(/^\d{1,2}\.\d{1,2}\.\d{4}, \d{2}:\d{2}$/);

    await named.getByText('Aktivität der letzten 7 Tage').click();
    const history = named.getByRole('region', { name: de('activityHistory_label', org.displayName) });
    await history.getByText('Zahlen als Tabelle anzeigen').click();
    const days = history.getByRole('table', { name: 'Ereignisse pro Tag und Dienst' }).getByRole('row');
    await expect.poll(() => days.count()).toBe(1 + 7);
    // German short weekdays and months: "Mo., 23. Nov."
    expect(await days.nth(1).getByRole('cell').first().textContent()).toMatch(/^[A-Z][a-z]\., \d{1,2}\. [A-Z][a-zä]{2,3}\.?$/);
    expect(await shownKeys(page)).toEqual([]);
    // Every page of the console, reached through its German navigation, speaks German.
    const nav = page.getByRole('navigation', { name: de('consoleNav_label') });
    for (const key of [
      'consoleNav_overview',
      'monitorPanel_heading',
      'consoleApp_activityLogHeading',
      'consoleApp_settingsHeading',
      'consoleApp_addTenantHeading',
    ]) {
      await nav.getByRole('link', { name: de(key), exact: true }).click();
      await page.getByRole('heading', { name: de(key), exact: true }).waitFor();
      expect(await shownKeys(page), key).toEqual([]);
    }
    await nav.getByRole('link', { name: de('monitorPanel_heading') }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Statusüberwachung' }).count()).toBe(1);
    await page.evaluate(() => (location.hash = '#/nirgendwo'));
    await page.getByText(de('consoleApp_pageNotFound')).waitFor();
    expect(await shownKeys(page)).toEqual([]);
  }, 240_000);

  it('the popup speaks German, and writes dates the German way', async () => {
    await grantInGerman(session.tenant.orgs[1]!);
    const popup = await openExtensionPage(session.browser.context, session.browser.extensionId, 'popup.html');
    const health = popup.locator('[data-health]:not([data-health="none"])').first();
    // A tenant that is well is one line: opened, it shows its health (and every word below is German too).
    await popup.locator('section[data-tenant-id] > details > summary').first().click();
    await health.waitFor({ state: 'attached' });
    expect(await popup.title()).toBe('Microsoft 365-Connectors');
    expect(await popup.locator('html').getAttribute('lang')).toBe('de');
    expect(await health.getAttribute('title')).toMatch(/^Am \d{1,2}\.\d{1,2}\.\d{4}, \d{2}:\d{2} aus dem Microsoft-Dienststatus gelesen$/);
    expect(await shownKeys(popup)).toEqual([]);
    await popup.close();
  });
});
