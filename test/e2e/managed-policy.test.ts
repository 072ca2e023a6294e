import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_ID } from '../../lib/config/extension-identity';
import { E2E_CLIENT_ID } from './harness/constants';
import { openExtensionPage } from './harness/extension';
import { useE2ESession } from './harness/session';

// Chromium reads machine policy from this folder at start (Debian's chromium package); the tests run as root on a
// throwaway machine, so a policy file can be written before the file's browser starts and removed after.
const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = `${POLICY_DIR}/m365-connector-admin-e2e.json`;
const canWritePolicy = (() => {
  try {
    mkdirSync(POLICY_DIR, { recursive: true });
    writeFileSync(POLICY_FILE, '{}');
    return true;
  } catch {
    return false;
  }
})();

beforeAll(() => {
  if (!canWritePolicy) return;
  const policy = {
    '3rdparty': {
      extensions: {
        [EXTENSION_ID]: {
          clientId: E2E_CLIENT_ID,
          tenants: [{ tenant: 'contoso.onmicrosoft.com', serviceAccount: 'admin@contoso.onmicrosoft.com' }],
        },
      },
    },
  };
  writeFileSync(POLICY_FILE, JSON.stringify(policy));
});
afterAll(() => rmSync(POLICY_FILE, { force: true }));

const session = useE2ESession({ orgs: [{ users: 5 }] });

describe.runIf(canWritePolicy)('Enterprise policy', () => {
  it('fills and locks the tenant fields it sets, and the admin adds the tenant with one click', async () => {
    const page = await openExtensionPage(session.browser.context, session.browser.extensionId, 'options.html');
    const form = page
      .getByRole('form', { name: 'Add a tenant' })
      .filter({ has: page.locator('input[value="contoso.onmicrosoft.com"][disabled]') });
    await form.waitFor();
    expect(await form.getByLabel('Application (client) ID').isDisabled()).toBe(true);
    expect(await form.getByLabel('Application (client) ID').inputValue()).toBe(E2E_CLIENT_ID);
    expect(await form.getByLabel('Service account sign-in name (optional)').inputValue()).toBe('admin@contoso.onmicrosoft.com');
    expect(await form.textContent()).toContain('Set by your organisation’s policy.');
    await form.getByRole('button', { name: 'Add tenant' }).click();
    await page.locator('[aria-label="Tenant contoso.onmicrosoft.com"]').waitFor();
    await page.close();
  });
});
