// /security/auditLog/queries: create a Purview audit search, read its status, read its records page by page
// (org/audit-search.ts runs them). Shapes: auditLogQuery and auditLogRecord of Microsoft Graph v1.0 (msgraph-metadata
// CSDL, microsoft.graph.security; note the CSDL's `serviceFilters` collection where the create page says
// `serviceFilter`: the metadata is what Graph serves and reads).

import type { AuditQuery } from '../org/audit-search.ts';
import { decodeToken, encodeToken, parseTop } from './odata.ts';
import { badRequest, denied, GraphError, notFound, type Caller, type GraphResponse } from './types.ts';

const QUERIES = 'security/auditLog/queries';

function strings(value: unknown, name: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw badRequest(`Invalid value for property '${name}'.`);
  return value as string[];
}

function dateTime(value: unknown, name: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    throw badRequest(`Cannot convert the literal '${JSON.stringify(value)}' of '${name}' to the expected type 'Edm.DateTimeOffset'.`);
  }
  return value;
}

function shape(c: Caller, query: AuditQuery, at?: number): Record<string, unknown> {
  return {
    '@odata.context': `${c.base}/$metadata#${QUERIES}/$entity`,
    id: query.id,
    displayName: query.displayName,
    filterStartDateTime: query.filterStartDateTime,
    filterEndDateTime: query.filterEndDateTime,
    recordTypeFilters: query.recordTypeFilters,
    keywordFilter: null,
    serviceFilters: query.serviceFilters,
    operationFilters: [],
    userPrincipalNameFilters: [],
    ipAddressFilters: [],
    objectIdFilters: [],
    administrativeUnitIdFilters: [],
    status: c.org.activity.search.status(query, at),
  };
}

/** POST /security/auditLog/queries: 201 Created with the new query (security-auditcoreroot-post-auditlogqueries.md). */
export function createAuditQuery(c: Caller): GraphResponse {
  const search = c.org.activity.search;
  // Microsoft does not document what a tenant without audit search (no licence, auditing off) answers; Graph's
  // generic refusal stands in for it (concepts/errors.md: 403 Forbidden).
  if (!search.settings.available) throw denied();
  const body = c.request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('The request body must be an auditLogQuery.');
  const input = body as Record<string, unknown>;
  if ('serviceFilter' in input)
    throw badRequest("The property 'serviceFilter' does not exist on type 'microsoft.graph.security.auditLogQuery'.");
  const query = search.create(
    {
      displayName: typeof input.displayName === 'string' ? input.displayName : null,
      filterStartDateTime: dateTime(input.filterStartDateTime, 'filterStartDateTime'),
      filterEndDateTime: dateTime(input.filterEndDateTime, 'filterEndDateTime'),
      recordTypeFilters: strings(input.recordTypeFilters, 'recordTypeFilters'),
      serviceFilters: strings(input.serviceFilters, 'serviceFilters'),
    },
    c.scopes,
  );
  // Its status at the instant it was made (notStarted, or its end when it runs no time): the tenant clock may have moved
  // a millisecond since.
  return { status: 201, body: shape(c, query, query.createdAt) };
}

/** GET /security/auditLog/queries/{id} (security-auditlogquery-get.md). */
export function getAuditQuery(c: Caller, id: string): GraphResponse {
  const query = c.org.activity.search.get(id);
  if (!query) throw notFound(id);
  return { status: 200, body: shape(c, query) };
}

interface RecordsToken {
  v: 1;
  o: number;
  t: number;
}

/** GET /security/auditLog/queries/{id}/records, newest first, 1,000 a page (security-auditlogquery-list-records.md). */
export function listAuditRecords(c: Caller, id: string): GraphResponse {
  const search = c.org.activity.search;
  const query = search.get(id);
  if (!query) throw notFound(id);
  const status = search.status(query);
  if (status !== 'succeeded')
    throw new GraphError(400, 'BadRequest', `The audit log query '${id}' is ${status}; its records cannot be read.`);
  const skip = c.request.query.get('$skiptoken');
  const token: RecordsToken = skip ? decodeToken<RecordsToken>(skip) : { v: 1, o: 0, t: parseTop(c.request.query.get('$top'), 1000, 1000) };
  if (token.v !== 1) throw badRequest('The provided $skiptoken is not valid.');
  const records = search.records(query);
  const value = records.slice(token.o, token.o + token.t);
  const next = token.o + token.t < records.length;
  const path = `/${QUERIES}/${id}/records`;
  return {
    status: 200,
    body: {
      '@odata.context': `${c.base}/$metadata#${QUERIES}('${id}')/records`,
      ...(next ? { '@odata.nextLink': `${c.base}${path}?$skiptoken=${encodeToken({ ...token, o: token.o + token.t })}` } : {}),
      value,
    },
  };
}
