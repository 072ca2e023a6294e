import type { ActivityLogEntry } from '../db/types';
import { activityEntryWords } from './actions';

const COLUMNS = ['at', 'tenantId', 'actor', 'action', 'detail', 'outcome'] as const;

/** The activity log as CSV, worded in the browser's language of the export (RFC 4180 quoting; ISO times; a leading quote stops spreadsheet formulas). */
export function activityToCsv(entries: readonly ActivityLogEntry[]): string {
  const cell = (value: string | number | undefined) => {
    let text = value === undefined ? '' : String(value);
    if (/^[=+\-@]/.test(text)) text = `'${text}`;
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const rows = entries.map((e) => {
    const words = activityEntryWords(e);
    const value = (c: (typeof COLUMNS)[number]) =>
      c === 'at' ? new Date(e.at).toISOString() : c === 'action' || c === 'detail' ? words[c] : e[c];
    return COLUMNS.map((c) => cell(value(c))).join(',');
  });
  return [COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}

/** The activity log as JSON, with ISO times; action and detail in the browser's language of the export. */
export function activityToJson(entries: readonly ActivityLogEntry[]): string {
  return JSON.stringify(
    entries.map((e) => ({
      at: new Date(e.at).toISOString(),
      tenantId: e.tenantId,
      actor: e.actor,
      ...activityEntryWords(e),
      outcome: e.outcome,
    })),
    null,
    2,
  );
}
