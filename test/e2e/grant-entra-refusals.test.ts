import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TenantRecord } from '../../lib/db/types';
import { grantError, grantOutcome, openGrantWizard, shownRunId, signInThrough } from './harness/console';
import { readBadge, readTable } from './harness/extension';
import { askWorker, checkNow } from './harness/messages';
import { E2E_CLIENT_ID } from './harness/constants';
import { addedTenant } from './harness/fixtures';
import { useE2ESession } from './harness/session';
import { completeSignIn, waitForSignInWindow } from './harness/sign-in-window';

// Entra refusing a first grant as a real tenant does (test/emulator/README.md, "Entra refusals"): each refusal reaches
// the console's failed grant with its own code and words, classified from the fields Entra sent (error_uri's
// AADSTS number, suberror), and nothing is half-connected.
// Each test starts from a new profile and the tenant at its start, with the tenant added (no named service account).
const session = useE2ESession({ orgs: [{ users: 10 }] }, {}, { fresh: 'test' });
let page: Page;
const added = async () => {
  page = await addedTenant(session, { serviceAccount: '' });
};

const contoso = () => session.tenant.orgs[0]!;
const SIGN_IN = 'Sign in and grant access';

async function grantSignedInAs(account: { userPrincipalName: string; password: string }) {
  const form = await openGrantWizard(page, contoso().domain, ['Exchange Online']);
  const previous = await shownRunId(page);
  const window = waitForSignInWindow(session.browser.context);
  await form.getByRole('button', { name: SIGN_IN }).click();
  await completeSignIn(await window, { username: account.userPrincipalName, password: account.password });
  expect(await grantOutcome(page, previous)).toBe('failed');
  return grantError(page);
}

describe('Grant access: Entra refusals show their own words', () => {
  it('adds the tenant without a named service account: none is stored', async () => {
    await added();
    const [tenant] = await readTable<TenantRecord>(page, 'tenants');
    expect(tenant?.tenantId).toBe(contoso().tenantId);
    expect(tenant?.serviceAccountUpn).toBeUndefined();
  });

  it('a Conditional Access policy blocks the sign-in (AADSTS53003): its policy, never a re-grant', async () => {
    await added();
    session.tenant.control.setConditionalAccessBlock(contoso().admin.userPrincipalName, { signIn: true, refresh: false });
    const error = await grantSignedInAs(contoso().admin);
    expect(error.code).toBe('conditional_access_blocked');
    expect(error.text).toContain('A Conditional Access policy in this tenant blocked the sign-in');
    expect(error.text).toContain('Signing in again does not help');
    expect(error.text).toContain('Protection > Conditional Access');
    expect(error.text).not.toMatch(/re-grant|AADSTS53003/i);
    expect(await readTable(page, 'connectors')).toEqual([]);
  });

  it('a scope the extension never asks for (an application-only permission) is refused before Entra sees it', async () => {
    await added();
    // Mail.ReadBasic.All exists only as an application permission (mailfolder-get-permissions.md): Entra would refuse
    // a delegated request for it (AADSTS650053, worded by test/unit/auth/classify-auth-error.test.ts). The worker's
    // door (lib/messaging/validate.ts) takes only the scopes the extension asks for, so it never reaches Entra.
    const answer = await askWorker<{ ok: boolean; error?: { code: string; params?: unknown[] } }>(page, 'worker:signIn', {
      tenant: contoso().domain,
      cloud: 'local',
      clientId: E2E_CLIENT_ID,
      scopes: ['User.Read', 'Mail.ReadBasic.All'],
    });
    expect(answer.ok).toBe(false);
    expect(answer.error?.code).toBe('input_scope_invalid');
    expect(await readTable(page, 'connectors')).toEqual([]);
  });

  it('a tenant where users may not consent (AADSTS90094): an administrator must consent', async () => {
    await added();
    session.tenant.control.setUserConsent(false);
    const error = await grantSignedInAs(contoso().user);
    expect(error.code).toBe('admin_consent_required');
    expect(error.text).toContain('lets only an administrator consent to these permissions');
    expect(error.text).toContain('grant admin consent to the app in the Entra admin center');
    expect(await readTable(page, 'connectors')).toEqual([]);
  });

  it('a Conditional Access policy that blocks the refresh later: the monitor names the policy, not "Access expired"', async () => {
    await added();
    const admin = contoso().admin;
    const form = await openGrantWizard(page, contoso().domain, ['Exchange Online']);
    const answer = { username: admin.userPrincipalName, password: admin.password };
    expect(await signInThrough(page, form.getByRole('button', { name: SIGN_IN }), session.browser, answer)).toBe('succeeded');
    session.tenant.control.setConditionalAccessBlock(admin.userPrincipalName, { signIn: false, refresh: true });
    await checkNow(page);
    const badge = await readBadge(await session.browser.worker());
    expect(badge.title).toContain('Exchange Online: Permission missing — A Conditional Access policy in this tenant blocked the sign-in');
    expect(badge.title).not.toContain('Access expired');
    const checks = await readTable<{ token?: { ok: boolean; code?: string } }>(page, 'checks');
    expect(checks.at(-1)?.token).toMatchObject({ ok: false, code: 'conditional_access_blocked' });
  });
});
