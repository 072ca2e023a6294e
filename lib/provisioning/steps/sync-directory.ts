import type { GrantStepRun } from './step';

/** The directory sync of the run's scope (it holds the tenant's sync lease meanwhile). */
export const syncDirectory: GrantStepRun = async (ctx) => {
  const { deps, run, tenant } = ctx;
  return { detail: await deps.syncDirectory({ ...tenant, syncScope: run.syncScope }, run) };
};
