import { sessionCacheKey } from '../config/msal-cache-key';
import { signIn } from '../auth/sign-in';
import { validateSignIn } from '../auth/validate-sign-in';
import { clouds } from '../config/build-settings';
import { findCloud } from '../config/clouds';
import { AppError } from '../errors/app-error';
import { getProfile } from '../graph/profile';
import { onMessage } from '../messaging/protocol';
import { toResult } from '../messaging/result';
import { graphFor, signInDeps } from './auth';
import { registerGrantHandlers } from './grant-handlers';
import { registerMonitorHandlers } from './monitor-handlers';
import { registerRegistrationHandlers, signOutCheckAccount } from './registration-handlers';
import { reportStopped } from './report-stopped';
import { registerSyncHandlers } from './sync-handlers';
import { registerTenantHandlers } from './tenant-handlers';

const PROFILE_SCOPES = ['User.Read'];

/** Answer the `worker:*` messages. Registered synchronously at worker start, so a waking worker hears them. */
export function registerWorkerHandlers(): void {
  registerTenantHandlers();
  registerGrantHandlers();
  registerSyncHandlers();
  registerMonitorHandlers();
  registerRegistrationHandlers();
  // The offscreen document's msal lends this key to msal-browser while an instance starts (lib/msal-host).
  onMessage('worker:msalCacheKey', () => toResult(async () => ({ key: await sessionCacheKey() })));

  // The console's "Check an app registration": sign in, then read /me.
  onMessage('worker:signIn', ({ data }) =>
    toResult(() => {
      const problems = Object.values(validateSignIn(data, clouds));
      const cloud = findCloud(clouds, data.cloud);
      if (problems.length > 0 || !cloud) throw new AppError('invalid_input', { detail: problems.join(' ') });
      return signIn(signInDeps(), data, cloud);
    }),
  );
  onMessage('worker:getProfile', ({ data }) =>
    toResult(async () => {
      const ref = { clientId: data.target.clientId, tenantId: data.target.tenant, cloud: data.cloud };
      try {
        return await getProfile(graphFor(ref, data.homeAccountId, PROFILE_SCOPES));
      } catch (error) {
        // The check ends here (it reads the registration only after /me): its account is not kept.
        await signOutCheckAccount(ref, data.homeAccountId).catch(reportStopped('Sign-out after the registration check'));
        throw error;
      }
    }),
  );
}
