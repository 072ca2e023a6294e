import { browser } from 'wxt/browser';
import { msalTarget, signIn } from '../auth/sign-in';
import { validateSignIn } from '../auth/validate-sign-in';
import { clouds } from '../config/build-settings';
import { findCloud } from '../config/clouds';
import { getDb } from '../db';
import { AppError } from '../errors/app-error';
import { createGraphClient } from '../graph/client';
import { getProfile } from '../graph/profile';
import { onMessage } from '../messaging/protocol';
import { toResult } from '../messaging/result';
import { offscreenAuthHost } from './offscreen-auth-host';
import { registerGrantHandlers } from './grant-handlers';
import { registerTenantHandlers } from './tenant-handlers';

const PROFILE_SCOPES = ['User.Read'];

/** Answer the `worker:*` messages. Registered synchronously at worker start, so a waking worker hears them. */
export function registerWorkerHandlers(): void {
  registerTenantHandlers();
  registerGrantHandlers();
  onMessage('worker:getStatus', () =>
    toResult(async () => {
      const db = getDb();
      return { tenants: await db.tenants.count(), connectors: await db.connectors.count() };
    }),
  );

  onMessage('worker:signIn', ({ data }) =>
    toResult(() => {
      const problems = Object.values(validateSignIn(data, clouds));
      const cloud = findCloud(clouds, data.cloud);
      if (problems.length > 0 || !cloud) throw new AppError('invalid_input', { detail: problems.join(' ') });
      return signIn(
        {
          authHost: offscreenAuthHost,
          launchWebAuthFlow: (url, interactive) => browser.identity.launchWebAuthFlow({ url, interactive }),
          redirectUri: browser.identity.getRedirectURL(),
        },
        data,
        cloud,
      );
    }),
  );

  onMessage('worker:getProfile', ({ data }) =>
    toResult(() => {
      const cloud = findCloud(clouds, data.cloud);
      if (!cloud) throw new AppError('invalid_input', { detail: `unknown cloud ${data.cloud}` });
      const target = msalTarget({ clientId: data.target.clientId, tenant: data.target.tenant }, cloud);
      const client = createGraphClient({
        graphHost: cloud.graphHost,
        getAccessToken: async () => (await offscreenAuthHost.acquireToken(target, data.homeAccountId, PROFILE_SCOPES)).accessToken,
      });
      return getProfile(client);
    }),
  );
}
