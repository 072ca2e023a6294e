import Dexie, { type EntityTable, type Table } from 'dexie';
import type {
  ActivityLogEntry,
  AlertRecord,
  AuditSearchRecord,
  ConnectorRecord,
  EventBatch,
  GrantRun,
  GroupRow,
  MemberKey,
  MembershipRow,
  ObjectKey,
  PolicyRecord,
  SyncCheckpoint,
  SyncRun,
  TenantCheck,
  TenantLease,
  TenantRecord,
  UserRow,
} from './types';
import { SCHEMA_VERSIONS } from './versions';
import type { EventBatchKey } from './event-batches';

export const DB_NAME = 'm365-connectors';

/** The extension's records in IndexedDB. Shared by the worker and every extension page. */
export class AppDB extends Dexie {
  tenants!: EntityTable<TenantRecord, 'tenantId'>;
  connectors!: EntityTable<ConnectorRecord, 'id'>;
  grantRuns!: EntityTable<GrantRun, 'id'>;
  /** The mirror's users and groups, keyed [tenantId, id] packed (`objectKey`); `directoryObject` unpacks a record. */
  users!: Table<UserRow, ObjectKey>;
  groups!: Table<GroupRow, ObjectKey>;
  /** A user's memberships, keyed [tenantId, userId, groupId] (`memberKey`); a group's members through the index. */
  memberOf!: Table<MembershipRow, MemberKey>;
  syncCheckpoints!: Table<SyncCheckpoint, [string, string]>;
  syncRuns!: EntityTable<SyncRun, 'id'>;
  /** The activity's events, a stored page to a record (lib/db/event-batches.ts). */
  eventBatches!: Table<EventBatch, EventBatchKey>;
  auditSearches!: Table<AuditSearchRecord, [string, string]>;
  policies!: EntityTable<PolicyRecord, 'id'>;
  alerts!: EntityTable<AlertRecord, 'id'>;
  activityLog!: EntityTable<ActivityLogEntry, 'id'>;
  checks!: EntityTable<TenantCheck, 'id'>;
  /** Who may write each tenant's records now, until when: one lease per tenant (lib/lease/tenant-lease.ts). */
  leases!: EntityTable<TenantLease, 'tenantId'>;

  constructor(name: string = DB_NAME) {
    super(name);
    for (const schema of SCHEMA_VERSIONS) {
      const version = this.version(schema.version).stores(schema.stores);
      if (schema.upgrade) version.upgrade(schema.upgrade);
    }
  }
}
