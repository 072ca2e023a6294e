/**
 * Schema version 9: `auditSearches`, one record per tenant and connected service, keyed by both. Microsoft Purview's
 * audit search runs a query for minutes on Microsoft's side (api-reference/v1.0/resources/security-auditlogquery.md:
 * notStarted, running, succeeded, failed), longer than a worker lives and longer than a sync should wait, so the
 * query a sync starts is kept here and read by a later sync (lib/sync/audit-search.ts). A new table: no upgrade step.
 */
export const v9 = {
  version: 9,
  stores: {
    auditSearches: '[tenantId+service]',
  },
};
