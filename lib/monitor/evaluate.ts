import { SERVICE_LABELS } from '../connectors/services';
import type { ConnectorRecord, ConnectorState, OpenIncident, SyncRun, TenantLease, TenantRecord } from '../db/types';
import type { ErrorCode } from '../errors/codes';
import type { MessageKey } from '../i18n/t';
import { wordsOf } from '../i18n/words';
import { healthPhrase, storedHealthState } from '../service-health/status';
import { syncRunReason } from '../sync/run-reason';
import { accountEnabledNow, type AccountReading, licenceStanding } from './account-standing';
import { isPasswordExpiryDue, predictPasswordExpiry } from './password-expiry';
import { type CodedError, type Param, type Phrase, phrase, plural } from '../errors/phrase';
import type { ConnectorStatus, FixAction, MonitorSettings, Severity, TenantCheck } from './types';

/** Everything the evaluation of one tenant reads. */
export interface TenantFacts {
  tenant: TenantRecord;
  connectors: readonly ConnectorRecord[];
  /** The newest check made while online (offline checks conclude nothing). */
  lastOnlineCheck?: TenantCheck;
  /** True when the newest check found the browser offline. */
  offline: boolean;
  /** The tenant's newest directory sync run. */
  lastSyncRun?: SyncRun;
  /**
   * The service account's accountEnabled as the directory mirror holds it, at the start of the newest sync run that
   * succeeded (the mirror was current from then on); absent when the mirror has no such record.
   */
  serviceAccount?: AccountReading;
  /** Who holds the tenant's sync now (tells a live run from an interrupted one: lib/sync/run-state.ts). */
  syncLease?: TenantLease;
  grantInProgress: boolean;
}

/** How urgent each state is (the alert list colours its alerts by it too). */
export const STATE_SEVERITY: Record<ConnectorState, Severity> = {
  not_connected: 'ok',
  connected: 'ok',
  granting: 'info',
  syncing: 'info',
  renewal_due: 'warning',
  sync_stale: 'warning',
  service_degraded: 'warning',
  token_expired: 'error',
  // Nothing works until the admin signs in again, but the grant did not expire: its own words, not "Access expired".
  signed_out: 'error',
  permission_missing: 'error',
  // A lapsed PIM activation: the grant still works for most reads, and the admin activates the role again.
  role_inactive: 'warning',
  // Predicted: the service account's password must change soon, and the change will revoke the grant.
  password_expiring: 'warning',
  // The account is disabled ("Block sign-in"): nothing works until an admin enables it.
  account_blocked: 'error',
  // The licence a connected service needs is in its grace period (still works), or past it (the service stopped).
  licence_ending: 'warning',
  licence_lost: 'error',
  // Microsoft has an open incident for the service: it may fail until Microsoft resolves it.
  service_incident: 'warning',
  // The PIM activation of Global Administrator ends soon (amber), or when it ends could not be read (no colour).
  role_activation_ending: 'warning',
  role_activation_unknown: 'info',
  sync_failed: 'error',
};

/**
 * The one label map: each state's message. The popup, the console, the badge, the notifications, the alert list and
 * the timeline all word a state through it, so the same records read the same everywhere.
 */
export const STATE_MESSAGE_KEYS: Readonly<Record<ConnectorState, MessageKey>> = {
  not_connected: 'monitor_stateNotConnected',
  connected: 'monitor_stateConnected',
  granting: 'monitor_stateGranting',
  syncing: 'monitor_stateSyncing',
  renewal_due: 'monitor_stateRenewalDue',
  sync_stale: 'monitor_stateSyncStale',
  service_degraded: 'monitor_stateServiceDegraded',
  token_expired: 'monitor_stateTokenExpired',
  signed_out: 'monitor_stateSignedOut',
  permission_missing: 'monitor_statePermissionMissing',
  role_inactive: 'monitor_stateRoleInactive',
  password_expiring: 'monitor_statePasswordExpiring',
  account_blocked: 'monitor_stateAccountBlocked',
  licence_ending: 'monitor_stateLicenceEnding',
  licence_lost: 'monitor_stateLicenceLost',
  service_incident: 'monitor_stateServiceIncident',
  role_activation_ending: 'monitor_stateRoleActivationEnding',
  role_activation_unknown: 'monitor_stateRoleActivationUnknown',
  sync_failed: 'monitor_stateSyncFailed',
};

/** The state in a few words (STATE_MESSAGE_KEYS, read when used); the UI shows them next to the colour (never colour alone). */
export const STATE_LABELS: Readonly<Record<ConnectorState, string>> = wordsOf(STATE_MESSAGE_KEYS);

const ACTION: Record<ConnectorState, FixAction> = {
  not_connected: 'open_console',
  connected: 'none',
  granting: 'open_console',
  syncing: 'none',
  renewal_due: 'regrant',
  sync_stale: 'sync_now',
  service_degraded: 'none',
  token_expired: 'regrant',
  signed_out: 'regrant',
  permission_missing: 'regrant',
  // Activating the role happens in Entra's Privileged Identity Management, not here; the words say so.
  role_inactive: 'none',
  // The password is changed in Microsoft 365 (or set to never expire); the words say so, and to grant access after.
  password_expiring: 'none',
  // Enabling the account and renewing a licence happen in the Microsoft 365 admin center; the words say where.
  account_blocked: 'none',
  licence_ending: 'none',
  licence_lost: 'none',
  service_incident: 'none',
  // Extending an activation happens in Privileged Identity Management; the words say so.
  role_activation_ending: 'none',
  role_activation_unknown: 'regrant',
  sync_failed: 'sync_now',
};

/** Worst first: the badge and the popup order by this. */
export const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, ok: 0 };

/**
 * Token failures where the grant itself stands but the tenant refuses its use: a permission or consent gone, or a
 * policy (Conditional Access, device rules, the account unassigned) that a new sign-in cannot satisfy. "Access
 * expired" would be wrong for them; their reason says what to do. A disabled account has its own state.
 */
const PERMISSION_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'consent_missing',
  'consent_declined',
  'graph_forbidden',
  'admin_consent_required',
  'conditional_access_blocked',
  'device_not_compliant',
  'account_not_assigned',
]);
/**
 * Failures that say nothing about the grant: the network, Microsoft being down or busy (OAuth
 * `temporarily_unavailable`: "Retry the request"), a throttle, a request that timed out. The next check retries.
 */
const INCONCLUSIVE_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'network_offline',
  'network_unreachable',
  'auth_page_unreachable',
  'entra_unavailable',
  'auth_timed_out',
  'graph_unavailable',
  'graph_throttled',
  'graph_retry_exhausted',
  'offscreen_unavailable',
  'message_failed',
]);

/** True when a check's token failure concludes nothing about the grant (the monitor retries at the next check). */
export function isInconclusive(code: string): boolean {
  return INCONCLUSIVE_CODES.has(code);
}

type Finding = { state: ConnectorState; reasonCode?: string; reason?: CodedError | Phrase };

/**
 * Each connector's status, from the records and `now` only: the one place a status is decided. Nothing stores a
 * status (schema version 5 removed the stored copies): the popup, the console, the badge, the notifications and every
 * action (the notification's button, the re-grant offers) read this. Its inputs are records: the tenant and its grant
 * facts, the connector records, the newest online check, the newest sync run, the stored service health, a grant run
 * in progress.
 *
 * A connector record exists only while the admin has connected its service (the grant writes it, Disconnect deletes
 * it), so a service without a record is `not_connected` (the console words it with the same map). A record whose
 * tenant has no grant facts (signed out: no account, no grant) is `not_connected` too: that is what the records say.
 *
 * The first finding that holds wins, in this order:
 * a grant under way; the grant (token) failing; the role lost (amber when only its PIM activation ended) or a
 * permission lost; the account disabled (the freshest record of it: the last online check, or the directory mirror
 * when a sync read the account later) or its licence for the service lost (the last online check's account facts);
 * the refresh horizon passed or near; the sync running or failed; the predicted failures (the licence in its grace
 * period, the PIM activation of the role ending within the warning window, the service account's password due to
 * change); the sync stale; Microsoft's open incident for the service, then its health; an activation whose end could
 * not be read; otherwise connected. While offline nothing turns red that
 * the last online check did not already find: a horizon passed offline reads as renewal due, never expired.
 */
export function evaluateTenant(facts: TenantFacts, settings: MonitorSettings, now: number): ConnectorStatus[] {
  return facts.connectors.map((connector) => {
    const finding = findingFor(facts, connector, settings, now);
    return {
      connectorId: connector.id,
      tenantId: connector.tenantId,
      service: connector.service,
      state: finding.state,
      severity: STATE_SEVERITY[finding.state],
      label: STATE_LABELS[finding.state],
      reason: finding.reason,
      reasonCode: finding.reasonCode,
      action: ACTION[finding.state],
    };
  });
}

function findingFor(facts: TenantFacts, connector: ConnectorRecord, settings: MonitorSettings, now: number): Finding {
  const { tenant, lastOnlineCheck: check } = facts;
  if (facts.grantInProgress) return { state: 'granting' };
  if (!tenant.homeAccountId || !tenant.grant) return { state: 'not_connected' };

  // The freshest record of the service account: the check's own, or a later sync's read of the directory.
  const enabled = accountEnabledNow(check, facts.serviceAccount);
  const token = check?.token;
  // AADSTS50057 whose account a later sync read enabled again: the refusal is past (disabling revokes no refresh
  // token: entra-docs docs/identity-platform/refresh-tokens.md "Token revocation"), so it concludes nothing now.
  const refusalPast = token?.ok === false && token.code === 'account_disabled' && enabled === true;
  if (token && !token.ok && !INCONCLUSIVE_CODES.has(token.code) && !refusalPast) {
    if (token.code === 'signed_out') return coded('signed_out', 'signed_out');
    // AADSTS50057: the account is disabled; its own state, whose words say to enable it.
    if (token.code === 'account_disabled') return coded('account_blocked', 'account_disabled');
    return PERMISSION_CODES.has(token.code) ? coded('permission_missing', token.code) : coded('token_expired', token.code);
  }
  const graph = token?.ok ? check?.graph : undefined;
  if (graph?.failure === 'graph_unauthorized') return coded('token_expired', 'graph_unauthorized');
  if (graph?.failure === 'graph_forbidden') return coded('permission_missing', 'graph_forbidden');
  if (graph?.globalAdmin === false) {
    // Still eligible: a Privileged Identity Management activation ended, which the admin renews; not a lost grant.
    return graph.globalAdminEligible === true
      ? coded('role_inactive', 'admin_role_inactive')
      : coded('permission_missing', 'admin_role_removed');
  }
  if (graph?.probes[connector.service] === 'forbidden') {
    return coded('permission_missing', 'permission_lost', phrase(SERVICE_LABELS[connector.service]));
  }
  // Read disabled (by the check with a token that still worked, or by a later sync): the next refresh fails
  // (AADSTS50057), so it is red now, before it does.
  if (enabled === false) return coded('account_blocked', 'account_disabled');
  const licence = licenceStanding(graph?.account, connector.service);
  if (licence === 'lost') return coded('licence_lost', 'licence_lost', phrase(SERVICE_LABELS[connector.service]));

  const horizon = tenant.grant.refreshHorizon;
  if (now >= horizon && !facts.offline) return coded('token_expired', 'refresh_token_expired');
  // The fixed limit's exact time, then why and the fix (the alert list words the code alone).
  if (isRenewalDue(horizon, settings, now))
    return {
      state: 'renewal_due',
      reasonCode: 'renewal_due',
      reason: phrase('monitor_accessEndsAt', { at: horizon }, { code: 'renewal_due' }),
    };

  const run = facts.lastSyncRun;
  if (run?.outcome === 'running') return { state: 'syncing' };
  // Only a failed run is a failure: a stopped or deferred run resumes by itself (stale if it never does).
  if (run?.outcome === 'failed')
    return coded('sync_failed', 'sync_failed', syncRunReason(run) ?? run.reason ?? phrase('monitor_seeSyncHistory'));
  if (licence === 'grace') return coded('licence_ending', 'licence_grace', phrase(SERVICE_LABELS[connector.service]));
  const activeUntil = graph?.globalAdmin === true ? graph.globalAdminActiveUntil : undefined;
  if (typeof activeUntil === 'number' && activeUntil - now <= settings.renewalWarningHours * 3_600_000) {
    return {
      state: 'role_activation_ending',
      reasonCode: 'admin_role_activation_ending',
      reason: phrase('monitor_roleActivationEndsAt', { at: activeUntil }, { code: 'admin_role_activation_ending' }),
    };
  }
  const password = predictPasswordExpiry(check?.graph?.account, settings.renewalWarningHours);
  if (isPasswordExpiryDue(password, now)) {
    return {
      state: 'password_expiring',
      reasonCode: 'password_expiring',
      reason: phrase('monitor_passwordExpiresOn', { at: password.at }, { code: 'password_expiring' }),
    };
  }
  if (tenant.syncScope.mode === 'all' && connector.lastSyncAt !== undefined) {
    const limitMs = 2 * settings.syncIntervalHours * 3_600_000;
    if (now - connector.lastSyncAt > limitMs)
      return coded('sync_stale', 'sync_stale', plural(2 * settings.syncIntervalHours, { one: 'monitor_hour', other: 'monitor_hours' }));
  }
  const incident = check?.graph?.incidents?.[connector.service]?.[0];
  if (incident) return { state: 'service_incident', reasonCode: 'service_incident', reason: incidentPhrase(incident) };
  if (connector.serviceHealth && storedHealthState(connector.serviceHealth) === 'degraded') {
    return {
      state: 'service_degraded',
      reasonCode: 'service_degraded',
      reason: phrase('monitor_microsoftReports', healthPhrase(connector.serviceHealth)),
    };
  }
  // Active and eligible: held through a PIM activation, whose end this grant could not read. Said, without colour.
  if (graph?.globalAdmin === true && graph.globalAdminEligible === true && graph.globalAdminActivationUnread)
    return coded('role_activation_unknown', 'admin_role_activation_unread');
  return { state: 'connected' };
}

/** The refresh horizon is within the admin's warning window (or past). Pure. */
export function isRenewalDue(refreshHorizon: number, settings: Pick<MonitorSettings, 'renewalWarningHours'>, now: number): boolean {
  return refreshHorizon - now <= settings.renewalWarningHours * 3_600_000;
}

/** Microsoft's own title, its id and its last update, as Microsoft wrote them. */
function incidentPhrase(incident: OpenIncident): Phrase {
  return incident.lastUpdateAt === undefined
    ? phrase('monitor_microsoftIncident', incident.title, incident.id)
    : phrase('monitor_microsoftIncidentUpdated', incident.title, incident.id, { at: incident.lastUpdateAt });
}

function coded(state: ConnectorState, code: ErrorCode, detail?: Param): Finding {
  return { state, reasonCode: code, reason: detail === undefined ? { code } : { code, params: [detail] } };
}
