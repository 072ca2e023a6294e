/**
 * Schema version 3: the users' search keys indexed without the tenant in front, so the quick lookup over every
 * tenant reads 3 index ranges instead of 3 per tenant (issue #5: 30 ranges over 10 tenants were half of its time).
 * The tenant-prefixed indexes stay for a lookup in one tenant: over these new ones it would have to step over every
 * other tenant's match, and Chromium reads each index entry it steps over (100,000 users: about 1 s for "adele").
 * No upgrade step: the keys are fields every stored user already has (v1 wrote them), and IndexedDB fills a new
 * index from the stored records.
 */
export const v3 = {
  version: 3,
  stores: {
    users: '[tenantId+id], [tenantId+searchName], [tenantId+searchUpn], [tenantId+searchMail], searchName, searchUpn, searchMail',
  },
} as const;
