// Microsoft Purview's audit search in the local tenant (org/audit-search.ts, graph/audit-search.ts): the query
// lifecycle of microsoft-graph-docs-contrib api-reference/v1.0/api/security-auditcoreroot-post-auditlogqueries.md,
// security-auditlogquery-get.md and security-auditlogquery-list-records.md, on the tenant clock, in the shapes of the
// msgraph-metadata CSDL, with the permissions of the contract.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditQueryBody } from '../../lib/sync/audit-search';
import { graphErrorBodyProblems } from './contract/error-bodies.ts';
import { graphBodyProblems } from './contract/shapes.ts';
import { startTenant, type Tenant } from './index.ts';
import { adminToken, type Browser, graph, GRAPH_SCOPES, type HttpResponse } from './test-support.ts';

const DAY = 86_400_000;
let tenant: Tenant;

beforeAll(async () => {
  tenant = await startTenant({ orgs: [{ users: 12 }] });
});
afterAll(() => tenant.close());
beforeEach(() => tenant.control.reset());

async function signedIn(scopes: string[]): Promise<{ browser: Browser; token: string }> {
  return adminToken(tenant, [...GRAPH_SCOPES, ...scopes]);
}

function create(who: { browser: Browser; token: string }, body: unknown): Promise<HttpResponse> {
  return who.browser.request('POST', '/v1.0/security/auditLog/queries', {
    headers: { authorization: `Bearer ${who.token}` },
    json: body,
  });
}

function shaped(res: HttpResponse): Record<string, unknown> {
  const body = res.json();
  expect(graphBodyProblems(body, {}), res.text.slice(0, 1000)).toEqual([]);
  return body;
}

async function allRecords(who: { browser: Browser; token: string }, id: string): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  for (let link: string | undefined = `/security/auditLog/queries/${id}/records`; link;) {
    const res = await graph(who.browser, link, who.token);
    expect(res.status, res.text).toBe(200);
    const page = shaped(res) as { value: Array<Record<string, unknown>>; '@odata.nextLink'?: string };
    out.push(...page.value);
    link = page['@odata.nextLink'];
  }
  return out;
}

describe('the audit search query lifecycle', () => {
  it('runs a query for minutes on the tenant clock, then serves its records page by page in the CSDL shapes', async () => {
    const who = await signedIn(['AuditLogsQuery-SharePoint.Read.All']);
    tenant.control.setAuditSearch({ runMs: 5 * 60_000 });
    const now = tenant.control.now();
    const created = await create(who, auditQueryBody('sharepoint', now - 7 * DAY, now));
    expect(created.status, created.text).toBe(201);
    const query = shaped(created);
    expect(query).toMatchObject({ status: 'notStarted', serviceFilters: ['SharePoint'] });
    const id = String(query.id);

    tenant.control.advanceTime(60_000);
    const running = await graph(who.browser, `/security/auditLog/queries/${id}`, who.token);
    expect(shaped(running).status).toBe('running');
    // Not documented; the product never asks before the query succeeded.
    const early = await graph(who.browser, `/security/auditLog/queries/${id}/records`, who.token);
    expect(early.status).toBe(400);
    expect(graphErrorBodyProblems(early.json())).toEqual([]);

    tenant.control.advanceTime(4 * 60_000);
    expect(shaped(await graph(who.browser, `/security/auditLog/queries/${id}`, who.token)).status).toBe('succeeded');
    tenant.control.setAuditSearch({ recordsPerDay: 600 });
    const records = await allRecords(who, id);
    // 600 a day, a third of them SharePoint's, over 7 days: more than one page of 1,000.
    expect(records.length).toBeGreaterThan(1000);
    expect(new Set(records.map((r) => r.service))).toEqual(new Set(['SharePoint']));
    expect(records.every((r) => Date.parse(String(r.createdDateTime)) >= now - 7 * DAY - 1000)).toBe(true);
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
  });

  it('generates the history for as many days as told, and keeps what a query found from its first read', async () => {
    const who = await signedIn(['AuditLogsQuery.Read.All']);
    tenant.control.setAuditSearch({ recordsPerDay: 300, days: 7 });
    const now = tenant.control.now();
    const query = shaped(
      await create(who, { filterStartDateTime: new Date(now - 30 * DAY).toISOString(), filterEndDateTime: new Date(now).toISOString() }),
    );
    const first = await graph(who.browser, `/security/auditLog/queries/${String(query.id)}/records`, who.token);
    expect(first.status, first.text).toBe(200);
    // A history resized after the first page does not change the query's later pages (nor how many there are).
    tenant.control.setAuditSearch({ recordsPerDay: 30, days: 30 });
    const records = await allRecords(who, String(query.id));
    expect(records.length).toBe(7 * 300);
    expect(records.every((r) => Date.parse(String(r.createdDateTime)) >= now - 7 * DAY - 60_000)).toBe(true);
    expect(new Set(records.map((r) => r.service))).toEqual(new Set(['Exchange', 'SharePoint', 'OneDrive']));
    // A new query finds the resized history: 30 days of 30.
    const later = shaped(
      await create(who, { filterStartDateTime: new Date(now - 31 * DAY).toISOString(), filterEndDateTime: new Date(now).toISOString() }),
    );
    expect((await allRecords(who, String(later.id))).length).toBe(30 * 30);
  });

  it('fails a query when told, and answers 404 for one it does not know', async () => {
    const who = await signedIn(['AuditLogsQuery-Exchange.Read.All']);
    tenant.control.setAuditSearch({ failNext: 1 });
    const now = tenant.control.now();
    const failed = shaped(await create(who, auditQueryBody('exchange', now - DAY, now)));
    expect(failed.status).toBe('failed');
    const next = shaped(await create(who, auditQueryBody('exchange', now - DAY, now)));
    expect(next.status).toBe('succeeded');
    // Of one service only: another service's query that reaches the tenant first does not take the failure.
    tenant.control.setAuditSearch({ failNext: 1, failNextOf: 'SharePoint' });
    expect(shaped(await create(who, auditQueryBody('exchange', now - DAY, now))).status).toBe('succeeded');
    expect(shaped(await create(who, auditQueryBody('sharepoint', now - DAY, now))).status).toBe('failed');
    expect(shaped(await create(who, auditQueryBody('sharepoint', now - DAY, now))).status).toBe('succeeded');
    const missing = await graph(who.browser, '/security/auditLog/queries/00000000-0000-0000-0000-000000000000', who.token);
    expect(missing.status).toBe(404);
    expect(graphErrorBodyProblems(missing.json())).toEqual([]);
  });

  it('finds only the records of the services the token’s permissions reach', async () => {
    const who = await signedIn(['AuditLogsQuery-Exchange.Read.All']);
    const now = tenant.control.now();
    const all = shaped(
      await create(who, { filterStartDateTime: new Date(now - DAY).toISOString(), filterEndDateTime: new Date(now).toISOString() }),
    );
    const records = await allRecords(who, String(all.id));
    expect(records.length).toBeGreaterThan(0);
    expect(new Set(records.map((r) => r.service))).toEqual(new Set(['Exchange']));
  });

  it('refuses a token without an audit search permission, and a tenant without audit search', async () => {
    const plain = await signedIn([]);
    const refused = await create(plain, auditQueryBody('onedrive', 0, 1));
    expect(refused.status).toBe(403);
    expect(graphErrorBodyProblems(refused.json())).toEqual([]);
    const who = await signedIn(['AuditLogsQuery-OneDrive.Read.All']);
    tenant.control.setAuditSearch({ available: false });
    const off = await create(who, auditQueryBody('onedrive', 0, 1));
    expect(off.status).toBe(403);
    expect(off.json()).toMatchObject({ error: { code: 'Authorization_RequestDenied' } });
  });

  it('reads the CSDL’s serviceFilters, not the create page’s serviceFilter', async () => {
    const who = await signedIn(['AuditLogsQuery-OneDrive.Read.All']);
    const res = await create(who, { serviceFilter: 'OneDrive' });
    expect(res.status).toBe(400);
  });
});
