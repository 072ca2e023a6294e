import type { GrantStepRun } from './step';

/** The 7-day activity backfill. */
export const backfillActivity: GrantStepRun = async (ctx) => {
  return { detail: await ctx.deps.backfillActivity(ctx.tenant, ctx.run) };
};
