/**
 * Schema version 8: the activity log indexed by tenant. Remove tenant deletes a tenant's entries; without an index
 * that walked the whole log (every tenant's entries, kept for as long as the admin keeps them) inside the transaction
 * that removes the tenant. Now it is one key range of `tenantId`. Entries without a tenant (the log of a removal,
 * entries of no tenant) are simply not in the index. Dexie builds the index from the records: no upgrade step.
 * (Version 7 is another change's: versions need not be consecutive, and Dexie applies them in order.)
 */
export const v8 = {
  version: 8,
  stores: {
    activityLog: '++id, at, tenantId',
  },
};
