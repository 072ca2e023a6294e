import type { Page } from 'playwright-core';
import { scopesFor } from '../../../lib/connectors/services';
import type { ConnectorRecord, ServiceId, TenantRecord } from '../../../lib/db/types';

// Dozens of tenants, as an admin of a service provider keeps (issue #17): more than a test can grant through the
// console in its time, so they are written into the extension's IndexedDB, as the benchmark seeds its own
// (test/bench/monitor-page/seed.ts builds them here too). Their status is derived from these records alone
// (lib/monitor/evaluate.ts): no check, no token, no sign-in. Every other e2e state is built the admin's way.

const SERVICES: ServiceId[] = ['exchange', 'sharepoint', 'onedrive'];
const HOUR = 3_600_000;

/** What makes a seeded tenant need action, read from its records alone. */
export type SeededTrouble = 'expired' | 'renewal_due' | 'sync_stale';
const TROUBLES: readonly SeededTrouble[] = ['expired', 'renewal_due', 'sync_stale'];

export const seededTenantId = (i: number): string => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** The tenant at index `i`'s name: "Tenant 01"…; the first has a long name and domain (the popup must not widen). */
export const seededTenantName = (i: number): string =>
  i === 0 ? 'Northwind Traders International Holdings Europe' : `Tenant ${String(i + 1).padStart(2, '0')}`;

/**
 * Which of `count` tenants need action: every tenth from the fifth (index 4, 14, 24, …), in turn red (the refresh
 * horizon passed: Access expired), amber (within the 4-hour renewal warning) and amber (last sync two days old).
 */
export function troublesOf(count: number): Map<number, SeededTrouble> {
  const troubles = new Map<number, SeededTrouble>();
  for (let i = 4; i < count; i += 10) troubles.set(i, TROUBLES[Math.floor(i / 10) % TROUBLES.length]!);
  return troubles;
}

/** `count` granted tenants, each with its three services connected and synced 3 min ago, but for `troublesOf`. */
export function manyTenants(count: number, now: number): { tenants: TenantRecord[]; connectors: ConnectorRecord[] } {
  const troubles = troublesOf(count);
  const tenants: TenantRecord[] = [];
  const connectors: ConnectorRecord[] = [];
  for (let i = 0; i < count; i++) {
    const tenantId = seededTenantId(i);
    const trouble = troubles.get(i);
    const domain = i === 0 ? 'northwindtradersinternationalholdingseurope.onmicrosoft.com' : `tenant${i + 1}.onmicrosoft.com`;
    tenants.push({
      tenantId,
      displayName: seededTenantName(i),
      domain,
      cloud: 'worldwide',
      clientId: '11111111-1111-4111-8111-111111111111',
      homeAccountId: `${tenantId}.${tenantId}`,
      serviceAccountUpn: `admin@${domain}`,
      syncScope: { mode: 'all' },
      grant: {
        // What a grant of the three services asks for (lib/connectors/services.ts).
        scopes: scopesFor(SERVICES),
        grantedAt: now - HOUR,
        expiresOn: now + HOUR,
        refreshHorizon: trouble === 'expired' ? now - HOUR : trouble === 'renewal_due' ? now + 2 * HOUR : now + 20 * HOUR,
        lastValidatedAt: now - 60_000,
      },
      createdAt: now - 2 * HOUR,
    });
    for (const service of SERVICES)
      connectors.push({
        id: `${tenantId}:${service}`,
        tenantId,
        service,
        connectedAt: now - HOUR,
        lastSyncAt: trouble === 'sync_stale' ? now - 50 * HOUR : now - 180_000,
      });
  }
  return { tenants, connectors };
}

/** Writes the records into the extension's IndexedDB from one of its pages (the database opened once by the page). */
export async function seedTenants(page: Page, records: ReturnType<typeof manyTenants>): Promise<void> {
  await page.evaluate(
    (records) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('m365-connectors');
        open.onerror = () => reject(new Error(`IndexedDB did not open: ${String(open.error)}`));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['tenants', 'connectors'], 'readwrite');
          for (const tenant of records.tenants) tx.objectStore('tenants').put(tenant);
          for (const connector of records.connectors) tx.objectStore('connectors').put(connector);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(new Error(`IndexedDB write failed: ${String(tx.error)}`));
        };
      }),
    records,
  );
}
