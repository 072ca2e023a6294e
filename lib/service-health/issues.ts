import { SERVICES } from '../connectors/services';
import type { OpenIncident, ServiceId } from '../db/types';

/**
 * Microsoft's service health issues that are still open (microsoft-graph-docs-contrib
 * api-reference/v1.0/api/serviceannouncement-list-issues.md: GET /admin/serviceAnnouncement/issues, OData query
 * parameters, ServiceHealth.Read.All; resources/servicehealthissue.md: isResolved, title, service, classification,
 * status, lastModifiedDateTime). The monitor's check sends it inside its `$batch`; Graph pages at 100 by default, and
 * the first page is enough to say that a connected service has one (the words name the newest).
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
