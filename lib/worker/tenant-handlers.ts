import { clouds } from '../config/build-settings';
import { getDb } from '../db';
import { onMessage } from '../messaging/protocol';
import { toResult } from '../messaging/result';
import { resolveTenantId } from '../tenants/resolve-tenant';
import { saveTenant } from '../tenants/save-tenant';

/** Answer the tenant setup messages. */
export function registerTenantHandlers(): void {
  onMessage('worker:saveTenant', ({ data }) =>
    toResult(() =>
      saveTenant({ db: getDb(), clouds, now: () => Date.now(), resolveTenantId: (cloud, tenant) => resolveTenantId(cloud, tenant) }, data),
    ),
  );
}
