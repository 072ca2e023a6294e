// The bench's fetch-only client (test/bench/floor/fetch-only.ts) against the local tenant: the sync's delta requests,
// nothing else, each page waited for in turn.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { USER_SELECT } from '../../lib/sync/map';
import { runFetchOnly } from '../bench/floor/fetch-only';
import { startTenant, type Tenant } from './index.ts';
import { adminToken, type Browser } from './test-support.ts';

let tenant: Tenant;
let browser: Browser;
let token: string;
const USERS = 450;

/** `fetch` over the test client (it trusts the tenant's certificate). */
const fetchThrough =
  (client: Browser): typeof fetch =>
  async (input, init) => {
    // runFetchOnly passes its links as strings.
    const res = await client.get(input as string, init?.headers as Record<string, string>);
    return new Response(res.text, { status: res.status });
  };

beforeAll(async () => {
  tenant = await startTenant({ orgs: [{ users: USERS }] });
  ({ browser, token } = await adminToken(tenant, ['Directory.Read.All']));
});
afterAll(() => tenant.close());
beforeEach(() => {
  tenant.control.capDeltaPages(null);
  tenant.control.setLatency({ path: '/delta', ms: 0 });
  tenant.control.clearFaults();
  tenant.control.clearRequests();
});

describe('runFetchOnly', () => {
  it("reads every delta page with the sync's first requests and page sizes, and asks for nothing else", async () => {
    const org = tenant.orgs[0]!;
    const result = await runFetchOnly({ graphBaseUrl: `${tenant.graphBaseUrl}/v1.0`, accessToken: token }, fetchThrough(browser));
    // The sync asks for 1,000 users a page and 250 groups; the tenant serves Graph's 200 objects (and at most 500
    // member links) a page, as Graph does (test/emulator/graph/delta.ts), so both collections take several pages.
    expect(result.users.pages).toBe(Math.ceil(org.userCount / 200));
    expect(result.groups.pages).toBeGreaterThan(1);
    expect(result).toMatchObject({ pages: result.users.pages + result.groups.pages, largestPage: 200 });
    // A large group's members may span pages: the group then comes again on the next page.
    expect(result.objects).toBeGreaterThanOrEqual(org.userCount + org.groupCount);
    const log = tenant.control.requests();
    expect(log).toHaveLength(result.pages);
    expect(log.map((r) => r.path)).toEqual([
      ...Array<string>(result.users.pages).fill('/v1.0/users/delta'),
      ...Array<string>(result.groups.pages).fill('/v1.0/groups/delta'),
    ]);
    expect(decodeURIComponent(log[0]!.query)).toBe(`$select=${USER_SELECT.join(',')}`);
  });

  it("follows the nextLinks of Graph's smaller pages one after another, each waiting the tenant's latency", async () => {
    const org = tenant.orgs[0]!;
    tenant.control.capDeltaPages(200);
    tenant.control.setLatency({ path: '/delta', ms: 250 });
    const result = await runFetchOnly({ graphBaseUrl: `${tenant.graphBaseUrl}/v1.0`, accessToken: token }, fetchThrough(browser));
    expect(result.users.pages).toBe(Math.ceil(org.userCount / 200));
    expect(result).toMatchObject({ pages: result.users.pages + result.groups.pages, largestPage: 200 });
    expect(result.objects).toBeGreaterThanOrEqual(org.userCount + org.groupCount);
    expect(tenant.control.requests()).toHaveLength(result.pages);
    expect(result.ms).toBeGreaterThanOrEqual(result.pages * 250 - 10);
    expect(result.users.ms).toBeGreaterThanOrEqual(result.users.pages * 250 - 10);
  });

  it('fails on an answer that is not a page', async () => {
    tenant.control.injectFault({ path: '/v1.0/groups/delta', kind: '503' });
    await expect(runFetchOnly({ graphBaseUrl: `${tenant.graphBaseUrl}/v1.0`, accessToken: token }, fetchThrough(browser))).rejects.toThrow(
      'groups delta answered 503',
    );
  });
});
