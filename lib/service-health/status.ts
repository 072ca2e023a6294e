import { SERVICES } from '../connectors/services';
import { type Phrase, phrase } from '../errors/phrase';
import type { MessageKey } from '../i18n/t';
import type { ServiceHealthEntry, ServiceHealthState, ServiceHealthSummary } from './types';

/**
 * Every member of Microsoft's serviceHealthStatus enum (msgraph-metadata schemas/v1.0-Prod.csdl, EnumType
 * serviceHealthStatus), with what it means for a connector, decided on Microsoft's definition of each value
 * (microsoft-graph-docs-contrib api-reference/v1.0/resources/servicehealthissue.md, "serviceHealthStatus values";
 * https://learn.microsoft.com/graph/api/resources/servicehealthissue#servicehealthstatus-values):
 * - degraded (the service is impaired now): serviceDegradation ("may affect use of a service or feature"),
 *   serviceInterruption ("affect the ability for users to access the service"), restoringService ("action is being
 *   taken to bring the service back to a healthy state"), extendedRecovery ("corrective action is in progress ...
 *   will take some time to reach all the affected systems").
 * - operational (healthy, or the issue is over): serviceOperational, verifyingService ("we have verified that the
 *   service is healthy"), serviceRestored, postIncidentReviewPublished, falsePositive ("confirmed to be healthy").
 * - unknown, shown neutrally in Microsoft's words: investigating and investigationSuspended (a *potential* issue,
 *   not confirmed), and the values Microsoft marks "Reserved for future use" (resolved, resolvedExternal, mitigated,
 *   mitigatedExternal, confirmed, reported) and unknownFutureValue: the documentation does not say what they mean
 *   for the service, so they neither raise a warning nor claim health.
 */
export const SERVICE_HEALTH_STATUSES = [
  'serviceOperational',
  'investigating',
  'restoringService',
  'verifyingService',
  'serviceRestored',
  'postIncidentReviewPublished',
  'serviceDegradation',
  'serviceInterruption',
  'extendedRecovery',
  'falsePositive',
  'investigationSuspended',
  'resolved',
  'mitigatedExternal',
  'mitigated',
  'resolvedExternal',
  'confirmed',
  'reported',
  'unknownFutureValue',
] as const;
export type ServiceHealthStatus = (typeof SERVICE_HEALTH_STATUSES)[number];

const STATUS_WORDS: Record<ServiceHealthStatus, { state: ServiceHealthState; key?: MessageKey }> = {
  serviceOperational: { state: 'operational', key: 'sync_healthOperational' },
  verifyingService: { state: 'operational', key: 'sync_healthVerifying' },
  serviceRestored: { state: 'operational', key: 'sync_healthRestored' },
  postIncidentReviewPublished: { state: 'operational', key: 'sync_healthRestored' },
  falsePositive: { state: 'operational', key: 'sync_healthOperational' },
  serviceDegradation: { state: 'degraded', key: 'sync_healthDegradation' },
  serviceInterruption: { state: 'degraded', key: 'sync_healthInterruption' },
  restoringService: { state: 'degraded', key: 'sync_healthRestoring' },
  extendedRecovery: { state: 'degraded', key: 'sync_healthExtendedRecovery' },
  investigating: { state: 'unknown', key: 'sync_healthInvestigating' },
  investigationSuspended: { state: 'unknown', key: 'sync_healthInvestigationSuspended' },
  resolved: { state: 'unknown' },
  mitigatedExternal: { state: 'unknown' },
  mitigated: { state: 'unknown' },
  resolvedExternal: { state: 'unknown' },
  confirmed: { state: 'unknown' },
  reported: { state: 'unknown' },
  unknownFutureValue: { state: 'unknown' },
};

function known(status: string): { state: ServiceHealthState; key?: MessageKey } | undefined {
  return Object.hasOwn(STATUS_WORDS, status) ? STATUS_WORDS[status as ServiceHealthStatus] : undefined;
}

/** What Microsoft's status value means for a connector; a value Microsoft adds later is unknown, never degraded. Pure. */
export function healthStateOf(status: string | undefined): ServiceHealthState {
  return status === undefined ? 'unknown' : (known(status)?.state ?? 'unknown');
}

/**
 * What the admin reads of a service's health, as a phrase the UI words in the language of the moment: from
 * Microsoft's status value; absent, the service was not reported. Health read before schema 6 without a status
 * (never written so: such reads were `unknown`) reads by its state. Pure.
 */
export function healthPhrase(health: { state: ServiceHealthState; status?: string }): Phrase {
  const { status } = health;
  if (status === undefined) return phrase(STATE_ONLY_WORDS[health.state]);
  const key = known(status)?.key;
  return key ? phrase(key) : phrase('sync_healthOtherStatus', status);
}

const STATE_ONLY_WORDS: Record<ServiceHealthState, MessageKey> = {
  operational: 'sync_healthOperational',
  degraded: 'sync_healthDegradation',
  unknown: 'sync_healthUnknown',
};

/** Stored health's state, derived from Microsoft's status when it has one (a read kept before this rule changed). Pure. */
export function storedHealthState(health: { state: ServiceHealthState; status?: string }): ServiceHealthState {
  return health.status !== undefined ? healthStateOf(health.status) : health.state;
}

/** Exchange Online, SharePoint Online and OneDrive as the health overviews report them. Pure. */
export function summarizeServiceHealth(overviews: ReadonlyArray<Record<string, unknown>>): ServiceHealthSummary {
  const services = SERVICES.map((definition): ServiceHealthEntry => {
    const found = overviews.find(
      (overview) => typeof overview.service === 'string' && overview.service.toLowerCase() === definition.healthName.toLowerCase(),
    );
    const status = typeof found?.status === 'string' ? found.status : undefined;
    if (status === undefined) return { service: definition.id, state: 'unknown' };
    return { service: definition.id, status, state: healthStateOf(status) };
  });
  return { services, allOperational: services.every((entry) => entry.state === 'operational') };
}
