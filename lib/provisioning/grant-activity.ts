import type { ActivityAction } from '../db/types';
import { policyById } from '../connectors/policies';
import type { ActivityLogEntry } from '../db/types';
import { type Param, type Phrase, phrase } from '../errors/phrase';
import type { GrantRun } from './types';

/** An activity-log entry about a run, by the account it signed in with (else "admin"): codes, worded when shown. */
export function entry(at: number, run: GrantRun, event: ActivityAction, detail: Param, outcome: 'success' | 'failure'): ActivityLogEntry {
  return { at, tenantId: run.tenantId, actor: run.account?.username ?? 'admin', event, detail, outcome };
}

export function scopeText(run: GrantRun): Phrase {
  return run.syncScope.mode === 'all'
    ? phrase('provisioning_scopeAll')
    : phrase('provisioning_scopeSelectedCounts', run.syncScope.userIds.length, run.syncScope.groupIds.length);
}

/** A built-in policy by its words' key; a policy the extension does not know, by its id. */
export function policyParam(policyId: string): Param {
  const policy = policyById(policyId);
  return policy ? phrase(policy.nameKey) : policyId;
}
