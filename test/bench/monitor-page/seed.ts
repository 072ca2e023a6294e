import { scopesFor } from '../../../lib/connectors/services';
import type { AppDB } from '../../../lib/db/app-db';
import type { ConnectorRecord, DirectoryGroup, DirectoryUser, Membership, ServiceId, TenantRecord } from '../../../lib/db/types';

const SERVICES: ServiceId[] = ['exchange', 'sharepoint', 'onedrive'];
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

export const benchTenantId = (i: number): string => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

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

/** `count` granted tenants (grant facts, homeAccountId), each with its three connectors connected and synced. */
export async function seedTenants(db: AppDB, count: number): Promise<void> {
  await db.open();
  const now = Date.now();
  const tenants: TenantRecord[] = [];
  const connectors: ConnectorRecord[] = [];
  for (let i = 0; i < count; i++) {
    const tenantId = benchTenantId(i);
    tenants.push({
      tenantId,
      displayName: `Bench tenant ${i + 1}`,
      domain: `bench${i + 1}.onmicrosoft.com`,
      cloud: 'worldwide',
      clientId: '11111111-1111-4111-8111-111111111111',
      homeAccountId: `${tenantId}.${tenantId}`,
      serviceAccountUpn: `admin@bench${i + 1}.onmicrosoft.com`,
      syncScope: { mode: 'all' },
      grant: {
        // What a grant of the three services asks for (lib/connectors/services.ts).
        scopes: scopesFor(SERVICES),
        grantedAt: now - 3600_000,
        expiresOn: now + 3600_000,
        refreshHorizon: now + 20 * 3600_000,
        lastValidatedAt: now - 60_000,
      },
      createdAt: now - 7200_000,
    });
    for (const service of SERVICES)
      connectors.push({
        id: `${tenantId}:${service}`,
        tenantId,
        service,
        connectedAt: now - 3600_000,
        lastSyncAt: now - 180_000,
      });
  }
  await putAll(db, 'tenants', tenants);
  await putAll(db, 'connectors', connectors);
}

const CHUNK = 20_000;

/** `count` users in the first bench tenant, each a member of two of `count / 100` groups; returns the groups' count. */
export async function seedUsers(db: AppDB, count: number): Promise<number> {
  await db.open();
  const tenantId = benchTenantId(0);
  const groupCount = Math.max(1, Math.round(count / 100));
  const groups: DirectoryGroup[] = [];
  for (let g = 0; g < groupCount; g++) {
    const displayName = `Team ${g}`;
    groups.push({ tenantId, id: `g-${g}`, displayName, searchName: displayName.toLowerCase() });
  }
  await putAll(db, 'groups', groups);
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
    await putAll(db, 'users', users);
    await putAll(db, 'memberOf', memberships);
  }
  return groupCount;
}
