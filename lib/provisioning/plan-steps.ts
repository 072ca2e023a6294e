import type { ServiceId, SyncScope } from '../db/types';
import { t } from '../i18n/t';
import { wordsOf } from '../i18n/words';
import type { GrantRun, GrantStep, GrantStepId } from './types';

const SERVICE_CHECKS: Record<ServiceId, GrantStepId> = {
  exchange: 'check_exchange',
  sharepoint: 'check_sharepoint',
  onedrive: 'check_onedrive',
};

/** The steps a grant takes: only those that apply to its services, scope and service account. */
export function planSteps(services: readonly ServiceId[], syncScope: SyncScope, serviceAccount: string | undefined): GrantStep[] {
  const ids: GrantStepId[] = ['sign_in', 'verify_tenant', 'verify_admin'];
  if (serviceAccount) ids.push('verify_service_account');
  if (syncScope.mode === 'selected' && syncScope.userIds.length + syncScope.groupIds.length === 0) ids.push('choose_targets');
  ids.push(...(['exchange', 'sharepoint', 'onedrive'] as const).filter((s) => services.includes(s)).map((s) => SERVICE_CHECKS[s]));
  ids.push('sync_directory', 'backfill_activity', 'enable_policy', 'finish');
  return ids.map((id) => ({ id, state: 'pending' }));
}

/** The step to run next: the first that is not done (a failed one is retried). */
export function nextStep(run: Pick<GrantRun, 'steps'>): GrantStep | undefined {
  return run.steps.find((step) => step.state !== 'done' && step.state !== 'skipped');
}

/** The same steps with one changed; steps are small, so a new array each time keeps records immutable. */
export function withStep(steps: readonly GrantStep[], id: GrantStepId, change: Partial<GrantStep>): GrantStep[] {
  return steps.map((step) => (step.id === id ? { ...step, ...change } : step));
}

/** From `from` on, every step back to pending (a resume that must sign in again). */
export function resetFrom(steps: readonly GrantStep[], from: GrantStepId): GrantStep[] {
  const index = steps.findIndex((step) => step.id === from);
  return steps.map((step, i) => (i >= index ? { id: step.id, state: 'pending' } : step));
}

/** Admin words for each step, as the progress list shows them. */
export const STEP_LABELS: Readonly<Record<GrantStepId, string>> = wordsOf({
  sign_in: 'provisioning_stepSignIn',
  verify_tenant: 'provisioning_stepVerifyTenant',
  verify_admin: 'provisioning_stepVerifyAdmin',
  verify_service_account: 'provisioning_stepVerifyServiceAccount',
  choose_targets: 'provisioning_stepChooseTargets',
  check_exchange: 'provisioning_stepCheckExchange',
  check_sharepoint: 'provisioning_stepCheckSharePoint',
  check_onedrive: 'provisioning_stepCheckOneDrive',
  sync_directory: 'provisioning_stepSyncDirectory',
  backfill_activity: 'provisioning_stepBackfillActivity',
  enable_policy: 'provisioning_stepEnablePolicy',
  finish: 'provisioning_stepFinish',
});

/** What the admin reads when a grant completes (the words peers' consoles use), in the browser's language. */
export const SUCCESS_SENTENCE: string = t('provisioning_success');
