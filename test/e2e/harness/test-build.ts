import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { E2E_TENANT_URL } from './constants';

/**
 * Refuse anything but a test build made for `tenantUrl`: its manifest's content security policy lets the extension
 * reach the local tenant, which no production build does. Without this, a production build in the test build's
 * place fails the e2e run with time-outs instead of one clear sentence.
 */
export function assertTestBuild(extensionDir: string, tenantUrl: string = E2E_TENANT_URL): void {
  const manifestPath = path.join(extensionDir, 'manifest.json');
  const fix = 'Run `npm run build:test` (with the same E2E_TENANT_PORT), or just `npm run test:e2e`, which builds it.';
  if (!existsSync(manifestPath)) throw new Error(`No extension build in ${extensionDir}. ${fix}`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { content_security_policy?: { extension_pages?: string } };
  const policy = manifest.content_security_policy?.extension_pages ?? '';
  if (!policy.includes(tenantUrl)) {
    throw new Error(`${extensionDir} is not a test build for the local tenant at ${tenantUrl} (a production build?). ${fix}`);
  }
}
