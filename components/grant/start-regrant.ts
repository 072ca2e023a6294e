import { DEFAULT_POLICY_ID } from '@/lib/connectors/policies';
import type { ConnectorRecord, TenantRecord } from '@/lib/db/types';
import { sendMessage } from '@/lib/messaging/protocol';
import { askWorker } from '../ask-worker';

/** Re-grant every connected service of a tenant with its scope and policy: one click, no questions. */
export function startRegrant(tenant: TenantRecord, connectors: ConnectorRecord[]) {
  return askWorker(() =>
    sendMessage('worker:startGrant', {
      tenantId: tenant.tenantId,
      services: connectors.map((c) => c.service),
      syncScope: tenant.syncScope,
      policyId: connectors[0]?.policyId ?? DEFAULT_POLICY_ID,
      kind: 'regrant',
    }),
  );
}
