import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDB } from '../../../lib/db/app-db';
import { MICROSOFT_CLOUDS } from '../../../lib/config/clouds';
import { lockedTenantSettings, type ManagedSettings, parseManagedSettings } from '../../../lib/config/managed-settings';
import type { AppError } from '../../../lib/errors/app-error';
import { saveTenant, type TenantSettings } from '../../../lib/tenants/save-tenant';

// Enterprise policy's locks hold where a tenant is written, whoever sent the save: the console locks the fields, and
// a message that bypasses the console meets the same lock here.

const TENANT_ID = '6f1c2a3b-0d4e-4f5a-8b6c-7d8e9f0a1b2c';
const POLICY_CLIENT = '0b8f3c2e-5d71-4a9e-9f2a-1c3d5e7f9a0b';
const OTHER_CLIENT = '11111111-2222-4333-8444-555555555555';

let db: AppDB;
let counter = 0;
beforeEach(() => {
  db = new AppDB(`save-tenant-policy-${process.pid}-${++counter}`);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

function save(settings: TenantSettings, policy: Record<string, unknown>) {
  return saveTenant(
    {
      db,
      clouds: MICROSOFT_CLOUDS,
      now: () => 1_000,
      resolveTenantId: () => Promise.resolve(TENANT_ID),
      managed: () => Promise.resolve(parseManagedSettings(policy)),
    },
    settings,
  );
}

async function refusal(settings: TenantSettings, policy: Record<string, unknown>): Promise<{ code: string; detail: unknown }> {
  const error = (await save(settings, policy).then(
    () => undefined,
    (e: unknown) => e,
  )) as AppError | undefined;
  return { code: error?.code ?? 'saved', detail: error?.detail };
}

const contoso: TenantSettings = { tenant: 'contoso.onmicrosoft.com', clientId: POLICY_CLIENT, cloud: 'worldwide' };
const perTenant = {
  tenants: [
    { tenant: 'contoso.onmicrosoft.com', clientId: POLICY_CLIENT, cloud: 'worldwide', serviceAccount: 'svc@contoso.onmicrosoft.com' },
  ],
};

describe('saving a tenant under enterprise policy', () => {
  it('saves anything valid when no policy applies', async () => {
    await save({ ...contoso, clientId: OTHER_CLIENT }, {});
    expect((await db.tenants.get(TENANT_ID))?.clientId).toBe(OTHER_CLIENT);
  });

  it('refuses another client id than the policy-wide one, and writes nothing', async () => {
    expect(await refusal({ ...contoso, clientId: OTHER_CLIENT }, { clientId: POLICY_CLIENT })).toEqual({
      code: 'setting_locked',
      detail: { key: 'common_fieldClientId' },
    });
    expect(await db.tenants.count()).toBe(0);
    expect(await db.activityLog.count()).toBe(0);
  });

  it("accepts the policy's own values, however they are cased", async () => {
    await save({ ...contoso, clientId: POLICY_CLIENT.toUpperCase(), serviceAccount: 'SVC@contoso.onmicrosoft.com' }, perTenant);
    expect(await db.tenants.get(TENANT_ID)).toMatchObject({ clientId: POLICY_CLIENT, serviceAccountUpn: 'SVC@contoso.onmicrosoft.com' });
  });

  it.each<[string, Partial<TenantSettings>, string]>([
    ['a missing service account', { serviceAccount: undefined }, 'common_fieldServiceAccount'],
    ['another service account', { serviceAccount: 'admin@contoso.onmicrosoft.com' }, 'common_fieldServiceAccount'],
    ['another cloud', { cloud: 'usgov', serviceAccount: 'svc@contoso.onmicrosoft.com' }, 'common_fieldCloud'],
  ])('refuses %s for a tenant the policy lists', async (_, change, field) => {
    expect(await refusal({ ...contoso, ...change }, perTenant)).toEqual({ code: 'setting_locked', detail: { key: field } });
    expect(await db.tenants.count()).toBe(0);
  });

  it('finds the policy entry by the tenant id too, and holds for a tenant already saved', async () => {
    await save({ ...contoso, serviceAccount: 'svc@contoso.onmicrosoft.com' }, perTenant);
    const before = await db.tenants.get(TENANT_ID);
    const change = { ...contoso, tenant: TENANT_ID, clientId: OTHER_CLIENT, serviceAccount: 'svc@contoso.onmicrosoft.com' };
    expect(await refusal(change, perTenant)).toMatchObject({ code: 'setting_locked' });
    expect(await db.tenants.get(TENANT_ID)).toEqual(before);
  });

  it("leaves another tenant's fields free when the policy only lists one tenant", async () => {
    await save(
      { ...contoso, tenant: 'fabrikam.onmicrosoft.com', clientId: OTHER_CLIENT, cloud: 'china' },
      {
        tenants: [{ tenant: 'contoso.com', clientId: POLICY_CLIENT }],
      },
    );
    expect((await db.tenants.get(TENANT_ID))?.cloud).toBe('china');
  });
});

describe('lockedTenantSettings', () => {
  const managed: ManagedSettings = {
    clientId: POLICY_CLIENT,
    cloud: 'usgov',
    tenants: [{ tenant: 'Contoso.com', clientId: OTHER_CLIENT, serviceAccount: 'svc@contoso.com' }],
  };

  it("takes the tenant's entry first, then the policy-wide values", () => {
    expect(lockedTenantSettings(managed, [' contoso.COM '])).toEqual({
      clientId: OTHER_CLIENT,
      cloud: 'usgov',
      serviceAccount: 'svc@contoso.com',
    });
    expect(lockedTenantSettings(managed, ['fabrikam.com', undefined])).toEqual({ clientId: POLICY_CLIENT, cloud: 'usgov' });
    expect(lockedTenantSettings({ tenants: [] }, ['contoso.com'])).toEqual({});
  });
});
