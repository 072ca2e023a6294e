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

function list(c: Caller, entitySet: string, path: string, records: ActivityRecord[]): GraphResponse {
  const q = c.request.query;
  const skip = q.get('$skiptoken');
  const token: AuditToken = skip
    ? decodeToken<AuditToken>(skip)
    : { v: 1, o: 0, t: parseTop(q.get('$top'), 1000, 1000), f: q.get('$filter') };
  if (token.v !== 1) throw badRequest('The provided $skiptoken is not valid.');
  const filter = compileFilter(token.f, 'any');
  const value: ActivityRecord[] = [];
  let i = token.o;
  for (; i < records.length && value.length < token.t; i++) {
    const record = records[i];
    if (!record) continue;
    if (!filter || filter((p) => pathValue(record, p))) value.push(record);
  }
  let more = false;
  for (let j = i; j < records.length; j++) {
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

/** Resolves `status/errorCode`-style paths used in audit filters. */
function pathValue(record: ActivityRecord, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split('/')) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

export const directoryAudits = (c: Caller) => list(c, 'auditLogs/directoryAudits', '/auditLogs/directoryAudits', c.org.activity.audits());
export const signIns = (c: Caller) => list(c, 'auditLogs/signIns', '/auditLogs/signIns', c.org.activity.signIns());
