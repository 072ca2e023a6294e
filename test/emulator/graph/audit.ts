// /auditLogs/directoryAudits and /auditLogs/signIns: newest first, $filter on the time field, $top paging.

import type { ActivityRecord } from '../org/activity.ts';
import { compileFilter, decodeToken, encodeToken, parseTop } from './odata.ts';
import { badRequest, type Caller, type GraphResponse } from './types.ts';

interface AuditToken {
  v: 1;
  o: number;
  t: number;
  f: string | null;
}

/**
 * The time below which no record can match a filter that is one lower bound on the list's time field
 * (`activityDateTime ge 2026-12-01T00:00:00Z`, what the extension asks): the records are newest first, so a read stops
 * at the first older one, as an index would, instead of testing every record of the 30 days. Any other filter: none.
 */
export function timeFloor(filter: string | null, field: string): number | undefined {
  const bound = filter?.match(/^\s*(\w+)\s+(ge|gt)\s+(\d{4}-\d\d-\d\dT\S+)\s*$/i);
  if (!bound || bound[1] !== field) return undefined;
  const floor = Date.parse(bound[3]!);
  return Number.isNaN(floor) ? undefined : floor;
}

function list(c: Caller, entitySet: string, path: string, field: string, records: ActivityRecord[]): GraphResponse {
  const q = c.request.query;
  const skip = q.get('$skiptoken');
  const token: AuditToken = skip
    ? decodeToken<AuditToken>(skip)
    : { v: 1, o: 0, t: parseTop(q.get('$top'), 1000, 1000), f: q.get('$filter') };
  if (token.v !== 1) throw badRequest('The provided $skiptoken is not valid.');
  const filter = compileFilter(token.f, 'any');
  const floor = timeFloor(token.f, field);
  const end = floor === undefined ? records.length : endOf(records, field, floor);
  const value: ActivityRecord[] = [];
  let i = token.o;
  for (; i < end && value.length < token.t; i++) {
    const record = records[i];
    if (!record) continue;
    if (!filter || filter((p) => pathValue(record, p))) value.push(record);
  }
  let more = false;
  for (let j = i; j < end; j++) {
    const record = records[j];
    if (record && (!filter || filter((p) => pathValue(record, p)))) {
      more = true;
      i = j;
      break;
    }
  }
  return {
    status: 200,
    body: {
      '@odata.context': `${c.base}/$metadata#${entitySet}`,
      ...(more ? { '@odata.nextLink': `${c.base}${path}?$skiptoken=${encodeToken({ ...token, o: i })}` } : {}),
      value,
    },
  };
}

/** The index of the first record older than `floor` (records newest first by `field`): a binary search. */
function endOf(records: readonly ActivityRecord[], field: string, floor: number): number {
  let low = 0;
  let high = records.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (Date.parse(String(records[middle]?.[field])) >= floor) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Resolves `status/errorCode`-style paths used in audit filters. */
function pathValue(record: ActivityRecord, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split('/')) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

export const directoryAudits = (c: Caller) =>
  list(c, 'auditLogs/directoryAudits', '/auditLogs/directoryAudits', 'activityDateTime', c.org.activity.audits());
export const signIns = (c: Caller) => list(c, 'auditLogs/signIns', '/auditLogs/signIns', 'createdDateTime', c.org.activity.signIns());
