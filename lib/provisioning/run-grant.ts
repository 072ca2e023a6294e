import type { Client } from '@microsoft/microsoft-graph-client';
import { logActivity } from '../activity/log';
import type { SignedInAccount } from '../auth/types';
import { policyById } from '../connectors/policies';
import { scopesFor, servicesParam } from '../connectors/services';
import type { AppDB } from '../db/app-db';
import type { ActivityLogEntry, ConnectorRecord, ServiceId, TenantRecord } from '../db/types';
import { AppError, AuthError, toErrorData } from '../errors/app-error';
import type { ErrorCode } from '../errors/codes';
import { checkService, getOrganization, readAdminRole } from '../graph/tenant-checks';
import { connectorHealth, healthReadNote, type HealthRead, tryReadServiceHealth } from '../sync/record-service-health';
import { nextStep, planSteps, resetFrom, withStep } from './plan-steps';
import { decideScope, sameScope } from './scope-rule';
import type { GrantRequest, GrantRun, GrantStepId } from './types';
import type { ActivityAction } from '../activity/actions';
import { type Param, type Phrase, phrase } from '../i18n/phrase';

/** A run not touched for this long lost its worker; another may take it over. */
export const GRANT_LEASE_MS = 60_000;
const REFRESH_HORIZON_MS = 24 * 60 * 60 * 1000;
/** Failures that only a new sign-in fixes: resuming starts again at the sign-in. */
const NEEDS_SIGN_IN = new Set<ErrorCode>([
  'not_signed_in',
  'interaction_required',
  'refresh_token_expired',
  'grant_revoked',
  'grant_inactive',
  'consent_missing',
  'graph_unauthorized',
  'sign_in_frequency',
  'wrong_tenant',
]);
/**
 * Failures of the account itself: resuming signs in again with Entra's account picker, since a silent sign-in
 * through the session would bring the same account back.
 */
const NEEDS_ANOTHER_ACCOUNT = new Set<ErrorCode>(['wrong_tenant']);

export interface GrantDeps {
  db: AppDB;
  now(): number;
  newId(): string;
  /**
   * Sign the admin in for these scopes (silently when Entra's session allows, else in the sign-in window);
   * `chooseAccount` opens Entra's account picker instead.
   */
  signIn(tenant: TenantRecord, scopes: string[], options?: { chooseAccount?: boolean }): Promise<SignedInAccount>;
  /** A Graph client on the tenant's cloud that uses this account's tokens for these scopes. */
  graph(tenant: TenantRecord, homeAccountId: string, scopes: string[]): Client;
  /** The initial directory sync of the run's scope; resolves with what the progress list words. */
  syncDirectory(tenant: TenantRecord, run: GrantRun, keepAlive: () => Promise<void>): Promise<Param>;
  /** The 7-day activity backfill; resolves with what the progress list words. */
  backfillActivity(tenant: TenantRecord, run: GrantRun): Promise<Param>;
}

/** Check the request and record a new run; the caller then runs it with runGrant. */
export async function startGrant(deps: GrantDeps, request: GrantRequest): Promise<GrantRun> {
  const { db } = deps;
  const tenant = await db.tenants.get(request.tenantId);
  if (!tenant) throw new AppError('invalid_input', { detail: { key: 'provisioning_tenantNotSetUp' } });
  if (request.services.length === 0) throw new AppError('invalid_input', { detail: { key: 'provisioning_chooseService' } });
  if (!policyById(request.policyId)) throw new AppError('invalid_input', { detail: { key: 'provisioning_choosePolicy' } });
  if (request.syncScope.mode === 'selected' && request.syncScope.userIds.length > 100)
    throw new AppError('invalid_input', { detail: { key: 'provisioning_scopeAtMost100' } });
  if (await activeRun(deps)) throw new AppError('grant_in_progress');

  const connectors = await db.connectors.where('tenantId').equals(tenant.tenantId).toArray();
  const kind = request.kind ?? 'grant';
  let services = request.services;
  let syncScope = request.syncScope;
  if (kind === 'scope_switch') {
    // Every connected service is re-granted with the new scope, so no service keeps the old one.
    services = [...new Set([...connectors.map((c) => c.service), ...request.services])];
  } else {
    const decision = decideScope(tenant, connectors, request.syncScope);
    if (decision.locked && !sameScope(decision.scope, request.syncScope)) throw new AppError('invalid_input', { detail: decision.reason });
    syncScope = decision.scope;
  }
  const now = deps.now();
  const run: GrantRun = {
    id: deps.newId(),
    tenantId: tenant.tenantId,
    kind,
    services,
    syncScope,
    policyId: request.policyId,
    state: 'running',
    steps: planSteps(services, syncScope, tenant.serviceAccountUpn),
    startedAt: now,
    updatedAt: now,
    leaseUntil: now + GRANT_LEASE_MS,
  };
  await db.grantRuns.put(run);
  return run;
}

/** A run that is going on now (its worker alive), if any: one grant at a time. */
export async function activeRun(deps: Pick<GrantDeps, 'db' | 'now'>): Promise<GrantRun | undefined> {
  const now = deps.now();
  return deps.db.grantRuns
    .where('state')
    .equals('running')
    .filter((run) => run.leaseUntil > now)
    .first();
}

/** Run the steps from the first one not done, until the run succeeds, fails or waits for the admin. */
export async function runGrant(deps: GrantDeps, runId: string): Promise<GrantRun> {
  let run = await loadRun(deps, runId);
  for (let step = nextStep(run); step && run.state === 'running'; step = nextStep(run)) {
    run = await save(deps, run, { steps: withStep(run.steps, step.id, { state: 'running', detail: undefined }) });
    try {
      const outcome = await executeStep(deps, run, step.id);
      if (outcome === 'wait') {
        run = await save(deps, run, { state: 'waiting', steps: withStep(run.steps, step.id, { state: 'pending' }) });
        break;
      }
      run = await save(deps, run, { steps: withStep(run.steps, step.id, { state: 'done', detail: outcome.detail }), ...outcome.patch });
    } catch (error) {
      run = await fail(deps, run, step.id, error);
    }
  }
  return run;
}

/** Resume a failed or interrupted run from the step that failed (from the sign-in when only that fixes it). */
export async function resumeGrant(deps: GrantDeps, runId: string): Promise<GrantRun> {
  const run = await loadRun(deps, runId);
  const interrupted = run.state === 'running' && run.leaseUntil <= deps.now();
  if (run.state !== 'failed' && !interrupted) throw new AppError('grant_not_resumable');
  if (await activeRun(deps)) throw new AppError('grant_in_progress');
  const steps = run.error && NEEDS_SIGN_IN.has(run.error.code) ? resetFrom(run.steps, 'sign_in') : run.steps;
  await logActivity(
    deps.db,
    entry(deps, run, 'grant_resumed', phrase('provisioning_resumedAt', nextStep({ steps })?.id ?? 'finish'), 'success'),
  );
  const chooseAccount = run.error && NEEDS_ANOTHER_ACCOUNT.has(run.error.code) ? true : run.chooseAccount;
  await save(deps, run, { state: 'running', error: undefined, steps, chooseAccount });
  return runGrant(deps, runId);
}

/** Give a waiting run its users and groups (selected scope), then carry on. */
export async function continueGrant(deps: GrantDeps, runId: string, targets: { userIds: string[]; groupIds: string[] }): Promise<GrantRun> {
  const run = await loadRun(deps, runId);
  if (run.state !== 'waiting') throw new AppError('grant_not_resumable');
  if (targets.userIds.length + targets.groupIds.length === 0)
    throw new AppError('invalid_input', { detail: { key: 'provisioning_chooseTarget' } });
  if (targets.userIds.length > 100) throw new AppError('invalid_input', { detail: { key: 'provisioning_scopeAtMost100' } });
  const detail = phrase('provisioning_targetsChosen', targets.userIds.length, targets.groupIds.length);
  await save(deps, run, {
    state: 'running',
    syncScope: { mode: 'selected', userIds: targets.userIds, groupIds: targets.groupIds },
    steps: withStep(run.steps, 'choose_targets', { state: 'done', detail }),
  });
  return runGrant(deps, runId);
}

/** Stop a run that is waiting or failed; records stay as they were. */
export async function cancelGrant(deps: GrantDeps, runId: string): Promise<GrantRun> {
  const run = await loadRun(deps, runId);
  if (run.state === 'succeeded' || run.state === 'cancelled') return run;
  await logActivity(deps.db, entry(deps, run, 'grant_cancelled', servicesParam(run.services), 'success'));
  return save(deps, run, { state: 'cancelled', finishedAt: deps.now() });
}

type StepOutcome = 'wait' | { detail?: Param; patch?: Partial<GrantRun> };

async function executeStep(deps: GrantDeps, run: GrantRun, id: GrantStepId): Promise<StepOutcome> {
  const tenant = await deps.db.tenants.get(run.tenantId);
  if (!tenant) throw new AppError('grant_not_resumable');
  // One grant covers every connected service: adding services asks for the ones connected before too.
  const connected = (await deps.db.connectors.where('tenantId').equals(run.tenantId).toArray()).map((c) => c.service);
  const scopes = scopesFor([...new Set([...connected, ...run.services])]);
  if (id === 'sign_in') {
    const account = await deps.signIn(tenant, scopes, run.chooseAccount ? { chooseAccount: true } : undefined);
    const { homeAccountId, username, name, objectId, tenantId, expiresOn, refreshHorizon } = account;
    return {
      detail: phrase('provisioning_signedInAs', name, username),
      patch: { account: { homeAccountId, username, name, objectId, tenantId, expiresOn, refreshHorizon }, chooseAccount: undefined },
    };
  }
  const account = run.account;
  if (!account) throw new AuthError('not_signed_in');
  const graph = () => deps.graph(tenant, account.homeAccountId, scopes);
  switch (id) {
    case 'verify_tenant': {
      if (account.tenantId.toLowerCase() !== tenant.tenantId.toLowerCase())
        throw new AuthError('wrong_tenant', { detail: account.tenantId });
      const org = await getOrganization(graph());
      return {
        detail: `${org.displayName || tenant.domain} (${tenant.tenantId})`,
        patch: { organizationName: org.displayName || undefined },
      };
    }
    case 'verify_admin': {
      const role = await readAdminRole(graph());
      // Eligible in Privileged Identity Management but not active: activating it is the fix, not a new assignment.
      if (role === 'eligible') throw new AppError('global_admin_not_active', { detail: account.username });
      if (role !== 'active') throw new AppError('not_global_admin', { detail: account.username });
      return { detail: phrase('provisioning_holdsGlobalAdmin', account.username) };
    }
    case 'verify_service_account':
      if (account.username.toLowerCase() !== tenant.serviceAccountUpn?.toLowerCase())
        throw new AppError('wrong_service_account', { detail: account.username });
      return { detail: account.username };
    case 'choose_targets':
      return run.syncScope.mode === 'selected' && run.syncScope.userIds.length + run.syncScope.groupIds.length > 0 ? {} : 'wait';
    case 'check_exchange':
    case 'check_sharepoint':
    case 'check_onedrive': {
      const service = id.slice('check_'.length) as ServiceId;
      return { detail: await checkService(graph(), service, account) };
    }
    case 'sync_directory':
      return { detail: await deps.syncDirectory({ ...tenant, syncScope: run.syncScope }, run, () => renewLease(deps, run.id)) };
    case 'backfill_activity':
      return { detail: await deps.backfillActivity(tenant, run) };
    case 'enable_policy':
      return { detail: phrase('provisioning_policyFor', policyParam(run.policyId), servicesParam(run.services)) };
    case 'finish': {
      // Read before the one transaction that connects; a failed read never fails the grant.
      const health = await tryReadServiceHealth(graph(), () => deps.now());
      await finish(deps, run, tenant, account, health);
      const services = servicesParam(run.services);
      const detail = health.ok
        ? phrase('provisioning_servicesConnected', services)
        : phrase('provisioning_servicesConnectedWithNote', services, healthReadNote(health.error));
      return { detail, patch: { state: 'succeeded', finishedAt: deps.now() } };
    }
  }
}

/**
 * Write the tenant's grant facts and the connectors (with the service health just read, or the one they had when
 * the read failed) in one transaction: all connected, or nothing changed.
 */
async function finish(
  deps: GrantDeps,
  run: GrantRun,
  tenant: TenantRecord,
  account: NonNullable<GrantRun['account']>,
  health: HealthRead,
): Promise<void> {
  const { db } = deps;
  const now = deps.now();
  await db.transaction('rw', [db.tenants, db.connectors, db.activityLog], async () => {
    const existing = await db.connectors.where('tenantId').equals(tenant.tenantId).toArray();
    await db.tenants.put({
      ...tenant,
      displayName: run.organizationName ?? tenant.displayName,
      homeAccountId: account.homeAccountId,
      serviceAccountUpn: tenant.serviceAccountUpn ?? account.username,
      syncScope: run.syncScope,
      grant: {
        // Every connected service's permissions: a grant that adds services keeps the ones connected before.
        scopes: scopesFor([...new Set([...existing.map((c) => c.service), ...run.services])]),
        grantedAt: now,
        // Entra's own figures from the sign-in; the estimates only when it gave none.
        expiresOn: account.expiresOn || now + 60 * 60 * 1000,
        refreshHorizon: account.refreshHorizon ?? now + REFRESH_HORIZON_MS,
        lastValidatedAt: now,
      },
    });
    const connectors: ConnectorRecord[] = run.services.map((service) => {
      const before = existing.find((c) => c.service === service);
      return {
        ...before,
        id: `${tenant.tenantId}:${service}`,
        tenantId: tenant.tenantId,
        service,
        status: 'connected',
        reasonCode: undefined,
        policyId: run.policyId,
        connectedAt: before?.connectedAt ?? now,
        lastCheckAt: now,
        lastSyncAt: now,
        lastSyncResult: 'success',
        serviceHealth: connectorHealth(health, service) ?? before?.serviceHealth,
      };
    });
    await db.connectors.bulkPut(connectors);
    if (!health.ok) await db.activityLog.add(entry(deps, { ...run, account }, 'service_health', healthReadNote(health.error), 'failure'));
    const what = run.kind === 'scope_switch' ? 'scope_switched' : run.kind === 'regrant' ? 'regranted' : 'granted';
    await db.activityLog.add(
      entry(
        deps,
        { ...run, account },
        what,
        phrase('provisioning_grantSummary', servicesParam(run.services), scopeText(run), policyParam(run.policyId)),
        'success',
      ),
    );
  });
}

async function fail(deps: GrantDeps, run: GrantRun, step: GrantStepId, error: unknown): Promise<GrantRun> {
  const data = toErrorData(error);
  await logActivity(deps.db, entry(deps, run, 'grant_failed', phrase('provisioning_stepFailed', step, data), 'failure'));
  return save(deps, run, { state: 'failed', error: { ...data, step }, steps: withStep(run.steps, step, { state: 'failed' }) });
}

async function renewLease(deps: GrantDeps, runId: string): Promise<void> {
  await deps.db.grantRuns.update(runId, { leaseUntil: deps.now() + GRANT_LEASE_MS, updatedAt: deps.now() });
}

async function loadRun(deps: GrantDeps, runId: string): Promise<GrantRun> {
  const run = await deps.db.grantRuns.get(runId);
  if (!run) throw new AppError('grant_not_resumable');
  return run;
}

async function save(deps: GrantDeps, run: GrantRun, patch: Partial<GrantRun>): Promise<GrantRun> {
  const now = deps.now();
  const next: GrantRun = { ...run, ...patch, updatedAt: now, leaseUntil: now + GRANT_LEASE_MS };
  await deps.db.grantRuns.put(next);
  return next;
}

function entry(deps: GrantDeps, run: GrantRun, event: ActivityAction, detail: Param, outcome: 'success' | 'failure'): ActivityLogEntry {
  return { at: deps.now(), tenantId: run.tenantId, actor: run.account?.username ?? 'admin', event, detail, outcome };
}

function scopeText(run: GrantRun): Phrase {
  return run.syncScope.mode === 'all'
    ? phrase('provisioning_scopeAll')
    : phrase('provisioning_scopeSelectedCounts', run.syncScope.userIds.length, run.syncScope.groupIds.length);
}

/** A built-in policy by its words' key; a policy the extension does not know, by its id. */
function policyParam(policyId: string): Param {
  const policy = policyById(policyId);
  return policy ? phrase(policy.nameKey) : policyId;
}
