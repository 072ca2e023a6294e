import type { ServiceId } from '../db/types';
import { AppError } from '../errors/app-error';
import type { FailureIds } from '../errors/failure-ids';
import { batchGet } from '../graph/batch';
import {
  ACTIVE_ASSIGNMENTS_URL,
  ACTIVE_ROLES_URL,
  decideAdminRole,
  ELIGIBLE_ROLES_URL,
  GLOBAL_ADMIN_TEMPLATE_ID,
  probePath,
} from '../graph/tenant-checks';
import type { GraphTransport } from '../graph/transport';
import { OPEN_ISSUES_URL, openIncidents, readRemainingIssues } from '../service-health/issues';
import { HEALTH_OVERVIEWS_URL } from '../service-health/read';
import { connectorHealth } from '../service-health/record';
import { summarizeServiceHealth } from '../service-health/status';
import type { AccountFacts } from '../db/types';
import type { GraphCheck, ProbeResult } from './types';

export interface CheckRequest {
  id: string;
  url: string;
}

/**
 * The service account's own facts the predictions read (user resource, microsoft-graph-docs-contrib
 * api-reference/v1.0/resources/user.md: each "Returned only on $select"). GET /me needs User.Read, the grant's least
 * (includes/permissions/user-get-permissions.md).
 */
export const ACCOUNT_URL = '/me?$select=lastPasswordChangeDateTime,passwordPolicies,onPremisesSyncEnabled,accountEnabled,assignedPlans';

/**
 * The password policy of the account's domain (resources/domain.md). GET /domains/{id}: least Domain.Read.All, higher
 * Directory.Read.All (includes/permissions/domain-get-permissions.md); the grant already holds Directory.Read.All
 * (lib/connectors/services.ts), so asking also for Domain.Read.All would add a consent line and no access.
 */
export function domainUrl(domain: string): string {
  return `/domains/${encodeURIComponent(domain)}?$select=id,passwordValidityPeriodInDays,passwordNotificationWindowInDays`;
}

/** The domain of the service account's UPN (whose password policy applies to it); undefined without one. Pure. */
export function upnDomain(upn: string | undefined): string | undefined {
  const at = upn?.lastIndexOf('@') ?? -1;
  return upn && at > 0 && at < upn.length - 1 ? upn.slice(at + 1).toLowerCase() : undefined;
}

/**
 * The reads of one check, sent as one `$batch`: the admin role (held directly or through a group, and the PIM
 * eligibility that tells a lapsed activation from a removed role), Microsoft's health and its open incidents, the service account's password
 * facts and its domain's policy (when its domain is known), one probe per connected service.
 */
export function checkRequests(services: readonly ServiceId[], accountDomain?: string): CheckRequest[] {
  return [
    { id: 'role', url: ACTIVE_ROLES_URL },
    { id: 'eligibility', url: ELIGIBLE_ROLES_URL },
    { id: 'activation', url: ACTIVE_ASSIGNMENTS_URL },
    { id: 'health', url: HEALTH_OVERVIEWS_URL },
    { id: 'incidents', url: OPEN_ISSUES_URL },
    { id: 'account', url: ACCOUNT_URL },
    ...(accountDomain ? [{ id: 'domain', url: domainUrl(accountDomain) }] : []),
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
  const activation = byId.get('activation');
  const assignments = activation?.status === 200 ? listOf(activation.body) : undefined;
  if (assignments) {
    const activeUntil = globalAdminActiveUntil(assignments);
    if (activeUntil !== undefined) check.globalAdminActiveUntil = activeUntil;
  } else if (activation?.status === 403) check.globalAdminActivationUnread = true;
  const overviews = health?.status === 200 ? listOf(health.body) : undefined;
  if (overviews) {
    const read = { ok: true as const, summary: summarizeServiceHealth(overviews), at: now };
    check.health = {};
    for (const service of services) {
      const health = connectorHealth(read, service);
      if (health) check.health[service] = health;
    }
  }
  const issues = byId.get('incidents');
  const open = issues?.status === 200 ? listOf(issues.body) : undefined;
  if (open) check.incidents = openIncidents(open, services);
  const account = accountFacts(byId.get('account'), byId.get('domain'));
  if (account) check.account = account;
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
export async function runGraphCheck(
  transport: GraphTransport,
  services: readonly ServiceId[],
  accountDomain?: string,
): Promise<GraphCheck> {
  const requests = checkRequests(services, accountDomain);
  try {
    const responses = await batchGet(transport, requests, 'check');
    let answers = [...responses.values()];
    // Open incidents past the first page (100 at Graph) are read by its nextLink; an unreadable page leaves them unknown.
    const incidents = responses.get('incidents');
    if (incidents?.status === 200) {
      const all = await readRemainingIssues(transport, incidents.body);
      answers = answers.map((answer) => (answer === incidents && all ? { ...answer, body: { value: all } } : answer));
      if (!all) answers = answers.filter((answer) => answer !== incidents);
    }
    return readCheckAnswers(answers, services, transport.now());
  } catch (error) {
    if (!(error instanceof AppError)) return { probes: {}, failure: 'unknown' };
    return { probes: {}, failure: error.code, ...(error.ids && { failureIds: error.ids }) };
  }
}

/**
 * When Global Administrator (at the directory's root) stops being held: the latest end of its `Activated` instances;
 * null when an `Assigned` instance holds it without end; undefined when none is listed (held through a group, or not
 * at all: the role read says which). Pure.
 */
function globalAdminActiveUntil(instances: ReadonlyArray<Record<string, unknown>>): number | null | undefined {
  const held = instances.filter(
    (instance) => instance.roleDefinitionId === GLOBAL_ADMIN_TEMPLATE_ID && (instance.directoryScopeId ?? '/') === '/',
  );
  if (!held.length) return undefined;
  const ends = held.map((instance) => (typeof instance.endDateTime === 'string' ? Date.parse(instance.endDateTime) : NaN));
  // An assignment without end (endDateTime null), or an end Graph wrote in no form we read: it does not end.
  if (ends.some((end) => !Number.isFinite(end))) return null;
  return Math.max(...ends);
}

/** The account's facts from its two answers; undefined when the account read failed. Only Graph's own values are kept. */
function accountFacts(account: Answer | undefined, domain: Answer | undefined): AccountFacts | undefined {
  if (account?.status !== 200 || !isRecord(account.body)) return undefined;
  const user = account.body;
  const facts: AccountFacts = {};
  const changed = typeof user.lastPasswordChangeDateTime === 'string' ? Date.parse(user.lastPasswordChangeDateTime) : NaN;
  if (Number.isFinite(changed)) facts.lastPasswordChangeAt = changed;
  if (typeof user.passwordPolicies === 'string' || user.passwordPolicies === null) facts.passwordPolicies = user.passwordPolicies;
  if (typeof user.onPremisesSyncEnabled === 'boolean' || user.onPremisesSyncEnabled === null)
    facts.onPremisesSyncEnabled = user.onPremisesSyncEnabled;
  if (typeof user.accountEnabled === 'boolean') facts.accountEnabled = user.accountEnabled;
  if (Array.isArray(user.assignedPlans)) {
    facts.plans = user.assignedPlans
      .filter(isRecord)
      .flatMap((plan) =>
        typeof plan.service === 'string' && typeof plan.capabilityStatus === 'string'
          ? [{ service: plan.service, capabilityStatus: plan.capabilityStatus }]
          : [],
      );
  }
  if (domain?.status === 200 && isRecord(domain.body)) {
    facts.domainPolicy = {
      validityDays: integerOrNull(domain.body.passwordValidityPeriodInDays),
      notificationDays: integerOrNull(domain.body.passwordNotificationWindowInDays),
    };
  }
  return facts;
}

function integerOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
