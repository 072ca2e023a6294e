import type { ActivityEvent, ServiceId } from '../db/types';
import { type Param, phrase } from '../errors/phrase';

/** Which connected service an event belongs to, by the app or service names Microsoft logs; the rest is Entra ID. */
const SERVICE_PATTERNS: ReadonlyArray<[RegExp, ServiceId]> = [
  [/onedrive/i, 'onedrive'],
  [/sharepoint/i, 'sharepoint'],
  [/exchange|outlook/i, 'exchange'],
];

type Raw = Record<string, unknown>;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function record(value: unknown): Raw | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Raw) : undefined;
}

/** The first name that names a service decides; none does: `entra`. */
export function serviceOf(names: ReadonlyArray<string | undefined>): ServiceId | 'entra' {
  for (const name of names) {
    if (name === undefined) continue;
    const found = SERVICE_PATTERNS.find(([pattern]) => pattern.test(name));
    if (found) return found[1];
  }
  return 'entra';
}

function timeOf(value: unknown): number | undefined {
  const at = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(at) ? undefined : at;
}

/** A directory audit record (/auditLogs/directoryAudits) as a stored event; undefined without an id or a time. */
export function mapDirectoryAudit(tenantId: string, raw: Raw): ActivityEvent | undefined {
  const id = text(raw.id);
  const occurredAt = timeOf(raw.activityDateTime);
  if (!id || occurredAt === undefined) return undefined;
  const activity: Param = text(raw.activityDisplayName) ?? phrase('sync_directoryChange');
  const target = record(Array.isArray(raw.targetResources) ? (raw.targetResources as unknown[])[0] : undefined);
  const targetName = text(target?.userPrincipalName) ?? text(target?.displayName);
  const initiatedBy = record(raw.initiatedBy);
  const user = record(initiatedBy?.user);
  const app = record(initiatedBy?.app);
  const actor = text(user?.userPrincipalName) ?? text(user?.displayName) ?? text(app?.displayName);
  const succeeded = raw.result === undefined ? undefined : raw.result === 'success';
  const reason = text(raw.resultReason);
  // Microsoft's own words (its activity name, the target, its reason) inside ours, which the console words when shown.
  const what = targetName ? phrase('sync_auditTarget', activity, targetName) : activity;
  const summary = succeeded !== false ? what : reason ? phrase('sync_auditFailedReason', what, reason) : phrase('sync_auditFailed', what);
  const event: ActivityEvent = {
    tenantId,
    id,
    kind: 'directoryAudit',
    service: serviceOf([text(raw.loggedByService), text(raw.activityDisplayName), targetName]),
    occurredAt,
    summary,
  };
  if (actor) event.actor = actor;
  if (succeeded !== undefined) event.succeeded = succeeded;
  return event;
}

/** A sign-in record (/auditLogs/signIns) as a stored event; undefined without an id or a time. */
export function mapSignIn(tenantId: string, raw: Raw): ActivityEvent | undefined {
  const id = text(raw.id);
  const occurredAt = timeOf(raw.createdDateTime);
  if (!id || occurredAt === undefined) return undefined;
  const app = text(raw.appDisplayName);
  const status = record(raw.status);
  const errorCode = typeof status?.errorCode === 'number' ? status.errorCode : undefined;
  const succeeded = errorCode === undefined ? undefined : errorCode === 0;
  const reason = text(status?.failureReason);
  const to = app ?? phrase('sync_anApp');
  const summary =
    succeeded !== false
      ? phrase('sync_signInTo', to)
      : reason
        ? phrase('sync_signInFailedReason', to, reason)
        : phrase('sync_signInFailed', to);
  const event: ActivityEvent = {
    tenantId,
    id,
    kind: 'signIn',
    service: serviceOf([app, text(raw.resourceDisplayName)]),
    occurredAt,
    summary,
  };
  const actor = text(raw.userPrincipalName) ?? text(raw.userDisplayName);
  if (actor) event.actor = actor;
  if (succeeded !== undefined) event.succeeded = succeeded;
  return event;
}

/** `2024-05-01T12:00:00Z`: Graph's DateTimeOffset literal for audit filters (no milliseconds). */
export function graphTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The workloads of Purview's audit records (lib/connectors/services.ts AuditWorkload) and the services they are. */
const WORKLOAD_SERVICES: Readonly<Record<string, ServiceId>> = { exchange: 'exchange', sharepoint: 'sharepoint', onedrive: 'onedrive' };

/**
 * A record of Microsoft Purview's audit search (auditLogRecord: microsoft-graph-docs-contrib
 * api-reference/v1.0/resources/security-auditlogrecord.md) as a stored event; undefined without an id or a time. Its
 * service is the record's workload (`service`), else the service whose query found it; its words are Microsoft's
 * operation name and the object it acted on (a file's URL, a mailbox folder, a cmdlet's target).
 */
export function mapAuditRecord(tenantId: string, raw: Raw, queried: ServiceId): ActivityEvent | undefined {
  const id = text(raw.id);
  const occurredAt = timeOf(raw.createdDateTime);
  if (!id || occurredAt === undefined) return undefined;
  const operation: Param = text(raw.operation) ?? phrase('sync_auditedOperation');
  const object = text(raw.objectId);
  const event: ActivityEvent = {
    tenantId,
    id,
    kind: 'auditSearch',
    service: WORKLOAD_SERVICES[(text(raw.service) ?? '').toLowerCase()] ?? queried,
    occurredAt,
    summary: object ? phrase('sync_auditTarget', operation, object) : operation,
  };
  const actor = text(raw.userPrincipalName) ?? text(raw.userId);
  if (actor) event.actor = actor;
  return event;
}
