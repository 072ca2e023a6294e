import { SERVICES } from '../connectors/services';
import type { OpenIncident, ServiceId } from '../db/types';
import { AppError } from '../errors/app-error';
import { phrase } from '../errors/phrase';
import { type ListPage, listFromJson, parseListPage } from '../graph/list-page';
import { type GraphTransport, graphRequest } from '../graph/transport';

/**
 * Microsoft's service health issues that are still open (microsoft-graph-docs-contrib
 * api-reference/v1.0/api/serviceannouncement-list-issues.md: GET /admin/serviceAnnouncement/issues, OData query
 * parameters, ServiceHealth.Read.All; resources/servicehealthissue.md: isResolved, title, service, classification,
 * status, lastModifiedDateTime). The monitor's check sends it inside its `$batch`; "the response is paginated and
 * default page size is 100" (list-issues), so a tenant with more open issues than that gets the rest by the page's
 * `@odata.nextLink` (readRemainingIssues). Which properties `$filter` takes is not documented beyond "OData query
 * parameters" (only `details` "doesn't support filters", servicehealthissue.md), so the filter stays on isResolved,
 * the one the monitor has seen Graph take, and the connected services and the classification are picked here.
 */
export const OPEN_ISSUES_URL =
  '/admin/serviceAnnouncement/issues?$filter=isResolved%20eq%20false&$select=id,title,service,classification,status,lastModifiedDateTime';

/**
 * The open incidents of each connected service, newest update first. Only `incident` (serviceHealthClassificationType:
 * "advisory" or "incident"): an advisory is Microsoft's notice of a limited impact, not the service failing. Only
 * Microsoft's own words are kept: id, title, status and the time of the last update. Pure.
 */
export function openIncidents(
  issues: ReadonlyArray<Record<string, unknown>>,
  services: readonly ServiceId[],
): Partial<Record<ServiceId, OpenIncident[]>> {
  const found: Partial<Record<ServiceId, OpenIncident[]>> = {};
  for (const service of services) {
    const healthName = SERVICES.find((definition) => definition.id === service)?.healthName.toLowerCase();
    const incidents = issues
      .filter(
        (issue) =>
          issue.isResolved !== true &&
          typeof issue.classification === 'string' &&
          issue.classification.toLowerCase() === 'incident' &&
          typeof issue.service === 'string' &&
          issue.service.toLowerCase() === healthName &&
          typeof issue.id === 'string' &&
          typeof issue.title === 'string',
      )
      .map((issue): OpenIncident => {
        const updated = typeof issue.lastModifiedDateTime === 'string' ? Date.parse(issue.lastModifiedDateTime) : NaN;
        return {
          id: issue.id as string,
          title: issue.title as string,
          ...(typeof issue.status === 'string' && { status: issue.status }),
          ...(Number.isFinite(updated) && { lastUpdateAt: updated }),
        };
      })
      .sort((a, b) => (b.lastUpdateAt ?? 0) - (a.lastUpdateAt ?? 0));
    if (incidents.length) found[service] = incidents;
  }
  return found;
}

/** Pages followed after the first (100 issues each): past 2,000 open issues, those read are what the check knows. */
export const MAX_ISSUE_PAGES = 20;

/**
 * The open issues of the batch's first page and of every page after it, read by `@odata.nextLink` through the one
 * transport (whose host guard refuses a link off the tenant's Graph before any token is attached). Undefined when a
 * page could not be read (refused, throttled past the check's budget, not a list): the incidents are then unknown for
 * this check rather than a list that may lack the one that matters.
 */
export async function readRemainingIssues(
  transport: GraphTransport,
  firstPage: unknown,
): Promise<Array<Record<string, unknown>> | undefined> {
  const what = phrase('sync_healthWhat');
  try {
    let page: ListPage = listFromJson(firstPage, what, transport.graphHost);
    const issues = [...page.value];
    for (let followed = 0; page.nextLink !== undefined && followed < MAX_ISSUE_PAGES; followed++) {
      const answer = await graphRequest(transport, { url: page.nextLink, what }, 'check');
      if (answer.status !== 200) return undefined;
      page = parseListPage(answer.body, what, transport.graphHost);
      issues.push(...page.value);
    }
    return issues;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return undefined;
  }
}
