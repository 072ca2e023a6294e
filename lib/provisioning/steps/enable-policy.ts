import { servicesParam } from '../../connectors/services';
import { phrase } from '../../errors/phrase';
import { policyParam } from '../grant-activity';
import type { GrantStepRun } from './step';

/** The protection policy chosen in the wizard, for the run's services. */
export const enablePolicy: GrantStepRun = (ctx) => {
  const { run } = ctx;
  return Promise.resolve({
    detail: phrase('provisioning_policyFor', policyParam(run.policyId), servicesParam(run.services)),
  });
};
