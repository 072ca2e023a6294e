import { logActivity } from '../activity/log';
import { validateSignIn } from '../auth/validate-sign-in';
import { type Cloud, CLOUD_LABELS, type CloudId } from '../config/clouds';
import { lockedTenantSettings, type ManagedSettings } from '../config/managed-settings';
import type { AppDB } from '../db/app-db';
import type { TenantRecord } from '../db/types';
import { AppError } from '../errors/app-error';
import { phrase } from '../errors/phrase';
import { getTenant, putTenant } from '../store/tenants';

export interface TenantSettings {
  tenant: string;
  clientId: string;
  cloud: CloudId;
  serviceAccount?: string;
}

export interface SaveTenantDeps {
  db: AppDB;
  clouds: readonly Cloud[];
  now(): number;
  resolveTenantId(cloud: Cloud, tenant: string): Promise<string>;
  /** What enterprise policy sets now (chrome.storage.managed); nothing when no policy applies. */
  managed(): Promise<ManagedSettings>;
}

/** The field's label in the console, for the admin's message. */
const FIELD_LABELS = {
  clientId: 'common_fieldClientId',
  cloud: 'common_fieldCloud',
  serviceAccount: 'common_fieldServiceAccount',
} as const;

/**
 * Refuse a save that changes a field enterprise policy sets. The console locks those fields too, but the console is
 * only one sender: the lock holds here, where the tenant is written.
 */
function assertPolicyAllows(managed: ManagedSettings, names: ReadonlyArray<string | undefined>, record: TenantRecord): void {
  const locked = lockedTenantSettings(managed, names);
  const same = (a: string | undefined, b: string | undefined) => (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();
  const changed = (['clientId', 'cloud', 'serviceAccount'] as const).find((field) => {
    const value = field === 'serviceAccount' ? record.serviceAccountUpn : record[field];
    return locked[field] !== undefined && !same(locked[field], value);
  });
  if (changed) throw new AppError('setting_locked', { detail: { key: FIELD_LABELS[changed] } });
}

/**
 * Add a tenant, or change the settings of one: checked field by field, its tenant id resolved from Entra (so a
 * misspelt domain is caught here, not at sign-in). An existing tenant keeps its grant, scope and connectors.
 */
export async function saveTenant(deps: SaveTenantDeps, settings: TenantSettings): Promise<TenantRecord> {
  const problems = validateSignIn({ ...settings, loginHint: settings.serviceAccount }, deps.clouds);
  const cloud = deps.clouds.find((c) => c.id === settings.cloud);
  if (Object.keys(problems).length > 0 || !cloud) throw new AppError('invalid_input', { detail: Object.values(problems).join(' ') });
  const entered = settings.tenant.trim().toLowerCase();
  const tenantId = await deps.resolveTenantId(cloud, entered);
  const existing = await getTenant(deps.db, tenantId);
  const record: TenantRecord = {
    ...existing,
    tenantId,
    displayName: existing?.displayName ?? entered,
    domain: entered === tenantId ? (existing?.domain ?? entered) : entered,
    cloud: cloud.id,
    clientId: settings.clientId.trim().toLowerCase(),
    serviceAccountUpn: settings.serviceAccount?.trim() || undefined,
    syncScope: existing?.syncScope ?? { mode: 'all' },
    createdAt: existing?.createdAt ?? deps.now(),
  };
  assertPolicyAllows(await deps.managed(), [entered, tenantId, existing?.domain], record);
  await putTenant(deps.db, record);
  await logActivity(deps.db, {
    at: deps.now(),
    tenantId,
    actor: 'admin',
    event: existing ? 'tenant_changed' : 'tenant_added',
    detail: phrase('activity_tenantDetail', record.domain, tenantId, phrase(CLOUD_LABELS[cloud.id])),
    outcome: 'success',
  });
  return record;
}
