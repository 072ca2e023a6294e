import type { GrantStepRun } from './step';

/** The directory sync of the run's scope (it runs under the grant's lease of the tenant). */
export const syncDirectory: GrantStepRun = async (ctx) => {
  const { deps, run, tenant } = ctx;
  return { detail: await deps.syncDirectory({ ...tenant, syncScope: run.syncScope }, run) };
};
