/** A protection policy the service switches on for a connector when the grant completes. */
export interface ProtectionPolicy {
  id: string;
  name: string;
  description: string;
}

/** The built-in policies, as cloud app security consoles name them. */
export const BUILT_IN_POLICIES: readonly ProtectionPolicy[] = [
  {
    id: 'advanced-threat-protection',
    name: 'Advanced Threat Protection',
    description: 'Scan mail and files for malware, phishing and ransomware, and quarantine what is found.',
  },
  {
    id: 'data-loss-prevention',
    name: 'Data Loss Prevention',
    description: 'Find sensitive data (card numbers, personal data) in mail and files and act on it.',
  },
  { id: 'monitor-only', name: 'Monitor only', description: 'Log what would be found, take no action. A safe start.' },
];

export const DEFAULT_POLICY_ID = 'advanced-threat-protection';

/** The policy with this id, or undefined. */
export function policyById(id: string | undefined): ProtectionPolicy | undefined {
  return BUILT_IN_POLICIES.find((policy) => policy.id === id);
}
