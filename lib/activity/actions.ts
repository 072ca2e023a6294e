import type { ActivityAction, ActivityLogEntry } from '../db/types';
import { sayParam } from '../errors/phrase';
import { type MessageKey, t } from '../i18n/t';

/** The words of each action code (public/_locales/<locale>/messages.json). */
export const ACTIVITY_ACTION_WORDS: Readonly<Record<ActivityAction, MessageKey>> = {
  tenant_added: 'activity_actionTenantAdded',
  tenant_changed: 'activity_actionTenantChanged',
  tenant_removed: 'activity_actionTenantRemoved',
  granted: 'activity_actionGranted',
  regranted: 'activity_actionRegranted',
  scope_switched: 'activity_actionScopeSwitched',
  grant_resumed: 'activity_actionGrantResumed',
  grant_cancelled: 'activity_actionGrantCancelled',
  grant_failed: 'activity_actionGrantFailed',
  disconnected: 'activity_actionDisconnected',
  service_health: 'activity_actionServiceHealth',
  sync_grant: 'sync_logGrantSync',
  sync_schedule: 'sync_logScheduleSync',
  sync_manual: 'sync_logManualSync',
  sync_resume: 'sync_logResumeSync',
};

/**
 * An entry's action and detail in the browser's language now, for the console and the export (edges: what the admin
 * reads). An entry from before schema 6 has words and no code: they are shown as written, in that day's language.
 */
export function activityEntryWords(entry: ActivityLogEntry): { action: string; detail: string } {
  const action = entry.event ? t(ACTIVITY_ACTION_WORDS[entry.event]) : (entry.action ?? '');
  const detail = entry.detail === undefined ? '' : sayParam(entry.detail);
  return { action, detail };
}
