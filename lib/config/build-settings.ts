import { availableClouds, type Cloud } from './clouds';

/**
 * Settings fixed when the extension is built. A production build sets none of them: admins enter their tenant and
 * app registration in the console (or their organisation delivers them through enterprise policy, see
 * `managed-settings.ts`). Test and demo builds point at the local tenant.
 */
export interface BuildSettings {
  /** The local test tenant's origin, only in test and demo builds. */
  localTenantUrl: string | undefined;
  /** A client id to pre-fill in the console (test and demo builds use the local tenant's app registration). */
  defaultClientId: string | undefined;
  /** A tenant to pre-fill in the console. */
  defaultTenant: string | undefined;
  /**
   * Test builds only: a shorter lease of the grant and the sync (lib/lease) and resume watchdog (ms), so that an
   * end-to-end test sees a stopped worker resume, or a sign-in window outlast the lease, within seconds instead of
   * the production minute and a half. Unset in production builds.
   */
  leaseMs: number | undefined;
  syncResumeWatchdogMs: number | undefined;
  /**
   * Test builds only: the fault hooks an end-to-end test arms from the worker's DevTools (lib/sync/commit-hold.ts),
   * to stop the worker at a moment no timing reaches, such as inside a page's transaction. Off in production builds.
   */
  faultHooks: boolean;
  /** Bench builds only: the sync records the spans of its work when the bench asks (lib/sync/profile.ts). */
  syncProfile: boolean;
}

/** Read from Vite's build-time environment; blank values count as unset. */
export function readBuildSettings(env: Record<string, string | boolean | undefined>): BuildSettings {
  const text = (key: string) => {
    const value = env[key];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const millis = (key: string) => {
    const value = Number(text(key));
    return Number.isInteger(value) && value > 0 ? value : undefined;
  };
  return {
    localTenantUrl: text('WXT_LOCAL_TENANT_URL'),
    defaultClientId: text('WXT_DEFAULT_CLIENT_ID'),
    defaultTenant: text('WXT_DEFAULT_TENANT'),
    leaseMs: millis('WXT_LEASE_MS'),
    syncResumeWatchdogMs: millis('WXT_SYNC_RESUME_WATCHDOG_MS'),
    faultHooks: text('WXT_FAULT_HOOKS') === 'on',
    syncProfile: text('WXT_SYNC_PROFILE') === 'on',
  };
}

export const buildSettings: BuildSettings = readBuildSettings(import.meta.env);

/** The clouds of this build. */
export const clouds: Cloud[] = availableClouds(buildSettings.localTenantUrl);
