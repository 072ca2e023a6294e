import { describe, expect, it } from 'vitest';
import type { AppDB } from '../../../lib/db/app-db';
import { phrase } from '../../../lib/errors/phrase';
import { syncDirectory } from '../../../lib/sync';
import { graphTime } from '../../../lib/sync/activity-map';
import { eventsSince } from '../../../lib/store/events';
import { depsFor, type TestTenant, useSyncTenant } from './harness';
import { allEvents, putEvents } from '../stored-events';
import { TRIM_AFTER_MS } from '../../../lib/store/events';

// The 7-day activity is refreshed and pruned by every sync, not only read once at the grant (issue #15, item 4): the
// local tenant's clock moves 8 days ahead and the sync's clock with it.

let t: TestTenant;
let db: AppDB;

useSyncTenant({ users: 40, groups: 4 }, (tenant, fresh) => {
  t = tenant;
  db = fresh;
});

const WEEK = 7 * 86_400_000;
const DAY = 86_400_000;

/** The tenant's events, oldest first. */
const eventsOf = async () => (await eventsSince(db, t.org.tenantId, -Infinity)).sort((a, b) => a.occurredAt - b.occurredAt);

/** The sync's deps on the tenant's clock. */
const onTenantClock = () => depsFor(t, db, { now: () => t.tenant.control.now() });

describe('activity on every sync', () => {
  it.each(['schedule', 'manual', 'resume'] as const)(
    'a %s sync 8 days later keeps only the last 7 days and picks up what is new',
    async (trigger) => {
      const first = await syncDirectory(onTenantClock(), t.record, trigger);
      expect(first).toMatchObject({ outcome: 'success', kind: 'full' });
      const before = await eventsOf();
      expect(before.length).toBeGreaterThan(0);
      expect(before[0]!.occurredAt).toBeGreaterThanOrEqual(t.tenant.control.now() - WEEK);

      // Eight days on: everything read so far is past the window, and the admin adds a user meanwhile.
      t.tenant.control.advanceTime(8 * DAY);
      t.forgetToken();
      const added = t.tenant.control.addUser({ displayName: 'Later Lena' });
      const second = await syncDirectory(onTenantClock(), t.record, trigger);
      expect(second.outcome).toBe('success');

      const after = await eventsOf();
      const now = t.tenant.control.now();
      expect(after.length).toBeGreaterThan(0);
      expect(after.every((event) => event.occurredAt >= now - WEEK && event.occurredAt <= now)).toBe(true);
      expect(after.some((event) => before.some((old) => old.id === event.id))).toBe(false);
      expect(
        after.some(
          (event) => JSON.stringify(event.summary) === JSON.stringify(phrase('sync_auditTarget', 'Add user', added.userPrincipalName)),
        ),
      ).toBe(true);
    },
    30_000,
  );

  it('an incremental sync reads only what is newer than the newest stored event', async () => {
    await syncDirectory(onTenantClock(), t.record, 'schedule');
    const newest = (await allEvents(db)).filter((event) => event.kind === 'directoryAudit').at(-1);
    t.tenant.control.advanceTime(DAY);
    t.forgetToken();
    t.tenant.control.addUser({ displayName: 'Next Nina' });
    t.tenant.control.clearRequests();
    const run = await syncDirectory(onTenantClock(), t.record, 'schedule');
    expect(run).toMatchObject({ outcome: 'success', kind: 'incremental' });
    const audits = t.tenant.control.requests().filter((r) => r.path === '/v1.0/auditLogs/directoryAudits');
    expect(audits).toHaveLength(1);
    expect(new URLSearchParams(audits[0]!.query).get('$filter')).toBe(`activityDateTime ge ${graphTime(newest!.occurredAt)}`);
  }, 30_000);

  it("the grant's own sync leaves the activity to the grant's next step", async () => {
    t.tenant.control.clearRequests();
    await syncDirectory(onTenantClock(), t.record, 'grant');
    expect(t.tenant.control.requests().filter((r) => r.path.startsWith('/v1.0/auditLogs/'))).toHaveLength(0);
    expect(await allEvents(db)).toHaveLength(0);
  });

  it('a sync that fails still prunes what is past the window', async () => {
    const now = t.tenant.control.now();
    const event = { tenantId: t.org.tenantId, kind: 'signIn' as const, service: 'entra' as const, summary: 'x' };
    await putEvents(db, [
      // Stored beside a newer one: dropped once it is past the window by more than the batches' slack.
      { ...event, id: 'old', occurredAt: now - WEEK - TRIM_AFTER_MS - 1 },
      { ...event, id: 'recent', occurredAt: now - DAY },
    ]);
    t.tenant.control.injectFault({ path: '/v1.0/users/delta', kind: 'malformed', count: Infinity });
    const run = await syncDirectory(onTenantClock(), t.record, 'schedule');
    expect(run.outcome).toBe('failed');
    const ids = (await eventsOf()).map((e) => e.id);
    expect(ids).toContain('recent');
    expect(ids).not.toContain('old');
  });

  it('reads the activity while the directory is written, not after it', async () => {
    expect((await syncDirectory(onTenantClock(), t.record, 'schedule')).outcome).toBe('success');
    for (let i = 0; i < 5; i++) t.tenant.control.addUser({ displayName: `Hire ${i}` });
    // Graph takes a second to answer the directory's page: the activity is asked for before that answer comes.
    const latency = 1000;
    t.tenant.control.setLatency({ path: '/v1.0/users/delta', ms: latency });
    t.tenant.control.clearRequests();
    const run = await syncDirectory(onTenantClock(), t.record, 'schedule');
    expect(run).toMatchObject({ outcome: 'success', kind: 'incremental', usersWritten: 5 });
    const log = t.tenant.control.requests();
    const audit = log.find((r) => r.path.startsWith('/v1.0/auditLogs/'));
    const users = log.filter((r) => r.path === '/v1.0/users/delta');
    expect(users).toHaveLength(1);
    expect(audit!.time).toBeLessThan(users[0]!.time + latency);
  }, 30_000);
});
