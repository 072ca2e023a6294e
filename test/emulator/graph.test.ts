/* eslint-disable @typescript-eslint/no-unsafe-assignment -- vitest's asymmetric matchers (expect.any, expect.stringContaining) are typed any. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTenant, type Tenant } from './index.ts';
import { acquireTokens, Browser, graph } from './test-support.ts';
import { timeFloor } from './graph/audit.ts';

let tenant: Tenant;
let org: Tenant['orgs'][number];
let browser: Browser;
let adminToken: string;
let userToken: string;
let narrowToken: string;

const ALL = [
  'User.Read',
  'User.Read.All',
  'Group.Read.All',
  'GroupMember.Read.All',
  'Directory.Read.All',
  'Mail.ReadBasic',
  'Sites.Read.All',
  'Files.Read',
  'ServiceHealth.Read.All',
  'AuditLog.Read.All',
];

beforeAll(async () => {
  tenant = await startTenant({
    orgs: [
      { users: 120, groups: 8 },
      // Without the generated history: its logs hold only what happens while the tenant runs (bench --no-history).
      { users: 5, premium: false, history: false },
    ],
  });
  org = tenant.orgs[0]!;
  const admin = await acquireTokens(tenant, {
    authority: org.tenantId,
    username: org.admin.userPrincipalName,
    password: org.admin.password,
    scopes: ALL,
  });
  browser = admin.browser;
  adminToken = admin.tokens.access_token;
  userToken = (
    await acquireTokens(tenant, { authority: org.tenantId, username: org.user.userPrincipalName, password: org.user.password, scopes: ALL })
  ).tokens.access_token;
  narrowToken = (
    await acquireTokens(tenant, {
      authority: org.tenantId,
      username: org.admin.userPrincipalName,
      password: org.admin.password,
      scopes: ['User.Read'],
    })
  ).tokens.access_token;
});
afterAll(() => tenant.close());

const get = (path: string, token = adminToken, headers: Record<string, string> = {}) => graph(browser, path, token, headers);

describe('authentication and authorisation', () => {
  it('answers 401 InvalidAuthenticationToken without a token or with a forged one', async () => {
    const none = await get('/me', '');
    expect(none.status).toBe(401);
    expect(none.json()).toMatchObject({
      error: { code: 'InvalidAuthenticationToken', innerError: { 'request-id': expect.any(String), date: expect.any(String) } },
    });
    const [h, p] = adminToken.split('.');
    const forged = await get('/me', `${h}.${p}.${Buffer.from('nope').toString('base64url')}`);
    expect(forged.status).toBe(401);
  });

  it('answers 403 Authorization_RequestDenied without the scope', async () => {
    expect((await get('/me', narrowToken)).status).toBe(200);
    const users = await get('/users', narrowToken);
    expect(users.status).toBe(403);
    expect(users.json()).toMatchObject({
      error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' },
    });
  });

  it('every answer carries a request-id and echoes the client-request-id, as Microsoft asks clients to log for support', async () => {
    // microsoft-graph-docs-contrib concepts/best-practices-concept.md, "Reliability and support".
    const clientRequestId = '30d8081a-f3e8-73e0-2da4-3480fb56ccdb';
    const ok = await get('/me', adminToken, { 'client-request-id': clientRequestId });
    const refused = await get('/users', narrowToken, { 'client-request-id': clientRequestId });
    tenant.control.injectFault({ path: '/v1.0/me', kind: '503', count: 1 });
    const unavailable = await get('/me', adminToken, { 'client-request-id': clientRequestId });
    expect([ok.status, refused.status, unavailable.status]).toEqual([200, 403, 503]);
    for (const answer of [ok, refused, unavailable]) {
      expect(answer.headers['request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(answer.headers['client-request-id']).toBe(clientRequestId);
      // The request log keeps it, so that a test can find the failure a client reported.
      expect(tenant.control.requests().filter((r) => r.requestId === answer.headers['request-id'])).toHaveLength(1);
    }
  });

  it('answers CORS preflights for any origin', async () => {
    const res = await browser.request('OPTIONS', '/v1.0/users', {
      headers: { origin: 'chrome-extension://abc', 'access-control-request-headers': 'authorization,consistencylevel' },
    });
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('chrome-extension://abc');
    expect(String(res.headers['access-control-allow-headers'])).toContain('authorization');
  });

  it('checks the current role, not the token: removing Global Administrator turns admin endpoints to 403 at once', async () => {
    expect((await get('/admin/serviceAnnouncement/healthOverviews')).status).toBe(200);
    tenant.control.removeRole(org.admin.userPrincipalName, 'Global Administrator');
    try {
      expect((await get('/admin/serviceAnnouncement/healthOverviews')).status).toBe(403);
      expect((await get('/auditLogs/directoryAudits')).status).toBe(403);
      const roles = await get('/me/memberOf/microsoft.graph.directoryRole');
      expect(roles.json<{ value: unknown[] }>().value).toEqual([]);
    } finally {
      tenant.control.addRole(org.admin.userPrincipalName, 'Global Administrator');
    }
    expect((await get('/auditLogs/directoryAudits')).status).toBe(200);
  });
});

describe('directory', () => {
  it('serves /me, /organization and the admin role via memberOf', async () => {
    const me = (await get('/me')).json();
    expect(me).toMatchObject({
      id: org.admin.id,
      userPrincipalName: org.admin.userPrincipalName,
      '@odata.context': expect.stringContaining('$metadata#users/$entity'),
    });
    const organization = (await get('/organization')).json<{ value: Array<Record<string, unknown>> }>().value[0];
    expect(organization).toMatchObject({
      id: org.tenantId,
      displayName: org.displayName,
      verifiedDomains: [expect.objectContaining({ name: org.domain })],
    });
    expect(organization?.assignedPlans).toEqual(expect.arrayContaining([expect.objectContaining({ service: 'exchange' })]));
    const roles = (await get('/me/memberOf/microsoft.graph.directoryRole')).json<{ value: Array<Record<string, unknown>> }>().value;
    expect(roles).toEqual([
      expect.objectContaining({ '@odata.type': '#microsoft.graph.directoryRole', roleTemplateId: '62e90394-69f5-4237-9190-012177145e10' }),
    ]);
    const userRoles = (await get('/me/memberOf/microsoft.graph.directoryRole', userToken)).json<{ value: unknown[] }>().value;
    expect(userRoles).toEqual([]);
  });

  it("serves assignedPlans in Graph's shape, and a shared mailbox with mail but no licence", async () => {
    type Planned = { assignedPlans: Array<Record<string, unknown>>; assignedLicenses: unknown[]; mail: string | null };
    const select = '?$select=id,mail,accountEnabled,assignedLicenses,assignedPlans';
    const megan = (await get(`/users/${org.user.id}${select}`)).json<Planned>();
    // CSDL complex type assignedPlan; Exchange Online (Plan 2) and SharePoint Online (Plan 2) of Office 365 E5.
    expect(megan.assignedPlans).toEqual([
      {
        assignedDateTime: expect.any(String),
        capabilityStatus: 'Enabled',
        service: 'exchange',
        servicePlanId: 'efb87545-963c-4e0d-99df-69c6916d9eb0',
      },
      {
        assignedDateTime: expect.any(String),
        capabilityStatus: 'Enabled',
        service: 'SharePoint',
        servicePlanId: '5dbe027f-2339-4123-9542-606e4d348a72',
      },
    ]);
    const shared = (await get(`/users/${org.sharedMailbox.id}${select}`)).json<Planned & { accountEnabled: boolean }>();
    expect(shared).toMatchObject({ assignedPlans: [], assignedLicenses: [], mail: `info@${org.domain}`, accountEnabled: false });
    // It has a mailbox all the same: the mailbox probe answers for it.
    expect((await get(`/users/${org.sharedMailbox.id}/mailFolders/inbox`)).status).toBe(200);
  });

  it('drops the Exchange plan from assignedPlans when a licence has Exchange turned off', async () => {
    tenant.control.setLicence(org.user.userPrincipalName, { mailbox: false });
    const plans = (await get(`/users/${org.user.id}?$select=assignedPlans,assignedLicenses`)).json<{
      assignedPlans: Array<{ service: string }>;
      assignedLicenses: unknown[];
    }>();
    expect(plans.assignedLicenses).toHaveLength(1);
    expect(plans.assignedPlans.map((p) => p.service)).toEqual(['SharePoint']);
    tenant.control.setLicence(org.user.userPrincipalName, { mailbox: true });
  });

  it('pages /users with $top, $select and a $skiptoken nextLink', async () => {
    const seen = new Set<string>();
    let next: string | undefined = '/users?$top=50&$select=id,displayName,assignedLicenses';
    let pages = 0;
    while (next) {
      const page: { value: Array<Record<string, unknown>>; '@odata.nextLink'?: string } = (await get(next)).json();
      for (const u of page.value) {
        expect(Object.keys(u).sort()).toEqual(['assignedLicenses', 'displayName', 'id']);
        seen.add(String(u.id));
      }
      next = page['@odata.nextLink'];
      if (next) expect(next).toContain('$skiptoken=');
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen.size).toBe(org.userCount);
  });

  it('filters by id, id in (...), and startswith', async () => {
    const byId = (await get(`/users?$filter=id eq '${org.user.id}'`)).json<{ value: Array<{ id: string }> }>().value;
    expect(byId.map((u) => u.id)).toEqual([org.user.id]);
    const byIds = (await get(`/users?$filter=id in ('${org.user.id}','${org.admin.id}')`)).json<{ value: unknown[] }>().value;
    expect(byIds).toHaveLength(2);
    const prefix = (await get(`/users?$filter=startswith(displayName,'Megan')`)).json<{ value: Array<{ displayName: string }> }>().value;
    expect(prefix.length).toBeGreaterThan(0);
    expect(prefix.every((u) => u.displayName.startsWith('Megan'))).toBe(true);
    const upn = (await get(`/users?$filter=startswith(userPrincipalName,'admin@')`)).json<{ value: unknown[] }>().value;
    expect(upn).toHaveLength(1);
  });

  it('counts with ConsistencyLevel: eventual only', async () => {
    expect((await get('/users?$count=true')).status).toBe(400);
    const counted = (await get('/users?$count=true&$top=1', adminToken, { ConsistencyLevel: 'eventual' })).json();
    expect(counted['@odata.count']).toBe(org.userCount);
    const plain = await get('/users/$count', adminToken, { ConsistencyLevel: 'eventual' });
    expect(plain.text).toBe(String(org.userCount));
  });

  it("lists groups, members and a user's memberOf", async () => {
    const groups = (await get('/groups')).json<{ value: Array<{ id: string; displayName: string }> }>().value;
    expect(groups).toHaveLength(8);
    const first = groups[0]!;
    expect((await get(`/groups/${first.id}`)).json()).toMatchObject({ id: first.id, displayName: first.displayName });
    const members = (await get(`/groups/${first.id}/members?$select=id,userPrincipalName`)).json<{
      value: Array<Record<string, unknown>>;
    }>().value;
    expect(members.length).toBeGreaterThan(0);
    expect(members[0]).toMatchObject({ '@odata.type': '#microsoft.graph.user' });
    const memberOf = (await get(`/users/${org.user.userPrincipalName}/memberOf`)).json<{ value: Array<{ id: string }> }>().value;
    expect(memberOf.map((g) => g.id)).toContain(first.id);
  });

  it('answers 404 for an unknown user', async () => {
    const res = await get('/users/nobody@nowhere.example');
    expect(res.status).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'Request_ResourceNotFound' } });
  });
});

describe('$batch', () => {
  it('answers each inner request with the outer token, each with its own status', async () => {
    const res = await browser.request('POST', '/v1.0/$batch', {
      headers: { authorization: `Bearer ${userToken}` },
      json: {
        requests: [
          { id: '1', method: 'GET', url: '/me?$select=id' },
          { id: '2', method: 'GET', url: '/users?$top=2' },
          { id: '3', method: 'GET', url: '/auditLogs/directoryAudits?$top=1' },
          { id: '4', method: 'GET', url: '/users/nobody@x.example' },
        ],
      },
    });
    expect(res.status).toBe(200);
    const responses = res.json<{ responses: Array<{ id: string; status: number; body: Record<string, unknown> }> }>().responses;
    expect(responses.map((r) => [r.id, r.status])).toEqual([
      ['1', 200],
      ['2', 200],
      ['3', 403],
      ['4', 404],
    ]);
    expect(responses[0]?.body).toMatchObject({ id: org.user.id });
  });

  it('refuses more than 20 requests', async () => {
    const requests = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/me' }));
    const res = await browser.request('POST', '/v1.0/$batch', { headers: { authorization: `Bearer ${adminToken}` }, json: { requests } });
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'BadRequest', message: expect.stringContaining('20') } });
  });
});

describe('workloads', () => {
  it('probes mailbox, site and drive, with 404s for an unlicensed user', async () => {
    expect((await get(`/users/${org.user.id}/mailFolders/inbox`)).json()).toMatchObject({ displayName: 'Inbox' });
    expect((await get('/sites/root')).json()).toMatchObject({ webUrl: expect.stringContaining('.sharepoint.com') });
    expect((await get(`/users/${org.user.id}/drive`)).json()).toMatchObject({ driveType: 'business' });
    tenant.control.setLicence(org.user.userPrincipalName, { mailbox: false, drive: false });
    try {
      const inbox = await get(`/users/${org.user.id}/mailFolders/inbox`);
      expect(inbox.status).toBe(404);
      expect(inbox.json()).toMatchObject({ error: { code: 'MailboxNotEnabledForRESTAPI' } });
      const drive = await get(`/users/${org.user.id}/drives`);
      expect(drive.status).toBe(404);
      expect(drive.json()).toMatchObject({ error: { code: 'ResourceNotFound', message: "User's mysite not found." } });
    } finally {
      tenant.control.setLicence(org.user.userPrincipalName, { mailbox: true, drive: true });
    }
  });

  it('needs the right scope for each probe', async () => {
    expect((await get('/sites/root', narrowToken)).status).toBe(403);
    expect((await get(`/users/${org.user.id}/mailFolders/inbox`, narrowToken)).status).toBe(403);
  });

  it('reports service health, changed by the control API', async () => {
    tenant.control.setServiceHealth('Exchange Online', 'serviceDegradation');
    const value = (await get('/admin/serviceAnnouncement/healthOverviews')).json<{
      value: Array<{ service: string; status: string; id: string }>;
    }>().value;
    expect(value.map((v) => v.service)).toEqual(
      expect.arrayContaining(['Exchange Online', 'SharePoint Online', 'OneDrive for Business', 'Microsoft Entra']),
    );
    expect(value.find((v) => v.service === 'Exchange Online')?.status).toBe('serviceDegradation');
    expect(value.find((v) => v.service === 'SharePoint Online')?.status).toBe('serviceOperational');
    tenant.control.setServiceHealth('Exchange Online', 'serviceOperational');
  });
});

describe('audit logs', () => {
  it('pages directory audits newest first and filters by time', async () => {
    const since = new Date(Date.now() - 7 * 86_400_000).toISOString();
    const first = (await get(`/auditLogs/directoryAudits?$filter=activityDateTime ge ${since}&$top=100`)).json<{
      value: Array<Record<string, unknown>>;
      '@odata.nextLink'?: string;
    }>();
    expect(first.value).toHaveLength(100);
    expect(first['@odata.nextLink']).toContain('$skiptoken=');
    const times = first.value.map((a) => String(a.activityDateTime));
    expect([...times].sort().reverse()).toEqual(times);
    expect(times.every((t) => t >= since.slice(0, 19))).toBe(true);
    expect(first.value[0]).toMatchObject({
      loggedByService: expect.any(String),
      category: expect.any(String),
      activityDisplayName: expect.any(String),
      initiatedBy: expect.any(Object),
      targetResources: expect.any(Array),
    });
  });

  it('answers a lower bound on the time as the whole filter does: the same records, page by page', async () => {
    const since = new Date(Date.now() - 2 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const all = async (path: string, filter: string) => {
      const ids: string[] = [];
      let pages = 0;
      for (let next: string | undefined = `${path}?$filter=${encodeURIComponent(filter)}&$top=50`; next; pages++) {
        const page: { value: Array<{ id: string }>; '@odata.nextLink'?: string } = (
          await get(next.replace(/^https:\/\/[^/]+\/v1\.0/, ''))
        ).json<{
          value: Array<{ id: string }>;
          '@odata.nextLink'?: string;
        }>();
        ids.push(...page.value.map((record) => record.id));
        next = page['@odata.nextLink'];
      }
      return { ids, pages };
    };
    for (const [path, field] of [
      ['/auditLogs/directoryAudits', 'activityDateTime'],
      ['/auditLogs/signIns', 'createdDateTime'],
    ] as const) {
      // The bound alone stops at the first older record; said twice it is a compound filter, tested record by record.
      const bounded = await all(path, `${field} ge ${since}`);
      const tested = await all(path, `${field} ge ${since} and ${field} ge ${since}`);
      expect(bounded.ids.length).toBeGreaterThan(50);
      expect(bounded).toEqual(tested);
    }
    expect(timeFloor(`activityDateTime ge ${since}`, 'activityDateTime')).toBe(Date.parse(since));
    expect(timeFloor(`createdDateTime gt ${since}`, 'createdDateTime')).toBe(Date.parse(since));
    expect(timeFloor(`activityDateTime ge ${since}`, 'createdDateTime')).toBeUndefined();
    expect(timeFloor(`activityDateTime ge ${since} or id eq 'x'`, 'activityDateTime')).toBeUndefined();
    expect(timeFloor(`activityDateTime le ${since}`, 'activityDateTime')).toBeUndefined();
    expect(timeFloor(null, 'activityDateTime')).toBeUndefined();
  });

  it('serves sign-ins for a premium tenant and 403 without premium', async () => {
    const signIns = (await get('/auditLogs/signIns?$top=5')).json<{ value: Array<Record<string, unknown>> }>().value;
    expect(signIns[0]).toMatchObject({
      appDisplayName: expect.any(String),
      userPrincipalName: expect.any(String),
      status: expect.any(Object),
      location: expect.any(Object),
    });
    const other = tenant.orgs[1]!;
    const { tokens } = await acquireTokens(tenant, {
      authority: other.tenantId,
      username: other.admin.userPrincipalName,
      password: other.admin.password,
      scopes: ALL,
    });
    const res = await graph(new Browser(tenant), '/auditLogs/signIns', tokens.access_token);
    expect(res.status).toBe(403);
    expect(res.json()).toMatchObject({
      error: {
        code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
        message: "Neither tenant is B2C or tenant doesn't have premium license",
      },
    });
    const audits = await graph(new Browser(tenant), '/auditLogs/directoryAudits?$top=100', tokens.access_token);
    expect(audits.status).toBe(200);
    // history: false: no generated days before the tenant started, unlike the first org's 30 days.
    const started = Date.now() - 10 * 60_000;
    const times = audits.json<{ value: Array<{ activityDateTime: string }> }>().value.map((a) => Date.parse(a.activityDateTime));
    expect(times.every((time) => time >= started)).toBe(true);
    const own = (await get('/auditLogs/directoryAudits?$top=100')).json<{ value: Array<{ activityDateTime: string }> }>().value;
    expect(own.some((a) => Date.parse(a.activityDateTime) < started)).toBe(true);
  });
});
