import { policyById } from '../../connectors/policies';
import { t } from '../../i18n/t';
import { servicesText } from '../grant-activity';
import type { GrantStepRun } from './step';

/** The protection policy chosen in the wizard, for the run's services. */
export const enablePolicy: GrantStepRun = (ctx) => {
  const { run } = ctx;
  return Promise.resolve({
    detail: t('provisioning_policyFor', policyById(run.policyId)?.name ?? run.policyId, servicesText(run.services)),
  });
};
