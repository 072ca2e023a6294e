// Build the Chrome extension for the end-to-end tests: the production code, pointed at the local tenant, in its own
// folder (.output/test/chrome-mv3) so that `npm run build` or `npm run zip` (.output/chrome-mv3) never replace it.
// Writes .output/test/test-build.json so the e2e run knows which tenant URL (and lease) the build was made for.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

const OUT_DIR = '.output/test';

const tenantUrl = `https://localhost:${process.env.E2E_TENANT_PORT ?? 9443}`;
const leaseMs = 10_000;
const env = {
  ...process.env,
  WXT_LOCAL_TENANT_URL: tenantUrl,
  WXT_DEFAULT_CLIENT_ID: process.env.E2E_CLIENT_ID ?? '0b8f3c2e-5d71-4a9e-9f2a-1c3d5e7f9a0b',
  WXT_DEFAULT_TENANT: process.env.E2E_TENANT_DOMAIN ?? 'contoso.onmicrosoft.com',
  // A worker stopped mid-sync resumes within seconds, a sign-in window outlasts the lease within seconds
  // (production: 90 s lease, 60 s watchdog); see build-settings.ts.
  WXT_LEASE_MS: String(leaseMs),
  WXT_SYNC_RESUME_WATCHDOG_MS: '5000',
  // test/e2e/faults.test.ts holds a page's transaction open to stop the worker inside it (lib/sync/commit-hold.ts).
  WXT_FAULT_HOOKS: 'on',
  WXT_OUT_DIR: OUT_DIR,
};
const result = spawnSync('npx', ['wxt', 'build'], { env, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(`${OUT_DIR}/test-build.json`, JSON.stringify({ tenantUrl, leaseMs, builtAt: new Date().toISOString() }, null, 2));
