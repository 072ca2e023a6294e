import type { MessageKey } from '../i18n/t';

/**
 * Every failure an admin can meet, as a code. The words for each code live in the messages (`error_<code>`): what happened and
 * what to do. A new failure gets a new code here; `test/unit/errors/codes.test.ts` walks every one.
 */
export const ERROR_CODES = [
  'unknown',
  'invalid_input',
  'input_malformed',
  'input_tenant_invalid',
  'input_client_id_invalid',
  'input_service_unknown',
  'input_cloud_unknown',
  'input_scope_invalid',
  'setting_locked',
  'sign_in_cancelled',
  'consent_declined',
  'redirect_uri_not_registered',
  'redirect_uri_wrong_platform',
  'pkce_rejected',
  'wrong_tenant',
  'refresh_token_expired',
  'grant_revoked',
  'grant_inactive',
  'interaction_required',
  'consent_missing',
  'admin_consent_required',
  'scope_not_on_resource',
  'conditional_access_blocked',
  'device_not_compliant',
  'sign_in_frequency',
  'account_not_assigned',
  'account_disabled',
  'wrong_password',
  'account_not_found',
  'auth_page_unreachable',
  'entra_unavailable',
  'auth_timed_out',
  'auth_failed',
  'not_signed_in',
  'signed_out',
  'graph_unauthorized',
  'graph_forbidden',
  'graph_not_found',
  'graph_throttled',
  'graph_retry_exhausted',
  'graph_unavailable',
  'graph_bad_response',
  'graph_host_not_allowed',
  'network_offline',
  'network_unreachable',
  'storage_failed',
  'offscreen_unavailable',
  'message_failed',
  'message_sender_refused',
  'graph_malformed_page',
  'sync_in_progress',
  'sync_stopped',
  'sync_lease_lost',
  'sync_scope_too_large',
  'sync_delta_refused',
  'activity_signins_unavailable',
  'activity_signins_unread',
  'activity_audits_unread',
  'tenant_not_found',
  'sign_in_page_error',
  'not_global_admin',
  'global_admin_not_active',
  'wrong_service_account',
  'service_unreachable',
  'service_not_subscribed',
  'service_not_provisioned',
  'grant_in_progress',
  'grant_not_resumable',
  'sync_not_in_selected_scope',
  'admin_role_removed',
  'admin_role_inactive',
  'permission_lost',
  'renewal_due',
  'sync_stale',
  'sync_failed',
  'service_health_unread',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * The message key of each code's admin-facing words (public/_locales/<locale>/messages.json): what happened, then what
 * to do. The template type makes a code without English words a compile error. Worded by `sayError` (lib/errors/phrase.ts).
 */
export function errorMessageKey(code: ErrorCode): MessageKey {
  return `error_${code}`;
}
