/* eslint-disable @typescript-eslint/no-unsafe-assignment -- vitest's asymmetric matchers (expect.any, expect.stringContaining) are typed any. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTenant, type Tenant } from './index.ts';
import { acquireTokens, Browser, graph } from './test-support.ts';

interface DeltaPage {
  value: Array<Record<string, unknown> & { id: string }>;
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

let tenant: Tenant;
let org: Tenant['orgs'][number];
let browser: Browser;
let token: string;

beforeAll(async () => {
  tenant = await startTenant({ orgs: [{ users: 48, groups: 6 }] });
  org = tenant.orgs[0]!;
});
afterAll(() => tenant.close());

beforeEach(async () => {
  tenant.control.reset();
  ({
    browser,
    tokens: { access_token: token },
  } = await acquireTokens(tenant, {
    authority: org.tenantId,
    username: org.admin.userPrincipalName,
    password: org.admin.password,
    scopes: ['Directory.Read.All'],
  }));
});

/** Follows nextLinks to the deltaLink; returns every object and the deltaLink. */
async function sync(start: string, pageSize?: number): Promise<{ objects: DeltaPage['value']; deltaLink: string; pages: number }> {
  const objects: DeltaPage['value'] = [];
  let link = start;
  let pages = 0;
  for (;;) {
    const res = await graph(browser, link, token, pageSize ? { Prefer: `odata.maxpagesize=${pageSize}` } : {});
    expect(res.status, res.text).toBe(200);
    const page = res.json<DeltaPage>();
    objects.push(...page.value);
    pages++;
    if (page['@odata.nextLink']) {
      expect(page['@odata.deltaLink']).toBeUndefined();
      link = page['@odata.nextLink'];
      continue;
    }
    expect(page['@odata.deltaLink']).toContain('$deltatoken=');
    return { objects, deltaLink: page['@odata.deltaLink'] ?? '', pages };
  }
}

describe('users/delta', () => {
  it('pages the whole directory with the $select of the first request', async () => {
    const { objects, pages } = await sync('/users/delta?$select=id,displayName,userPrincipalName', 20);
    expect(pages).toBe(3);
    expect(objects).toHaveLength(org.userCount);
    expect(new Set(objects.map((o) => o.id)).size).toBe(org.userCount);
    expect(Object.keys(objects[0] ?? {}).sort()).toEqual(['displayName', 'id', 'userPrincipalName']);
  });

  it('returns only what changed since the deltaLink: added, updated and deleted users', async () => {
    const first = await sync('/users/delta?$select=id,displayName,jobTitle', 25);
    const empty = await sync(first.deltaLink);
    expect(empty.objects).toEqual([]);

    const added = tenant.control.addUser({ displayName: 'Nina New', userPrincipalName: `nina@${org.domain}` });
    tenant.control.updateUser(org.user.userPrincipalName, { jobTitle: 'CMO' });
    const victim = first.objects.find((o) => o.id !== org.admin.id && o.id !== org.user.id)!;
    tenant.control.deleteUser(victim.id);

    const changes = await sync(empty.deltaLink);
    const byId = new Map(changes.objects.map((o) => [o.id, o]));
    expect(changes.objects).toHaveLength(3);
    expect(byId.get(added.id)).toEqual({ id: added.id, displayName: 'Nina New', jobTitle: null });
    expect(byId.get(org.user.id)).toMatchObject({ jobTitle: 'CMO' });
    expect(byId.get(victim.id)).toEqual({ id: victim.id, '@removed': { reason: 'deleted' } });

    // And nothing more afterwards.
    expect((await sync(changes.deltaLink)).objects).toEqual([]);
  });

  it('pages a large change set too', async () => {
    const first = await sync('/users/delta?$select=id', 1000);
    for (let i = 0; i < 30; i++) tenant.control.addUser({ userPrincipalName: `bulk${i}@${org.domain}` });
    const changes = await sync(first.deltaLink, 7);
    expect(changes.pages).toBe(5);
    expect(changes.objects).toHaveLength(30);
  });

  it('answers 410 with a Location header for a token expired by the control API', async () => {
    const first = await sync('/users/delta?$select=id,displayName');
    tenant.control.expireDeltaTokens();
    const res = await graph(browser, first.deltaLink, token);
    expect(res.status).toBe(410);
    expect(res.json()).toMatchObject({ error: { code: 'resyncRequired', message: expect.stringContaining('syncStateNotFound') } });
    expect(String(res.headers.location)).toBe(`${tenant.url}/v1.0/users/delta?$select=id%2CdisplayName`);
    expect((await graph(browser, String(res.headers.location), token)).status).toBe(200);
  });

  it('expires skip tokens of an unfinished round too', async () => {
    const res = await graph(browser, '/users/delta', token, { Prefer: 'odata.maxpagesize=10' });
    const next = res.json<DeltaPage>()['@odata.nextLink'] ?? '';
    tenant.control.expireDeltaTokens();
    expect((await graph(browser, next, token)).status).toBe(410);
  });
});

describe('groups/delta', () => {
  it('reports membership changes as members@delta', async () => {
    const first = await sync('/groups/delta?$select=id,displayName,members');
    expect(first.objects).toHaveLength(org.groupCount);
    const group = first.objects[0]!;
    const initialMembers = group['members@delta'] as Array<{ id: string }>;
    expect(initialMembers.length).toBeGreaterThan(0);
    const removed = initialMembers[0]!.id;
    const newcomer = tenant.control.addUser({ userPrincipalName: `joiner@${org.domain}` });

    tenant.control.addGroupMember(group.id, newcomer.id);
    tenant.control.removeGroupMember(group.id, removed);
    const created = tenant.control.addGroup({ displayName: 'Project Zeta', members: [org.admin.userPrincipalName] });
    const doomed = first.objects[1]!;
    tenant.control.deleteGroup(doomed.id);

    const changes = await sync(first.deltaLink);
    const byId = new Map(changes.objects.map((o) => [o.id, o]));
    expect(byId.get(group.id)?.['members@delta']).toEqual(
      expect.arrayContaining([
        { '@odata.type': '#microsoft.graph.user', id: newcomer.id },
        { '@odata.type': '#microsoft.graph.user', id: removed, '@removed': { reason: 'deleted' } },
      ]),
    );
    expect(byId.get(created.id)).toMatchObject({
      displayName: 'Project Zeta',
      'members@delta': [{ '@odata.type': '#microsoft.graph.user', id: org.admin.id }],
    });
    expect(byId.get(doomed.id)).toEqual({ id: doomed.id, '@removed': { reason: 'deleted' } });
  });

  it('drops a deleted user from its groups in the next delta', async () => {
    const first = await sync('/groups/delta?$select=id,members');
    const group = first.objects.find((g) => (g['members@delta'] as Array<{ id: string }>).some((m) => m.id === org.user.id))!;
    tenant.control.deleteUser(org.user.id);
    const changes = await sync(first.deltaLink);
    const changed = changes.objects.find((g) => g.id === group.id);
    expect(changed?.['members@delta']).toContainEqual({
      '@odata.type': '#microsoft.graph.user',
      id: org.user.id,
      '@removed': { reason: 'deleted' },
    });
  });
});

describe('reset', () => {
  it('returns to the generated directory', async () => {
    tenant.control.addUser({ userPrincipalName: `temp@${org.domain}` });
    tenant.control.reset();
    const fresh = await acquireTokens(tenant, {
      authority: org.tenantId,
      username: org.admin.userPrincipalName,
      password: org.admin.password,
      scopes: ['Directory.Read.All'],
    });
    const res = await graph(fresh.browser, '/users/$count', fresh.tokens.access_token, { ConsistencyLevel: 'eventual' });
    expect(res.text).toBe(String(org.userCount));
    const again = await new Browser(tenant).get('/');
    expect(again.status).toBe(200);
  });
});
