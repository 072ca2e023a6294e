import { describe, expect, it, vi } from 'vitest';
import type { AppDB } from '../../../lib/db/app-db';
import type { ActivityEvent, AuditSearchRecord, ServiceId, TenantRecord } from '../../../lib/db/types';
import { brief, phrase } from '../../../lib/errors/phrase';
import { scopesFor } from '../../../lib/connectors/services';
import { backfillActivity, syncDirectory } from '../../../lib/sync';
import { mapAuditRecord } from '../../../lib/sync/activity-map';
import {
  auditQueryBody,
  auditSearchBlocked,
  type LeasedWrite,
  nextWindow,
  parseAuditQuery,
  QUERY_GIVE_UP_MS,
  queryOutcome,
  refreshAuditSearch,
} from '../../../lib/sync/audit-search';
import { auditSearchNotes } from '../../../lib/activity/audit-search-notes';
import { GRAPH_SCOPES } from '../../emulator/test-support';
import { depsFor, type TestTenant, useSyncTenant } from './harness';
import { allEvents } from '../stored-events';

const DAY = 24 * 60 * 60 * 1000;
const ALL: ServiceId[] = ['exchange', 'sharepoint', 'onedrive'];
const AUDIT_SCOPES = ['AuditLogsQuery-Exchange.Read.All', 'AuditLogsQuery-SharePoint.Read.All', 'AuditLogsQuery-OneDrive.Read.All'];

describe('the audit search, pure parts', () => {
  it.each([
    ['succeeded', 0, 'read'],
    ['notStarted', 0, 'wait'],
    ['running', QUERY_GIVE_UP_MS - 1, 'wait'],
    ['running', QUERY_GIVE_UP_MS, 'stale'],
    ['failed', 0, 'failed'],
    ['cancelled', 0, 'failed'],
    ['unknownFutureValue', 0, 'failed'],
  ] as const)('a query %s for %i ms: %s', (status, age, outcome) => {
    expect(queryOutcome(status, 1_000, 1_000 + age)).toBe(outcome);
  });

  it('asks for one service by its workload in serviceFilters (the CSDL property), over the window in whole seconds', () => {
    expect(auditQueryBody('onedrive', Date.UTC(2026, 11, 1, 0, 0, 0, 123), Date.UTC(2026, 11, 8))).toEqual({
      filterStartDateTime: '2026-12-01T00:00:00Z',
      filterEndDateTime: '2026-12-08T00:00:00Z',
      serviceFilters: ['OneDrive'],
    });
    expect(auditQueryBody('exchange', 0, 0).serviceFilters).toEqual(['Exchange']);
    expect(auditQueryBody('sharepoint', 0, 0).serviceFilters).toEqual(['SharePoint']);
  });

  it('starts the next window where the events are read, never before the 7-day window', () => {
    const since = 10 * DAY;
    expect(nextWindow(undefined, since, 20 * DAY)).toEqual({ from: since, to: 20 * DAY });
    expect(nextWindow({ tenantId: 't', service: 'exchange', coveredUntil: 15 * DAY }, since, 20 * DAY)).toEqual({
      from: 15 * DAY,
      to: 20 * DAY,
    });
    expect(nextWindow({ tenantId: 't', service: 'exchange', coveredUntil: 2 * DAY }, since, 20 * DAY)).toEqual({
      from: since,
      to: 20 * DAY,
    });
  });

  it('reads an auditLogQuery answer, and nothing else', () => {
    expect(parseAuditQuery('{"id":"q1","status":"running","serviceFilters":["Exchange"]}')).toEqual({ id: 'q1', status: 'running' });
    expect(parseAuditQuery('{"id":"","status":"running"}')).toBeUndefined();
    expect(parseAuditQuery('{"id":"q1"}')).toBeUndefined();
    expect(parseAuditQuery('not json')).toBeUndefined();
  });

  it('is offered in the global service (and the local tenant) only', () => {
    expect(auditSearchBlocked({ cloud: 'worldwide' })).toBeUndefined();
    expect(auditSearchBlocked({ cloud: 'local' })).toBeUndefined();
    for (const cloud of ['usgov', 'usgov-dod', 'china'] as const) {
      expect(auditSearchBlocked({ cloud })).toMatchObject({ code: 'activity_audit_search_cloud' });
    }
  });

  it('asks for each service’s audit permission with the service, and none in a national cloud', () => {
    expect(scopesFor(['exchange'])).toContain('AuditLogsQuery-Exchange.Read.All');
    expect(scopesFor(['exchange'])).not.toContain('AuditLogsQuery-OneDrive.Read.All');
    expect(scopesFor(ALL)).toEqual(expect.arrayContaining(AUDIT_SCOPES));
    expect(scopesFor(ALL).some((scope) => scope.startsWith('AuditLogsQuery'))).toBe(true);
    expect(scopesFor(ALL, 'usgov').some((scope) => scope.startsWith('AuditLogsQuery'))).toBe(false);
    expect(scopesFor(ALL, 'china').some((scope) => scope.startsWith('AuditLogsQuery'))).toBe(false);
  });

  it('maps a record by its workload, in Microsoft’s words, with its user', () => {
    const raw = {
      id: 'r1',
      createdDateTime: '2026-12-01T10:00:00Z',
      operation: 'FileUploaded',
      service: 'OneDrive',
      objectId: 'https://contoso-my.sharepoint.com/personal/megan/Documents/a.xlsx',
      userPrincipalName: 'megan@contoso.com',
    };
    expect(mapAuditRecord('t', raw, 'sharepoint')).toEqual({
      tenantId: 't',
      id: 'r1',
      kind: 'auditSearch',
      service: 'onedrive',
      occurredAt: Date.parse('2026-12-01T10:00:00Z'),
      summary: phrase('sync_auditTarget', 'FileUploaded', raw.objectId),
      actor: 'megan@contoso.com',
    });
    // An unknown workload: the service whose query found it.
    expect(mapAuditRecord('t', { ...raw, service: 'Something' }, 'sharepoint')?.service).toBe('sharepoint');
    expect(mapAuditRecord('t', { ...raw, objectId: undefined }, 'onedrive')?.summary).toBe('FileUploaded');
    expect(mapAuditRecord('t', { ...raw, createdDateTime: 'x' }, 'onedrive')).toBeUndefined();
    expect(mapAuditRecord('t', { ...raw, id: undefined }, 'onedrive')).toBeUndefined();
  });

  it('says why a connected service’s events are missing (a shared reason once), or that they come later', () => {
    const cloud = { code: 'activity_audit_search_cloud' as const, params: ['x'] };
    const records: AuditSearchRecord[] = [
      { tenantId: 't', service: 'exchange', unavailable: cloud },
      { tenantId: 't', service: 'sharepoint', unavailable: cloud },
      { tenantId: 't', service: 'onedrive', query: { id: 'q', from: 0, to: 1, startedAt: 1 } },
    ];
    expect(auditSearchNotes(records, ALL)).toEqual([
      { kind: 'unavailable', error: cloud },
      { kind: 'pending', words: phrase('activityHistory_auditSearchPending', phrase('connectors_oneDrive')) },
    ]);
    // A running query after events were read is the routine refresh; a disconnected service says nothing.
    expect(auditSearchNotes([{ ...records[2]!, coveredUntil: 1 }], ALL)).toEqual([]);
    expect(auditSearchNotes(records, ['onedrive'])).toHaveLength(1);
  });
});

describe('the audit search against the local tenant', () => {
  let t: TestTenant;
  let db: AppDB;
  useSyncTenant(
    { users: 20, groups: 2 },
    (tenant, fresh) => {
      t = tenant;
      db = fresh;
    },
    [...GRAPH_SCOPES, ...AUDIT_SCOPES],
  );

  const granted = (services = ALL) => ({ services, scopes: scopesFor(services, 'local') });
  const audited = async (): Promise<ActivityEvent[]> =>
    (await allEvents(db)).filter((event) => event.tenantId === t.org.tenantId && event.kind === 'auditSearch');
  const posts = () => t.tenant.control.requests().filter((r) => r.method === 'POST' && r.path === '/v1.0/security/auditLog/queries');
  const recordOf = (service: ServiceId) => db.auditSearches.get([t.org.tenantId, service]);

  it('fills the 7 days with each service’s own events when Microsoft ends the query at once', async () => {
    const before = Date.now();
    const result = await backfillActivity(depsFor(t, db), t.record, 7, undefined, granted());
    const events = await audited();
    expect(new Set(events.map((e) => e.service))).toEqual(new Set(ALL));
    expect(events.every((e) => e.occurredAt >= before - 7 * DAY - 1000)).toBe(true);
    expect(result.added).toBeGreaterThanOrEqual(events.length);
    expect(result.auditSearchPending).toBeUndefined();
    expect(result.notes).toBeUndefined();
    expect(posts()).toHaveLength(3);
    for (const service of ALL) {
      const record = await recordOf(service);
      expect(record?.coveredUntil).toBeGreaterThanOrEqual(before);
      // The next query was not started in the same run: the one just read covered until now.
      expect(record?.query).toBeUndefined();
    }
    // Only the services chosen: a grant of Exchange asks for Exchange's events only.
    t.tenant.control.clearRequests();
    await db.eventBatches.clear();
    await db.auditSearches.clear();
    await backfillActivity(depsFor(t, db), t.record, 7, undefined, granted(['exchange']));
    expect(posts()).toHaveLength(1);
    expect(new Set((await audited()).map((e) => e.service))).toEqual(new Set(['exchange']));
  });

  it('asks for the services’ events beside the two logs, each service beside the others, not after them', async () => {
    // The logs answer slowly; read one after another, the first query would be asked for only after both logs.
    // So do the audit searches: one service after another, the next query would be asked for a turn later.
    const LOG_MS = 400;
    const QUERY_MS = 300;
    t.tenant.control.clearRequests();
    t.tenant.control.setLatency({ path: '/auditLogs/', ms: LOG_MS });
    t.tenant.control.setLatency({ path: '/auditLog/queries', ms: QUERY_MS });
    try {
      await backfillActivity(depsFor(t, db), t.record, 7, undefined, granted());
    } finally {
      t.tenant.control.setLatency({ path: '/auditLogs/', ms: 0 });
      t.tenant.control.setLatency({ path: '/auditLog/queries', ms: 0 });
    }
    const requests = t.tenant.control.requests();
    const firstLog = Math.min(...requests.filter((r) => r.path.includes('/auditLogs/')).map((r) => r.time));
    const queries = posts().map((r) => r.time);
    expect(queries).toHaveLength(3);
    // Every service's query was asked for before the first log could answer, and before any query was answered.
    expect(Math.max(...queries)).toBeLessThan(firstLog + LOG_MS);
    expect(Math.max(...queries)).toBeLessThan(Math.min(...queries) + QUERY_MS);
  });

  it('asks for the next page of records while one is stored, and reads the stored ids once for all services', async () => {
    // 900 a day over 7 days: 2,100 records a service, three pages of the local tenant's 1,000 each.
    t.tenant.control.setAuditSearch({ recordsPerDay: 900 });
    const since = Date.now() - 7 * DAY;
    const recordPages = () => t.tenant.control.requests().filter((r) => r.method === 'GET' && r.path.endsWith('/records')).length;
    let stores = 0;
    const overlapped: boolean[] = [];
    const write: LeasedWrite = async (fn) => {
      // Read one page at a time, page n+1 is asked for only after page n is stored: wait a moment to see it asked.
      const deadline = Date.now() + 300;
      while (recordPages() < stores + 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      const asked = recordPages() >= stores + 2;
      const result = await fn();
      if (typeof result === 'number') {
        overlapped.push(asked);
        stores++;
      }
      return result;
    };
    await refreshAuditSearch(depsFor(t, db), t.record, ['sharepoint'], AUDIT_SCOPES, since, write);
    // The first two pages were stored while the next one was asked for; the last had no next.
    expect(overlapped).toEqual([true, true, false]);
    expect((await audited()).length).toBeGreaterThan(2000);

    await db.eventBatches.clear();
    await db.auditSearches.clear();
    const keyReads = vi.spyOn(db.eventBatches, 'where');
    const result = await refreshAuditSearch(depsFor(t, db), t.record, ALL, AUDIT_SCOPES, since, (fn) => fn());
    const idReads = keyReads.mock.calls.filter(([index]) => typeof index === 'string' && index === ':id').length;
    // One read of the stored ids for the three services (each service's ids never come back in another's query).
    expect(idReads).toBe(1);
    const events = await audited();
    expect(new Set(events.map((e) => e.service))).toEqual(new Set(ALL));
    expect(events.length).toBeGreaterThan(3 * 2000);
    expect(result.added).toBe(events.length);
  });

  it('never waits for a slow query: a later run reads it, and starts the next one', async () => {
    t.tenant.control.setAuditSearch({ runMs: 10 * 60_000 });
    const first = await backfillActivity(depsFor(t, db), t.record, 7, undefined, granted());
    expect(first.auditSearchPending).toEqual(ALL);
    expect(await audited()).toEqual([]);
    const running = await recordOf('sharepoint');
    expect(running?.query?.id).toBeTruthy();

    // Still running on the next run: asked once, left alone, nothing new started.
    t.tenant.control.clearRequests();
    const second = await backfillActivity(depsFor(t, db), t.record, 7, undefined, granted());
    expect(second.auditSearchPending).toEqual(ALL);
    expect(posts()).toHaveLength(0);
    expect((await recordOf('sharepoint'))?.query?.id).toBe(running?.query?.id);

    // Minutes later on Microsoft's clock: read, then the next query started from where the events are read.
    t.tenant.control.advanceTime(10 * 60_000);
    t.tenant.control.clearRequests();
    await backfillActivity(depsFor(t, db), t.record, 7, undefined, granted());
    expect(new Set((await audited()).map((e) => e.service))).toEqual(new Set(ALL));
    expect(posts()).toHaveLength(3);
    const after = await recordOf('sharepoint');
    expect(after?.query?.id).not.toBe(running?.query?.id);
    expect(after?.query?.from).toBe(running?.query?.to);
    expect(after?.coveredUntil).toBe(running?.query?.to);
  });

  it('notes a failed query and asks again; the next run reads it, and nothing is stored twice', async () => {
    t.tenant.control.setAuditSearch({ failNext: 1 });
    const failed = await backfillActivity(depsFor(t, db), t.record, 7, undefined, granted(['exchange']));
    expect(failed.notes).toEqual([{ code: 'activity_audit_search_failed', params: [phrase('connectors_exchangeOnline')] }]);
    // The failed query is dropped; the next run asks again, and reads what Microsoft found.
    expect((await recordOf('exchange'))?.query).toBeUndefined();
    expect(await audited()).toEqual([]);
    const retried = await backfillActivity(depsFor(t, db), t.record, 7, undefined, granted(['exchange']));
    expect(retried.notes).toBeUndefined();
    const events = await audited();
    expect(events.length).toBeGreaterThan(0);
    await backfillActivity(depsFor(t, db), t.record, 7, undefined, granted(['exchange']));
    const again = await audited();
    expect(new Set(again.map((e) => e.id)).size).toBe(again.length);
    expect(again.length).toBeGreaterThanOrEqual(events.length);
  });

  it('where the tenant has no audit search, notes Graph’s refusal per service and still reads the sign-ins', async () => {
    t.tenant.control.setAuditSearch({ available: false });
    const result = await backfillActivity(depsFor(t, db), t.record, 7, undefined, granted());
    expect(result).toMatchObject({ signInsAvailable: true, auditsAvailable: true });
    expect(result.notes).toHaveLength(3);
    expect(result.notes?.[0]).toMatchObject({
      code: 'activity_audit_search_unread',
      params: [phrase('connectors_exchangeOnline'), brief({ code: 'graph_forbidden' })],
    });
    expect(await audited()).toEqual([]);
    expect((await recordOf('onedrive'))?.unavailable?.code).toBe('activity_audit_search_unread');
    // Once it can be read, the reason goes.
    t.tenant.control.setAuditSearch({ available: true });
    await backfillActivity(depsFor(t, db), t.record, 7, undefined, granted());
    expect((await recordOf('onedrive'))?.unavailable).toBeUndefined();
    expect((await audited()).length).toBeGreaterThan(0);
  });

  it('asks nothing in a national cloud, or for a service whose permission the grant lacks, and says so', async () => {
    const usgov: TenantRecord = { ...t.record, cloud: 'usgov' };
    const national = await backfillActivity(depsFor(t, db), usgov, 7, undefined, granted());
    expect(national.notes).toEqual([{ code: 'activity_audit_search_cloud', params: [phrase('config_cloudUsGov')] }]);
    expect(posts()).toHaveLength(0);
    const old = await backfillActivity(depsFor(t, db), t.record, 7, undefined, {
      services: ALL,
      scopes: scopesFor(ALL).filter((s) => s !== 'AuditLogsQuery-OneDrive.Read.All'),
    });
    expect(old.notes).toEqual([{ code: 'activity_audit_search_not_granted', params: [phrase('connectors_oneDrive')] }]);
    expect(posts()).toHaveLength(2);
  });

  it('a sync keeps the connected services’ events current, under its lease', async () => {
    for (const service of ALL) await db.connectors.put({ id: `${t.org.tenantId}:${service}`, tenantId: t.org.tenantId, service });
    const tenant: TenantRecord = {
      ...t.record,
      grant: {
        scopes: scopesFor(ALL, 'local'),
        grantedAt: 0,
        expiresOn: Date.now() + 3_600_000,
        refreshHorizon: Date.now() + DAY,
        lastValidatedAt: 0,
      },
    };
    const run = await syncDirectory(depsFor(t, db), tenant, 'manual');
    expect(run.outcome).toBe('success');
    expect(new Set((await audited()).map((e) => e.service))).toEqual(new Set(ALL));
  });
});
