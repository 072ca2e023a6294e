import type { AppDB } from '../../../lib/db/app-db';
import { membershipRow, objectRow } from '../../../lib/db/keys';
import type { DirectoryGroup, DirectoryUser, Membership } from '../../../lib/db/types';
import { manyTenants, seededTenantId } from '../../e2e/harness/many-tenants';

const FIRST = [
  'Adele',
  'Alex',
  'Bianca',
  'Carlos',
  'Diego',
  'Emma',
  'Fatima',
  'Grace',
  'Hiro',
  'Isabel',
  'Jonas',
  'Karin',
  'Lena',
  'Marco',
  'Nora',
  'Omar',
  'Priya',
  'Quentin',
  'Rosa',
  'Sven',
];
const LAST = [
  'Vance',
  'Wilber',
  'Garcia',
  'Nguyen',
  'Schmidt',
  'Rossi',
  'Dubois',
  'Kowalski',
  'Tanaka',
  'Silva',
  'Larsen',
  'Novak',
  'Haddad',
  'Okafor',
  'Moreau',
  'Jensen',
  'Ibrahim',
  'Costa',
  'Fischer',
  'Lindqvist',
];

/** Raw IndexedDB puts in one transaction: the fastest way to fill a store (no Dexie hooks, no per-record promise). */
function putAll(db: AppDB, store: string, records: readonly object[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.backendDB().transaction(store, 'readwrite');
    const table = tx.objectStore(store);
    for (const record of records) table.put(record);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(new Error(String(tx.error)));
  });
}

/**
 * `count` granted tenants (grant facts, homeAccountId), each with its three connectors connected and synced; every
 * tenth from the fifth needs action (test/e2e/harness/many-tenants.ts, which the popup's e2e test seeds too).
 */
export async function seedTenants(db: AppDB, count: number): Promise<void> {
  await db.open();
  const { tenants, connectors } = manyTenants(count, Date.now());
  await putAll(db, 'tenants', tenants);
  await putAll(db, 'connectors', connectors);
}

const CHUNK = 20_000;

/** `count` users in the first bench tenant, each a member of two of `count / 100` groups; returns the groups' count. */
export async function seedUsers(db: AppDB, count: number): Promise<number> {
  await db.open();
  const tenantId = seededTenantId(0);
  const groupCount = Math.max(1, Math.round(count / 100));
  const groups: DirectoryGroup[] = [];
  for (let g = 0; g < groupCount; g++) {
    const displayName = `Team ${g}`;
    groups.push({ tenantId, id: `g-${g}`, displayName, searchName: displayName.toLowerCase() });
  }
  await putAll(db, 'groups', groups.map(objectRow));
  for (let start = 0; start < count; start += CHUNK) {
    const users: DirectoryUser[] = [];
    const memberships: Membership[] = [];
    for (let i = start; i < Math.min(count, start + CHUNK); i++) {
      const first = FIRST[i % FIRST.length]!;
      const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
      const displayName = `${first} ${last} ${i}`;
      const upn = `${first}.${last}${i}@bench1.onmicrosoft.com`.toLowerCase();
      const mail = `${last}.${first}${i}@contoso.example`.toLowerCase();
      const id = `u-${i}`;
      users.push({
        tenantId,
        id,
        displayName,
        userPrincipalName: upn,
        mail,
        accountEnabled: true,
        exchangeLicensed: i % 3 !== 0,
        searchName: displayName.toLowerCase(),
        searchUpn: upn,
        searchMail: mail,
      });
      memberships.push({ tenantId, groupId: `g-${i % groupCount}`, userId: id });
      memberships.push({ tenantId, groupId: `g-${(i * 7 + 1) % groupCount}`, userId: id });
    }
    await putAll(db, 'users', users.map(objectRow));
    await putAll(db, 'memberOf', memberships.map(membershipRow));
  }
  return groupCount;
}
