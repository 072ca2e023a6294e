// GET /admin/serviceAnnouncement/issues: Microsoft's service health issues of the org, in Graph's shape
// (microsoft-graph-docs-contrib api-reference/v1.0/api/serviceannouncement-list-issues.md,
// resources/servicehealthissue.md; enum members as the CSDL names them: classification incident | advisory, origin
// microsoft, status a serviceHealthStatus). `$filter` (e.g. isResolved eq false) and `$select` hold. The answer is
// paged as the list-issues page says: "The response is paginated and default page size is 100", `Prefer:
// odata.maxpagesize={x}` "cannot be greater than 1000"; its example's nextLink is the same URL with `$skip=100`.

import type { ServiceHealthStatus } from '../types.ts';
import { compileFilter } from './odata.ts';
import { badRequest, type Caller, type GraphResponse } from './types.ts';
import { selectFields } from './workloads.ts';

/** One issue as the org holds it (control: addServiceIssue, resolveServiceIssue). */
export interface ServiceIssue {
  id: string;
  title: string;
  service: string;
  classification: 'incident' | 'advisory';
  status: ServiceHealthStatus;
  isResolved: boolean;
  startDateTime: string;
  lastModifiedDateTime: string;
  endDateTime: string | null;
}

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

function pageSize(c: Caller): number {
  const match = /odata\.maxpagesize=(\d+)/i.exec(c.request.headers['prefer'] ?? '');
  return match?.[1] ? Math.max(1, Math.min(MAX_PAGE, Number(match[1]))) : DEFAULT_PAGE;
}

export function serviceIssues(c: Caller): GraphResponse {
  const rawSkip = c.request.query.get('$skip');
  const skip = rawSkip === null ? 0 : Number(rawSkip);
  if (!Number.isInteger(skip) || skip < 0) throw badRequest(`Invalid value '${rawSkip}' for the query option '$skip'.`);
  const size = pageSize(c);
  const filter = compileFilter(c.request.query.get('$filter'), 'any');
  const issues = c.org.serviceIssues
    .map((issue) => ({
      ...issue,
      impactDescription: issue.title,
      origin: 'microsoft',
      feature: null,
      featureGroup: null,
      details: [],
      posts: [],
    }))
    .filter((issue) => !filter || filter((property) => (issue as Record<string, unknown>)[property]));
  const page = issues.slice(skip, skip + size);
  let nextLink: string | undefined;
  if (skip + size < issues.length) {
    const query = new URLSearchParams(c.request.query);
    query.set('$skip', String(skip + size));
    nextLink = `${c.base}/admin/serviceAnnouncement/issues?${query.toString()}`;
  }
  return {
    status: 200,
    body: {
      '@odata.context': `${c.base}/$metadata#admin/serviceAnnouncement/issues`,
      ...(nextLink && { '@odata.nextLink': nextLink }),
      value: page.map((issue) => selectFields(c, issue)),
    },
  };
}
