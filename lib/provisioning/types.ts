import type { ServiceId, SyncScope } from '../db/types';
import type { ErrorData } from '../errors/app-error';
import type { Param } from '../i18n/phrase';

/** The steps of Grant access, in order. Service checks are one step per chosen service. */
export type GrantStepId =
  | 'sign_in'
  | 'verify_tenant'
  | 'verify_admin'
  | 'verify_service_account'
  | 'choose_targets'
  | 'check_exchange'
  | 'check_sharepoint'
  | 'check_onedrive'
  | 'sync_directory'
  | 'backfill_activity'
  | 'enable_policy'
  | 'finish';

export type GrantStepState = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

export interface GrantStep {
  id: GrantStepId;
  state: GrantStepState;
  /**
   * What the step found (e.g. "1,204 users and 96 groups synced"), as data the UI words (lib/i18n/phrase.ts). In runs
   * written before schema 6 it is words in the language of that day: a string, shown as it is.
   */
  detail?: Param;
}

export type GrantKind = 'grant' | 'regrant' | 'scope_switch';

/**
 * One Grant-access run, kept in Dexie so it survives the worker and the popup: the UI follows it with a live
 * query, and a failed run resumes from its failed step. Never holds a token.
 */
export interface GrantRun {
  id: string;
  tenantId: string;
  kind: GrantKind;
  services: ServiceId[];
  syncScope: SyncScope;
  policyId: string;
  /** `waiting` = paused for the admin to choose users and groups (selected scope). */
  state: 'running' | 'waiting' | 'failed' | 'succeeded' | 'cancelled';
  steps: GrantStep[];
  error?: ErrorData & { step: GrantStepId };
  account?: {
    homeAccountId: string;
    username: string;
    name: string;
    objectId: string;
    tenantId: string;
    /** When the sign-in's access token and refresh token end, as Entra said (ms since epoch). */
    expiresOn?: number;
    refreshHorizon?: number;
  };
  /** The next sign-in lets the admin pick another account: the last one belonged to another tenant. */
  chooseAccount?: boolean;
  /** The organisation's name, as /organization gave it during the checks. */
  organizationName?: string;
  startedAt: number;
  updatedAt: number;
  finishedAt?: number;
  /** A running run whose worker stopped is taken over once this passes. */
  leaseUntil: number;
}

export interface GrantRequest {
  tenantId: string;
  services: ServiceId[];
  syncScope: SyncScope;
  policyId: string;
  kind?: GrantKind;
}
