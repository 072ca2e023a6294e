import type { ServiceId } from '../db/types';
import { type MessageKey, t } from '../i18n/t';

/** A delegated Microsoft Graph permission and why the grant asks for it, in the admin's words. */
export interface PermissionRequest {
  scope: string;
  reason: string;
}

export interface ServiceDefinition {
  id: ServiceId;
  label: string;
  /** The name Microsoft's service health uses for it. */
  healthName: string;
  /** What only this service needs. */
  permissions: PermissionRequest[];
}

/** A permission whose reason is read in the browser's language when shown. */
function permission(scope: string, reason: MessageKey): PermissionRequest {
  return {
    scope,
    get reason() {
      return t(reason);
    },
  };
}

/** Every grant needs these, whatever the services: who signed in, the role check, the directory, activity, health. */
export const COMMON_PERMISSIONS: readonly PermissionRequest[] = [
  permission('User.Read', 'connectors_permissionUserRead'),
  permission('Directory.Read.All', 'connectors_permissionDirectory'),
  permission('AuditLog.Read.All', 'connectors_permissionAuditLog'),
  permission('ServiceHealth.Read.All', 'connectors_permissionServiceHealth'),
  permission('offline_access', 'connectors_permissionOfflineAccess'),
];

// Labels are brand names, still read through t() so that a locale may write them its own way.
export const SERVICES: readonly ServiceDefinition[] = [
  {
    id: 'exchange',
    get label() {
      return t('connectors_exchangeOnline');
    },
    healthName: 'Exchange Online',
    permissions: [permission('Mail.ReadBasic.All', 'connectors_permissionExchange')],
  },
  {
    id: 'sharepoint',
    get label() {
      return t('connectors_sharePointOnline');
    },
    healthName: 'SharePoint Online',
    permissions: [permission('Sites.Read.All', 'connectors_permissionSharePoint')],
  },
  {
    id: 'onedrive',
    get label() {
      return t('connectors_oneDrive');
    },
    healthName: 'OneDrive for Business',
    permissions: [permission('Files.Read.All', 'connectors_permissionOneDrive')],
  },
];

/** The definition of one service. */
export function serviceById(id: ServiceId): ServiceDefinition {
  const service = SERVICES.find((candidate) => candidate.id === id);
  if (!service) throw new Error(`Unknown service ${id}`);
  return service;
}

/** Exactly the permissions the chosen services need, common ones first, each once. */
export function permissionsFor(services: readonly ServiceId[]): PermissionRequest[] {
  const chosen = SERVICES.filter((service) => services.includes(service.id)).flatMap((service) => service.permissions);
  const seen = new Set<string>();
  return [...COMMON_PERMISSIONS, ...chosen].filter((permission) => !seen.has(permission.scope) && seen.add(permission.scope));
}

/** The scopes to ask msal for (msal adds openid and profile itself). */
export function scopesFor(services: readonly ServiceId[]): string[] {
  return permissionsFor(services).map((permission) => permission.scope);
}
