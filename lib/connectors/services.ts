import type { ServiceId } from '../db/types';

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

/** Every grant needs these, whatever the services: who signed in, the role check, the directory, activity, health. */
export const COMMON_PERMISSIONS: readonly PermissionRequest[] = [
  { scope: 'User.Read', reason: 'Sign you in and read your own profile.' },
  { scope: 'Directory.Read.All', reason: 'Check the Global Administrator role and mirror users, groups and memberships.' },
  { scope: 'AuditLog.Read.All', reason: 'Show the last 7 days of directory audits and sign-ins.' },
  { scope: 'ServiceHealth.Read.All', reason: "Show Microsoft's service health on each connector." },
  { scope: 'offline_access', reason: 'Renew access without asking you to sign in every hour.' },
];

export const SERVICES: readonly ServiceDefinition[] = [
  {
    id: 'exchange',
    label: 'Exchange Online',
    healthName: 'Exchange Online',
    permissions: [{ scope: 'Mail.ReadBasic.All', reason: 'Check that Exchange Online answers by opening a mailbox.' }],
  },
  {
    id: 'sharepoint',
    label: 'SharePoint Online',
    healthName: 'SharePoint Online',
    permissions: [{ scope: 'Sites.Read.All', reason: 'Check that SharePoint Online answers by reading the root site.' }],
  },
  {
    id: 'onedrive',
    label: 'OneDrive',
    healthName: 'OneDrive for Business',
    permissions: [{ scope: 'Files.Read.All', reason: "Check that OneDrive answers by reading a user's drive." }],
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
