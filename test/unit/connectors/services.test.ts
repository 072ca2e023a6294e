import { describe, expect, it } from 'vitest';
import { COMMON_PERMISSIONS, permissionsFor, scopesFor, serviceById } from '../../../lib/connectors/services';
import type { ServiceId } from '../../../lib/db/types';

/**
 * The delegated (work or school account) rows of Microsoft's permission tables for every Graph read the product
 * makes: microsoftgraph/microsoft-graph-docs-contrib api-reference/v1.0/includes/permissions/<file>. `all` lists
 * permissions that are needed together ("AuditLog.Read.All and Directory.Read.All"); `any` lists alternatives, least first.
 */
const READS: ReadonlyArray<{ read: string; file: string; any?: string[]; all?: string[]; service?: ServiceId }> = [
  {
    read: 'GET /me',
    file: 'user-get-permissions.md',
    any: ['User.Read', 'User.ReadWrite', 'User.ReadBasic.All', 'User.Read.All', 'Directory.Read.All'],
  },
  { read: 'GET /organization', file: 'organization-get-permissions.md', any: ['User.Read', 'Organization.Read.All', 'Directory.Read.All'] },
  {
    read: 'GET /users/delta',
    file: 'user-delta-permissions.md',
    any: ['User.Read', 'User.ReadWrite', 'User.ReadBasic.All', 'User.Read.All', 'Directory.Read.All'],
  },
  { read: 'GET /groups/delta', file: 'group-delta-permissions.md', any: ['GroupMember.Read.All', 'Directory.Read.All', 'Group.Read.All'] },
  {
    read: 'GET /groups/{id}/members',
    file: 'group-list-members-permissions.md',
    any: ['GroupMember.Read.All', 'Directory.Read.All', 'Group.Read.All'],
  },
  { read: 'GET /subscribedSkus', file: 'subscribedsku-list-permissions.md', any: ['Organization.Read.All', 'Directory.Read.All'] },
  { read: 'GET /me/transitiveMemberOf', file: 'user-list-transitivememberof-permissions.md', any: ['User.Read', 'Directory.Read.All'] },
  // Roles in that list come in full only with a permission that reads directory roles (permissions-overview.md).
  {
    read: 'directoryRole in full',
    file: 'directoryrole-list-permissions.md',
    any: ['RoleManagement.Read.Directory', 'Directory.Read.All'],
  },
  {
    read: "GET …/roleEligibilityScheduleInstances/filterByCurrentUser(on='principal')",
    file: '(api page) unifiedroleeligibilityscheduleinstance-filterbycurrentuser.md',
    any: ['RoleEligibilitySchedule.Read.Directory', 'RoleManagement.Read.Directory', 'RoleManagement.Read.All'],
  },
  {
    read: "GET …/roleAssignmentScheduleInstances/filterByCurrentUser(on='principal')",
    file: 'unifiedroleassignmentscheduleinstance-filterbycurrentuser-permissions.md',
    any: [
      'RoleAssignmentSchedule.Read.Directory',
      'RoleAssignmentSchedule.ReadWrite.Directory',
      'RoleManagement.Read.All',
      'RoleManagement.Read.Directory',
    ],
  },
  { read: 'GET /auditLogs/directoryAudits', file: 'directoryaudit-list-permissions.md', all: ['AuditLog.Read.All', 'Directory.Read.All'] },
  { read: 'GET /auditLogs/signIns', file: 'signin-list-permissions.md', any: ['AuditLog.Read.All', 'Directory.Read.All'] },
  { read: 'GET /admin/serviceAnnouncement/healthOverviews', file: 'servicehealth-list-permissions.md', any: ['ServiceHealth.Read.All'] },
  // The monitor's predictions: the account's domain policy and Microsoft's open incidents.
  { read: 'GET /domains/{id}', file: 'domain-get-permissions.md', any: ['Domain.Read.All', 'Domain.ReadWrite.All', 'Directory.Read.All'] },
  {
    read: 'GET /admin/serviceAnnouncement/issues',
    file: 'serviceannouncement-list-issues-permissions.md',
    any: ['ServiceHealth.Read.All'],
  },
  { read: 'GET /me/mailFolders/inbox', file: 'mailfolder-get-permissions.md', any: ['Mail.ReadBasic', 'Mail.Read'], service: 'exchange' },
  { read: 'GET /sites/root', file: 'site-get-permissions.md', any: ['Sites.Read.All', 'Sites.ReadWrite.All'], service: 'sharepoint' },
  { read: 'GET /me/drive', file: 'drive-get-permissions.md', any: ['Files.Read', 'Files.Read.All', 'Sites.Read.All'], service: 'onedrive' },
  // Purview's audit search: the create, get and list-records pages classify its permissions per Microsoft 365 service
  // (security-auditcoreroot-post-auditlogqueries.md, security-auditlogquery-get.md, security-auditlogquery-list-records.md).
  ...(
    [
      ['exchange', 'Exchange'],
      ['sharepoint', 'SharePoint'],
      ['onedrive', 'OneDrive'],
    ] as const
  ).map(([service, name]) => ({
    read: `POST /security/auditLog/queries, GET …/{id} and …/{id}/records of ${name}`,
    file: 'security-auditcoreroot-post-auditlogqueries-permissions.md and the pages’ per-service tables',
    any: [`AuditLogsQuery-${name}.Read.All`, 'AuditLogsQuery.Read.All'],
    service,
  })),
];

/** Application-only: Entra refuses them in a delegated sign-in (mailfolder-get-permissions.md lists it under Application). */
const APPLICATION_ONLY = ['Mail.ReadBasic.All'];

describe('permissionsFor', () => {
  const common = COMMON_PERMISSIONS.map((p) => p.scope);

  it('asks for the least privileged delegated permissions that cover the common reads', () => {
    expect(common).toEqual([
      'User.Read',
      'Directory.Read.All',
      'AuditLog.Read.All',
      'ServiceHealth.Read.All',
      'RoleEligibilitySchedule.Read.Directory',
      'RoleAssignmentSchedule.Read.Directory',
      'offline_access',
    ]);
  });

  it.each([
    [['exchange'], ['Mail.ReadBasic', 'AuditLogsQuery-Exchange.Read.All']],
    [['sharepoint'], ['Sites.Read.All', 'AuditLogsQuery-SharePoint.Read.All']],
    [['onedrive'], ['Files.Read', 'AuditLogsQuery-OneDrive.Read.All']],
    [
      ['exchange', 'sharepoint', 'onedrive'],
      [
        'Mail.ReadBasic',
        'AuditLogsQuery-Exchange.Read.All',
        'Sites.Read.All',
        'AuditLogsQuery-SharePoint.Read.All',
        'Files.Read',
        'AuditLogsQuery-OneDrive.Read.All',
      ],
    ],
    [[], []],
  ] as const)('asks for %j: the common permissions plus %j', (services, extra) => {
    expect(scopesFor(services)).toEqual([...common, ...extra]);
  });

  it.each(['usgov', 'usgov-dod', 'china'] as const)(
    'asks for no audit search permission in %s, where Microsoft does not offer the audit search (global-only.md)',
    (cloud) => {
      expect(scopesFor(['exchange', 'sharepoint', 'onedrive'], cloud)).toEqual([
        ...common,
        'Mail.ReadBasic',
        'Sites.Read.All',
        'Files.Read',
      ]);
    },
  );

  it.each(READS.map((entry) => [entry.read, entry] as const))('covers %s with what it asks for', (_read, entry) => {
    const scopes = new Set(scopesFor(entry.service ? [entry.service] : []));
    if (entry.all) for (const scope of entry.all) expect(scopes).toContain(scope);
    if (entry.any) expect(entry.any.some((scope) => scopes.has(scope))).toBe(true);
  });

  it('asks for no permission that no read needs, and none that is application-only', () => {
    const needed = new Set(READS.flatMap((entry) => [...(entry.all ?? []), ...(entry.any ?? [])]));
    const asked = scopesFor(['exchange', 'sharepoint', 'onedrive']).filter((scope) => scope !== 'offline_access');
    for (const scope of asked) expect(needed).toContain(scope);
    for (const scope of APPLICATION_ONLY) expect(asked).not.toContain(scope);
  });

  it('gives every permission a one-line reason', () => {
    for (const permission of permissionsFor(['exchange', 'sharepoint', 'onedrive'])) {
      expect(permission.reason).toMatch(/^[A-Z].{10,100}\.$/);
    }
  });

  it('names services as Microsoft does', () => {
    expect(serviceById('onedrive')).toMatchObject({ label: 'OneDrive', healthName: 'OneDrive for Business' });
  });
});
