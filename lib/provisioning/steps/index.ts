import type { GrantStepId } from '../types';
import { backfillActivity } from './backfill-activity';
import { checkService } from './check-service';
import { chooseTargets } from './choose-targets';
import { enablePolicy } from './enable-policy';
import { finish } from './finish';
import { signIn } from './sign-in';
import type { GrantStepRun } from './step';
import { syncDirectory } from './sync-directory';
import { verifyAdmin } from './verify-admin';
import { verifyServiceAccount } from './verify-service-account';
import { verifyTenant } from './verify-tenant';

/** Every step of Grant access, by id (the plan, plan-steps.ts, says which a run takes and in which order). */
export const GRANT_STEPS: Readonly<Record<GrantStepId, GrantStepRun>> = {
  sign_in: signIn,
  verify_tenant: verifyTenant,
  verify_admin: verifyAdmin,
  verify_service_account: verifyServiceAccount,
  choose_targets: chooseTargets,
  check_exchange: checkService('exchange'),
  check_sharepoint: checkService('sharepoint'),
  check_onedrive: checkService('onedrive'),
  sync_directory: syncDirectory,
  backfill_activity: backfillActivity,
  enable_policy: enablePolicy,
  finish,
};
