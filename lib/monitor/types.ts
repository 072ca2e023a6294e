import type { ConnectorState, ServiceId, Severity } from '../db/types';
import type { CodedError, Phrase } from '../errors/phrase';

// The check's record types live with the other records (lib/db/types.ts); re-exported for the monitor's readers.
export type { GraphCheck, ProbeResult, Severity, TenantCheck, TokenCheck } from '../db/types';

/** What fixes a status, offered as one button. */
export type FixAction = 'regrant' | 'sync_now' | 'open_console' | 'none';

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
