import type { AccessTokenGrant, SignedInAccount } from '../auth/types';
import type { AppDB } from '../db/app-db';
import type { ConnectorRecord, DirectoryUser, ServiceId, SyncRun, TenantLease, TenantRecord } from '../db/types';
import { directoryObject, objectKey } from '../db/keys';
import { dexieReader, type KeyRange, type RecordReader } from '../db/record-reader';
import { toErrorData } from '../errors/app-error';
import { type AccountReading, serviceAccountId } from './account-standing';
import { planAlerts, type AlertPlan } from './alerts';
import { evaluateTenant, isRenewalDue, type TenantFacts } from './evaluate';
import type { ConnectorStatus, GraphCheck, MonitorSettings, TenantCheck, TokenCheck } from './types';
import type { GrantRun } from '../provisioning/types';
import { pruneResolvedAlerts, putAlerts } from '../store/alerts';
import { addCheck, pruneChecks } from '../store/checks';
import { putConnectors } from '../store/connectors';
import { putTenant } from '../store/tenants';

/** Checks are kept this long: the console's timeline shows 7 days. */
export const CHECK_RETENTION_MS = 7 * 24 * 3_600_000;
/** Without Entra's figure, a new SPA refresh token lives 24 hours. */
const DEFAULT_REFRESH_LIFETIME_MS = 24 * 3_600_000;

type GrantedTenant = TenantRecord & { homeAccountId: string; grant: NonNullable<TenantRecord['grant']> };

/** The monitor's impure edges: the worker passes the real ones, tests pass fakes. */
export interface CheckDeps {
  db: AppDB;
  now(): number;
  online(): boolean;
  /** Redeem the tenant's refresh token (the check's one token request). */
  renewToken(tenant: GrantedTenant): Promise<AccessTokenGrant>;
  /** A sign-in without a window (`prompt=none`) through the Entra session: a new refresh token, a new horizon. */
  silentSignIn(tenant: GrantedTenant): Promise<SignedInAccount>;
  /** The check's one Graph request. */
  graphCheck(tenant: GrantedTenant, services: ServiceId[]): Promise<GraphCheck>;
}

/** What a round of checks found, for the badge and the notifications. */
export interface CheckRound {
  tenants: Array<{ tenant: TenantRecord; statuses: ConnectorStatus[]; offline: boolean; lastCheckAt?: number }>;
  alerts: AlertPlan;
}

/**
 * Check one granted tenant: at most one token request (a silent sign-in when the refresh horizon is near, else a
 * refresh-token redemption) and one Graph request. Offline, nothing is asked.
 */
export async function checkTenant(
  deps: CheckDeps,
  tenant: GrantedTenant,
  services: ServiceId[],
  settings: MonitorSettings,
): Promise<Omit<TenantCheck, 'statuses'>> {
  const at = deps.now();
  if (!deps.online()) return { tenantId: tenant.tenantId, at, network: 'offline' };
  const token = await checkToken(deps, tenant, settings, at);
  if (!token.ok && token.code === 'network_offline') return { tenantId: tenant.tenantId, at, network: 'offline' };
  const graph = token.ok ? await deps.graphCheck(tenant, services) : undefined;
  return { tenantId: tenant.tenantId, at, network: 'online', token, graph };
}

async function checkToken(deps: CheckDeps, tenant: GrantedTenant, settings: MonitorSettings, at: number): Promise<TokenCheck> {
  const renewalDue = isRenewalDue(tenant.grant.refreshHorizon, settings, at);
  // Before the fixed horizon, only a new sign-in gives a new refresh token; Entra's session may allow one silently.
  const renewed = renewalDue ? await silentlySignedIn(deps, tenant) : undefined;
  if (renewed) return renewed;
  try {
    const grant = await deps.renewToken(tenant);
    return { ok: true, renewedBy: 'refresh_token', expiresOn: grant.expiresOn, refreshHorizon: grant.refreshHorizon, scopes: grant.scopes };
  } catch (error) {
    const { code, ids } = toErrorData(error);
    // msal's cache died with the last browser session (its key is a session cookie): Entra's session may still
    // sign in again without a window; if it cannot, the admin is told to sign in, never that the grant expired.
    if (code === 'signed_out' && !renewalDue) {
      const again = await silentlySignedIn(deps, tenant);
      if (again) return again;
    }
    return { ok: false, code, silentSignInTried: renewalDue || code === 'signed_out', ...(ids && { ids }) };
  }
}

/** A sign-in without a window through Entra's session, for the same account; undefined when Entra wants a prompt. */
async function silentlySignedIn(deps: CheckDeps, tenant: GrantedTenant): Promise<TokenCheck | undefined> {
  try {
    const account = await deps.silentSignIn(tenant);
    if (account.homeAccountId !== tenant.homeAccountId) return undefined;
    return {
      ok: true,
      renewedBy: 'silent_sign_in',
      expiresOn: account.expiresOn,
      refreshHorizon: account.refreshHorizon ?? deps.now() + DEFAULT_REFRESH_LIFETIME_MS,
      scopes: account.scopes,
    };
  } catch {
    // No session, or Entra wants a prompt: the refresh token still works until its horizon.
    return undefined;
  }
}

/**
 * Check every granted tenant, then evaluate every connector and store the results in one transaction: the check
 * (with each connector's status, as history for the timeline), the tenant's grant facts, the connectors' health, and
 * the alerts. The connectors' statuses themselves are not stored: whoever shows one derives it (evaluateTenant).
 */
export async function runChecks(deps: CheckDeps, settings: MonitorSettings): Promise<CheckRound> {
  const { db } = deps;
  const tenants = await db.tenants.toArray();
  const connectors = await db.connectors.toArray();
  const found = new Map<string, Omit<TenantCheck, 'statuses'>>();
  for (const tenant of tenants) {
    const services = connectors.filter((c) => c.tenantId === tenant.tenantId).map((c) => c.service);
    if (!isGranted(tenant) || services.length === 0) continue;
    found.set(tenant.tenantId, await checkTenant(deps, tenant, services, settings));
  }
  return recordRound(deps, settings, found);
}

/** Re-evaluate without asking Microsoft anything (after a sync or a setting change): the badge follows the records. */
export async function reevaluate(deps: Pick<CheckDeps, 'db' | 'now'>, settings: MonitorSettings): Promise<CheckRound> {
  return recordRound(deps, settings, new Map());
}

/** What a round reads and writes: with the mirror, for the service account's own record (`factsOf`). */
function roundTables(db: AppDB) {
  return [db.tenants, db.connectors, db.checks, db.alerts, db.syncRuns, db.leases, db.grantRuns, db.users];
}

async function recordRound(
  deps: Pick<CheckDeps, 'db' | 'now'>,
  settings: MonitorSettings,
  found: Map<string, Omit<TenantCheck, 'statuses'>>,
): Promise<CheckRound> {
  const { db } = deps;
  return db.transaction('rw', roundTables(db), async () => {
    const now = deps.now();
    const tenants = await db.tenants.toArray();
    const connectors = await db.connectors.toArray();
    const round: CheckRound['tenants'] = [];
    const statuses: ConnectorStatus[] = [];
    for (const stored of tenants) {
      const check = found.get(stored.tenantId);
      const tenant = check ? withGrantFacts(stored, check) : stored;
      if (tenant !== stored) await putTenant(db, tenant);
      const own = connectors.filter((c) => c.tenantId === tenant.tenantId).map((c) => withHealth(c, check));
      const facts = await factsOf(db, tenant, own, check);
      const tenantStatuses = evaluateTenant(facts, settings, now);
      if (check)
        await addCheck(db, {
          ...check,
          statuses: tenantStatuses.map(({ connectorId, state, severity, reasonCode }) => ({ connectorId, state, severity, reasonCode })),
        });
      // Statuses are not stored (they are derived where read); only the health the check read is a new fact.
      const healthRead = own.filter((connector) => check?.graph?.health?.[connector.service]);
      if (healthRead.length) await putConnectors(db, healthRead);
      round.push({ tenant, statuses: tenantStatuses, offline: facts.offline, lastCheckAt: facts.lastOnlineCheck?.at ?? check?.at });
      statuses.push(...tenantStatuses);
    }
    const open = (await db.alerts.toArray()).filter((alert) => alert.resolvedAt === undefined);
    const muted = new Set(tenants.filter((t) => t.notificationsMuted).map((t) => t.tenantId));
    const alerts = planAlerts(open, statuses, muted, now);
    await putAlerts(db, alerts.put);
    await pruneOld(db, now);
    return { tenants: round, alerts };
  });
}

/** Every tenant's grant runs and sync leases, when a caller reads them once for all its tenants (the popup). */
export interface SharedFacts {
  grantRuns: readonly GrantRun[];
  leases: readonly TenantLease[];
  /**
   * The service accounts' records in the mirror by tenant id, asked for every tenant in one call (bulkGet) while each
   * tenant's other reads go on: one Dexie request instead of one a tenant.
   */
  accounts?: Promise<ReadonlyMap<string, DirectoryUser>>;
}

/**
 * What the evaluation of one tenant reads, from the records (the popup reads the same). `shared`: what the caller
 * has read once for all its tenants, so that no tenant reads them on its own (issue #17: the popup's first render).
 */
export function factsOf(
  db: AppDB,
  tenant: TenantRecord,
  connectors: ConnectorRecord[],
  check: Omit<TenantCheck, 'statuses'> | undefined,
  shared?: SharedFacts,
): Promise<TenantFacts> {
  return readTenantFacts(dexieReader(db), tenant, connectors, check, shared);
}

/** factsOf through `reader`: Dexie's (a transaction, a live query) or IndexedDB's own (the popup's first read). */
export async function readTenantFacts(
  reader: RecordReader,
  tenant: TenantRecord,
  connectors: ConnectorRecord[],
  check: Omit<TenantCheck, 'statuses'> | undefined,
  shared?: SharedFacts,
): Promise<TenantFacts> {
  const range: KeyRange = [
    [tenant.tenantId, 0],
    [tenant.tenantId, Infinity],
  ];
  const accountId = serviceAccountId(tenant);
  // The independent reads at once: the popup makes them for every tenant before its first paint.
  const [newest, lastSyncRun, syncLease, runs, accountUser] = await Promise.all([
    check ?? reader.last('checks', '[tenantId+at]', range),
    reader.last('syncRuns', '[tenantId+startedAt]', range),
    shared ? shared.leases.find((lease) => lease.tenantId === tenant.tenantId) : reader.get('leases', tenant.tenantId),
    shared?.grantRuns.filter((run) => run.tenantId === tenant.tenantId) ?? reader.allOf('grantRuns', 'tenantId', tenant.tenantId),
    !accountId
      ? undefined
      : shared?.accounts
        ? shared.accounts.then((all) => all.get(tenant.tenantId))
        : reader.get('users', objectKey(tenant.tenantId, accountId)).then((row) => row && directoryObject<DirectoryUser>(row)),
  ]);
  // No check at all (a new tenant): there is no online one to look for either.
  const lastOnlineCheck =
    newest === undefined || newest.network === 'online'
      ? (newest as TenantCheck | undefined)
      : await reader.last('checks', '[tenantId+at]', range, (c) => c.network === 'online');
  const grantInProgress = runs.some((run) => run.state === 'running' || run.state === 'waiting');
  const serviceAccount = await mirroredServiceAccount(reader, range, accountUser, lastSyncRun);
  return {
    tenant,
    connectors,
    lastOnlineCheck,
    offline: newest?.network === 'offline',
    lastSyncRun,
    ...(syncLease && { syncLease }),
    ...(serviceAccount && { serviceAccount }),
    grantInProgress,
  };
}

/**
 * The service account's accountEnabled as the directory mirror holds it, and since when: the start of the newest sync
 * run that succeeded, after which every mirrored record held what Graph said (a delta round leaves an unchanged user
 * as it was, and that is still true). A run that failed or still runs may have written pages, but proves nothing of
 * the records it did not reach. Absent without a record (outside the sync scope, or a guest account) or such a run.
 */
async function mirroredServiceAccount(
  reader: RecordReader,
  tenantRange: KeyRange,
  user: DirectoryUser | undefined,
  newestRun: SyncRun | undefined,
): Promise<AccountReading | undefined> {
  if (typeof user?.accountEnabled !== 'boolean') return undefined;
  const succeeded =
    newestRun?.outcome === 'success'
      ? newestRun
      : await reader.last('syncRuns', '[tenantId+startedAt]', tenantRange, (run) => run.outcome === 'success');
  return succeeded ? { enabled: user.accountEnabled, at: succeeded.startedAt } : undefined;
}

/** The tenant's grant facts as the check's token request told them. */
function withGrantFacts(tenant: TenantRecord, check: Omit<TenantCheck, 'statuses'>): TenantRecord {
  if (!tenant.grant || check.network !== 'online' || !check.token) return tenant;
  const token = check.token;
  if (!token.ok) {
    const lastAuthError = { code: token.code, at: check.at, ...(token.ids && { ids: token.ids }) };
    return { ...tenant, grant: { ...tenant.grant, lastAuthError } };
  }
  return {
    ...tenant,
    grant: {
      ...tenant.grant,
      expiresOn: token.expiresOn || tenant.grant.expiresOn,
      refreshHorizon: token.refreshHorizon ?? tenant.grant.refreshHorizon,
      lastValidatedAt: check.at,
      lastAuthError: undefined,
    },
  };
}

function withHealth(connector: ConnectorRecord, check: Omit<TenantCheck, 'statuses'> | undefined): ConnectorRecord {
  const health = check?.graph?.health?.[connector.service];
  return health ? { ...connector, serviceHealth: health } : connector;
}

async function pruneOld(db: AppDB, now: number): Promise<void> {
  await pruneChecks(db, now - CHECK_RETENTION_MS);
  await pruneResolvedAlerts(db, now - CHECK_RETENTION_MS);
}

function isGranted(tenant: TenantRecord): tenant is GrantedTenant {
  return tenant.homeAccountId !== undefined && tenant.grant !== undefined;
}
