import { describe, expect, it } from 'vitest';
import { EXTENSION_ID } from '../../lib/config/extension-identity';
import { SCHEMA_VERSIONS } from '../../lib/db/versions';
import { openExtensionPage, readBadge, readTable } from './harness/extension';
import { useE2ESession } from './harness/session';
import { completeSignIn, waitForSignInWindow } from './harness/sign-in-window';
import { tamperTokenRequests } from './harness/tamper';

const session = useE2ESession();

describe('the built extension in Chromium', () => {
  it('loads with the fixed id that the Entra redirect URI is registered for', async () => {
    expect(session.browser.extensionId).toBe(EXTENSION_ID);
    const worker = await session.browser.worker();
    expect(worker.url()).toBe(`chrome-extension://${EXTENSION_ID}/background.js`);
  });

  it('shows an empty badge and the default title while nothing is connected', async () => {
    const badge = await readBadge(await session.browser.worker());
    expect(badge.text).toBe('');
    // The manifest's title until the worker's first check after install has run, then the check's own word for it.
    expect(['Microsoft 365 connectors', 'Microsoft 365 connectors: none connected yet']).toContain(badge.title);
  });

  it('popup: tells the admin nothing is connected and leads to the console', async () => {
    const popup = await openExtensionPage(session.browser.context, session.browser.extensionId, 'popup.html');
    await expect.poll(() => popup.getByRole('heading', { level: 1 }).textContent()).toBe('No Microsoft 365 tenant is connected yet');
    const consoleOpened = session.browser.context.waitForEvent('page', {
      predicate: (page) => page.url().endsWith('/options.html#/add-tenant'),
    });
    await popup.getByRole('button', { name: 'Grant access' }).click();
    const consolePage = await consoleOpened;
    await expect.poll(() => consolePage.getByRole('heading', { level: 1 }).textContent()).toBe('Microsoft 365 connectors');
    await consolePage.close();
    await popup.close();
  });

  it('keeps its records in IndexedDB: every table of the schema exists, empty before any grant', async () => {
    const page = await openExtensionPage(session.browser.context, session.browser.extensionId, 'popup.html');
    await page.getByRole('button', { name: 'Grant access' }).waitFor();
    const names = await page.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const open = indexedDB.open('m365-connectors');
          open.onsuccess = () => {
            resolve([...open.result.objectStoreNames]);
            open.result.close();
          };
        }),
    );
    // The stores of every version, less those a later version dropped (schema 4 replaced `memberships` by `memberOf`).
    const declared = Object.assign({}, ...SCHEMA_VERSIONS.map((version) => version.stores)) as Record<string, string | null>;
    const tables = Object.keys(declared).filter((name) => declared[name] !== null);
    expect([...names].sort()).toEqual([...tables].sort());
    for (const table of tables) expect(await readTable(page, table), table).toEqual([]);
    await page.close();
  });
});

describe('sign-in to the local tenant with msal-browser, PKCE and launchWebAuthFlow', () => {
  async function startCheck(loginHint: string) {
    const page = await openExtensionPage(session.browser.context, session.browser.extensionId, 'options.html#/add-tenant');
    const check = page.getByRole('form', { name: 'Check the app registration' });
    await check.getByLabel('Service account sign-in name (optional)').fill(loginHint);
    const window = waitForSignInWindow(session.browser.context);
    await check.getByRole('button', { name: 'Sign in and check' }).click();
    return { page, window: await window };
  }

  it('signs the Global Administrator in and reads /me through the Graph client', async () => {
    const { tenant } = session;
    const admin = tenant.orgs[0]!.admin;
    tenant.control.endSessions();
    tenant.control.clearRequests();
    const { page, window } = await startCheck(admin.userPrincipalName);
    expect(await window.locator('#username').inputValue()).toBe(admin.userPrincipalName);
    await completeSignIn(window, { username: admin.userPrincipalName, password: admin.password });
    await expect.poll(() => page.getByTestId('signed-in-upn').textContent(), { timeout: 20_000 }).toBe(admin.userPrincipalName);
    expect(await page.getByText(`Signed in as ${admin.displayName}`).count()).toBe(1);

    const requests = tenant.control.requests();
    const token = requests.find((r) => r.method === 'POST' && r.path.endsWith('/oauth2/v2.0/token'));
    expect(token?.status).toBe(200);
    const me = requests.find((r) => r.method === 'GET' && r.path === '/v1.0/me');
    expect(me).toMatchObject({ authorization: true, status: 200 });
    await page.close();
  });

  it('is refused by the tenant when the PKCE code verifier is tampered with, and says so', async () => {
    const { tenant } = session;
    const admin = tenant.orgs[0]!.admin;
    tenant.control.endSessions();
    tenant.control.clearRequests();
    const stop = await tamperTokenRequests(session.browser.context, await session.browser.worker(), (body) =>
      body.replace(/code_verifier=([^&]+)/, (_, verifier: string) => `code_verifier=${verifier.slice(0, -4)}AAAA`),
    );
    try {
      const { page, window } = await startCheck(admin.userPrincipalName);
      await completeSignIn(window, { username: admin.userPrincipalName, password: admin.password });
      const alert = page.getByRole('form', { name: 'Check the app registration' }).getByRole('alert');
      await expect.poll(() => alert.textContent(), { timeout: 20_000 }).toContain('security check (PKCE) did not match');
      expect(await page.locator('[data-error-code]').getAttribute('data-error-code')).toBe('pkce_rejected');
      const token = tenant.control.requests().find((r) => r.method === 'POST' && r.path.endsWith('/oauth2/v2.0/token'));
      expect(token?.status).toBe(400);
      expect(tenant.control.requests().some((r) => r.path === '/v1.0/me')).toBe(false);
      await page.close();
    } finally {
      await stop();
    }
  });
});
