import { afterAll, expect, it } from 'vitest';
import { startTenant, type Tenant } from './index.ts';
import { acquireTokens, graph } from './test-support.ts';

let tenant: Tenant | undefined;
afterAll(() => tenant?.close());

// Its times are logged, not asserted: speed is the benchmark's to judge (`npm run bench`), never a unit test's.
it('starts a 100,000-user org and serves its 200-object delta pages', { timeout: 60_000 }, async () => {
  const started = performance.now();
  tenant = await startTenant({ orgs: [{ users: 100_000, groups: 10_000 }] });
  const startMs = performance.now() - started;
  const org = tenant.orgs[0]!;
  const { browser, tokens } = await acquireTokens(tenant, {
    authority: org.tenantId,
    username: org.admin.userPrincipalName,
    password: org.admin.password,
    scopes: ['Directory.Read.All'],
  });
  const prefer = { Prefer: 'odata.maxpagesize=1000' };
  let t = performance.now();
  const first = await graph(
    browser,
    '/users/delta?$select=id,displayName,userPrincipalName,mail,accountEnabled',
    tokens.access_token,
    prefer,
  );
  const firstPageMs = performance.now() - t;
  const page = first.json<{ value: unknown[]; '@odata.nextLink': string }>();
  // A larger preference is capped to 200 objects (see the page-size note in graph/delta.ts).
  expect(page.value).toHaveLength(200);
  t = performance.now();
  let link = page['@odata.nextLink'];
  for (let i = 0; i < 9; i++) {
    link = (await graph(browser, link, tokens.access_token, prefer)).json<{ '@odata.nextLink': string }>()['@odata.nextLink'];
  }
  const nextPagesMs = (performance.now() - t) / 9;
  t = performance.now();
  const groups = await graph(browser, '/groups/delta', tokens.access_token, prefer);
  const groupPageMs = performance.now() - t;
  const groupPage = groups.json<{ value: Array<{ 'members@delta': unknown[] }> }>().value;
  expect(groupPage.length).toBeLessThanOrEqual(200);
  expect(groupPage.reduce((sum, group) => sum + group['members@delta'].length, 0)).toBeLessThanOrEqual(500);
  console.log(
    `100k org: start ${Math.round(startMs)} ms, first 200-user delta page ${Math.round(firstPageMs)} ms, ` +
      `next pages ${Math.round(nextPagesMs)} ms each, first groups page (at most 500 member links) ${Math.round(groupPageMs)} ms`,
  );
});
