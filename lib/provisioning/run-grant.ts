import { logActivity } from '../activity/log';
import { policyById } from '../connectors/policies';
import { scopesFor, servicesParam } from '../connectors/services';
import { AppError, AuthError, toErrorData } from '../errors/app-error';
import type { ErrorCode } from '../errors/codes';
import { phrase } from '../errors/phrase';
import { holdWhile } from '../lease/lease';
import { heldGrant, isGrantInterrupted, renewGrantLease, saveLeasedRun, takeGrantLease } from '../lease/grant-lease';
import { leaseOf } from '../lease/tenant-lease';
import { entry } from './grant-activity';
import { nextStep, planSteps, resetFrom, withStep } from './plan-steps';
import { decideScope, sameScope } from './scope-rule';
import { GRANT_STEPS } from './steps';
import type { GrantDeps, StepOutcome } from './steps/step';
import type { GrantRequest, GrantRun, GrantStepId } from './types';

export type { GrantDeps } from './steps/step';

/** Failures that only a new sign-in fixes: resuming starts again at the sign-in. */
const NEEDS_SIGN_IN = new Set<ErrorCode>([
  'not_signed_in',
  // msal's cache went with the browser session (its key is in memory only: docs/design.md "Tokens at rest").
  'signed_out',
  'interaction_required',
  'refresh_token_expired',
  'grant_revoked',
  'grant_inactive',
  'consent_missing',
  'graph_unauthorized',
  'sign_in_frequency',
  'wrong_tenant',
  'not_global_admin',
  'global_admin_not_active',
  'wrong_service_account',
]);
/**
 * The signed-in account was refused by a verification (another tenant's, not a Global Administrator, not the service
 * account): it leaves the extension's msal cache at once, unless the tenant is connected with it. Resuming signs in again.
 */
const ACCOUNT_REFUSED = new Set<ErrorCode>(['wrong_tenant', 'not_global_admin', 'global_admin_not_active', 'wrong_service_account']);
/**
 * Failures of the account itself: resuming signs in again with Entra's account picker, since a silent sign-in
 * through the session would bring the same account back.
 */
const NEEDS_ANOTHER_ACCOUNT = new Set<ErrorCode>(['wrong_tenant', 'wrong_service_account']);

/**
 * Check the request and record a new run, holding its tenant's lease; the caller then runs it with runGrant. The
 * check and the record are one transaction, so a double click starts one run (the second is `grant_in_progress`), and
 * none starts while the tenant's sync runs (`grant_sync_running`).
 */
export async function startGrant(deps: GrantDeps, request: GrantRequest): Promise<GrantRun> {
  const { db } = deps;
  const now = deps.now();
  return takeGrantLease(db, now, async () => {
    const tenant = await db.tenants.get(request.tenantId);
    if (!tenant) throw new AppError('invalid_input', { detail: { key: 'provisioning_tenantNotSetUp' } });
    if (request.services.length === 0) throw new AppError('invalid_input', { detail: { key: 'provisioning_chooseService' } });
    if (!policyById(request.policyId)) throw new AppError('invalid_input', { detail: { key: 'provisioning_choosePolicy' } });
    if (request.syncScope.mode === 'selected' && request.syncScope.userIds.length > 100)
      throw new AppError('invalid_input', { detail: { key: 'provisioning_scopeAtMost100' } });
    const connectors = await db.connectors.where('tenantId').equals(tenant.tenantId).toArray();
    const kind = request.kind ?? 'grant';
    let services = request.services;
    let syncScope = request.syncScope;
    if (kind === 'scope_switch') {
      // Every connected service is re-granted with the new scope, so no service keeps the old one.
      services = [...new Set([...connectors.map((c) => c.service), ...request.services])];
    } else {
      const decision = decideScope(tenant, connectors, request.syncScope);
      if (decision.locked && !sameScope(decision.scope, request.syncScope))
        throw new AppError('invalid_input', { detail: decision.reason });
      syncScope = decision.scope;
    }
    return {
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
    };
  });
}

/** A run that is going on now (its worker alive), if any: one grant at a time. */
export async function activeRun(deps: Pick<GrantDeps, 'db' | 'now'>): Promise<GrantRun | undefined> {
  return heldGrant(deps.db, deps.now());
}

/**
 * Run the steps from the first one not done, until the run succeeds, fails or waits for the admin. Each step runs
 * holding the grant's lease, renewed on a timer however long it waits (the sign-in window, Graph).
 */
export async function runGrant(deps: GrantDeps, runId: string): Promise<GrantRun> {
  let run = await loadRun(deps, runId);
  for (let step = nextStep(run); step && run.state === 'running'; step = nextStep(run)) {
    run = await save(deps, run, { steps: withStep(run.steps, step.id, { state: 'running', detail: undefined }) });
    try {
      const outcome = await holdWhile(executeStep(deps, run, step.id), {
        renew: () => renewGrantLease(deps.db, runId, deps.now()),
        keepAlive: deps.keepAlive,
      });
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

/**
 * Resume a failed run from the step that failed (from the sign-in when only that fixes it), an interrupted one from
 * the sign-in.
 */
export async function resumeGrant(deps: GrantDeps, runId: string): Promise<GrantRun> {
  const now = deps.now();
  const resumed = await takeGrantLease(deps.db, now, async () => {
    const run = await loadRun(deps, runId);
    const interrupted = isGrantInterrupted(run, await leaseOf(deps.db, run.tenantId), now);
    if (run.state !== 'failed' && !interrupted) throw new AppError('grant_not_resumable');
    // An interrupted run's worker is gone, and perhaps the browser session with it (a browser killed mid-grant takes
    // msal's account along): the account is proven again by a sign-in (silent while Entra's session lives) before a
    // step acts as it, instead of a step failing with "not signed in" (test/e2e/faults.test.ts).
    const signInAgain = interrupted || (run.error !== undefined && NEEDS_SIGN_IN.has(run.error.code));
    const steps = signInAgain ? resetFrom(run.steps, 'sign_in') : run.steps;
    const chooseAccount = run.error && NEEDS_ANOTHER_ACCOUNT.has(run.error.code) ? true : run.chooseAccount;
    return { ...run, error: undefined, steps, chooseAccount };
  });
  await logActivity(
    deps.db,
    entry(now, resumed, 'grant_resumed', phrase('provisioning_resumedAt', nextStep(resumed)?.id ?? 'finish'), 'success'),
  );
  return runGrant(deps, runId);
}

/** Give a waiting run its users and groups (selected scope), then carry on. */
export async function continueGrant(deps: GrantDeps, runId: string, targets: { userIds: string[]; groupIds: string[] }): Promise<GrantRun> {
  if (targets.userIds.length + targets.groupIds.length === 0)
    throw new AppError('invalid_input', { detail: { key: 'provisioning_chooseTarget' } });
  if (targets.userIds.length > 100) throw new AppError('invalid_input', { detail: { key: 'provisioning_scopeAtMost100' } });
  const detail = phrase('provisioning_targetsChosen', targets.userIds.length, targets.groupIds.length);
  await takeGrantLease(deps.db, deps.now(), async () => {
    const run = await loadRun(deps, runId);
    // Checked in the transaction: of two clicks on "continue", only the first finds the run waiting.
    if (run.state !== 'waiting') throw new AppError('grant_not_resumable');
    return {
      ...run,
      syncScope: { mode: 'selected', userIds: targets.userIds, groupIds: targets.groupIds },
      steps: withStep(run.steps, 'choose_targets', { state: 'done', detail }),
    };
  });
  return runGrant(deps, runId);
}

/** Stop a run that is waiting or failed; records stay as they were. */
export async function cancelGrant(deps: GrantDeps, runId: string): Promise<GrantRun> {
  const run = await loadRun(deps, runId);
  if (run.state === 'succeeded' || run.state === 'cancelled') return run;
  await logActivity(deps.db, entry(deps.now(), run, 'grant_cancelled', servicesParam(run.services), 'success'));
  return save(deps, run, { state: 'cancelled', finishedAt: deps.now() });
}

/** Run one step of the plan with what every step is given (its tenant and the grant's permissions). */
async function executeStep(deps: GrantDeps, run: GrantRun, id: GrantStepId): Promise<StepOutcome> {
  const tenant = await deps.db.tenants.get(run.tenantId);
  if (!tenant) throw new AppError('grant_not_resumable');
  // One grant covers every connected service: adding services asks for the ones connected before too.
  const connected = (await deps.db.connectors.where('tenantId').equals(run.tenantId).toArray()).map((c) => c.service);
  const scopes = scopesFor([...new Set([...connected, ...run.services])], tenant.cloud);
  // Every step after the sign-in acts as the account it signed in.
  if (id !== 'sign_in' && !run.account) throw new AuthError('not_signed_in');
  return GRANT_STEPS[id]({ deps, run, tenant, scopes });
}

async function fail(deps: GrantDeps, run: GrantRun, step: GrantStepId, error: unknown): Promise<GrantRun> {
  const data = toErrorData(error);
  await logActivity(deps.db, entry(deps.now(), run, 'grant_failed', phrase('provisioning_stepFailed', step, data), 'failure'));
  const failed = await save(deps, run, {
    state: 'failed',
    error: { ...data, step },
    steps: withStep(run.steps, step, { state: 'failed' }),
  });
  if (run.account && ACCOUNT_REFUSED.has(data.code)) await signOutRefused(deps, run, run.account.homeAccountId);
  return failed;
}

/** Sign out an account a verification refused; the run's failure is already kept, and says what to do. */
async function signOutRefused(deps: GrantDeps, run: GrantRun, homeAccountId: string): Promise<void> {
  const tenant = await deps.db.tenants.get(run.tenantId);
  // The tenant's own connected account stays: its grant still works, whatever a later verification found.
  if (!tenant || tenant.homeAccountId === homeAccountId) return;
  await deps.signOut(tenant, homeAccountId);
}

async function loadRun(deps: GrantDeps, runId: string): Promise<GrantRun> {
  const run = await deps.db.grantRuns.get(runId);
  if (!run) throw new AppError('grant_not_resumable');
  return run;
}

async function save(deps: GrantDeps, run: GrantRun, patch: Partial<GrantRun>): Promise<GrantRun> {
  const now = deps.now();
  const next: GrantRun = { ...run, ...patch, updatedAt: now };
  await saveLeasedRun(deps.db, next, now);
  return next;
}
