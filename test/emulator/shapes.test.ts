// The local tenant's Graph answers against Microsoft's published metadata (contract/graph-shapes.json, from the CSDL
// of microsoftgraph/msgraph-metadata): every resource the product reads, with the product's own $select sets (taken
// from lib/, so a new selected property is checked the day it is added) and without $select, delta pages with
// `@removed` and `members@delta`, and $batch answers. A route's resource type is checked through its @odata.context,
// so a route another change adds is held to the CSDL as soon as a request below reaches it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MICROSOFT_CLOUDS, type CloudId } from '../../lib/config/clouds';
import { checkRequests, upnDomain } from '../../lib/monitor/graph-check';
import { activityUrl } from '../../lib/sync/activity';
import { initialDeltaUrl } from '../../lib/sync/delta-round';
import { GROUP_READ_SELECT, GROUP_SELECT, USER_SELECT } from '../../lib/sync/map';
import { selectedRequests } from '../../lib/sync/selected';
import { graphErrorBodyProblems } from './contract/error-bodies.ts';
import { graphBodyProblems, loadShapes, parseContext } from './contract/shapes.ts';
import { GRAPH_SCOPES } from './entra/scopes.ts';
import { startTenant, type Tenant } from './index.ts';
import { adminToken, Browser, graph, type HttpResponse } from './test-support.ts';

let tenant: Tenant;
let org: Tenant['orgs'][number];
let browser: Browser;
let token: string;
let groupId: string;

beforeAll(async () => {
  tenant = await startTenant({ orgs: [{ users: 30, groups: 5 }] });
  org = tenant.orgs[0]!;
  ({ browser, token } = await adminToken(tenant, [...GRAPH_SCOPES]));
  groupId = tenant.control.listDirectory().groups.find((g) => g.members.includes(org.user.id))?.id ?? '';
});
afterAll(() => tenant.close());

const get = (path: string, headers: Record<string, string> = {}) => graph(browser, path, token, headers);

function selectOf(url: string): string[] | undefined {
  const select = new URL(url, 'https://graph.invalid').searchParams.get('$select');
  return select ? select.split(',') : undefined;
}

function expectShape(res: HttpResponse, url: string, options: { delta?: boolean; select?: string[] } = {}): Record<string, unknown> {
  expect(res.status, res.text).toBe(200);
  const body = res.json();
  expect(graphBodyProblems(body, { select: options.select ?? selectOf(url), delta: options.delta }), res.text.slice(0, 2000)).toEqual([]);
  return body;
}

async function read(url: string, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  return expectShape(await get(url, headers), url);
}

describe('the data file', () => {
  it('comes from msgraph-metadata at a recorded commit and covers every cloud', () => {
    const data = loadShapes();
    expect(data.source.repository).toBe('https://github.com/microsoftgraph/msgraph-metadata');
    expect(data.source.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(Object.keys(data.source.files)).toEqual(data.clouds);
    expect(data.types['microsoft.graph.user']?.base).toBe('microsoft.graph.directoryObject');
  });

  // The product's clouds (lib/config/clouds.ts) and the CSDL of each: GCC High and DoD share the US Government one.
  const CSDL_OF: Record<Exclude<CloudId, 'local'>, string> = {
    worldwide: 'Prod',
    usgov: 'Fairfax',
    'usgov-dod': 'Fairfax',
    china: 'Mooncake',
  };
  const SELECTS: Array<[string, readonly string[]]> = [
    ['microsoft.graph.user', USER_SELECT],
    ['microsoft.graph.user', ['assignedPlans']],
    ['microsoft.graph.group', GROUP_SELECT],
    ['microsoft.graph.group', GROUP_READ_SELECT],
    ['microsoft.graph.directoryRole', ['id', 'displayName', 'roleTemplateId']],
    ['microsoft.graph.organization', ['id', 'displayName', 'verifiedDomains']],
    ['microsoft.graph.serviceHealth', ['service', 'status']],
  ];
  it.each(MICROSOFT_CLOUDS.map((c) => c.id as Exclude<CloudId, 'local'>))('every property the product selects exists in %s', (cloud) => {
    const data = loadShapes();
    const csdl = CSDL_OF[cloud];
    const missing: string[] = [];
    for (const [type, names] of SELECTS) {
      for (const name of names) {
        let found = false;
        for (let t: string | undefined = type; t && !found; t = data.types[t]?.base) {
          const def = data.types[t];
          const prop = def?.properties?.[name] ?? def?.navigation?.[name];
          found = !!prop && !prop.missingIn?.includes(csdl);
        }
        if (!found) missing.push(`${type}.${name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('directory objects', () => {
  it('/me and /users/{id}, whole and with the product selects', async () => {
    await read('/me');
    await read('/me?$select=id,displayName,userPrincipalName,mail');
    await read(`/users/${org.user.id}`);
    await read(`/users/${org.user.id}?$select=${USER_SELECT.join(',')}`);
  });

  it('/users and /groups lists, the picker search and the selected scope filters', async () => {
    await read('/users?$top=5');
    await read(`/users?$select=${USER_SELECT.join(',')}&$top=5`);
    await read(`/users?$select=${USER_SELECT.join(',')}&$top=5&$count=true`, { ConsistencyLevel: 'eventual' });
    await read(
      `/users?$filter=${encodeURIComponent("startswith(displayName,'M') or startswith(userPrincipalName,'M')")}&$select=id,displayName,userPrincipalName&$top=10`,
    );
    await read('/groups?$top=5');
    await read(`/groups/${groupId}`);
    await read(`/groups?$filter=${encodeURIComponent("startswith(displayName,'A')")}&$select=id,displayName,mail&$top=10`);
  });

  it('group members, whole and cast to users with the product select', async () => {
    const all = await read(`/groups/${groupId}/members`);
    expect((all.value as unknown[]).length).toBeGreaterThan(0);
    await read(`/groups/${groupId}/members/microsoft.graph.user?$select=${USER_SELECT.join(',')}&$top=999`);
  });

  it('memberOf: groups and directory roles', async () => {
    const all = await read('/me/memberOf');
    expect((all.value as Array<Record<string, unknown>>).map((o) => o['@odata.type'])).toContain('#microsoft.graph.directoryRole');
    await read('/me/memberOf/microsoft.graph.directoryRole?$select=id,displayName,roleTemplateId');
    await read('/me/memberOf/microsoft.graph.group');
    await read(`/users/${org.user.id}/memberOf`);
  });

  it('/organization, whole and with the product select', async () => {
    await read('/organization');
    await read('/organization?$select=id,displayName,verifiedDomains');
  });
});

describe('activity, service health and the service probes', () => {
  it('directory audits and sign-ins, as the product asks for them', async () => {
    await read('/auditLogs/directoryAudits?$top=50');
    await read('/auditLogs/signIns?$top=50');
    const from = Date.now() - 86_400_000;
    await read(activityUrl({ path: '/auditLogs/directoryAudits', field: 'activityDateTime' }, from));
    await read(activityUrl({ path: '/auditLogs/signIns', field: 'createdDateTime' }, from));
  });

  it('service health overviews in every status', async () => {
    tenant.control.setServiceHealth('Exchange Online', 'serviceDegradation');
    tenant.control.setServiceHealth('SharePoint Online', 'serviceInterruption');
    await read('/admin/serviceAnnouncement/healthOverviews');
    await read('/admin/serviceAnnouncement/healthOverviews?$select=service,status');
    await read('/admin/serviceAnnouncement/healthOverviews/Exchange');
    tenant.control.setServiceHealth('Exchange Online', 'serviceOperational');
    tenant.control.setServiceHealth('SharePoint Online', 'serviceOperational');
  });

  it('mailbox, root site and drive, whole and with the probes select', async () => {
    for (const path of [
      `/users/${org.user.id}/mailFolders/inbox`,
      '/sites/root',
      `/users/${org.user.id}/drive`,
      '/me/drive',
      '/me/drives',
    ]) {
      await read(path);
      await read(`${path}?$select=id`);
    }
  });
});

describe('delta', () => {
  async function walk(
    start: string,
    select: string[] | undefined,
  ): Promise<{ deltaLink: string; objects: Array<Record<string, unknown>> }> {
    const objects: Array<Record<string, unknown>> = [];
    let link = start;
    for (let pages = 0; pages < 50; pages++) {
      const page = expectShape(await get(link, { Prefer: 'odata.maxpagesize=7' }), link, { delta: true, select });
      objects.push(...(page.value as Array<Record<string, unknown>>));
      if (typeof page['@odata.nextLink'] === 'string') link = page['@odata.nextLink'];
      else return { deltaLink: String(page['@odata.deltaLink']), objects };
    }
    throw new Error('no deltaLink in 50 pages');
  }

  it.each([
    ['users', initialDeltaUrl('users')],
    ['groups', initialDeltaUrl('groups')],
    ['users', '/users/delta'],
    ['groups', '/groups/delta'],
  ] as const)('%s: %s, first round and changes with @removed and members@delta', async (kind, start) => {
    const select = selectOf(start);
    const first = await walk(start, select);
    const directory = tenant.control.listDirectory();
    const added = tenant.control.addUser({ displayName: 'Shape Tester', userPrincipalName: `shape.${Date.now()}@${org.domain}` });
    const victim = directory.users.find((u) => u.id !== org.admin.id && u.id !== org.user.id)!;
    tenant.control.updateUser(org.user.id, { displayName: 'Megan B.' });
    tenant.control.addGroupMember(groupId, added.id);
    tenant.control.deleteUser(victim.id);
    const doomed = directory.groups.find((g) => g.id !== groupId)!;
    tenant.control.deleteGroup(doomed.id);
    const changes = await walk(first.deltaLink, select);
    const removed = changes.objects.filter((o) => o['@removed']);
    expect(removed.map((o) => o.id)).toContain(kind === 'users' ? victim.id : doomed.id);
    if (kind === 'groups' && (!select || select.includes('members'))) {
      const changed = changes.objects.find((o) => o.id === groupId);
      expect(changed?.['members@delta']).toEqual(expect.arrayContaining([expect.objectContaining({ '@removed': { reason: 'deleted' } })]));
    }
  });
});

describe('$batch', () => {
  // JSON batching (microsoft-graph-docs-contrib concepts/json-batching.md): `responses`, each with id, status,
  // headers and body; a body is the answer the request would have had on its own.
  async function batch(requests: Array<{ id: string; url: string; method?: string }>): Promise<void> {
    const res = await browser.request('POST', '/v1.0/$batch', {
      headers: { authorization: `Bearer ${token}` },
      json: { requests: requests.map((r) => ({ method: 'GET', ...r })) },
    });
    expect(res.status, res.text).toBe(200);
    const body = res.json<{ responses: Array<Record<string, unknown>> }>();
    expect(Object.keys(body)).toEqual(['responses']);
    expect(body.responses).toHaveLength(requests.length);
    for (const response of body.responses) {
      for (const key of Object.keys(response)) expect(['id', 'status', 'headers', 'body']).toContain(key);
      expect(typeof response.id).toBe('string');
      expect(Number.isInteger(response.status)).toBe(true);
      const url = requests.find((r) => r.id === response.id)?.url ?? '';
      const status = response.status as number;
      const problems = status >= 400 ? graphErrorBodyProblems(response.body) : graphBodyProblems(response.body, { select: selectOf(url) });
      expect(problems, `${url}: ${JSON.stringify(response.body).slice(0, 1000)}`).toEqual([]);
    }
  }

  it("the monitor's check: the role, health, the account's password facts, its domain and the three probes", async () => {
    await batch(checkRequests(['exchange', 'sharepoint', 'onedrive'], upnDomain(org.admin.userPrincipalName)));
  });

  it("the selected scope's reads", async () => {
    await batch(selectedRequests({ mode: 'selected', userIds: [org.user.id, org.admin.id], groupIds: [groupId] }));
  });

  it('inner errors are Graph error bodies', async () => {
    await batch([
      { id: 'missing', url: '/users/00000000-0000-0000-0000-000000000000' },
      { id: 'segment', url: '/nothing' },
    ]);
  });
});

// Routes other changes add (licences, roles, app registrations): checked once the local tenant serves them.
describe.each([
  '/subscribedSkus',
  '/me/transitiveMemberOf',
  '/me/transitiveMemberOf/microsoft.graph.directoryRole',
  '/servicePrincipals?$top=5',
  '/oauth2PermissionGrants',
  '/applications?$top=5',
  '/roleManagement/directory/roleAssignments',
  '/roleManagement/directory/roleAssignmentScheduleInstances',
  '/roleManagement/directory/roleEligibilityScheduleInstances',
  "/roleManagement/directory/roleEligibilityScheduleInstances/filterByCurrentUser(on='principal')",
])('%s', (path) => {
  it('holds to the CSDL when served', async (ctx) => {
    const res = await get(path);
    const served = !(res.status === 400 && /Resource not found for the segment/.test(res.text));
    if (!served) return ctx.skip();
    if (res.status !== 200) {
      expect(graphErrorBodyProblems(res.json())).toEqual([]);
      return;
    }
    const context = parseContext(String(res.json()['@odata.context']));
    expect(context?.path).toBeDefined();
    expectShape(res, path);
  });
});
