import { AuthError } from '../../errors/app-error';
import { getOrganization } from '../../graph/tenant-checks';
import { graphOf, type GrantStepRun, signedInAccount } from './step';

/** The account belongs to the tenant being granted; its organisation's name comes along. */
export const verifyTenant: GrantStepRun = async (ctx) => {
  const { tenant } = ctx;
  const account = signedInAccount(ctx);
  if (account.tenantId.toLowerCase() !== tenant.tenantId.toLowerCase()) throw new AuthError('wrong_tenant', { detail: account.tenantId });
  const org = await getOrganization(graphOf(ctx));
  return {
    detail: `${org.displayName || tenant.domain} (${tenant.tenantId})`,
    patch: { organizationName: org.displayName || undefined },
  };
};
