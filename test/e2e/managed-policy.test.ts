import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_ID } from '../../lib/config/extension-identity';
import { E2E_CLIENT_ID } from './harness/constants';
import type { TenantRecord } from '../../lib/db/types';
import { openExtensionPage, readTable } from './harness/extension';
import { askWorker } from './harness/messages';
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

  it('holds its locks against a save sent straight to the worker, past the locked form', async () => {
    const page = await openExtensionPage(session.browser.context, session.browser.extensionId, 'options.html');
    const otherClientId = '11111111-2222-4333-8444-555555555555';
    const save = (change: Record<string, string>) =>
      askWorker<{ ok: boolean; error?: { code: string } }>(page, 'worker:saveTenant', {
        tenant: 'contoso.onmicrosoft.com',
        clientId: E2E_CLIENT_ID,
        cloud: 'local',
        serviceAccount: 'admin@contoso.onmicrosoft.com',
        ...change,
      });
    expect(await save({ clientId: otherClientId })).toMatchObject({ ok: false, error: { code: 'setting_locked' } });
    expect(await save({ serviceAccount: 'megan@contoso.onmicrosoft.com' })).toMatchObject({ ok: false, error: { code: 'setting_locked' } });
    const tenants = await readTable<TenantRecord>(page, 'tenants');
    expect(tenants.filter((tenant) => tenant.clientId === otherClientId || tenant.serviceAccountUpn?.startsWith('megan'))).toEqual([]);
    // The policy's own values go through the same door.
    expect(await save({})).toMatchObject({ ok: true });
    expect(await readTable<TenantRecord>(page, 'tenants')).toEqual([
      expect.objectContaining({
        domain: 'contoso.onmicrosoft.com',
        clientId: E2E_CLIENT_ID,
        serviceAccountUpn: 'admin@contoso.onmicrosoft.com',
      }),
    ]);
    await page.close();
  });
});
