import { afterAll, beforeAll } from 'vitest';
import { startTenant, type Tenant, type TenantOptions } from '../../emulator';
import { type ExtensionBrowser, launchExtensionBrowser, type LaunchOptions } from './browser';
import { E2E_TENANT_PORT } from './constants';

export interface E2ESession {
  tenant: Tenant;
  browser: ExtensionBrowser;
}

/**
 * One local tenant and one browser for a whole test file (started in beforeAll, closed in afterAll). Tests read
 * `session.tenant` and `session.browser` once the file's tests run.
 */
export function useE2ESession(options: Omit<TenantOptions, 'port'> = {}, browserOptions: Pick<LaunchOptions, 'locale'> = {}): E2ESession {
  const session = {} as E2ESession;
  beforeAll(async () => {
    session.tenant = await startTenant({ ...options, port: E2E_TENANT_PORT });
    session.browser = await launchExtensionBrowser(browserOptions);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.tenant?.close();
  });
  return session;
}
