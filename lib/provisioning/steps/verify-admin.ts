import { AppError } from '../../errors/app-error';
import { readAdminRole } from '../../graph/tenant-checks';
import { phrase } from '../../errors/phrase';
import { graphOf, type GrantStepRun, signedInAccount } from './step';

/** The account holds Global Administrator, active now. */
export const verifyAdmin: GrantStepRun = async (ctx) => {
  const account = signedInAccount(ctx);
  const role = await readAdminRole(graphOf(ctx));
  // Eligible in Privileged Identity Management but not active: activating it is the fix, not a new assignment.
  if (role === 'eligible') throw new AppError('global_admin_not_active', { detail: account.username });
  if (role !== 'active') throw new AppError('not_global_admin', { detail: account.username });
  return { detail: phrase('provisioning_holdsGlobalAdmin', account.username) };
};
