import type { ServiceId } from '../db/types';
import { AppError } from '../errors/app-error';
import type { FailureIds } from '../errors/failure-ids';
import { batchGet } from '../graph/batch';
import { ACTIVE_ROLES_URL, decideAdminRole, ELIGIBLE_ROLES_URL, probePath } from '../graph/tenant-checks';
import type { GraphTransport } from '../graph/transport';
import { HEALTH_OVERVIEWS_URL } from '../service-health/read';
import { connectorHealth } from '../service-health/record';
import { summarizeServiceHealth } from '../service-health/status';
import type { GraphCheck, ProbeResult } from './types';

export interface CheckRequest {
  id: string;
  url: string;
}

/**
 * The reads of one check, sent as one `$batch`: the admin role (held directly or through a group, and the PIM
 * eligibility that tells a lapsed activation from a removed role), Microsoft's health, one probe per connected service.
 */
export function checkRequests(services: readonly ServiceId[]): CheckRequest[] {
  return [
    { id: 'role', url: ACTIVE_ROLES_URL },
    { id: 'eligibility', url: ELIGIBLE_ROLES_URL },
    { id: 'health', url: HEALTH_OVERVIEWS_URL },
    // The grant's probes: one small read each service answers for the service account.
    ...services.map((service) => ({ id: service, url: `${probePath(service)}?$select=id` })),
  ];
}

type Answer = { id: string; status: number; body?: unknown; ids?: FailureIds };

/** What the batch's answers say. A probe's 403 is a lost permission; its 404 or 5xx say nothing about the grant. Pure. */
export function readCheckAnswers(answers: readonly Answer[], services: readonly ServiceId[], now: number): GraphCheck {
  const byId = new Map(answers.map((answer) => [answer.id, answer]));
  const role = byId.get('role');
  const roles = role?.status === 200 ? listOf(role.body) : undefined;
  const health = byId.get('health');
  const probes: GraphCheck['probes'] = {};
  const probeIds: GraphCheck['probeIds'] = {};
  for (const service of services) {
    const answer = byId.get(service);
    probes[service] = probeResult(answer?.status);
    if (probes[service] !== 'ok' && answer?.ids) probeIds[service] = answer.ids;
  }
  const check: GraphCheck = { probes, ...(Object.keys(probeIds).length && { probeIds }) };
  if (roles) check.globalAdmin = decideAdminRole(roles, undefined) === 'active';
  // A 403 on the role read itself: the account may no longer read its own roles, which only admins lose with the role.
  else if (role?.status === 403) check.globalAdmin = false;
  const eligibility = byId.get('eligibility');
  const eligible = eligibility?.status === 200 ? listOf(eligibility.body) : undefined;
  // Only a successful read says anything: no P2 licence (400) or an older grant without the permission (403) do not.
  if (eligible) check.globalAdminEligible = decideAdminRole([], eligible) === 'eligible';
  const overviews = health?.status === 200 ? listOf(health.body) : undefined;
  if (overviews) {
    const read = { ok: true as const, summary: summarizeServiceHealth(overviews), at: now };
    check.health = {};
    for (const service of services) {
      const health = connectorHealth(read, service);
      if (health) check.health[service] = health;
    }
  }
  if ([...byId.values()].every((answer) => answer.status === 401)) {
    check.failure = 'graph_unauthorized';
    const ids = answers.find((answer) => answer.ids)?.ids;
    if (ids) check.failureIds = ids;
  }
  return check;
}

/**
 * Send the check's one `$batch` through the transport, within the check's retry budget (a throttled batch or inner
 * read waits its Retry-After a little; beyond that the inner answer is read as a failed part). A failure of the
 * batch as a whole is reported in `failure`, not thrown.
 */
export async function runGraphCheck(transport: GraphTransport, services: readonly ServiceId[]): Promise<GraphCheck> {
  const requests = checkRequests(services);
  try {
    const responses = await batchGet(transport, requests, 'check');
    return readCheckAnswers([...responses.values()], services, transport.now());
  } catch (error) {
    if (!(error instanceof AppError)) return { probes: {}, failure: 'unknown' };
    return { probes: {}, failure: error.code, ...(error.ids && { failureIds: error.ids }) };
  }
}

function probeResult(status: number | undefined): ProbeResult {
  if (status !== undefined && status >= 200 && status < 300) return 'ok';
  return status === 403 ? 'forbidden' : 'failed';
}

function listOf(body: unknown): Array<Record<string, unknown>> | undefined {
  const value = (body as { value?: unknown } | undefined)?.value;
  return Array.isArray(value)
    ? value.filter((entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null)
    : undefined;
}
