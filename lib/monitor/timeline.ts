import type { ConnectorState } from '../db/types';
import { STATE_LABELS } from './evaluate';
import type { Severity, TenantCheck } from './types';

/** One stretch of time a connector stayed in one state, as its checks saw it. */
export interface TimelineSegment {
  connectorId: string;
  state: ConnectorState;
  severity: Severity;
  label: string;
  start: number;
  end: number;
  /** How many checks found this state in a row. */
  checks: number;
}

/** The timeline shows this long: checks are kept 7 days. */
export const TIMELINE_SPAN_MS = 7 * 24 * 3_600_000;

/**
 * Each connector's states over the last 7 days: consecutive checks with the same state merge into one segment that
 * lasts until the next check that found another state (the newest one lasts until `now`). Pure.
 */
export function buildTimeline(checks: readonly TenantCheck[], now: number): TimelineSegment[] {
  const since = now - TIMELINE_SPAN_MS;
  const sorted = checks.filter((check) => check.at >= since && check.at <= now).sort((a, b) => a.at - b.at);
  const open = new Map<string, TimelineSegment>();
  const segments: TimelineSegment[] = [];
  for (const check of sorted) {
    for (const status of check.statuses) {
      const current = open.get(status.connectorId);
      if (current && current.state === status.state) {
        current.checks += 1;
        continue;
      }
      if (current) current.end = check.at;
      const next: TimelineSegment = {
        connectorId: status.connectorId,
        state: status.state,
        severity: status.severity,
        label: STATE_LABELS[status.state],
        start: check.at,
        end: now,
        checks: 1,
      };
      open.set(status.connectorId, next);
      segments.push(next);
    }
  }
  return segments;
}
