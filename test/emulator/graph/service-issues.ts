// GET /admin/serviceAnnouncement/issues: Microsoft's service health issues of the org, in Graph's shape
// (microsoft-graph-docs-contrib api-reference/v1.0/api/serviceannouncement-list-issues.md,
// resources/servicehealthissue.md; enum members as the CSDL names them: classification incident | advisory, origin
// microsoft, status a serviceHealthStatus). `$filter` (e.g. isResolved eq false) and `$select` hold.

import type { ServiceHealthStatus } from '../types.ts';
import { compileFilter } from './odata.ts';
import type { Caller, GraphResponse } from './types.ts';
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

export function serviceIssues(c: Caller): GraphResponse {
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
  return {
    status: 200,
    body: {
      '@odata.context': `${c.base}/$metadata#admin/serviceAnnouncement/issues`,
      value: issues.map((issue) => selectFields(c, issue)),
    },
  };
}
