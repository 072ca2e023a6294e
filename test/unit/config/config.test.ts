import { describe, expect, it } from 'vitest';
import { readBuildSettings } from '../../../lib/config/build-settings';
import { availableClouds, findCloud } from '../../../lib/config/clouds';
import { parseManagedSettings } from '../../../lib/config/managed-settings';

describe('clouds', () => {
  it('has no local cloud in a production build', () => {
    expect(availableClouds(undefined).map((c) => c.id)).toEqual(['worldwide', 'usgov', 'usgov-dod', 'china']);
  });

  it('adds the local tenant, by origin, in a test build', () => {
    const local = findCloud(availableClouds('https://localhost:9443/some/path'), 'local');
    expect(local).toMatchObject({ authorityHost: 'https://localhost:9443', graphHost: 'https://localhost:9443' });
  });
});

describe('readBuildSettings', () => {
  it('treats blank values as unset', () => {
    expect(readBuildSettings({ WXT_LOCAL_TENANT_URL: ' ', WXT_DEFAULT_CLIENT_ID: 'abc' })).toEqual({
      localTenantUrl: undefined,
      defaultClientId: 'abc',
      defaultTenant: undefined,
      leaseMs: undefined,
      syncResumeWatchdogMs: undefined,
      faultHooks: false,
      syncProfile: false,
    });
  });

  it('records the sync profile only when a bench build says `on`', () => {
    expect(readBuildSettings({ WXT_SYNC_PROFILE: 'on' }).syncProfile).toBe(true);
    for (const other of [undefined, '', 'off', '1', true]) expect(readBuildSettings({ WXT_SYNC_PROFILE: other }).syncProfile).toBe(false);
  });

  it('turns the fault hooks on only when a test build says `on`', () => {
    expect(readBuildSettings({ WXT_FAULT_HOOKS: 'on' }).faultHooks).toBe(true);
    for (const other of [undefined, '', 'off', '1', true]) expect(readBuildSettings({ WXT_FAULT_HOOKS: other }).faultHooks).toBe(false);
  });

  it('reads the lease and watchdog timings of test builds as positive whole milliseconds only', () => {
    expect(readBuildSettings({ WXT_LEASE_MS: '10000', WXT_SYNC_RESUME_WATCHDOG_MS: '5000' })).toMatchObject({
      leaseMs: 10_000,
      syncResumeWatchdogMs: 5_000,
    });
    for (const bad of ['0', '-5', '1.5', 'soon'])
      expect(readBuildSettings({ WXT_LEASE_MS: bad, WXT_SYNC_RESUME_WATCHDOG_MS: bad })).toMatchObject({
        leaseMs: undefined,
        syncResumeWatchdogMs: undefined,
      });
  });
});

describe('parseManagedSettings', () => {
  it('keeps only well-formed policy values', () => {
    expect(
      parseManagedSettings({
        clientId: ' 0b8f ',
        cloud: 'mars',
        tenants: [{ tenant: 'contoso.com', cloud: 'usgov', serviceAccount: 'svc@contoso.com' }, { tenant: '' }, 'junk', null],
      }),
    ).toEqual({
      clientId: '0b8f',
      cloud: undefined,
      tenants: [{ tenant: 'contoso.com', clientId: undefined, cloud: 'usgov', serviceAccount: 'svc@contoso.com' }],
    });
    expect(parseManagedSettings({})).toEqual({ clientId: undefined, cloud: undefined, tenants: [] });
  });
});
