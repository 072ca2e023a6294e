import { describe, expect, it } from 'vitest';
import { CHROMIUM_REDIRECT_URI } from '../../lib/config/extension-identity';
import { addTenant, grantError, grantOutcome, openGrantWizard } from './harness/console';
import { readTable } from './harness/extension';
import { useE2ESession } from './harness/session';

// The app registration lists another redirect URI than the extension's.
const session = useE2ESession({ orgs: [{ users: 5 }], redirectUris: ['https://some-other-app.example/callback'] });

describe('Grant access with the redirect URI not registered', () => {
  it('names the exact URI to register, without leaving the admin on an error page', async () => {
    const org = session.tenant.orgs[0]!;
    const page = await addTenant(session.browser, { serviceAccount: org.admin.userPrincipalName });
    const form = await openGrantWizard(page, org.domain, ['Exchange Online']);
    await form.getByRole('button', { name: 'Sign in and grant access' }).click();
    expect(await grantOutcome(page)).toBe('failed');
    const error = await grantError(page);
    expect(error.code).toBe('sign_in_page_error');
    expect(error.text).toContain(`register ${CHROMIUM_REDIRECT_URI} as a Single-page application redirect URI`);
    expect(await readTable(page, 'connectors')).toEqual([]);
    // Entra showed its AADSTS50011 page to the silent sign-in, not to the admin: no window was left open.
    expect(session.browser.context.pages().filter((p) => p.url().startsWith(session.tenant.url))).toEqual([]);
    await page.close();
  });
});
