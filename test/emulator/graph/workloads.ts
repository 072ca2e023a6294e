// Probes of the connected services: mailbox, SharePoint root site, OneDrive, and service health.

import { createRandom, guid, seedOf } from '../org/random.ts';
import type { ServiceHealthStatus } from '../types.ts';
import { findUser } from './directory.ts';
import { GraphError, type Caller, type GraphResponse } from './types.ts';

export const SERVICES: ReadonlyArray<{ id: string; service: string }> = [
  { id: 'Exchange', service: 'Exchange Online' },
  { id: 'SharePoint', service: 'SharePoint Online' },
  { id: 'OneDriveForBusiness', service: 'OneDrive for Business' },
  { id: 'OrgLiveID', service: 'Microsoft Entra' },
  { id: 'microsoftteams', service: 'Microsoft Teams' },
  { id: 'O365Client', service: 'Microsoft 365 apps' },
  { id: 'Intune', service: 'Microsoft Intune' },
];

export function defaultServiceHealth(): Map<string, ServiceHealthStatus> {
  return new Map(SERVICES.map((s) => [s.id, 'serviceOperational']));
}

/** The service's id, matched by id or display name. */
export function serviceId(name: string): string {
  const n = name.toLowerCase();
  const found = SERVICES.find((s) => s.id.toLowerCase() === n || s.service.toLowerCase() === n);
  if (!found) throw new Error(`Unknown service '${name}'. Known: ${SERVICES.map((s) => s.service).join(', ')}.`);
  return found.id;
}

/**
 * `$select` on a resource the emulator builds whole: the selected properties (matched case-insensitively, as Graph
 * does) and `id`; control information (`@odata.*`) stays.
 */
export function selectFields(c: Caller, record: Record<string, unknown>): Record<string, unknown> {
  const raw = c.request.query.get('$select');
  if (!raw) return record;
  const wanted = new Set(['id', ...raw.split(',').map((s) => s.trim().toLowerCase())]);
  return Object.fromEntries(Object.entries(record).filter(([key]) => key.startsWith('@') || wanted.has(key.toLowerCase())));
}

function tenantLabel(c: Caller): string {
  return c.org.spec.domain.split('.')[0] ?? 'contoso';
}

export function inbox(c: Caller, idOrUpn: string): GraphResponse {
  const user = findUser(c, idOrUpn);
  if (!user.mailbox) {
    throw new GraphError(404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.');
  }
  const random = createRandom(seedOf(user.id, 'inbox'));
  const id = Buffer.from(`inbox:${user.id}`).toString('base64url');
  return {
    status: 200,
    // mailFolder's v1.0 properties (msgraph-metadata schemas/v1.0-Prod.csdl; sizeInBytes is beta only).
    body: selectFields(c, {
      '@odata.context': `${c.base}/$metadata#users('${user.id}')/mailFolders/$entity`,
      id,
      displayName: 'Inbox',
      parentFolderId: Buffer.from(`root:${user.id}`).toString('base64url'),
      childFolderCount: 0,
      unreadItemCount: Math.floor(random() * 40),
      totalItemCount: 100 + Math.floor(random() * 5000),
      isHidden: false,
    }),
  };
}

export function rootSite(c: Caller): GraphResponse {
  const label = tenantLabel(c);
  const host = `${label}.sharepoint.com`;
  const random = createRandom(seedOf(c.org.spec.tenantId, 'site'));
  return {
    status: 200,
    body: selectFields(c, {
      '@odata.context': `${c.base}/$metadata#sites/$entity`,
      createdDateTime: '2019-01-01T00:00:00Z',
      description: '',
      id: `${host},${guid(random)},${guid(random)}`,
      lastModifiedDateTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      name: '',
      webUrl: `https://${host}`,
      displayName: 'Communication site',
      root: {},
      siteCollection: { hostname: host },
    }),
  };
}

function driveOf(c: Caller, idOrUpn: string): Record<string, unknown> {
  const user = findUser(c, idOrUpn);
  if (!user.drive) throw new GraphError(404, 'ResourceNotFound', "User's mysite not found.");
  const label = tenantLabel(c);
  const personal = user.userPrincipalName.replace(/[@.]/g, '_').toLowerCase();
  const random = createRandom(seedOf(user.id, 'drive'));
  return {
    id: `b!${Buffer.from(`${user.id}:${guid(random)}`)
      .toString('base64url')
      .slice(0, 64)}`,
    driveType: 'business',
    name: 'OneDrive',
    description: '',
    createdDateTime: user.createdDateTime,
    lastModifiedDateTime: user.createdDateTime,
    webUrl: `https://${label}-my.sharepoint.com/personal/${personal}/Documents`,
    createdBy: { user: { displayName: 'System Account' } },
    // identity has id and displayName only (no email): drive-get.md's response and the CSDL agree.
    owner: { user: { id: user.id, displayName: user.displayName } },
    quota: { deleted: 0, remaining: 1_099_511_627_776, state: 'normal', total: 1_099_511_627_776, used: Math.floor(random() * 5e9) },
  };
}

export function drive(c: Caller, idOrUpn: string): GraphResponse {
  return { status: 200, body: selectFields(c, { '@odata.context': `${c.base}/$metadata#drives/$entity`, ...driveOf(c, idOrUpn) }) };
}

export function drives(c: Caller, idOrUpn: string): GraphResponse {
  return { status: 200, body: { '@odata.context': `${c.base}/$metadata#drives`, value: [selectFields(c, driveOf(c, idOrUpn))] } };
}

export function healthOverviews(c: Caller, id?: string): GraphResponse {
  const entries = SERVICES.map((s) => ({ service: s.service, status: c.org.serviceHealth.get(s.id) ?? 'serviceOperational', id: s.id }));
  if (id) {
    const entry = entries.find((e) => e.id.toLowerCase() === id.toLowerCase() || e.service.toLowerCase() === id.toLowerCase());
    if (!entry) throw new GraphError(404, 'NotFound', `The service '${id}' was not found.`);
    return {
      status: 200,
      body: selectFields(c, { '@odata.context': `${c.base}/$metadata#admin/serviceAnnouncement/healthOverviews/$entity`, ...entry }),
    };
  }
  return {
    status: 200,
    body: {
      '@odata.context': `${c.base}/$metadata#admin/serviceAnnouncement/healthOverviews`,
      value: entries.map((e) => selectFields(c, e)),
    },
  };
}
