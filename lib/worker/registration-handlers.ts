import { browser } from 'wxt/browser';
import { scopesFor } from '../connectors/services';
import { readRegistration } from '../graph/registration';
import { onMessage } from '../messaging/protocol';
import { toResult } from '../messaging/result';
import { evaluatePreflight, PREFLIGHT_SCOPES } from '../registration/preflight';
import { graphFor } from './auth';

/** Answer the console's pre-flight check: read the registration as the account that just signed in, then compare. */
export function registerRegistrationHandlers(): void {
  onMessage('worker:checkRegistration', ({ data }) =>
    toResult(async () => {
      const client = graphFor({ clientId: data.clientId, tenantId: data.tenant, cloud: data.cloud }, data.homeAccountId, PREFLIGHT_SCOPES);
      const facts = await readRegistration(client, data.clientId);
      return evaluatePreflight({
        needed: scopesFor(data.services),
        userId: data.userId,
        redirectUri: browser.identity.getRedirectURL(),
        facts,
      });
    }),
  );
}
