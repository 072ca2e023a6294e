import type { MessageKey } from '../i18n/t';

/** A protection policy the service switches on for a connector when the grant completes. */
export interface ProtectionPolicy {
  id: string;
  /** Its name and description as message keys: the UI words them with t() when it shows them. */
  nameKey: MessageKey;
  descriptionKey: MessageKey;
}

/** The built-in policies, as cloud app security consoles name them. */
export const BUILT_IN_POLICIES: readonly ProtectionPolicy[] = [
  {
    id: 'advanced-threat-protection',
    nameKey: 'connectors_policyThreatProtection',
    descriptionKey: 'connectors_policyThreatProtectionDescription',
  },
  { id: 'data-loss-prevention', nameKey: 'connectors_policyDataLoss', descriptionKey: 'connectors_policyDataLossDescription' },
  { id: 'monitor-only', nameKey: 'connectors_policyMonitorOnly', descriptionKey: 'connectors_policyMonitorOnlyDescription' },
];

export const DEFAULT_POLICY_ID = 'advanced-threat-protection';

/** The policy with this id, or undefined. */
export function policyById(id: string | undefined): ProtectionPolicy | undefined {
  return BUILT_IN_POLICIES.find((policy) => policy.id === id);
}
