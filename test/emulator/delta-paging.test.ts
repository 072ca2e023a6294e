// Graph's delta page sizes as the local tenant serves them (see the page-size note in graph/delta.ts): 200 objects a
// page whatever is preferred above that, and a large group's members spread over pages with the group repeated
// (microsoft-graph-docs-contrib concepts/delta-query-groups.md, "Paging through members in a large group").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTenant, type Tenant } from './index.ts';
import { adminToken, Browser, graph } from './test-support.ts';

interface Page {
  value: Array<{ id: string; 'members@delta'?: Array<{ id: string }> }>;
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

let tenant: Tenant;
let browser: Browser;
let token: string;

beforeAll(async () => {
  tenant = await startTenant({ orgs: [{ users: 1_300, groups: 4 }] });
  ({ browser, token } = await adminToken(tenant, ['Directory.Read.All']));
}, 30_000);
afterAll(() => tenant.close());

async function pages(start: string, prefer?: string): Promise<Page[]> {
  const out: Page[] = [];
  for (let link: string | undefined = start; link;) {
    const res = await graph(browser, link, token, prefer ? { Prefer: prefer } : {});
    expect(res.status, res.text).toBe(200);
    const page = res.json<Page>();
    out.push(page);
    link = page['@odata.nextLink'];
  }
  return out;
}

describe('delta page sizes', () => {
  it.each([[undefined], ['odata.maxpagesize=1000'], ['odata.maxpagesize=999']])(
    'users/delta pages hold 200 users (Prefer: %s)',
    async (prefer) => {
      const all = await pages('/users/delta?$select=id', prefer);
      expect(all.slice(0, -1).every((page) => page.value.length === 200)).toBe(true);
      expect(all.flatMap((page) => page.value)).toHaveLength(tenant.orgs[0]!.userCount);
    },
  );

  it('honours a smaller preference', async () => {
    const [first] = await pages('/users/delta?$select=id', 'odata.maxpagesize=50').then((all) => all.slice(0, 1));
    expect(first!.value).toHaveLength(50);
  });

  it('spreads a large group over pages, repeating it with the rest of its members, 500 links a page at most', async () => {
    const everyone = tenant.control.listDirectory().users.map((user) => user.id);
    const big = tenant.control.addGroup({ displayName: 'Everyone', members: everyone });
    const all = await pages('/groups/delta?$select=id,displayName,members');
    for (const page of all) {
      expect(page.value.reduce((sum, group) => sum + (group['members@delta']?.length ?? 0), 0)).toBeLessThanOrEqual(500);
    }
    const slices = all.flatMap((page) => page.value).filter((group) => group.id === big.id);
    expect(slices.length).toBe(Math.ceil(everyone.length / 500));
    const served = slices.flatMap((group) => group['members@delta']!.map((member) => member.id));
    expect(served).toHaveLength(everyone.length);
    expect(new Set(served)).toEqual(new Set(everyone));
    // Every other group comes once, whole.
    const others = all.flatMap((page) => page.value).filter((group) => group.id !== big.id);
    expect(new Set(others.map((group) => group.id)).size).toBe(others.length);
    tenant.control.reset();
  });
});
