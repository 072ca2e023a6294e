import type { CloudId } from '../config/clouds';
import type { ServiceId } from '../db/types';
import { type Param, phrase } from '../errors/phrase';
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
  /** Microsoft Purview's audit search of this service's own events: its workload name and its permission. */
  auditSearch: { workload: AuditWorkload; permission: PermissionRequest };
}

/**
 * The workload (`service`) of an audit record and the value of an audit query's `serviceFilters`: "the Microsoft
 * service where the activity occurred", "the workload property in the audit record"
 * (microsoft-graph-docs-contrib api-reference/v1.0/api/security-auditcoreroot-post-auditlogqueries.md), whose values
 * are the Workload of the Office 365 Management Activity API's common schema
 * (MicrosoftDocs/office-365-management-api office-365-management-activity-api-schema.md: Exchange, SharePoint, OneDrive).
 */
export type AuditWorkload = 'Exchange' | 'SharePoint' | 'OneDrive';

/**
 * The clouds where Microsoft Purview's audit search exists in Graph: the global service only (each audit search page
 * of microsoft-graph-docs-contrib includes includes/global-only.md: not US Government L4, L5 (DOD) or China), and the
 * local test tenant, which plays the global service. Elsewhere its permissions are not asked for at all.
 */
export const AUDIT_SEARCH_CLOUDS: readonly CloudId[] = ['worldwide', 'local'];

/** A permission whose reason is read in the browser's language when shown. */
function permission(scope: string, reason: MessageKey): PermissionRequest {
  return {
    scope,
    get reason() {
      return t(reason);
    },
  };
}

/**
 * Every grant needs these, whatever the services. Each is the least privileged DELEGATED permission of Microsoft's
 * per-API tables (microsoftgraph/microsoft-graph-docs-contrib api-reference/v1.0/includes/permissions/<x>-permissions.md)
 * that covers the reads the product makes, taken together:
 * - User.Read: sign-in, GET /me, GET /organization (organization-get: least User.Read).
 * - Directory.Read.All: GET /auditLogs/directoryAudits needs "AuditLog.Read.All and Directory.Read.All" together
 *   (directoryaudit-list), so it cannot be left out while the activity log reads directory audits. Being there, it
 *   also covers users/delta and /users (user-delta, user-list), groups/delta, /groups and members (group-delta,
 *   group-list, group-list-members: least GroupMember.Read.All), GET /subscribedSkus (subscribedsku-list: least
 *   Organization.Read.All) and the directory roles that /me/transitiveMemberOf returns (directoryrole-list: least
 *   RoleManagement.Read.Directory; without one of these Graph returns only type and id of a role,
 *   concepts/permissions-overview.md "Limited information returned for inaccessible member objects"). Asking also for
 *   the narrower ones would add consent lines and no access.
 * - AuditLog.Read.All: directory audits and sign-ins (signin-list: least AuditLog.Read.All).
 * - ServiceHealth.Read.All: /admin/serviceAnnouncement/healthOverviews.
 * - RoleEligibilitySchedule.Read.Directory: roleEligibilityScheduleInstances/filterByCurrentUser (its least; Directory.Read.All
 *   does not cover it; RoleManagement.Read.Directory would cover it and the roles, but is broader than needed here).
 * - RoleAssignmentSchedule.Read.Directory: roleAssignmentScheduleInstances/filterByCurrentUser, when a PIM activation of
 *   the role ends (unifiedroleassignmentscheduleinstance-filterbycurrentuser: its least; Directory.Read.All does not
 *   cover it). A grant made before it was asked for reads without it, and the monitor says what it could not know.
 * - offline_access: a refresh token.
 */
export const COMMON_PERMISSIONS: readonly PermissionRequest[] = [
  permission('User.Read', 'connectors_permissionUserRead'),
  permission('Directory.Read.All', 'connectors_permissionDirectory'),
  permission('AuditLog.Read.All', 'connectors_permissionAuditLog'),
  permission('ServiceHealth.Read.All', 'connectors_permissionServiceHealth'),
  permission('RoleEligibilitySchedule.Read.Directory', 'connectors_permissionRoleEligibility'),
  permission('RoleAssignmentSchedule.Read.Directory', 'connectors_permissionRoleAssignment'),
  permission('offline_access', 'connectors_permissionOfflineAccess'),
];

/** Each service's name (brand names, still read through t() so that a locale may write them its own way). */
export const SERVICE_LABELS: Readonly<Record<ServiceId, MessageKey>> = {
  exchange: 'connectors_exchangeOnline',
  sharepoint: 'connectors_sharePointOnline',
  onedrive: 'connectors_oneDrive',
};

/** The services as a phrase parameter: a list the UI words in the language of the moment. */
export function servicesParam(services: readonly ServiceId[]): Param {
  return services.map((service) => phrase(SERVICE_LABELS[service]));
}

// Labels are brand names, still read through t() so that a locale may write them its own way.
export const SERVICES: readonly ServiceDefinition[] = [
  {
    id: 'exchange',
    get label() {
      return t(SERVICE_LABELS.exchange);
    },
    healthName: 'Exchange Online',
    // GET /me/mailFolders/inbox: mailfolder-get least delegated Mail.ReadBasic (Mail.ReadBasic.All is application-only).
    permissions: [permission('Mail.ReadBasic', 'connectors_permissionExchange')],
    auditSearch: { workload: 'Exchange', permission: permission('AuditLogsQuery-Exchange.Read.All', 'connectors_permissionAuditExchange') },
  },
  {
    id: 'sharepoint',
    get label() {
      return t(SERVICE_LABELS.sharepoint);
    },
    healthName: 'SharePoint Online',
    // GET /sites/root: site-get least delegated Sites.Read.All.
    permissions: [permission('Sites.Read.All', 'connectors_permissionSharePoint')],
    auditSearch: {
      workload: 'SharePoint',
      permission: permission('AuditLogsQuery-SharePoint.Read.All', 'connectors_permissionAuditSharePoint'),
    },
  },
  {
    id: 'onedrive',
    get label() {
      return t(SERVICE_LABELS.onedrive);
    },
    healthName: 'OneDrive for Business',
    // GET /me/drive: drive-get least delegated Files.Read.
    permissions: [permission('Files.Read', 'connectors_permissionOneDrive')],
    auditSearch: { workload: 'OneDrive', permission: permission('AuditLogsQuery-OneDrive.Read.All', 'connectors_permissionAuditOneDrive') },
  },
];

/** The definition of one service. */
export function serviceById(id: ServiceId): ServiceDefinition {
  const service = SERVICES.find((candidate) => candidate.id === id);
  if (!service) throw new Error(`Unknown service ${id}`);
  return service;
}

/**
 * Exactly the permissions the chosen services need in the tenant's cloud, common ones first, each once. Each service
 * reads its own 7-day activity from Purview's audit search with the one permission Microsoft classifies for that
 * service (security-auditcoreroot-post-auditlogqueries.md, security-auditlogquery-get.md and
 * security-auditlogquery-list-records.md, "Permissions": AuditLogsQuery-Exchange.Read.All,
 * AuditLogsQuery-SharePoint.Read.All, AuditLogsQuery-OneDrive.Read.All; AuditLogsQuery.Read.All reaches every
 * service's audit log and is not asked for), only in the clouds that have the audit search.
 */
export function permissionsFor(services: readonly ServiceId[], cloud: CloudId = 'worldwide'): PermissionRequest[] {
  const audit = AUDIT_SEARCH_CLOUDS.includes(cloud);
  const chosen = SERVICES.filter((service) => services.includes(service.id)).flatMap((service) =>
    audit ? [...service.permissions, service.auditSearch.permission] : service.permissions,
  );
  const seen = new Set<string>();
  return [...COMMON_PERMISSIONS, ...chosen].filter((permission) => !seen.has(permission.scope) && seen.add(permission.scope));
}

/** The scopes to ask msal for (msal adds openid and profile itself). */
export function scopesFor(services: readonly ServiceId[], cloud: CloudId = 'worldwide'): string[] {
  return permissionsFor(services, cloud).map((permission) => permission.scope);
}
