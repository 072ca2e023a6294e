import type { AuditSearchRecord, ServiceId } from '../db/types';
import { SERVICE_LABELS } from '../connectors/services';
import { type CodedError, type Phrase, phrase } from '../errors/phrase';

/** One line under the activity history about a service's own events: why they are missing, or that they come later. */
export type AuditSearchNote = { kind: 'unavailable'; error: CodedError } | { kind: 'pending'; words: Phrase };

/**
 * What the activity history says of its services' own events (lib/sync/audit-search.ts keeps where each stands):
 * for each connected service, in the order given, why its events cannot be read (the history then shows sign-ins to
 * it) or that Microsoft Purview is still searching them. The same reason for several services (a national cloud) is
 * said once. Pure.
 */
export function auditSearchNotes(records: readonly AuditSearchRecord[], connected: readonly ServiceId[]): AuditSearchNote[] {
  const notes: AuditSearchNote[] = [];
  const said = new Set<string>();
  for (const service of connected) {
    const record = records.find((candidate) => candidate.service === service);
    if (record?.unavailable) {
      const key = JSON.stringify(record.unavailable);
      if (!said.has(key)) notes.push({ kind: 'unavailable', error: record.unavailable });
      said.add(key);
    } else if (record?.query && record.coveredUntil === undefined) {
      // Only before anything was read: later, a running query is the routine refresh and the chart is already full.
      notes.push({ kind: 'pending', words: phrase('activityHistory_auditSearchPending', phrase(SERVICE_LABELS[service])) });
    }
  }
  return notes;
}
