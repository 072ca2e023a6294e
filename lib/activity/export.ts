import type { ActivityLogEntry } from '../db/types';

const COLUMNS = ['at', 'tenantId', 'actor', 'action', 'detail', 'outcome'] as const;

/** The activity log as CSV (RFC 4180 quoting; ISO times; a leading quote stops spreadsheet formulas). */
export function activityToCsv(entries: readonly ActivityLogEntry[]): string {
  const cell = (value: string | number | undefined) => {
    let text = value === undefined ? '' : String(value);
    if (/^[=+\-@]/.test(text)) text = `'${text}`;
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const rows = entries.map((e) => COLUMNS.map((c) => cell(c === 'at' ? new Date(e.at).toISOString() : e[c])).join(','));
  return [COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}

/** The activity log as JSON, with ISO times. */
export function activityToJson(entries: readonly ActivityLogEntry[]): string {
  return JSON.stringify(
    entries.map((e) => ({
      at: new Date(e.at).toISOString(),
      tenantId: e.tenantId,
      actor: e.actor,
      action: e.action,
      detail: e.detail,
      outcome: e.outcome,
    })),
    null,
    2,
  );
}
