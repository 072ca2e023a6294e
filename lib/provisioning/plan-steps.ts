import type { ServiceId, SyncScope } from '../db/types';
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
export const STEP_LABELS: Record<GrantStepId, string> = {
  sign_in: 'Sign in as a Global Administrator',
  verify_tenant: 'The account belongs to the tenant',
  verify_admin: 'The account is a Global Administrator',
  verify_service_account: 'The account is the named service account',
  choose_targets: 'Choose the users and groups to sync',
  check_exchange: 'Exchange Online answers',
  check_sharepoint: 'SharePoint Online answers',
  check_onedrive: 'OneDrive answers',
  sync_directory: 'Sync the directory',
  backfill_activity: 'Load the last 7 days of activity',
  enable_policy: 'Switch on the protection policy',
  finish: 'Connect the services',
};

/** What the admin reads when a grant completes (the words peers' consoles use). */
export const SUCCESS_SENTENCE = 'Successfully created a service account and synced data.';
