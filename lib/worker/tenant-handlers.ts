import { browser } from 'wxt/browser';
import { clouds } from '../config/build-settings';
import { type ManagedSettings, parseManagedSettings } from '../config/managed-settings';
import { getDb } from '../db';
import { onMessage } from '../messaging/protocol';
import { toResult } from '../messaging/result';
import { resolveTenantId } from '../tenants/resolve-tenant';
import { saveTenant } from '../tenants/save-tenant';

/**
 * What enterprise policy sets now. A browser without policy support for this extension (Firefox without a managed
 * manifest) rejects the read: no policy applies then, as in the console (components/tenants/use-managed-settings.ts).
 */
function readManagedSettings(): Promise<ManagedSettings> {
  return browser.storage.managed.get().then(
    (raw) => parseManagedSettings(raw),
    () => parseManagedSettings({}),
  );
}

/** Answer the tenant setup messages. */
export function registerTenantHandlers(): void {
  onMessage('worker:saveTenant', ({ data }) =>
    toResult(() =>
      saveTenant(
        {
          db: getDb(),
          clouds,
          now: () => Date.now(),
          resolveTenantId: (cloud, tenant) => resolveTenantId(cloud, tenant),
          managed: readManagedSettings,
        },
        data,
      ),
    ),
  );
}
