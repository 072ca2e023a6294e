import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AlertRecord, DirectoryGroup, DirectoryUser, Membership } from '../../lib/db/types';
import { consoleNav, showPage, tenantCard } from './harness/console';
import { openExtensionPage, readTable } from './harness/extension';
import { expiredGrant, syncedTenant } from './harness/fixtures';
import { manyTenants, seededTenantId, seedTenants } from './harness/many-tenants';
import { useE2ESession } from './harness/session';

// Each test starts from a new profile and the tenant at its start, and builds its own grant (harness/fixtures.ts).
const session = useE2ESession({ orgs: [{ users: 40 }] }, {}, { fresh: 'test' });
let consolePage: Page;
let popup: Page;
const org = () => session.tenant.orgs[0]!;
const section = () => popup.locator(`[aria-label="Tenant ${org().displayName}"]`);
const openPopup = async () => {
  popup = await openExtensionPage(session.browser.context, session.browser.extensionId, 'popup.html');
};
/**
 * The toolbar popup's room: 400 px wide (the popup's own width) and at most 600 px tall, Chromium's largest popup
 * (ExtensionPopup's kMaxWidth 800 and kMaxHeight 600, chrome/browser/ui/views/extensions/extension_popup.cc).
 */
const POPUP_VIEWPORT = { width: 400, height: 600 };

/**
 * Every element box of the page that runs past the viewport's left or right edge (or a scroll width beyond it), as
 * "tag.class: left–right"; text cut with an ellipsis is inside its box, so a descendant of a box that clips is not counted.
 */
function outsideTheWidth(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const clips = (el: Element) => getComputedStyle(el).overflowX !== 'visible';
    const out = [...document.body.querySelectorAll('*')].flatMap((el) => {
      if (el.closest('.visually-hidden')) return [];
      for (let parent = el.parentElement; parent && parent !== document.body; parent = parent.parentElement) if (clips(parent)) return [];
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) return [];
      return box.left < 0 || box.right > width + 0.5 ? [`${el.tagName.toLowerCase()}.${el.className}: ${box.left}–${box.right}`] : [];
    });
    if (document.documentElement.scrollWidth > width) out.push(`scroll width ${document.documentElement.scrollWidth} > ${width}`);
    return out;
  });
}

/** How the popup's first read went: through IndexedDB itself, or through Dexie (main.tsx marks it). */
function firstReadThrough(page: Page): Promise<unknown> {
  return page.evaluate(() => (performance.getEntriesByName('popup:read')[0] as PerformanceMark | undefined)?.detail as unknown);
}

describe('The quick status in the popup, the lookup, and the console monitor', () => {
  it('after a grant: one line "All services connected", which opens to the horizon and the last sync', async () => {
    ({ page: consolePage } = await syncedTenant(session));
    const users = (await readTable(consolePage, 'users')).length;

    await openPopup();
    const line = section().locator('summary');
    await expect.poll(() => line.textContent()).toContain('All services connected');
    expect(await section().getAttribute('data-severity')).toBe('ok');
    expect(await firstReadThrough(popup)).toBe('indexeddb');
    await line.click();
    // The three services share their state: said once, each service named.
    const connected = section().locator('li[data-state="connected"]');
    expect(await connected.textContent()).toBe('✓Connected: Exchange Online, SharePoint Online, OneDrive');
    expect(await section().locator('li').count()).toBe(1);
    expect(await section().getByTestId('horizon').textContent()).toMatch(/^Access: Renews by .*\d\d:\d\d/);
    expect(await section().getByTestId('last-sync').textContent()).toMatch(
      new RegExp(`^Last sync: (just now|\\d+ min ago), ${users} users$`),
    );
    expect(await section().getByRole('button', { name: 'Re-grant' }).count()).toBe(1);
    // The console derives the same status from the same records, and words it with the same map.
    const card = tenantCard(consolePage, org().displayName);
    for (const service of ['exchange', 'sharepoint', 'onedrive']) {
      await expect.poll(() => card.getByTestId(`status-${service}`).textContent()).toBe('Connected');
    }
  });

  it('a revoked grant: "Check now" turns the popup red, in words, with Re-grant as the fix', async () => {
    ({ page: consolePage } = await syncedTenant(session));
    await openPopup();
    await expect.poll(() => section().getAttribute('data-severity')).toBe('ok');
    session.tenant.control.revokeGrants(org().admin.userPrincipalName);
    await popup.getByRole('button', { name: 'Check now' }).click();
    await expect.poll(() => section().getAttribute('data-severity'), { timeout: 20_000 }).toBe('error');
    // One line for the three services, the reason once, and when it was checked once (was: each three times).
    const expired = section().locator('li[data-state="token_expired"]');
    expect(await section().locator('li').count()).toBe(1);
    expect(await expired.locator('[data-service]').allTextContents()).toEqual(['Exchange Online', 'SharePoint Online', 'OneDrive']);
    for (const service of ['exchange', 'sharepoint', 'onedrive'])
      expect(await expired.locator(`[data-service="${service}"]`).getAttribute('data-severity')).toBe('error');
    expect(await expired.locator('.quick-reason').count()).toBe(1);
    expect((await section().innerText()).match(/checked/gi)).toHaveLength(1);
    expect(await section().getByTestId('horizon').textContent()).toMatch(/^Access: Expired/);
    expect(await section().getByRole('button', { name: 'Re-grant' }).count()).toBe(1);
    // The console derives the same status from the same records, and words it with the same map.
    const card = tenantCard(consolePage, org().displayName);
    for (const service of ['exchange', 'sharepoint', 'onedrive']) {
      await expect.poll(() => card.getByTestId(`status-${service}`).textContent()).toBe('Access expired');
    }
  });

  it('the first run: the sentence and its button stay inside the popup', async () => {
    await openPopup();
    await popup.setViewportSize(POPUP_VIEWPORT);
    await popup.getByRole('heading', { name: 'No Microsoft 365 tenant is connected yet' }).waitFor();
    expect(await outsideTheWidth(popup)).toEqual([]);
    const [text, button] = await Promise.all([
      popup.getByText(/^Grant access to Exchange Online/).boundingBox(),
      popup.getByRole('button', { name: 'Grant access' }).boundingBox(),
    ]);
    expect(text!.x + text!.width).toBeLessThanOrEqual(POPUP_VIEWPORT.width);
    expect(button!.x + button!.width).toBeLessThanOrEqual(POPUP_VIEWPORT.width);
  });

  it('30 tenants, 3 needing action: those first, on screen without scrolling; each tenant that is well one line', async () => {
    await openPopup();
    await popup.setViewportSize(POPUP_VIEWPORT);
    await popup.getByRole('heading', { name: 'No Microsoft 365 tenant is connected yet' }).waitFor();
    await seedTenants(popup, manyTenants(30, Date.now()));
    await popup.reload();
    const tenants = popup.locator('section[data-tenant-id]');
    await expect.poll(() => tenants.count()).toBe(30);
    expect(await firstReadThrough(popup)).toBe('indexeddb');

    // Red before amber, each whole inside the popup's 400 × 600 px, above the fold.
    const first = await tenants.evaluateAll((sections) =>
      sections.slice(0, 3).map((el) => {
        const box = el.getBoundingClientRect();
        return {
          id: el.getAttribute('data-tenant-id'),
          severity: el.getAttribute('data-severity'),
          top: box.top,
          bottom: box.bottom,
          right: box.right,
        };
      }),
    );
    expect(first.map((f) => [f.id, f.severity])).toEqual([
      [seededTenantId(4), 'error'],
      [seededTenantId(14), 'warning'],
      [seededTenantId(24), 'warning'],
    ]);
    for (const box of first) {
      expect(box.top).toBeGreaterThanOrEqual(0);
      expect(box.bottom).toBeLessThanOrEqual(POPUP_VIEWPORT.height);
      expect(box.right).toBeLessThanOrEqual(POPUP_VIEWPORT.width);
    }
    expect(await popup.evaluate(() => window.scrollY)).toBe(0);
    expect(await popup.getByRole('heading', { name: 'Needs action (3)' }).count()).toBe(1);

    // The 27 others: one line each (its box one line tall), the long name and domain cut, never widening the popup.
    const lines = popup.locator('section[data-tenant-id] > details > summary');
    expect(await lines.count()).toBe(27);
    const heights = await lines.evaluateAll((summaries) =>
      summaries.map((el) => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)),
    );
    expect(heights.filter((lineCount) => lineCount >= 1.5)).toEqual([]);
    expect(await outsideTheWidth(popup)).toEqual([]);

    // A line opens to the tenant's states, facts and buttons.
    const well = popup.locator('[aria-label="Tenant Northwind Traders International Holdings Europe"]');
    expect(await well.getByRole('button', { name: 'Sync now' }).count()).toBe(0);
    await well.locator('summary').click();
    await well.getByRole('button', { name: 'Sync now' }).waitFor();
    expect(await well.locator('li[data-state="connected"]').textContent()).toBe('✓Connected: Exchange Online, SharePoint Online, OneDrive');
    expect(await outsideTheWidth(popup)).toEqual([]);
  });

  it('30 tenants, 3 needing action: the console lists those first on its overview, then the others by name', async () => {
    const page = await openExtensionPage(session.browser.context, session.browser.extensionId, 'options.html');
    await page.getByRole('form', { name: 'Add a tenant' }).last().waitFor();
    // The last tenant by id is first by name: the order is the admin's (by name), not the database's.
    const records = manyTenants(30, Date.now());
    records.tenants[29]!.displayName = 'Adatum Corporation';
    await seedTenants(page, records);
    await page.reload();
    const rows = page.getByRole('table', { name: 'Tenants and their services' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(30);
    expect(page.url()).toMatch(/options\.html$/);

    // Each row: the tenant's name and its services' worst severity, with the states in words.
    const shown = await rows.evaluateAll((trs) =>
      trs.map((tr) => {
        const marks = [...tr.querySelectorAll('[data-severity]')];
        const rank = ['ok', 'info', 'warning', 'error'];
        const worst = marks.map((m) => m.getAttribute('data-severity') ?? 'ok').sort((a, b) => rank.indexOf(b) - rank.indexOf(a))[0];
        return { id: tr.getAttribute('data-tenant'), name: tr.querySelector('td')?.textContent, worst, services: marks.length };
      }),
    );
    expect(shown.slice(0, 3).map((row) => [row.id, row.name, row.worst])).toEqual([
      [seededTenantId(4), 'Tenant 05', 'error'],
      [seededTenantId(14), 'Tenant 15', 'warning'],
      [seededTenantId(24), 'Tenant 25', 'warning'],
    ]);
    const services = (name: string) => rows.filter({ hasText: name }).locator('li');
    expect((await services('Tenant 05').allTextContents()).sort()).toEqual(
      ['Exchange Online', 'OneDrive', 'SharePoint Online'].map((service) => `✕${service}: Access expired`),
    );
    expect(await services('Tenant 15').first().textContent()).toMatch(/Renewal due$/);
    expect(await services('Tenant 25').first().textContent()).toMatch(/Sync stale$/);
    // The 27 that are well follow by name, every service connected.
    const rest = shown.slice(3);
    expect(rest.map((row) => row.name)).toEqual([
      'Adatum Corporation',
      'Northwind Traders International Holdings Europe',
      ...[2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 18, 19, 20, 21, 22, 23, 24, 26, 27, 28, 29].map(
        (n) => `Tenant ${String(n).padStart(2, '0')}`,
      ),
    ]);
    expect(rest.filter((row) => row.worst !== 'ok' || row.services !== 3)).toEqual([]);
    // The navigation lists the same tenants by name.
    const navNames = await consoleNav(page).getByRole('list', { name: 'Tenants' }).getByRole('link').allTextContents();
    expect(navNames.slice(0, 2)).toEqual(['Adatum Corporation', 'Northwind Traders International Holdings Europe']);
    expect(navNames).toHaveLength(30);
  });

  it("a tenant's own Open console in the popup opens the console on that tenant's page", async () => {
    await openPopup();
    await popup.getByRole('heading', { name: 'No Microsoft 365 tenant is connected yet' }).waitFor();
    // Among 30, one whose sign-in is gone (no account, no grant facts): Not connected, and the console is its fix.
    const records = manyTenants(30, Date.now());
    const signedOut = records.tenants[7]!;
    delete signedOut.homeAccountId;
    delete signedOut.grant;
    await seedTenants(popup, records);
    await popup.reload();
    const row = popup.locator(`section[data-tenant-id="${signedOut.tenantId}"]`);
    await row.locator('li[data-state="not_connected"]').waitFor();

    const opened = session.browser.context.waitForEvent('page');
    await row.getByRole('button', { name: 'Open console' }).click();
    const tenantPage = await opened;
    await tenantPage.waitForURL(`chrome-extension://${session.browser.extensionId}/options.html#/tenants/${signedOut.tenantId}`);
    // The page is that tenant's: its card, its link current in the navigation, and no other tenant on it.
    const card = tenantCard(tenantPage, signedOut.displayName);
    await card.waitFor();
    expect(await tenantPage.locator('main').getAttribute('data-page')).toBe('tenant');
    expect(await consoleNav(tenantPage).locator('[aria-current="page"]').textContent()).toBe(signedOut.displayName);
    const main = await tenantPage.locator('main').innerText();
    for (const other of ['Tenant 05', 'Tenant 09', 'Northwind']) expect(main).not.toContain(other);
    for (const service of ['exchange', 'sharepoint', 'onedrive'])
      expect(await card.getByTestId(`status-${service}`).textContent()).toBe('Not connected');
  });

  it('finds users by name, sign-in name and mail, with scope, Exchange licence and groups, from IndexedDB', async () => {
    await syncedTenant(session);
    await openPopup();
    const users = await readTable<DirectoryUser>(popup, 'users');
    const memberships = await readTable<Membership>(popup, 'memberOf');
    const groups = await readTable<DirectoryGroup>(popup, 'groups');
    const user = users.find((u) => u.mail && memberships.some((m) => m.userId === u.id) && u.exchangeLicensed !== undefined)!;
    expect(user).toBeDefined();
    const groupNames = memberships.filter((m) => m.userId === user.id).map((m) => groups.find((g) => g.id === m.groupId)!.displayName);

    const box = popup.getByRole('searchbox', { name: 'Name, sign-in name or mail' });
    const match = popup.locator(`[aria-label="Matching users"] [data-user-id="${user.id}"]`);
    for (const query of [user.displayName.slice(0, 5).toUpperCase(), user.userPrincipalName.slice(0, 6), user.mail!.slice(0, 6)]) {
      await box.fill(query);
      await match.waitFor();
    }
    expect(await match.textContent()).toContain('In scope');
    expect(await match.getByTestId('exchange-licence').textContent()).toBe(
      user.exchangeLicensed ? 'Licensed for Exchange Online' : 'No Exchange Online licence (a shared mailbox needs none)',
    );
    for (const name of groupNames) expect(await match.getByTestId('groups').textContent()).toContain(name);
    await box.fill('zzz-nobody');
    await popup.getByText('No user starts with “zzz-nobody”.').waitFor();
  });

  it('the console lists the alert, acknowledges it, and draws the 7-day timeline', async () => {
    ({ page: consolePage } = await expiredGrant(session));
    await showPage(consolePage, 'Health monitor');
    const alerts = consolePage.getByRole('list', { name: 'Alerts' });
    const open = alerts.locator('li[data-standing="open"]').filter({ hasText: 'Access expired' });
    await expect.poll(() => open.count()).toBe(3);
    await open.first().getByRole('button', { name: 'Acknowledge' }).click();
    await expect.poll(() => alerts.locator('li[data-standing="acknowledged"]').count()).toBe(1);
    // Open alerts stay listed first; the acknowledged one follows them.
    expect(await alerts.locator('li').nth(1).getAttribute('data-standing')).toBe('open');
    expect(await alerts.locator('li').nth(2).getAttribute('data-standing')).toBe('acknowledged');
    const stored = await readTable<AlertRecord>(consolePage, 'alerts');
    expect(stored.filter((a) => a.acknowledgedAt !== undefined && a.state === 'token_expired')).toHaveLength(1);

    // The timeline is on the tenant's page, linked from the monitor.
    await consolePage.getByRole('link', { name: `${org().displayName}: the last 7 days` }).click();
    const health = consolePage.locator(`[aria-label="Health of ${org().displayName}"]`);
    const chart = health.getByTestId('timeline-chart');
    await expect.poll(() => chart.locator('svg rect').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    // The time axis reads as time: a weekday and a clock time on each tick ("Sat 3:25 AM"), not "43:45, 43:50".
    const ticks = await chart.evaluate((el) =>
      [...el.querySelectorAll('svg g text')].map((text) => text.textContent ?? '').filter((text) => /\d:\d\d/.test(text)),
    );
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    for (const tick of ticks) expect(tick.replace(/\s/g, ' ')).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2}:\d\d (AM|PM)$/);
    // Each service's name fits left of the bars, whole: none starts outside the chart (was cut to "nline").
    const labels = await chart.evaluate((el) => {
      const left = el.getBoundingClientRect().left;
      return [...el.querySelectorAll('svg g text')]
        .filter((text) => /Online|OneDrive/.test(text.textContent ?? ''))
        .map((text) => ({ text: text.textContent, inside: text.getBoundingClientRect().left >= left }));
    });
    expect(labels.map((l) => l.text).sort()).toEqual(['Exchange Online', 'OneDrive', 'SharePoint Online']);
    expect(labels.filter((l) => !l.inside)).toEqual([]);
    await health.getByText('Show the timeline as a table').click();
    expect(await health.locator('tr[data-state="token_expired"]').count()).toBe(3);
    expect(await health.locator('tr[data-state="connected"]').count()).toBeGreaterThanOrEqual(3);
  });
});
