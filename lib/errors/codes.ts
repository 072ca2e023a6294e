/**
 * Every failure an admin can meet, as a code. The words for each code live in ERROR_MESSAGES: what happened and
 * what to do. A new failure gets a new code here; `test/unit/errors/codes.test.ts` walks every one.
 */
export const ERROR_CODES = [
  'unknown',
  'invalid_input',
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
  'auth_page_unreachable',
  'auth_failed',
  'not_signed_in',
  'graph_unauthorized',
  'graph_forbidden',
  'graph_not_found',
  'graph_throttled',
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
  'tenant_not_found',
  'sign_in_page_error',
  'not_global_admin',
  'wrong_service_account',
  'service_unreachable',
  'grant_in_progress',
  'grant_not_resumable',
  'sync_not_in_selected_scope',
  'admin_role_removed',
  'permission_lost',
  'renewal_due',
  'sync_stale',
  'sync_failed',
  'service_health_unread',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Admin-facing words: what happened, then what to do. `{detail}` is filled in where a message needs it. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  unknown:
    'Something went wrong that the extension did not expect. Try again; if it keeps happening, export the activity log and contact support.',
  invalid_input: 'Some of the values entered are not valid: {detail}. Correct them and try again.',
  sign_in_cancelled:
    'The sign-in window was closed before the sign-in finished. If Microsoft showed an error there (for example that the account does not exist in the tenant: sign in with an account of this tenant), fix that; then start again and complete the sign-in.',
  consent_declined:
    'The permissions were not accepted, so the service cannot read the tenant. Start again and choose Accept on the permissions page.',
  redirect_uri_not_registered:
    "The app registration in Entra ID does not list this extension's redirect URI. In the Entra admin center, add {detail} as a Single-page application redirect URI, then try again.",
  redirect_uri_wrong_platform:
    'The redirect URI is registered under the wrong platform in Entra ID. Register {detail} under "Single-page application", not "Web", then try again.',
  pkce_rejected:
    'Microsoft Entra ID refused the sign-in because its security check (PKCE) did not match. Start the sign-in again; if it repeats, something may be tampering with the connection.',
  wrong_tenant: 'The account that signed in belongs to another tenant ({detail}). Sign in with an account of the tenant you entered.',
  refresh_token_expired:
    'The grant reached its fixed 24-hour limit and can no longer be renewed silently. Re-grant access by signing in again.',
  grant_revoked: 'The grant was revoked, for example after a password reset or a sign-out everywhere. Re-grant access by signing in again.',
  grant_inactive: 'The grant expired after a long time without use. Re-grant access by signing in again.',
  interaction_required:
    'Microsoft Entra ID needs the administrator to sign in again (multi-factor authentication, consent or a Conditional Access policy). Re-grant access.',
  consent_missing: 'The app no longer has consent for the permissions it needs. Re-grant access and accept the permissions.',
  auth_page_unreachable:
    'The Microsoft sign-in page could not be loaded. Check the network connection and the tenant settings, then try again.',
  auth_failed: 'The sign-in failed: {detail}. Try again; if it repeats, check the app registration in Entra ID.',
  not_signed_in: 'No administrator is signed in for this tenant. Grant access first.',
  graph_unauthorized: 'Microsoft Graph did not accept the grant. Re-grant access by signing in again.',
  graph_forbidden:
    'Microsoft Graph refused access: the account lacks a permission or role ({detail}). Check that it is a Global Administrator and re-grant access.',
  graph_not_found: 'Microsoft Graph could not find {detail}.',
  graph_throttled: 'Microsoft Graph asked us to slow down. The extension will retry after {detail} seconds.',
  graph_unavailable: 'Microsoft Graph is temporarily unavailable. The extension will retry; nothing was lost.',
  graph_bad_response: 'Microsoft Graph sent an answer the extension could not read. Nothing was changed; try again later.',
  graph_host_not_allowed:
    "A response pointed to {detail}, which is not a Microsoft Graph host of this tenant's cloud. The request was refused and no credentials were sent.",
  network_offline: 'The browser is offline. The extension will check again when the connection is back; nothing was lost.',
  network_unreachable:
    "Microsoft's sign-in or Graph service could not be reached (the network or a proxy dropped the connection). The grant was not changed; the extension will check again.",
  storage_failed: 'The extension could not save its records: {detail}. Free some disk space or restart the browser, then try again.',
  offscreen_unavailable: 'The extension could not start its sign-in helper. Restart the browser and try again.',
  message_failed: "The extension's background service did not answer. Try again in a moment.",
  message_sender_refused:
    'The extension refused a request that did not come from its own pages. Nothing was changed; use the toolbar popup or the console.',
  graph_malformed_page:
    'Microsoft Graph sent a page the extension could not read ({detail}). Nothing of that page was saved and what was saved before is unchanged; the next sync starts again from the last good page.',
  sync_in_progress: 'A directory sync for this tenant is already running. This one will start when it finishes; there is nothing to do.',
  sync_stopped:
    'The directory sync stopped before it finished (the browser closed, the extension restarted, or it paused to stay within the browser limits). The next sync continues from its last checkpoint; nothing was lost.',
  sync_lease_lost:
    "Another part of the extension took over this tenant's directory sync, so this run stopped. The other run continues; nothing was lost.",
  sync_scope_too_large:
    'The selected sync scope lists {detail} users, but the selected mode allows at most 100. Choose fewer users, or sync all users and groups.',
  sync_delta_refused:
    'Microsoft Graph refused the saved sync position again and again, so the sync stopped. The copy of the directory was left as it was; try Sync now later, and contact support if it repeats.',
  activity_signins_unavailable:
    'Sign-in logs need a Microsoft Entra ID P1 or P2 licence in this tenant, so only directory audits are shown. Add the licence to see sign-ins too.',
  tenant_not_found:
    'Microsoft Entra ID does not know the tenant {detail}. Check the spelling of the domain or tenant id, and the Microsoft cloud it lives in.',
  sign_in_page_error:
    'Microsoft Entra ID showed an error instead of signing in. In the app registration, check the Application (client) ID and the tenant, and register {detail} as a Single-page application redirect URI; then try again.',
  not_global_admin:
    'The account {detail} is not a Global Administrator of this tenant, so it cannot grant access. Sign in with a Global Administrator, or have one assign you the role.',
  wrong_service_account:
    'The account that signed in ({detail}) is not the service account entered for this tenant. Sign in with the service account, or change it in the tenant settings.',
  service_unreachable: '{detail} Fix it in the Microsoft 365 admin center, or leave this service out, then resume the grant.',
  grant_in_progress: 'A grant is already running. Wait for it to finish (or cancel it) before starting another.',
  grant_not_resumable: 'This grant cannot be resumed any more. Start the grant again.',
  sync_not_in_selected_scope:
    'This tenant syncs selected users and groups (a testing mode): they were synced when access was granted, and there is no manual or scheduled sync. To sync the whole directory, switch the sync scope to all users and groups.',
  admin_role_removed:
    'The service account is no longer a Global Administrator, so the service cannot keep reading the tenant. Give the role back in the Entra admin center, or re-grant access with a Global Administrator.',
  permission_lost: '{detail} refused the grant (403): a permission or its consent was removed. Re-grant access and accept the permissions.',
  renewal_due:
    'Microsoft ends this grant 24 hours after the last sign-in, and no Microsoft session in this browser could renew it silently. Re-grant access before it ends.',
  sync_stale:
    'The directory copy is older than twice the sync schedule ({detail}). Run Sync now; if it fails, its reason is in the sync history.',
  sync_failed: 'The last directory sync failed. {detail} Run Sync now to try again.',
  service_health_unread:
    "Microsoft's service health could not be read ({detail}), so each connector keeps the health it last showed. The next directory sync reads it again.",
};

/** The message for `code`, with `{detail}` filled in. */
export function messageFor(code: ErrorCode, detail?: string): string {
  const template = ERROR_MESSAGES[code];
  return template.replace('{detail}', detail ?? 'not given');
}
