import type { ConnectorServiceHealth, ConnectorState, ServiceId } from '../db/types';
import type { ErrorCode } from '../errors/codes';
import type { CodedError, Phrase } from '../i18n/phrase';

/** How urgent a status is: `error` needs action now (red), `warning` soon (amber); `info` is work in progress. */
export type Severity = 'ok' | 'info' | 'warning' | 'error';

/** What fixes a status, offered as one button. */
export type FixAction = 'regrant' | 'sync_now' | 'open_console' | 'none';

/** What one probe of a service found: it answered, it refused (403: permission lost), or it failed otherwise. */
export type ProbeResult = 'ok' | 'forbidden' | 'failed';

/** What one check of a tenant found. Kept 7 days in `checks`: the console's timeline and the last known facts. */
export interface TenantCheck {
  id?: number;
  tenantId: string;
  at: number;
  /** `offline`: the browser had no network, so nothing was asked and nothing is concluded. */
  network: 'online' | 'offline';
  /** The one token request: ok with what Entra said, or the classified failure. */
  token?: TokenCheck;
  /** The one Graph request ($batch): absent when the token failed. */
  graph?: GraphCheck;
  /** Each connector's status after this check (the timeline reads these). */
  statuses: Array<{ connectorId: string; state: ConnectorState; severity: Severity; reasonCode?: string }>;
}

export type TokenCheck =
  | { ok: true; renewedBy: 'refresh_token' | 'silent_sign_in'; expiresOn: number; refreshHorizon?: number; scopes: string[] }
  | { ok: false; code: ErrorCode; silentSignInTried: boolean };

export interface GraphCheck {
  /** Whether the account still holds the Global Administrator role; absent when Graph did not say. */
  globalAdmin?: boolean;
  /** Whether the account is eligible for Global Administrator in Privileged Identity Management; absent when Graph did not say. */
  globalAdminEligible?: boolean;
  probes: Partial<Record<ServiceId, ProbeResult>>;
  health?: Partial<Record<ServiceId, ConnectorServiceHealth>>;
  /** The whole request failed (e.g. 401, 5xx, network). */
  failure?: ErrorCode;
}

/** One connector's status as the admin sees it: state, words, why, and the fix. */
export interface ConnectorStatus {
  connectorId: string;
  tenantId: string;
  service: ServiceId;
  state: ConnectorState;
  severity: Severity;
  /** The state in a few words, e.g. "Access expired". */
  label: string;
  /** Why, as an error (lib/errors/codes.ts) or a phrase: the popup, the badge title and notifications word it. */
  reason?: CodedError | Phrase;
  reasonCode?: string;
  action: FixAction;
}

/** The monitor's settings, read from chrome.storage by the shell. */
export interface MonitorSettings {
  syncIntervalHours: number;
  /** Warn (amber) when the refresh-token horizon is this close. */
  renewalWarningHours: number;
}
