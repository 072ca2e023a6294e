import { afterAll, beforeAll, beforeEach, vi } from 'vitest';
import { startTenant, type Tenant, type TenantOptions } from '../../emulator';
import { type ExtensionBrowser, launchExtensionBrowser, type LaunchOptions } from './browser';
import { E2E_TENANT_PORT } from './constants';

/** How long a stand-alone test may take, its fixtures included. */
const STANDALONE_TEST_TIMEOUT_MS = 180_000;

export interface E2ESession {
  tenant: Tenant;
  browser: ExtensionBrowser;
}

export interface SessionOptions {
  /**
   * `test` (stand-alone tests): before every test the tenant goes back to its generated start (control.reset(): no
   * grants, sessions, faults, caps or clock moves) and the browser to a new, empty profile, so that each test builds
   * what it needs with the fixtures (harness/fixtures.ts) and runs alone with `-t`. `file` (default): one tenant and
   * one browser through the whole file, for files whose tests are still an ordered story.
   */
  fresh?: 'file' | 'test';
}

/**
 * One local tenant and one browser for a whole test file (started in beforeAll, closed in afterAll). Tests read
 * `session.tenant` and `session.browser` once the file's tests run.
 */
export function useE2ESession(
  options: Omit<TenantOptions, 'port'> = {},
  browserOptions: Pick<LaunchOptions, 'locale'> = {},
  { fresh = 'file' }: SessionOptions = {},
): E2ESession {
  const session = {} as E2ESession;
  let used = false;
  beforeAll(async () => {
    session.tenant = await startTenant({ ...options, port: E2E_TENANT_PORT });
    session.browser = await launchExtensionBrowser(browserOptions);
  });
  if (fresh === 'test') {
    // A test's own grant is part of its time (10–40 s, more on a busy machine): the file's tests get longer (set
    // while the file is collected, before its tests are; vitest puts the setting back after the file).
    vi.setConfig({ testTimeout: STANDALONE_TEST_TIMEOUT_MS });
    beforeEach(async () => {
      // The first test gets the browser beforeAll started; later ones a new profile (a new extension install).
      if (used) {
        session.tenant.control.reset();
        await session.browser.close();
        session.browser = await launchExtensionBrowser(browserOptions);
      }
      used = true;
    });
  }
  afterAll(async () => {
    await session.browser?.close();
    await session.tenant?.close();
  });
  return session;
}
