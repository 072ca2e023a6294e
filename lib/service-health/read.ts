import { type ErrorData, GraphError, toErrorData } from '../errors/app-error';
import type { RetryBudgetName } from '../graph/retry';
import { answerError, type GraphTransport, graphRequest } from '../graph/transport';
import { phrase } from '../errors/phrase';
import { summarizeServiceHealth } from './status';
import type { ServiceHealthSummary } from './types';

/**
 * Microsoft's health of each service (api-reference/v1.0/api/serviceannouncement-list-healthoverviews.md: GET
 * /admin/serviceAnnouncement/healthOverviews, `$select` supported). The monitor's check sends it inside its `$batch`.
 */
export const HEALTH_OVERVIEWS_URL = '/admin/serviceAnnouncement/healthOverviews?$select=service,status';

/**
 * Read the health overviews and summarise the three connected services, within the caller's retry budget (a sync
 * waits like every request of its run; a grant step like its other reads).
 */
export async function readServiceHealth(transport: GraphTransport, budget: RetryBudgetName): Promise<ServiceHealthSummary> {
  const what = phrase('sync_healthWhat');
  const answer = await graphRequest(transport, { url: HEALTH_OVERVIEWS_URL, what }, budget);
  if (answer.status !== 200) throw answerError(answer, what);
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    json = undefined;
  }
  const value = (json as { value?: unknown } | undefined)?.value;
  if (!Array.isArray(value)) throw new GraphError('graph_bad_response');
  return summarizeServiceHealth(value.filter((entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null));
}

/** One read of Microsoft's service health: the summary, or why there is none. */
export type HealthRead = { ok: true; summary: ServiceHealthSummary; at: number } | { ok: false; error: ErrorData; at: number };

/**
 * Read Microsoft's service health without ever throwing: health is a side fact of a sync or a grant, so a failed
 * read (a lost ServiceHealth.Read.All, a throttled Graph, a deferral) is returned as data and must not fail what
 * asked for it. `now` stamps the read (the transport's clock unless the caller keeps its own).
 */
export async function tryReadServiceHealth(
  transport: GraphTransport,
  budget: RetryBudgetName,
  now: () => number = () => transport.now(),
): Promise<HealthRead> {
  try {
    const summary = await readServiceHealth(transport, budget);
    return { ok: true, summary, at: now() };
  } catch (error) {
    return { ok: false, error: toErrorData(error), at: now() };
  }
}
