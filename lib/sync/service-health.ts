import { ResponseType, type Client } from '@microsoft/microsoft-graph-client';
import { SERVICES } from '../connectors/services';
import { GraphError } from '../errors/app-error';
import { toGraphError } from '../graph/client';
import { type MessageKey, t } from '../i18n/t';
import type { ServiceHealthEntry, ServiceHealthState, ServiceHealthSummary } from './types';

/**
 * Microsoft's serviceHealthStatus values, in the admin's words. An incident in progress reads as degraded with what
 * Microsoft is doing about it; a closed one (restored, false positive, review published) reads as operational.
 * https://learn.microsoft.com/graph/api/resources/servicehealth
 */
const STATUS_WORDS: Record<string, { state: ServiceHealthState; key: MessageKey }> = {
  serviceOperational: { state: 'operational', key: 'sync_healthOperational' },
  serviceRestored: { state: 'operational', key: 'sync_healthOperational' },
  falsePositive: { state: 'operational', key: 'sync_healthOperational' },
  postIncidentReviewPublished: { state: 'operational', key: 'sync_healthOperational' },
  investigating: { state: 'degraded', key: 'sync_healthInvestigating' },
  serviceDegradation: { state: 'degraded', key: 'sync_healthDegradation' },
  serviceInterruption: { state: 'degraded', key: 'sync_healthInterruption' },
  restoringService: { state: 'degraded', key: 'sync_healthRestoring' },
  extendedRecovery: { state: 'degraded', key: 'sync_healthExtendedRecovery' },
  verifyingService: { state: 'degraded', key: 'sync_healthVerifying' },
  investigationSuspended: { state: 'degraded', key: 'sync_healthInvestigationSuspended' },
};

/**
 * The admin's words for Microsoft's status value (absent: the service was not reported), in the browser's language.
 * The UI words stored health from its status when it shows it, so it reads in the language of the moment. Pure.
 */
export function healthWords(status: string | undefined): string {
  if (status === undefined) return t('sync_healthUnknown');
  const known = STATUS_WORDS[status];
  return known ? t(known.key) : t('sync_healthDegradedStatus', status);
}

/** Stored health in words of the browser's language: from its status when it has one, else its stored words. Pure. */
export function storedHealthWords(health: { state: ServiceHealthState; status?: string; words: string }): string {
  if (health.status !== undefined || health.state === 'unknown') return healthWords(health.status);
  return health.words;
}

/** Exchange Online, SharePoint Online and OneDrive as the health overviews report them. Pure. */
export function summarizeServiceHealth(overviews: ReadonlyArray<Record<string, unknown>>): ServiceHealthSummary {
  const services = SERVICES.map((definition): ServiceHealthEntry => {
    const found = overviews.find(
      (overview) => typeof overview.service === 'string' && overview.service.toLowerCase() === definition.healthName.toLowerCase(),
    );
    const status = typeof found?.status === 'string' ? found.status : undefined;
    if (status === undefined) return { service: definition.id, state: 'unknown', words: healthWords(undefined) };
    return { service: definition.id, status, state: STATUS_WORDS[status]?.state ?? 'degraded', words: healthWords(status) };
  });
  return { services, allOperational: services.every((entry) => entry.state === 'operational') };
}

/** Read /admin/serviceAnnouncement/healthOverviews and summarise the three connected services. */
export async function readServiceHealth(graph: Client): Promise<ServiceHealthSummary> {
  const what = t('sync_healthWhat');
  let response: Response;
  try {
    response = (await graph
      .api('/admin/serviceAnnouncement/healthOverviews')
      .select(['service', 'status'])
      .responseType(ResponseType.RAW)
      .get()) as Response;
  } catch (error) {
    throw toGraphError(error, what);
  }
  const body = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const code = (json as { error?: { code?: unknown } } | undefined)?.error?.code;
    throw toGraphError({ statusCode: response.status, code: typeof code === 'string' ? code : undefined, headers: response.headers }, what);
  }
  const value = (json as { value?: unknown } | undefined)?.value;
  if (!Array.isArray(value)) throw new GraphError('graph_bad_response');
  return summarizeServiceHealth(value.filter((entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null));
}
