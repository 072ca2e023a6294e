import { describe, expect, it } from 'vitest';
import { timeAgo as ago } from '../../../lib/format/time-ago';
import {
  isOneLine,
  quickSections,
  quickStatus,
  type QuickFormat,
  type QuickStatusInput,
  type QuickTenantRow,
} from '../../../lib/monitor/quick-status';
import type { ConnectorServiceHealth } from '../../../lib/db/types';
import { LEASE_MS, RENEW_EVERY_MS } from '../../../lib/lease/lease';
import { connector, facts, HOUR, NOW, okCheck, run, SETTINGS, tenant } from './fixtures';

// Fixed words for times and numbers: "@<hours from NOW>" and en-US digits, so rows do not depend on the machine.
const FORMAT: QuickFormat = { clock: (ms) => `@${(ms - NOW) / HOUR}h`, number: (n) => n.toLocaleString('en-US') };
const MIN = 60_000;
// A lease of run `runId` renewed so that it runs out at `expiresAt` (lib/sync/run-state.ts reads its last renewal).
const lease = (runId: number, expiresAt: number) => ({
  tenantId: tenant.tenantId,
  ownerId: 'worker',
  token: 't',
  holder: 'sync' as const,
  syncRunId: runId,
  expiresAt: expiresAt,
});
const input = (patch: Partial<QuickStatusInput> = {}): QuickStatusInput => ({ ...facts(), userCount: 12_408, ...patch });
const row = (patch: Partial<QuickStatusInput> = {}): QuickTenantRow => quickStatus([input(patch)], SETTINGS, NOW, FORMAT)[0]!;
const failedToken = (code: string) => okCheck({ token: { ok: false, code: code as never, silentSignInTried: false }, graph: undefined });
const withHorizon = (ms: number, extra: Partial<NonNullable<typeof tenant.grant>> = {}) => ({
  tenant: { ...tenant, grant: { ...tenant.grant!, refreshHorizon: ms, ...extra } },
});

describe('ago', () => {
  it.each([
    [NOW, 'just now'],
    [NOW - 59_000, 'just now'],
    [NOW - 3 * MIN, '3 min ago'],
    [NOW - 59 * MIN, '59 min ago'],
    [NOW - 2 * HOUR, '2 h ago'],
    [NOW - 25 * HOUR, '1 day ago'],
    [NOW - 72 * HOUR, '3 days ago'],
    [NOW + 5 * MIN, 'just now'],
  ])('%i → %s', (at, words) => expect(ago(at, NOW)).toBe(words));
});

describe('quickStatus: the token horizon in words', () => {
  it.each<[string, Partial<QuickStatusInput>, string, string]>([
    ['far away', withHorizon(NOW + 20 * HOUR), 'Renews by @20h', 'ok'],
    ['within the warning hours', withHorizon(NOW + 3 * HOUR), 'Renewal due by @3h', 'warning'],
    ['passed, seen online', withHorizon(NOW - 2 * HOUR), 'Expired 2 h ago', 'error'],
    ['passed while offline (no verdict)', { ...withHorizon(NOW - 2 * HOUR), offline: true }, 'Renewal was due by @-2h', 'warning'],
    [
      'grant revoked before the horizon',
      {
        ...withHorizon(NOW + 20 * HOUR, { lastAuthError: { code: 'grant_revoked', at: NOW - 5 * MIN } }),
        lastOnlineCheck: failedToken('grant_revoked'),
      },
      'Expired — found 5 min ago',
      'error',
    ],
  ])('%s', (_, patch, text, severity) => expect(row(patch).horizon).toEqual({ text, severity }));

  it('has no horizon before the first grant', () => {
    expect(row({ tenant: { ...tenant, homeAccountId: undefined, grant: undefined } }).horizon).toBeUndefined();
  });
});

describe('quickStatus: the last sync in words', () => {
  it.each<[string, Partial<QuickStatusInput>, string]>([
    ['after a sync', { connectors: [connector('exchange', { lastSyncAt: NOW - 3 * MIN })] }, '3 min ago, 12,408 users'],
    ['the newer of connector and run', { lastSyncRun: run('success', { finishedAt: NOW - MIN }) }, '1 min ago, 12,408 users'],
    ['one user', { userCount: 1 }, '1 h ago, 1 user'],
    ['running', { lastSyncRun: run('running', { progress: { done: 1_200, total: 12_408 } }) }, 'Syncing now: 1,200 of 12,408 objects'],
    [
      'running, its lease renewed on time',
      { lastSyncRun: run('running', { id: 7, progress: { done: 40 } }), syncLease: lease(7, NOW + LEASE_MS - RENEW_EVERY_MS) },
      'Syncing now: 40 objects',
    ],
    [
      'interrupted: two renewals of its lease missed',
      { lastSyncRun: run('running', { id: 7, progress: { done: 40 } }), syncLease: lease(7, NOW - HOUR / 2) },
      'Sync interrupted; it goes on by itself at @-0.5h',
    ],
    ['failed', { lastSyncRun: run('failed', { finishedAt: NOW - 2 * HOUR }) }, 'Failed 2 h ago; 12,408 users mirrored'],
    ['never', { connectors: [connector('exchange', { lastSyncAt: undefined })], userCount: 0 }, 'Not synced yet'],
  ])('%s', (_, patch, words) => expect(row(patch).lastSync).toBe(words));
});

describe('quickStatus: statuses, fixes and actions', () => {
  it('connected: the state in words, no fix, re-grant and sync still one click away', () => {
    const r = row({ connectors: [connector('onedrive'), connector('exchange')] });
    expect(r.connectors.map((c) => [c.serviceLabel, c.label, c.severity])).toEqual([
      ['Exchange Online', 'Connected', 'ok'],
      ['OneDrive', 'Connected', 'ok'],
    ]);
    expect(r).toMatchObject({ severity: 'ok', fixes: [], more: ['regrant', 'sync_now', 'open_console'], canGrant: true });
  });

  it('expired: red, the reason, re-grant is the fix', () => {
    const r = row({ lastOnlineCheck: failedToken('grant_revoked') });
    expect(r.severity).toBe('error');
    expect(r.connectors[0]).toMatchObject({ label: 'Access expired', severity: 'error' });
    expect(r.connectors[0]!.reason).toMatchObject({ code: expect.any(String) as unknown });
    expect(r.fixes).toEqual(['regrant']);
    expect(r.more).toEqual(['sync_now', 'open_console']);
  });

  it('sync failed: sync now is the fix; in selected scope the console is (no manual sync there)', () => {
    expect(row({ lastSyncRun: run('failed') }).fixes).toEqual(['sync_now']);
    const selected = row({ tenant: { ...tenant, syncScope: { mode: 'selected', userIds: [], groupIds: [] } }, lastSyncRun: run('failed') });
    expect(selected.fixes).toEqual(['open_console']);
    expect(selected.more).toEqual(['regrant']);
  });

  it('fixes come worst first: re-grant (red) before sync now (amber)', () => {
    const r = row({
      connectors: [connector('exchange', { lastSyncAt: NOW - 100 * HOUR }), connector('sharepoint', { lastSyncAt: NOW - 100 * HOUR })],
      lastOnlineCheck: okCheck({ graph: { globalAdmin: true, probes: { exchange: 'ok', sharepoint: 'forbidden' } } }),
    });
    expect(r.connectors.map((c) => c.label)).toEqual(['Sync stale', 'Permission missing']);
    expect(r.fixes).toEqual(['regrant', 'sync_now']);
  });

  it.each(['entra_unavailable', 'auth_timed_out', 'network_unreachable'])(
    'a check that found nothing out (%s) says it could not check, never expired',
    (code) => {
      const r = row({ ...withHorizon(NOW + 20 * HOUR), lastOnlineCheck: failedToken(code) });
      expect(r.lastCheck).toMatch(/^Could not check .* the next check retries$/);
      expect(r.connectors[0]!.label).toBe('Connected');
      expect(r.horizon?.severity).toBe('ok');
      expect(row({ lastOnlineCheck: failedToken('grant_revoked') }).lastCheck).toMatch(/^Checked /);
    },
  );

  it('offline: says so with the last check time, never expired', () => {
    const r = row({ offline: true, ...withHorizon(NOW - HOUR), lastOnlineCheck: okCheck({ at: NOW - 2 * HOUR }) });
    expect(r.offline).toBe('Offline — last checked @-2h');
    expect(r.connectors[0]!.label).not.toBe('Access expired');
    expect(row({ offline: true, lastOnlineCheck: undefined }).offline).toBe('Offline — not checked yet');
    expect(row().offline).toBeUndefined();
  });

  it('a tenant with all three services cannot grant more; one without any offers the console and a grant', () => {
    expect(row({ connectors: [connector('exchange'), connector('sharepoint'), connector('onedrive')] }).canGrant).toBe(false);
    const fresh = row({ tenant: { ...tenant, homeAccountId: undefined, grant: undefined }, connectors: [], userCount: 0 });
    expect(fresh).toMatchObject({ connectors: [], canGrant: true, fixes: [], more: ['open_console'], lastSync: undefined });
  });

  it('orders tenants worst first, then by name', () => {
    const named = (displayName: string, patch: Partial<QuickStatusInput> = {}) =>
      input({ tenant: { ...tenant, tenantId: displayName, displayName }, ...patch });
    const rows = quickStatus(
      [named('Beta'), named('Alpha'), named('Zulu', { lastOnlineCheck: failedToken('grant_revoked') })],
      SETTINGS,
      NOW,
      FORMAT,
    );
    expect(rows.map((r) => r.displayName)).toEqual(['Zulu', 'Alpha', 'Beta']);
  });
});

// Issue #17: the popup reads at a glance with many tenants.
const ALL = () => [connector('exchange'), connector('sharepoint'), connector('onedrive')];
const healthy = (status: string, state: ConnectorServiceHealth['state'], at = NOW - MIN): ConnectorServiceHealth => ({
  state,
  status,
  checkedAt: at,
});
const lines = (r: QuickTenantRow) => r.states.map((l) => [l.label, l.connectors.map((c) => c.service), l.reason !== undefined]);

describe('quickStatus: a state and its reason said once per tenant', () => {
  it.each<[string, Partial<QuickStatusInput>, Array<[string, string[], boolean]>]>([
    [
      'the grant revoked: one line for the three services, the reason once',
      { connectors: ALL(), lastOnlineCheck: failedToken('grant_revoked') },
      [['Access expired', ['exchange', 'sharepoint', 'onedrive'], true]],
    ],
    ['all well: one line, no reason', { connectors: ALL() }, [['Connected', ['exchange', 'sharepoint', 'onedrive'], false]]],
    [
      'two services stale for one cause, one connected: worst first',
      {
        connectors: [
          connector('exchange', { lastSyncAt: NOW - 100 * HOUR }),
          connector('sharepoint'),
          connector('onedrive', { lastSyncAt: NOW - 100 * HOUR }),
        ],
      },
      [
        ['Sync stale', ['exchange', 'onedrive'], true],
        ['Connected', ['sharepoint'], false],
      ],
    ],
    [
      'one state, two different reasons (each its own service’s permission): two lines',
      {
        connectors: ALL(),
        lastOnlineCheck: okCheck({
          graph: { globalAdmin: true, probes: { exchange: 'forbidden', sharepoint: 'forbidden', onedrive: 'ok' } },
        }),
      },
      [
        ['Permission missing', ['exchange'], true],
        ['Permission missing', ['sharepoint'], true],
        ['Connected', ['onedrive'], false],
      ],
    ],
  ])('%s', (_, patch, expected) => expect(lines(row(patch))).toEqual(expected));

  it('the same reason for a whole line, taken from its first service', () => {
    const r = row({ connectors: ALL(), lastOnlineCheck: failedToken('grant_revoked') });
    expect(r.states[0]!.reason).toEqual(r.connectors[0]!.reason);
  });
});

describe('quickStatus: service health said once per tenant', () => {
  it.each<[string, Array<ConnectorServiceHealth | undefined>, Array<[string, string[], boolean]>]>([
    [
      'all operational: one entry for every service',
      [
        healthy('serviceOperational', 'operational'),
        healthy('serviceOperational', 'operational'),
        healthy('serviceOperational', 'operational'),
      ],
      [['operational', ['Exchange Online', 'SharePoint Online', 'OneDrive'], true]],
    ],
    [
      'one degraded: it first, with its service; the others together',
      [
        healthy('serviceDegradation', 'degraded'),
        healthy('serviceOperational', 'operational'),
        healthy('serviceOperational', 'operational'),
      ],
      [
        ['degraded', ['Exchange Online'], false],
        ['operational', ['SharePoint Online', 'OneDrive'], false],
      ],
    ],
    [
      'one never read: the others are not all',
      [undefined, healthy('serviceOperational', 'operational'), healthy('serviceOperational', 'operational')],
      [['operational', ['SharePoint Online', 'OneDrive'], false]],
    ],
    ['none read', [undefined, undefined, undefined], []],
  ])('%s', (_, health, expected) => {
    const connectors = (['exchange', 'sharepoint', 'onedrive'] as const).map((service, i) => {
      const serviceHealth = health[i];
      return connector(service, serviceHealth ? { serviceHealth } : {});
    });
    expect(row({ connectors }).health.map((h) => [h.health.state, h.serviceLabels, h.all])).toEqual(expected);
  });

  it('keeps the newest read of a shared health (its time is the tooltip’s)', () => {
    const connectors = [
      connector('exchange', { serviceHealth: healthy('serviceOperational', 'operational', NOW - 5 * MIN) }),
      connector('sharepoint', { serviceHealth: healthy('serviceOperational', 'operational', NOW - MIN) }),
    ];
    expect(row({ connectors }).health[0]!.health.checkedAt).toBe(NOW - MIN);
  });
});

describe('quickStatus: a tenant that is all well is one line', () => {
  const operational = () => ALL().map((c) => ({ ...c, serviceHealth: healthy('serviceOperational', 'operational') }));
  it.each<[string, Partial<QuickStatusInput>, string | undefined]>([
    ['every service connected and operational', { connectors: operational() }, 'All services connected'],
    ['health never read', { connectors: ALL() }, 'All services connected'],
    [
      'some services granted, all well',
      { connectors: [connector('exchange'), connector('onedrive')] },
      'Connected: Exchange Online, OneDrive',
    ],
    ['a sync running', { connectors: ALL(), lastSyncRun: run('running') }, undefined],
    ['offline', { connectors: ALL(), offline: true }, undefined],
    ['a check that found nothing out', { connectors: ALL(), lastOnlineCheck: failedToken('entra_unavailable') }, undefined],
    [
      'Microsoft investigating (not confirmed: no warning, but not all well)',
      { connectors: ALL().map((c) => ({ ...c, serviceHealth: healthy('investigating', 'unknown') })) },
      undefined,
    ],
    ['a grant under way', { connectors: ALL(), grantInProgress: true }, undefined],
    ['renewal due', { connectors: ALL(), ...withHorizon(NOW + 3 * HOUR) }, undefined],
    ['not granted yet', { tenant: { ...tenant, homeAccountId: undefined, grant: undefined }, connectors: [] }, undefined],
  ])('%s', (_, patch, wellLine) => {
    const r = row(patch);
    expect({ allWell: r.allWell, wellLine: r.wellLine }).toEqual({ allWell: wellLine !== undefined, wellLine });
    // What the popup's first read asks before it counts a tenant's users: the same answer, without the words.
    expect(isOneLine(input(patch), SETTINGS, NOW)).toBe(wellLine !== undefined);
  });

  it('says no last sync while its users are not counted (the popup counts them for a line once opened)', () => {
    const synced = { connectors: ALL(), lastSyncRun: run('success', { finishedAt: NOW - 3 * MIN }) };
    expect(row({ ...synced, userCount: undefined }).lastSync).toBeUndefined();
    expect(row(synced).lastSync).toBe('3 min ago, 12,408 users');
  });
});

describe('quickSections: what needs action first, then the rest, then one line per tenant that is well', () => {
  const named = (i: number, patch: Partial<QuickStatusInput> = {}) => {
    const displayName = `Tenant ${String(i).padStart(2, '0')}`;
    return input({ tenant: { ...tenant, tenantId: displayName, displayName }, connectors: ALL(), ...patch });
  };

  it('with 30 tenants, the 3 that need action come first, red before amber; each well one in the last group', () => {
    const inputs = Array.from({ length: 30 }, (_, i) =>
      i === 7
        ? named(i, { lastOnlineCheck: failedToken('grant_revoked') })
        : i === 21
          ? named(i, { tenant: { ...named(i).tenant, grant: { ...tenant.grant!, refreshHorizon: NOW + 3 * HOUR } } })
          : i === 29
            ? named(i, { lastSyncRun: run('failed') })
            : i === 3
              ? named(i, { lastSyncRun: run('running') })
              : named(i),
    );
    const sections = quickSections(quickStatus(inputs, SETTINGS, NOW, FORMAT));
    const names = (rows: QuickTenantRow[]) => rows.map((r) => r.displayName);
    expect(names(sections.needsAction)).toEqual(['Tenant 07', 'Tenant 29', 'Tenant 21']);
    expect(names(sections.others)).toEqual(['Tenant 03']);
    expect(sections.allWell).toHaveLength(26);
    expect(sections.allWell.every((r) => r.allWell && r.states.length === 1)).toBe(true);
    expect(names(sections.allWell)).toEqual([...names(sections.allWell)].sort());
  });

  it.each<[string, Partial<QuickStatusInput>, keyof ReturnType<typeof quickSections>]>([
    ['red', { lastOnlineCheck: failedToken('grant_revoked') }, 'needsAction'],
    ['amber', withHorizon(NOW + 3 * HOUR), 'needsAction'],
    ['syncing', { lastSyncRun: run('running') }, 'others'],
    ['not granted yet', { tenant: { ...tenant, homeAccountId: undefined, grant: undefined }, connectors: [] }, 'others'],
    ['offline', { offline: true }, 'others'],
    ['all well', {}, 'allWell'],
  ])('%s → %s', (_, patch, section) => {
    const sections = quickSections(quickStatus([named(1, patch)], SETTINGS, NOW, FORMAT));
    expect((Object.keys(sections) as Array<keyof typeof sections>).filter((name) => sections[name].length > 0)).toEqual([section]);
  });
});
