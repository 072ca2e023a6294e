import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { DirectoryUser } from '../../lib/db/types';
import { type ColorScheme, setColorScheme, violations } from './harness/axe';
import { consoleNav, grantOutcome, openGrantWizard, showPage, shownRunId, signInThrough, tenantCard, wizard } from './harness/console';
import { addedTenant, type GrantedTenant, grantedTenant, syncedTenant } from './harness/fixtures';
import { openExtensionPage, readTable } from './harness/extension';
import { manyTenants, seedTenants } from './harness/many-tenants';
import { checkNow as runCheck } from './harness/messages';
import { completeSignIn, waitForSignInWindow } from './harness/sign-in-window';
import { useE2ESession } from './harness/session';

// Every screen an admin meets; at each stop axe runs in the light and the dark theme. Each test starts from a new
// profile and the tenant as generated, and builds the state its screens need with the fixtures (harness/fixtures.ts).
// The pages prefer reduced motion, so that Fluent's colour transitions are over when contrast and focus are measured.
const session = useE2ESession({ orgs: [{ users: 30 }] }, {}, { fresh: 'test' });
let consolePage: Page;
let popup: Page;
const org = () => session.tenant.orgs[0]!;
const admin = () => ({ username: org().admin.userPrincipalName, password: org().admin.password });
const openPopup = async () => {
  // A page of an earlier test's browser is closed already.
  if (popup && !popup.isClosed()) await popup.close();
  popup = await openExtensionPage(session.browser.context, session.browser.extensionId, 'popup.html');
  await popup.emulateMedia({ reducedMotion: 'reduce' });
  return popup;
};

/** The console from a fixture, preferring reduced motion like every page here. */
async function onConsole(state: Promise<GrantedTenant | Page>): Promise<Page> {
  const built = await state;
  consolePage = 'page' in built ? built.page : built;
  await consolePage.emulateMedia({ reducedMotion: 'reduce' });
  return consolePage;
}

/** Switch the tenant's sync scope to selected users and groups: Megan, picked in the picker (a silent sign-in). */
async function switchToSelected(screens?: (step: 'wizard' | 'picker') => Promise<void>) {
  await tenantCard(consolePage, org().displayName).getByRole('button', { name: 'Switch sync scope' }).click();
  const form = wizard(consolePage, 'Switch the sync scope');
  await form.waitFor();
  await screens?.('wizard');
  expect(
    await signInThrough(consolePage, form.getByRole('button', { name: 'Sign in and switch the scope' }), session.browser, 'expect-silent'),
  ).toBe('waiting');
  const picker = consolePage.getByRole('region', { name: 'Choose users and groups' });
  await picker.getByLabel('Find users and groups by name or sign-in name').fill(org().user.displayName.slice(0, 4));
  const megan = picker.getByRole('checkbox', { name: new RegExp(`^User: ${org().user.displayName}`) });
  await megan.check();
  await expect.poll(() => picker.getByRole('button', { name: 'Sync these and continue' }).isEnabled()).toBe(true);
  await screens?.('picker');
  const waiting = await shownRunId(consolePage);
  await picker.getByRole('button', { name: 'Sync these and continue' }).click();
  await consolePage.locator(`[data-run-id="${waiting}"][data-run-state="running"]`).waitFor();
  expect(await grantOutcome(consolePage)).toBe('succeeded');
}

/**
 * axe on the page as it stands, in both colour schemes; a moderate, serious or critical violation fails the test
 * (softly, so that one run lists every screen's violations) with its rule, impact, target and help page.
 */
async function checkScreen(page: Page, screen: string, schemes: ColorScheme[] = ['light', 'dark'], include?: string) {
  for (const scheme of schemes) expect.soft(await violations(page, { scheme, include }), `${screen} (${scheme})`).toEqual([]);
  await setColorScheme(page, 'light');
}

/**
 * Table cells whose content runs into a neighbouring column, at the widths of a laptop (1,280 px) and a narrow window
 * (800 px), judged by element boxes: the box of each cell's content (a range over it, overflow included) against its
 * neighbours' boxes. A long sign-in name once ran into the next column of the activity log.
 */
async function cellsRunningIntoNeighbours(page: Page): Promise<string[]> {
  const found: string[] = [];
  const before = page.viewportSize();
  for (const width of [1280, 800]) {
    await page.setViewportSize({ width, height: 900 });
    const overlaps = await page.evaluate(() =>
      [...document.querySelectorAll('main table')].flatMap((table) =>
        [...table.querySelectorAll('tr')].flatMap((row) => {
          const cells = [...row.children];
          return cells.flatMap((cell, index) => {
            const range = document.createRange();
            range.selectNodeContents(cell);
            const content = range.getBoundingClientRect();
            if (content.width === 0) return [];
            const next = cells[index + 1]?.getBoundingClientRect();
            const previous = cells[index - 1]?.getBoundingClientRect();
            if ((!next || content.right <= next.left + 1) && (!previous || content.left >= previous.right - 1)) return [];
            return [
              `${table.getAttribute('aria-label')}: “${cell.textContent}” (${Math.round(content.left)}–${Math.round(content.right)})`,
            ];
          });
        }),
      ),
    );
    found.push(...overlaps.map((overlap) => `${width} px: ${overlap}`));
  }
  if (before) await page.setViewportSize(before);
  return found;
}

describe('axe on every screen, light and dark', () => {
  it('the popup with no tenant yet, the console before any tenant, and the popup with 30 tenants', async () => {
    await openPopup();
    await popup.getByRole('heading', { name: 'No Microsoft 365 tenant is connected yet' }).waitFor();
    await checkScreen(popup, 'popup, no tenant');
    consolePage = await openExtensionPage(session.browser.context, session.browser.extensionId, 'options.html');
    await consolePage.emulateMedia({ reducedMotion: 'reduce' });
    await consolePage.getByRole('form', { name: 'Add a tenant' }).waitFor();
    await checkScreen(consolePage, 'console, no tenant');
    await consolePage.close();
    // Dozens of tenants (issue #17), seeded once the console was seen without any: the groups' headings, the
    // one-line tenants, and one of them opened.
    await seedTenants(popup, manyTenants(30, Date.now()));
    await popup.reload();
    await popup.getByRole('heading', { name: 'Needs action (3)' }).waitFor();
    await popup.locator('section[data-tenant-id] summary').first().click();
    await checkScreen(popup, 'popup, 30 tenants');
  });

  it('the console with a tenant not yet granted, and its grant wizard', async () => {
    await onConsole(addedTenant(session));
    await expect.poll(() => tenantCard(consolePage, org().domain).getByTestId('status-exchange').textContent()).toBe('Not connected');
    await checkScreen(consolePage, 'console, tenant not granted');
    await openPopup();
    await popup.getByRole('region', { name: `Tenant ${org().domain}` }).waitFor();
    await checkScreen(popup, 'popup, tenant not granted');
    await openGrantWizard(consolePage, org().domain, ['Exchange Online']);
    await checkScreen(consolePage, 'console, grant wizard');
  });

  it('the grant as it runs (steps, progress, live status) and its success', async () => {
    await onConsole(addedTenant(session));
    await openGrantWizard(consolePage, org().domain, ['Exchange Online']);
    // The directory read is held for a while, so that the running grant can be looked at.
    session.tenant.control.injectFault({ path: '/v1.0/users/delta', kind: 'slow', delayMs: 12_000, count: 1 });
    const window = waitForSignInWindow(session.browser.context);
    await wizard(consolePage).getByRole('button', { name: 'Sign in and grant access' }).click();
    await completeSignIn(await window, admin());
    await consolePage.locator('[data-step="sync_directory"][data-state="running"]').waitFor({ timeout: 20_000 });
    // Each step's change of state is read out: the list of steps is a polite live region.
    expect(await consolePage.locator('[aria-label="Grant progress"] ol').getAttribute('aria-live')).toBe('polite');
    await checkScreen(consolePage, 'console, grant running', ['light']);
    await openPopup();
    await popup.locator('[aria-label="Grant progress"][data-run-state="running"]').waitFor();
    await checkScreen(popup, 'popup, grant running', ['dark']);
    expect(await grantOutcome(consolePage)).toBe('succeeded');
    await checkScreen(consolePage, 'console, grant succeeded');
  });

  it('the popup connected, with the grant wizard for the services left', async () => {
    await onConsole(grantedTenant(session, { services: ['Exchange Online'] }));
    await openPopup();
    const tenant = popup.getByRole('region', { name: `Tenant ${org().displayName}` });
    // All well: one line, which opens to the rest (Grant access for the services left among it).
    await expect.poll(() => tenant.locator('summary').textContent()).toMatch(/Connected: Exchange Online/);
    await checkScreen(popup, 'popup, connected', ['light']);
    await tenant.locator('summary').click();
    await checkScreen(popup, 'popup, connected, opened');
    await tenant.getByRole('button', { name: 'Grant access' }).click();
    const form = wizard(popup);
    await form.waitFor();
    await checkScreen(popup, 'popup, grant wizard');
    expect(await signInThrough(popup, form.getByRole('button', { name: 'Sign in and grant access' }), session.browser, admin())).toBe(
      'succeeded',
    );
    // The wizard (and its button) is gone: the focus is on the grant's progress, not dropped to the page.
    await expect.poll(() => focusedName(popup)).toBe('section "Grant progress"');
    await checkScreen(popup, 'popup, grant succeeded');
  });

  it('the popup lookup with results, and with none', async () => {
    await onConsole(syncedTenant(session, { services: ['Exchange Online'] }));
    await openPopup();
    const users = await readTable<DirectoryUser>(popup, 'users');
    const box = popup.getByRole('searchbox', { name: 'Name, sign-in name or mail' });
    await box.fill(users[0]!.displayName.slice(0, 3));
    await popup.getByRole('list', { name: 'Matching users' }).waitFor();
    await checkScreen(popup, 'popup, lookup with results');
    await box.fill('zzz-nobody');
    await popup.getByText('No user starts with “zzz-nobody”.').waitFor();
    await checkScreen(popup, 'popup, lookup without results', ['dark']);
  });

  it('the console: sync running, activity chart and table, monitor alerts and timeline, settings, log', async () => {
    await onConsole(syncedTenant(session));
    session.tenant.control.injectFault({ path: '/v1.0/users/delta', kind: 'slow', delayMs: 10_000, count: 1 });
    const sync = consolePage.locator(`[aria-label="Directory sync of ${org().displayName}"]`);
    await sync.getByRole('button', { name: 'Sync now' }).click();
    await sync.getByRole('progressbar').waitFor();
    // The progress and the outcome are in a live status region, named after the tenant.
    expect(await consolePage.getByRole('status', { name: `Directory sync of ${org().displayName}` }).count()).toBe(1);
    await checkScreen(consolePage, 'console, sync running', ['dark']);
    await expect.poll(() => sync.getAttribute('data-sync-state'), { timeout: 30_000 }).toBe('success');

    const card = tenantCard(consolePage, org().displayName);
    await card.getByText('Activity in the last 7 days').click();
    const history = card.getByRole('region', { name: /in the last 7 days/ });
    await history.getByTestId('activity-chart').locator('svg rect').first().waitFor();
    await history.getByText('Show the numbers as a table').click();
    const health = consolePage.locator(`[aria-label="Health of ${org().displayName}"]`);
    await health.getByTestId('timeline-chart').locator('svg rect').first().waitFor({ timeout: 20_000 });
    await health.getByText('Show the timeline as a table').click();
    await checkScreen(consolePage, 'console, tenant page: activity and timeline');
    expect.soft(await cellsRunningIntoNeighbours(consolePage), 'tenant page').toEqual([]);
    // Every other page of the console, each with its own address.
    for (const [name, page] of [
      ['All tenants', 'overview'],
      ['Health monitor', 'monitor'],
      ['Activity log', 'activity-log'],
      ['Settings', 'settings'],
      ['Add a tenant', 'add-tenant'],
    ]) {
      await showPage(consolePage, name!);
      // React renders the page after the address changes: on a loaded machine, a moment later.
      await expect.poll(() => consolePage.locator('main').getAttribute('data-page')).toBe(page);
      await checkScreen(consolePage, `console, ${name}`);
      expect.soft(await cellsRunningIntoNeighbours(consolePage), name).toEqual([]);
    }
    await consolePage.evaluate(() => (location.hash = '#/tenants/removed-tenant'));
    await consolePage.getByTestId('not-found').waitFor();
    await checkScreen(consolePage, 'console, a tenant not found');
  });

  it('the disconnect and the remove tenant dialogs', async () => {
    await onConsole(grantedTenant(session));
    const card = tenantCard(consolePage, org().displayName);
    await card.getByRole('button', { name: 'Disconnect tenant' }).click();
    await consolePage.getByRole('dialog').waitFor();
    // The dialog alone: the page behind the modal was checked as it stood, and is out of reach while it is open.
    await checkScreen(consolePage, 'console, disconnect dialog', ['light', 'dark'], '[role="dialog"]');
    await consolePage.keyboard.press('Escape');
    await consolePage.getByRole('dialog').waitFor({ state: 'detached' });
    // Remove tenant's dialog belongs to the console's shell (components/tenants/RemoveTenantDialog.tsx); Escape
    // closes it and gives the focus back to the tenant page's button that opened it.
    const remove = card.getByRole('button', { name: 'Remove tenant' });
    await remove.click();
    await consolePage.getByRole('dialog', { name: `Remove ${org().displayName}?` }).waitFor();
    await checkScreen(consolePage, 'console, remove tenant dialog', ['light', 'dark'], '[role="dialog"]');
    await consolePage.keyboard.press('Escape');
    await consolePage.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => remove.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('the scope switch and the picker of users and groups', async () => {
    await onConsole(grantedTenant(session));
    await switchToSelected(async (step) =>
      step === 'wizard'
        ? checkScreen(consolePage, 'console, scope switch wizard', ['dark'])
        : checkScreen(consolePage, 'console, target picker'),
    );
    await checkScreen(consolePage, 'console, selected scope', ['dark']);
  });

  it('needs action: access expired in the popup and in the console alerts', async () => {
    await onConsole(grantedTenant(session));
    session.tenant.control.revokeGrants(org().admin.userPrincipalName);
    await openPopup();
    await popup.getByRole('button', { name: 'Check now' }).click();
    const tenant = popup.getByRole('region', { name: `Tenant ${org().displayName}` });
    await expect.poll(() => tenant.getAttribute('data-severity'), { timeout: 20_000 }).toBe('error');
    await checkScreen(popup, 'popup, access expired');
    await showPage(consolePage, 'Health monitor');
    await consolePage.getByRole('list', { name: 'Alerts' }).locator('li[data-standing="open"]').first().waitFor();
    await checkScreen(consolePage, 'console, open alerts');
  });

  it('a grant that failed, with its fix', async () => {
    await onConsole(grantedTenant(session));
    session.tenant.control.endSessions();
    const window = waitForSignInWindow(session.browser.context);
    const previous = await shownRunId(consolePage);
    await tenantCard(consolePage, org().displayName).getByRole('button', { name: 'Re-grant' }).click();
    // Not a Global Administrator: the grant stops with its reason and the Resume and Cancel buttons.
    await completeSignIn(await window, { username: org().user.userPrincipalName, password: org().user.password });
    expect(await grantOutcome(consolePage, previous)).toBe('failed');
    await checkScreen(consolePage, 'console, grant failed');
  });
});

/**
 * Whether the focused element looks different from the same element without the focus: its own, its parents' and
 * their pseudo-elements' outline, shadow, borders, transform, background and underline (Fluent draws focus on a
 * parent's ::after for inputs, on the element's own outline for buttons, as a double underline for links). Motion is
 * reduced, so nothing is mid-transition.
 */
async function focusIndicator(page: Page): Promise<{ tag: string; name: string; shown: boolean }> {
  return page.evaluate(async () => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'body', name: '', shown: false };
    const chain = [el, el.parentElement, el.parentElement?.parentElement].filter((n): n is HTMLElement => !!n);
    const keys = [
      'outlineStyle',
      'outlineWidth',
      'outlineColor',
      'boxShadow',
      'borderTopColor',
      'borderBottomColor',
      'borderBottomWidth',
      'transform',
      'backgroundColor',
      // A Fluent link shows its focus as a double underline in the focus colour.
      'textDecorationLine',
      'textDecorationStyle',
      'textDecorationColor',
    ] as const;
    const print = () =>
      chain
        .flatMap((n) => [null, '::before', '::after'].map((pseudo) => keys.map((k) => getComputedStyle(n, pseudo)[k]).join(',')))
        .join('|');
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const focused = print();
    el.blur();
    await frame();
    const blurred = print();
    el.focus();
    await frame();
    const name = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 60) ?? '';
    return { tag: el.tagName.toLowerCase(), name, shown: focused !== blurred };
  });
}

/** The focused element's tag and accessible name (its aria-label), e.g. `section "Grant progress"`; `body` when none. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    return `${el.tagName.toLowerCase()} "${el.getAttribute('aria-label') ?? ''}"`;
  });
}

/** Press Tab (or Shift+Tab) until `target` has the focus; fails after `max` presses. Every stop must show focus. */
async function tabTo(page: Page, target: Locator, options: { max?: number; back?: boolean } = {}) {
  const unshown: string[] = [];
  for (let i = 0; i < (options.max ?? 60); i++) {
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
    const focus = await focusIndicator(page);
    if (!focus.shown && focus.tag !== 'body') unshown.push(`${focus.tag} "${focus.name}"`);
    if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) {
      expect(unshown, 'focused elements without a visible focus indicator').toEqual([]);
      return;
    }
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

describe('the keyboard alone', () => {
  it('popup: the lookup box, Check now, Re-grant, Sync now and Open console by Tab, Enter and Space, with focus shown', async () => {
    // Granted with its directory mirrored, then revoked by the tenant and checked: the popup needs action.
    await onConsole(syncedTenant(session));
    session.tenant.control.revokeGrants(org().admin.userPrincipalName);
    await runCheck(consolePage);
    await openPopup();
    const tenant = popup.getByRole('region', { name: `Tenant ${org().displayName}` });
    await expect.poll(() => tenant.getAttribute('data-severity'), { timeout: 20_000 }).toBe('error');

    const box = popup.getByRole('searchbox', { name: 'Name, sign-in name or mail' });
    await tabTo(popup, box);
    await popup.keyboard.type(org().user.displayName.slice(0, 4));
    await popup.getByRole('list', { name: 'Matching users' }).waitFor();

    const checkNow = popup.getByRole('button', { name: 'Check now' });
    await tabTo(popup, checkNow, { back: true });
    const checksBefore = (await readTable(popup, 'checks')).length;
    await popup.keyboard.press('Enter');
    await expect.poll(async () => (await readTable(popup, 'checks')).length, { timeout: 20_000 }).toBeGreaterThan(checksBefore);
    // A screen reader hears the outcome from the live status; the eye reads it in the rows.
    const status = popup.getByRole('status').and(popup.getByTestId('check-status'));
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toBe('Check done: 3 connectors need action.');

    // Re-grant, by Enter, answered in the sign-in window: the popup turns back to connected.
    session.tenant.control.endSessions();
    await tabTo(popup, tenant.getByRole('button', { name: 'Re-grant' }));
    const window = waitForSignInWindow(session.browser.context);
    await popup.keyboard.press('Enter');
    await completeSignIn(await window, admin());
    await expect.poll(() => tenant.getAttribute('data-severity'), { timeout: 40_000 }).toBe('ok');
    // Re-grant was disabled while it ran, which dropped the focus: the grant's progress has it, not <body>.
    await expect.poll(() => focusedName(popup)).toBe('section "Grant progress"');

    // Open console opens a tab (or shows the one open): with none open, the new tab is the console from here on.
    await consolePage.close();
    const opened = session.browser.context.waitForEvent('page', { predicate: (p) => p.url().includes('options.html') });
    await tabTo(popup, popup.getByRole('button', { name: 'Open console' }));
    await popup.keyboard.press('Enter');
    consolePage = await opened;
    await consolePage.emulateMedia({ reducedMotion: 'reduce' });
    await consolePage.getByRole('table', { name: 'Tenants and their services' }).getByRole('link', { name: org().displayName }).waitFor();
  }, 180_000);

  it('console: every page has its own address and is reached from the navigation by Tab and Enter, with focus shown', async () => {
    await onConsole(grantedTenant(session, { services: ['Exchange Online'] }));
    const pages = [
      ['All tenants', '#/', 'overview'],
      [org().displayName, `#/tenants/${org().tenantId}`, 'tenant'],
      ['Health monitor', '#/monitor', 'monitor'],
      ['Activity log', '#/activity-log', 'activity-log'],
      ['Settings', '#/settings', 'settings'],
      ['Add a tenant', '#/add-tenant', 'add-tenant'],
    ] as const;
    for (const [name, hash, page] of pages) {
      // From the top of the page each time, as after a page load.
      await consolePage.locator('main').focus();
      await tabTo(consolePage, consoleNav(consolePage).getByRole('link', { name, exact: true }), { back: true, max: 30 });
      await consolePage.keyboard.press('Enter');
      await expect.poll(() => consolePage.evaluate(() => location.hash)).toBe(hash);
      // React renders the page after the address changes: on a loaded machine, a moment later.
      await expect.poll(() => consolePage.locator('main').getAttribute('data-page')).toBe(page);
      // The new page takes the focus, so that a screen reader starts reading there.
      await expect.poll(() => consolePage.evaluate(() => document.activeElement?.tagName)).toBe('MAIN');
    }
    // Each address opens its page directly, as a bookmark or the popup's buttons do.
    for (const [, hash, page] of pages) {
      const direct = await openExtensionPage(session.browser.context, session.browser.extensionId, `options.html${hash}`);
      await direct.locator(`main[data-page="${page}"]`).waitFor();
      await direct.close();
    }
  }, 180_000);

  it('console: the scope-switch wizard by Tab, arrows and Enter; focus moves into it and back to its opener', async () => {
    await onConsole(grantedTenant(session));
    await switchToSelected();
    await consolePage.reload();
    const card = tenantCard(consolePage, org().displayName);
    const opener = card.getByRole('button', { name: 'Switch sync scope' });
    await tabTo(consolePage, opener, { max: 120 });
    await consolePage.keyboard.press('Enter');
    const form = wizard(consolePage, 'Switch the sync scope');
    await form.waitFor();
    // The wizard takes the focus, so that a screen reader and the keyboard start there.
    expect(await form.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await tabTo(consolePage, consolePage.getByRole('button', { name: 'Close' }));
    await consolePage.keyboard.press('Enter');
    await form.waitFor({ state: 'detached' });
    expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);

    // Again, this time through: back to all users and groups with the arrow keys, and signed in by Enter.
    await consolePage.keyboard.press('Enter');
    await form.waitFor();
    const selected = form.getByRole('radio', { name: /^Selected users and groups/ });
    expect(await selected.isChecked()).toBe(true);
    await tabTo(consolePage, selected);
    await consolePage.keyboard.press('ArrowUp');
    expect(await form.getByRole('radio', { name: 'All users and groups' }).isChecked()).toBe(true);
    const previous = await shownRunId(consolePage);
    await tabTo(consolePage, form.getByRole('button', { name: 'Sign in and switch the scope' }));
    await consolePage.keyboard.press('Enter');
    expect(await grantOutcome(consolePage, previous)).toBe('succeeded');
  }, 240_000);

  it('popup: a tenant that is well opens by Enter, and its Sync now runs by Space in the scope of all users', async () => {
    await onConsole(grantedTenant(session));
    await openPopup();
    const tenant = popup.getByRole('region', { name: `Tenant ${org().displayName}` });
    // All well: the tenant is one line, opened by Enter.
    const line = tenant.locator('summary');
    await expect.poll(() => line.textContent()).toContain('All services connected');
    await tabTo(popup, line);
    await popup.keyboard.press('Enter');
    const syncNow = tenant.getByRole('button', { name: 'Sync now' });
    await syncNow.waitFor();
    const runs = (await readTable(popup, 'syncRuns')).length;
    await tabTo(popup, syncNow);
    await popup.keyboard.press('Space');
    await expect.poll(async () => (await readTable(popup, 'syncRuns')).length, { timeout: 20_000 }).toBeGreaterThan(runs);
  });

  it('console: the disconnect dialog opens by Enter, closes by Escape, and gives the focus back', async () => {
    await onConsole(grantedTenant(session));
    const card = tenantCard(consolePage, org().displayName);
    const opener = card.locator('[data-service="onedrive"]').getByRole('button', { name: 'Disconnect' });
    // From the scope-switch button (where the scope-switch wizard gives the focus back), up to the service's
    // Disconnect, by Shift+Tab.
    await card.getByRole('button', { name: 'Switch sync scope' }).focus();
    await tabTo(consolePage, opener, { back: true });
    await consolePage.keyboard.press('Enter');
    const dialog = consolePage.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await consolePage.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);
    const focus = await focusIndicator(consolePage);
    expect(focus.shown).toBe(true);
  }, 180_000);
});

describe('the theme follows the system', () => {
  it('switches between light and dark as the system setting changes, without a reload', async () => {
    await onConsole(openExtensionPage(session.browser.context, session.browser.extensionId, 'options.html'));
    await consolePage.getByRole('form', { name: 'Add a tenant' }).waitFor();
    const background = () => consolePage.evaluate(() => getComputedStyle(document.querySelector('.fui-FluentProvider')!).backgroundColor);
    await setColorScheme(consolePage, 'light');
    const light = await background();
    await setColorScheme(consolePage, 'dark');
    const dark = await background();
    expect(light).toBe('rgb(255, 255, 255)');
    expect(dark).not.toBe(light);
    await setColorScheme(consolePage, 'light');
    expect(await background()).toBe(light);
  });
});
