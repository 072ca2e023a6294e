import { AppError } from '../../errors/app-error';
import { type GrantStepRun, signedInAccount } from './step';

/** The account is the service account entered for the tenant. */
export const verifyServiceAccount: GrantStepRun = (ctx) => {
  const account = signedInAccount(ctx);
  if (account.username.toLowerCase() !== ctx.tenant.serviceAccountUpn?.toLowerCase())
    return Promise.reject(new AppError('wrong_service_account', { detail: account.username }));
  return Promise.resolve({ detail: account.username });
};
