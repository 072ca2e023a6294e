/**
 * Schema version 11: the users' tenant-prefixed search indexes (`[tenantId+searchName]`, `[tenantId+searchUpn]`,
 * `[tenantId+searchMail]`) go (issue #18). Every put of a user wrote six index entries besides the record; half of
 * them served only the quick lookup within one tenant, and an incremental sync puts hundreds of users (a 1% increment
 * of 100,000: 750). Measured in Chromium with 100,000 users stored, the same transaction of 500 renames, 250 additions
 * and 250 removals took about a quarter less time with three indexes than with six (docs/increment-profile.md). The
 * lookup within one tenant now reads the tenant-less indexes' keys (the primary key names the tenant) and keeps the
 * tenant's (lib/directory/lookup.ts). Versions 9 and 10 are other changes'; versions need not be consecutive. No
 * upgrade step: IndexedDB drops an index with its entries, and the records stay as they are.
 */
export const v11 = {
  version: 11,
  stores: {
    users: '[tenantId+id], searchName, searchUpn, searchMail',
  },
} as const;
