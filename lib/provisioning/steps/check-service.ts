import type { ServiceId } from '../../db/types';
import { checkService as checkServiceInGraph } from '../../graph/tenant-checks';
import { graphOf, type GrantStepRun, signedInAccount } from './step';

/** One chosen service answers with the grant's permissions. */
export function checkService(service: ServiceId): GrantStepRun {
  return async (ctx) => ({ detail: await checkServiceInGraph(graphOf(ctx), service, signedInAccount(ctx)) });
}
