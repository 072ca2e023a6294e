import { type MessageKey, t } from '../i18n/t';

/** A protection policy the service switches on for a connector when the grant completes. */
export interface ProtectionPolicy {
  id: string;
  name: string;
  description: string;
}

/** A policy whose name and description are read in the browser's language when shown. */
function policy(id: string, name: MessageKey, description: MessageKey): ProtectionPolicy {
  return {
    id,
    get name() {
      return t(name);
    },
    get description() {
      return t(description);
    },
  };
}

/** The built-in policies, as cloud app security consoles name them. */
export const BUILT_IN_POLICIES: readonly ProtectionPolicy[] = [
  policy('advanced-threat-protection', 'connectors_policyThreatProtection', 'connectors_policyThreatProtectionDescription'),
  policy('data-loss-prevention', 'connectors_policyDataLoss', 'connectors_policyDataLossDescription'),
  policy('monitor-only', 'connectors_policyMonitorOnly', 'connectors_policyMonitorOnlyDescription'),
];

export const DEFAULT_POLICY_ID = 'advanced-threat-protection';

/** The policy with this id, or undefined. */
export function policyById(id: string | undefined): ProtectionPolicy | undefined {
  return BUILT_IN_POLICIES.find((policy) => policy.id === id);
}
