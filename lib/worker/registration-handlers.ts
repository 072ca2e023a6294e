import { browser } from 'wxt/browser';
import { scopesFor } from '../connectors/services';
import { getDb } from '../db';
import type { TenantRecord } from '../db/types';
import { readRegistration } from '../graph/registration';
import { onMessage } from '../messaging/protocol';
import { toResult } from '../messaging/result';
import { evaluatePreflight, PREFLIGHT_SCOPES } from '../registration/preflight';
import { graphFor, tenantTarget } from './auth';
import { authHost } from './auth-host';
import { reportStopped } from './report-stopped';

/**
 * "Check an app registration" signs an account in only to read: once the check has read what it needs (or its read of
 * the account failed) the account leaves the extension's msal cache, unless a tenant is connected with it.
 */
export async function signOutCheckAccount(
  ref: Pick<TenantRecord, 'clientId' | 'tenantId' | 'cloud'>,
  homeAccountId: string,
): Promise<void> {
  const connected = await getDb()
    .tenants.filter((tenant) => tenant.homeAccountId === homeAccountId)
    .count();
  if (connected === 0) await authHost().signOut(tenantTarget(ref), homeAccountId);
}

/** Answer the console's pre-flight check: read the registration as the account that just signed in, then compare. */
export function registerRegistrationHandlers(): void {
  onMessage('worker:checkRegistration', ({ data }) =>
    toResult(async () => {
      const ref = { clientId: data.clientId, tenantId: data.tenant, cloud: data.cloud };
      try {
        const client = graphFor(ref, data.homeAccountId, PREFLIGHT_SCOPES);
        const facts = await readRegistration(client, data.clientId);
        return evaluatePreflight({
          needed: scopesFor(data.services, data.cloud),
          userId: data.userId,
          redirectUri: browser.identity.getRedirectURL(),
          facts,
        });
      } finally {
        // The check's last read: whatever it found, the account is not kept.
        await signOutCheckAccount(ref, data.homeAccountId).catch(reportStopped('Sign-out after the registration check'));
      }
    }),
  );
}
