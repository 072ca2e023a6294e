// msal's own authority code (msal-common, shared by msal-browser) resolves and validates the emulator's metadata:
// issuer validation with knownAuthorities, tenant-domain -> tenant-id endpoint rewriting, multi-tenant authorities.

import { Authority, Logger, ProtocolMode, StubPerformanceClient, type INetworkModule } from '@azure/msal-common/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTenant, type Tenant } from './index.ts';
import { Browser } from './test-support.ts';

let tenant: Tenant;
beforeAll(async () => {
  tenant = await startTenant({ orgs: [{ users: 3 }] });
});
afterAll(() => tenant.close());

function network(browser: Browser): INetworkModule {
  const answer = (r: { headers: Record<string, unknown>; text: string; status: number }) => ({
    headers: r.headers as Record<string, string>,
    body: JSON.parse(r.text) as never,
    status: r.status,
  });
  return {
    sendGetRequestAsync: async (url) => answer(await browser.get(url)),
    sendPostRequestAsync: async (url, options) =>
      answer(await browser.request('POST', url, { body: options?.body, headers: options?.headers })),
  };
}

it.each(['tenant id', 'domain', 'organizations'])('msal resolves the authority by %s', async (kind) => {
  const org = tenant.orgs[0]!;
  const segment = kind === 'tenant id' ? org.tenantId : kind === 'domain' ? org.domain : 'organizations';
  const cache = {
    getAuthorityMetadataByAlias: () => null,
    setAuthorityMetadata: () => undefined,
    generateAuthorityMetadataCacheKey: (k: string) => k,
  };
  const authority = new Authority(
    `${tenant.url}/${segment}/`,
    network(new Browser(tenant)),
    cache as never,
    { protocolMode: ProtocolMode.AAD, knownAuthorities: [new URL(tenant.url).host], cloudDiscoveryMetadata: '', authorityMetadata: '' },
    new Logger({}),
    'correlation',
    new StubPerformanceClient(),
  );
  await authority.resolveEndpointsAsync();
  expect(authority.authorizationEndpoint).toBe(`${tenant.url}/${segment}/oauth2/v2.0/authorize`);
  expect(authority.tokenEndpoint).toBe(`${tenant.url}/${segment}/oauth2/v2.0/token`);
  expect(authority.endSessionEndpoint).toBe(`${tenant.url}/${segment}/oauth2/v2.0/logout`);
});
