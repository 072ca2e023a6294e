import type { CloudId } from './clouds';

/**
 * Settings an organisation delivers by enterprise policy (Chrome/Edge `3rdparty` extension policy, read through
 * `chrome.storage.managed`; schema in `public/managed-schema.json`). Where a value is set here, the console shows it
 * and locks the field. Precedence for each field: enterprise policy, then what the admin entered in the console, then
 * the build's default.
 */
export interface ManagedTenant {
  tenant: string;
  clientId?: string;
  cloud?: CloudId;
  serviceAccount?: string;
}

export interface ManagedSettings {
  clientId?: string;
  cloud?: CloudId;
  tenants: ManagedTenant[];
}

const CLOUD_IDS = new Set<string>(['worldwide', 'usgov', 'usgov-dod', 'china']);

const optionalText = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const optionalCloud = (value: unknown) => (typeof value === 'string' && CLOUD_IDS.has(value) ? (value as CloudId) : undefined);

/** Keep only well-formed values from whatever the policy holds (policies are typed by hand by people). */
export function parseManagedSettings(raw: Record<string, unknown>): ManagedSettings {
  const tenants = Array.isArray(raw.tenants) ? raw.tenants : [];
  return {
    clientId: optionalText(raw.clientId),
    cloud: optionalCloud(raw.cloud),
    tenants: tenants.flatMap((entry: unknown): ManagedTenant[] => {
      if (typeof entry !== 'object' || entry === null) return [];
      const record = entry as Record<string, unknown>;
      const tenant = optionalText(record.tenant);
      if (!tenant) return [];
      return [
        {
          tenant,
          clientId: optionalText(record.clientId),
          cloud: optionalCloud(record.cloud),
          serviceAccount: optionalText(record.serviceAccount),
        },
      ];
    }),
  };
}

/** The tenants enterprise policy lists that are not in the console yet: each gets a pre-filled, locked form. */
export function managedTenantsToAdd(managed: ManagedSettings, known: ReadonlyArray<{ tenantId: string; domain: string }>): ManagedTenant[] {
  const isKnown = (entry: ManagedTenant) =>
    known.some((t) => [t.tenantId, t.domain].map((v) => v.toLowerCase()).includes(entry.tenant.toLowerCase()));
  return managed.tenants
    .filter((entry) => !isKnown(entry))
    .map((entry) => ({ ...entry, clientId: entry.clientId ?? managed.clientId, cloud: entry.cloud ?? managed.cloud }));
}

/** The tenant settings enterprise policy fixes for one tenant: its own entry's values, then the policy-wide ones. */
export interface LockedTenantSettings {
  clientId?: string;
  cloud?: CloudId;
  serviceAccount?: string;
}

/**
 * What policy locks for the tenant named by any of `names` (what the admin entered, its tenant id, its domain): the
 * console locks these fields, and the worker refuses a save that changes them (lib/tenants/save-tenant.ts).
 */
export function lockedTenantSettings(managed: ManagedSettings, names: ReadonlyArray<string | undefined>): LockedTenantSettings {
  const wanted = new Set(names.flatMap((name) => (name ? [name.trim().toLowerCase()] : [])));
  const entry = managed.tenants.find((candidate) => wanted.has(candidate.tenant.toLowerCase()));
  return {
    clientId: entry?.clientId ?? managed.clientId,
    cloud: entry?.cloud ?? managed.cloud,
    serviceAccount: entry?.serviceAccount,
  };
}
