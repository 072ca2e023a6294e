import type { GrantKind, ServiceId, SyncScope } from '../db/types';

// The grant's record types live with the other records (lib/db/types.ts); re-exported for provisioning's readers.
export type { GrantKind, GrantRun, GrantStep, GrantStepId } from '../db/types';

export interface GrantRequest {
  tenantId: string;
  services: ServiceId[];
  syncScope: SyncScope;
  policyId: string;
  kind?: GrantKind;
}
