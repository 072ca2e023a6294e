import type { GrantStepRun } from './step';

/** Selected scope without users or groups yet: the run waits for the admin's choice (continueGrant). */
export const chooseTargets: GrantStepRun = ({ run }) =>
  Promise.resolve(run.syncScope.mode === 'selected' && run.syncScope.userIds.length + run.syncScope.groupIds.length > 0 ? {} : 'wait');
