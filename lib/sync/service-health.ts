import { ResponseType, type Client } from '@microsoft/microsoft-graph-client';
import { SERVICES } from '../connectors/services';
import { GraphError } from '../errors/app-error';
import { toGraphError } from '../graph/client';
import type { ServiceHealthEntry, ServiceHealthState, ServiceHealthSummary } from './types';

/**
 * Microsoft's serviceHealthStatus values, in the admin's words. An incident in progress reads as degraded with what
 * Microsoft is doing about it; a closed one (restored, false positive, review published) reads as operational.
 * https://learn.microsoft.com/graph/api/resources/servicehealth
 */
const STATUS_WORDS: Record<string, { state: ServiceHealthState; words: string }> = {
  serviceOperational: { state: 'operational', words: 'Operational' },
  serviceRestored: { state: 'operational', words: 'Operational' },
  falsePositive: { state: 'operational', words: 'Operational' },
  postIncidentReviewPublished: { state: 'operational', words: 'Operational' },
  investigating: { state: 'degraded', words: 'Degraded — Microsoft is investigating a possible problem' },
  serviceDegradation: { state: 'degraded', words: 'Degraded — some features are slow or unavailable' },
  serviceInterruption: { state: 'degraded', words: 'Degraded — the service is interrupted for many users' },
  restoringService: { state: 'degraded', words: 'Degraded — Microsoft is restoring the service' },
  extendedRecovery: { state: 'degraded', words: 'Degraded — recovery is taking longer than usual' },
  verifyingService: { state: 'degraded', words: 'Degraded — Microsoft is verifying its fix' },
  investigationSuspended: { state: 'degraded', words: 'Degraded — Microsoft paused its investigation and may need more information' },
};

/** Exchange Online, SharePoint Online and OneDrive as the health overviews report them. Pure. */
export function summarizeServiceHealth(overviews: ReadonlyArray<Record<string, unknown>>): ServiceHealthSummary {
  const services = SERVICES.map((definition): ServiceHealthEntry => {
    const found = overviews.find(
      (overview) => typeof overview.service === 'string' && overview.service.toLowerCase() === definition.healthName.toLowerCase(),
    );
    const status = typeof found?.status === 'string' ? found.status : undefined;
    if (status === undefined) return { service: definition.id, state: 'unknown', words: 'Unknown — Microsoft did not report this service' };
    const known = STATUS_WORDS[status] ?? { state: 'degraded' as const, words: `Degraded — Microsoft reports "${status}"` };
    return { service: definition.id, status, ...known };
  });
  return { services, allOperational: services.every((entry) => entry.state === 'operational') };
}

/** Read /admin/serviceAnnouncement/healthOverviews and summarise the three connected services. */
export async function readServiceHealth(graph: Client): Promise<ServiceHealthSummary> {
  const what = "Microsoft's service health";
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
