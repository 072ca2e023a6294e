import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDB } from '../../../lib/db/app-db';
import type { GrantRun } from '../../../lib/db/types';
import { say, sayError } from '../../../lib/errors/phrase';
import { buildSupportReport, readReportTenants, type ReportTenant, scrub } from '../../../lib/monitor/support-report';
import { leaksIn } from '../../e2e/harness/report-scan';
import { connector, HOUR, NOW, okCheck, run, SETTINGS, tenant } from './fixtures';

const WORDS = { say, sayError };
const CONTEXT = { now: NOW, extensionVersion: '1.4.2', browser: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0' };
// Entra's sample ids (MicrosoftDocs/entra-docs docs/identity-platform/reference-error-codes.md) and a Graph answer's.
const ENTRA = {
  aadsts: '50173',
  traceId: '0000aaaa-11bb-cccc-dd33-eeeeee333333',
  correlationId: 'aaaa0000-bb11-2222-33cc-444444dddddd',
  timestamp: '2016-01-09 02:02:12Z',
};
const GRAPH = {
  requestId: 'f88be238-1339-49c8-b03d-37f45d54761f',
  clientRequestId: '30d8081a-f3e8-73e0-2da4-3480fb56ccdb',
  timestamp: '2021-09-14T19:05:24',
};

// What the records may hold that the report must never show: the service account and the grant's account.
const UPN = 'adele.vance@contoso.onmicrosoft.com';
const NAME = 'Adele Vance';
const JWT = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJ1cG4iOiJhZGVsZSJ9.c2lnbmF0dXJlc2lnbmF0dXJl';
const REFRESH = '1.AQEAx9'.padEnd(120, 'Qk3Jd_Zs-');

let db: AppDB;
beforeEach(() => {
  db = new AppDB(`report-${Math.random()}`);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const grantRun = (patch: Partial<GrantRun>): GrantRun => ({
  id: 'g1',
  tenantId: 't1',
  kind: 'grant',
  services: ['exchange'],
  syncScope: { mode: 'all' },
  policyId: 'p',
  state: 'failed',
  steps: [],
  account: { homeAccountId: 'oid.t1', username: UPN, name: NAME, objectId: 'oid', tenantId: 't1' },
  startedAt: NOW - 3 * HOUR,
  updatedAt: NOW - 3 * HOUR,
  ...patch,
});

/** The records of a tenant whose grant was revoked, whose sync failed on Graph, whose grant failed once. */
async function seedFailures(): Promise<void> {
  await db.tenants.put({
    ...tenant,
    serviceAccountUpn: UPN,
    grant: { ...tenant.grant!, lastAuthError: { code: 'grant_revoked', at: NOW - 60_000, ids: ENTRA } },
  });
  await db.connectors.bulkPut([connector('exchange'), connector('onedrive')]);
  await db.checks.bulkAdd([
    okCheck({ at: NOW - 2 * HOUR }),
    okCheck({ at: NOW - 60_000, token: { ok: false, code: 'grant_revoked', silentSignInTried: false, ids: ENTRA }, graph: undefined }),
  ]);
  await db.syncRuns.add(
    run('failed', {
      startedAt: NOW - HOUR,
      finishedAt: NOW - HOUR + 5_000,
      reasonCode: 'graph_unavailable',
      reasonParams: [UPN],
      reasonIds: GRAPH,
    }),
  );
  await db.grantRuns.put(
    grantRun({
      error: { code: 'wrong_tenant', params: [UPN], step: 'sign_in', ids: { ...ENTRA, aadsts: '50020' } },
      finishedAt: NOW - 3 * HOUR,
    }),
  );
}

describe('the support report', () => {
  it("holds each failure's time, AADSTS code, trace_id, correlation_id, request-id and client-request-id", async () => {
    await seedFailures();
    const text = buildSupportReport(await readReportTenants(db, SETTINGS, NOW), CONTEXT, WORDS);
    expect(text).toContain('Extension version: 1.4.2');
    expect(text).toContain(`Browser: ${CONTEXT.browser}`);
    expect(text).toContain('Tenant Contoso, tenant ID t1');
    expect(text).toMatch(/Exchange Online: Access expired \(grant_revoked\)/);
    const token = text.slice(text.indexOf(new Date(NOW - 60_000).toISOString()));
    expect(token).toMatch(/^\S+ · token request of a check · grant_revoked: /);
    for (const line of [
      'AADSTS: AADSTS50173',
      `trace_id: ${ENTRA.traceId}`,
      `correlation_id: ${ENTRA.correlationId}`,
      `timestamp: ${ENTRA.timestamp}`,
    ])
      expect(token).toContain(line);
    expect(text).toContain(`${new Date(NOW - HOUR + 5_000).toISOString()} · directory sync · graph_unavailable`);
    expect(text).toContain(`request-id: ${GRAPH.requestId}`);
    expect(text).toContain(`client-request-id: ${GRAPH.clientRequestId}`);
    expect(text).toContain('grant access, step sign_in · wrong_tenant');
    expect(text).toContain('AADSTS: AADSTS50020');
    // Newest first.
    expect(text.indexOf('grant_revoked:')).toBeLessThan(text.indexOf('graph_unavailable:'));
    expect(text.indexOf('graph_unavailable:')).toBeLessThan(text.indexOf('wrong_tenant:'));
  });

  it('never holds a token, a name, a mail or a UPN, though the records beside the failures do', async () => {
    await seedFailures();
    const text = buildSupportReport(await readReportTenants(db, SETTINGS, NOW), CONTEXT, WORDS);
    expect(leaksIn(text, { names: [NAME, UPN, 'adele.vance'], tokens: [JWT, REFRESH] })).toEqual([]);
  });

  it('removes whatever looks like a token or a mail, even in a value a record should never have held', () => {
    const tenants: ReportTenant[] = [
      {
        tenant: { tenantId: 't1', displayName: `Contoso ${UPN}`, domain: JWT, cloud: 'worldwide', clientId: REFRESH },
        statuses: [],
        failures: [{ at: NOW, source: { kind: 'sync' }, code: 'graph_unavailable', ids: { requestId: JWT, clientRequestId: UPN } }],
      },
    ];
    const text = buildSupportReport(tenants, CONTEXT, WORDS);
    expect(leaksIn(text, { tokens: [JWT, REFRESH] })).toEqual([]);
    expect(scrub(`a ${UPN} b`)).toBe('a […] b');
  });

  it('says so when a tenant has no failure and when a failure came without ids', async () => {
    await db.tenants.put(tenant);
    await db.connectors.put(connector('exchange'));
    const quiet = buildSupportReport(await readReportTenants(db, SETTINGS, NOW), CONTEXT, WORDS);
    expect(quiet).toContain('No failure recorded.');
    await db.syncRuns.add(run('failed', { reasonCode: 'network_offline' }));
    const bare = buildSupportReport(await readReportTenants(db, SETTINGS, NOW), CONTEXT, WORDS);
    expect(bare).toContain('Microsoft gave no request ids for this failure.');
  });

  it('keeps the newest 10 failures of a tenant', async () => {
    await db.tenants.put(tenant);
    for (let i = 0; i < 14; i++)
      await db.syncRuns.add(
        run('failed', { startedAt: NOW - i * HOUR, reasonCode: 'graph_unavailable', reasonIds: { requestId: `r${i}` } }),
      );
    const text = buildSupportReport(await readReportTenants(db, SETTINGS, NOW), CONTEXT, WORDS);
    expect(text.match(/request-id: r\d+/g)).toEqual(Array.from({ length: 10 }, (_, i) => `request-id: r${i}`));
  });
});
