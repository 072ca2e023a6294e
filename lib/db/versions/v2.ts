/**
 * Schema version 2: `checks`, the health monitor's results per tenant (lib/monitor), kept 7 days for the console's
 * timeline. [tenantId+at] reads one tenant's newest checks and its timeline; `at` prunes the old ones.
 */
export const v2 = {
  version: 2,
  stores: {
    checks: '++id, [tenantId+at], at',
  },
} as const;
