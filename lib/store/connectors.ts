import type { AppDB } from '../db/app-db';
import type { ConnectorRecord, ConnectorServiceHealth, ServiceId } from '../db/types';

// The owner of `connectors`: the grant, the check, a sync's end, a service health read and Disconnect write a
// tenant's connectors through here only (eslint.config.js holds the line).

/** The tenant's connectors, one per connected service. */
export function connectorsOf(db: AppDB, tenantId: string): Promise<ConnectorRecord[]> {
  return db.connectors.where('tenantId').equals(tenantId).toArray();
}

/** Keep connectors as given (the check's evaluation of them). */
export async function putConnectors(db: AppDB, connectors: readonly ConnectorRecord[]): Promise<void> {
  await db.connectors.bulkPut([...connectors]);
}

/** Disconnected services: their connectors go. */
export async function deleteConnectors(db: AppDB, ids: readonly string[]): Promise<void> {
  await db.connectors.bulkDelete([...ids]);
}

/** A directory sync of the tenant ended: every connector of it keeps the result (and when it last succeeded). */
export async function recordSyncedAt(db: AppDB, tenantId: string, at: number): Promise<void> {
  await db.connectors
    .where('tenantId')
    .equals(tenantId)
    .modify((connector) => {
      connector.lastSyncAt = at;
    });
}

/** Keep a service health read on the tenant's connectors; a service the read says nothing of keeps what it had. */
export async function recordServiceHealth(
  db: AppDB,
  tenantId: string,
  healthOf: (service: ServiceId) => ConnectorServiceHealth | undefined,
): Promise<void> {
  await db.connectors
    .where('tenantId')
    .equals(tenantId)
    .modify((connector) => {
      const health = healthOf(connector.service);
      if (health) connector.serviceHealth = health;
    });
}
