import { phrase } from '../../errors/phrase';
import type { GrantStepRun } from './step';

/** Sign the admin in (Entra's session, else the sign-in window, however long the admin takes there). */
export const signIn: GrantStepRun = async ({ deps, run, tenant, scopes }) => {
  const account = await deps.signIn(tenant, scopes, run.chooseAccount ? { chooseAccount: true } : undefined);
  const { homeAccountId, username, name, objectId, tenantId, expiresOn, refreshHorizon } = account;
  return {
    detail: phrase('provisioning_signedInAs', name, username),
    patch: { account: { homeAccountId, username, name, objectId, tenantId, expiresOn, refreshHorizon }, chooseAccount: undefined },
  };
};
