import { describe, expect, it } from 'vitest';
import { SUCCESS_SENTENCE } from './harness/constants';
import { addTenant, grantOutcome } from './harness/console';
import { openExtensionPage, readTable } from './harness/extension';
import { useE2ESession } from './harness/session';
import { completeSignIn, waitForSignInWindow } from './harness/sign-in-window';

const session = useE2ESession({ orgs: [{ users: 20 }] });

describe('Grant access from the popup', () => {
  it('completes even though the popup closes when the sign-in window opens', async () => {
    const { browser, tenant } = session;
    const org = tenant.orgs[0]!;
    const consolePage = await addTenant(browser, { serviceAccount: org.admin.userPrincipalName });
    await consolePage.locator(`[aria-label="Tenant ${org.domain}"]`).waitFor();
    await consolePage.close();

    const popup = await openExtensionPage(browser.context, browser.extensionId, 'popup.html');
    await popup.getByRole('button', { name: 'Grant access' }).click();
    const window = waitForSignInWindow(browser.context);
    await popup
      .getByRole('region', { name: 'Grant access', exact: true })
      .getByRole('button', { name: 'Sign in and grant access' })
      .click();
    const signIn = await window;
    // A real popup closes as soon as the sign-in window takes focus: its script is gone before the sign-in ends.
    await popup.close();
    await completeSignIn(signIn, { username: org.admin.userPrincipalName, password: org.admin.password });

    const reopened = await openExtensionPage(browser.context, browser.extensionId, 'popup.html');
    expect(await grantOutcome(reopened)).toBe('succeeded');
    expect(await reopened.getByText(SUCCESS_SENTENCE).count()).toBe(1);
    // All well, the tenant is one line: it opens to its states.
    await reopened.locator('section[data-tenant-id] summary').click();
    for (const service of ['exchange', 'sharepoint', 'onedrive']) {
      // The popup says a shared state once: the line that names the service holds it.
      expect(await reopened.locator(`li:has([data-service="${service}"])`).textContent()).toContain('Connected');
    }
    expect((await readTable<{ service: string }>(reopened, 'connectors')).map((c) => c.service).sort()).toEqual([
      'exchange',
      'onedrive',
      'sharepoint',
    ]);
    await reopened.close();
  });
});
