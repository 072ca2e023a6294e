import type { SyncResource } from '../../../lib/db/types';
import { initialDeltaUrl, GROUP_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../lib/sync/delta-round';

export interface FetchOnlyOptions {
  /** e.g. `https://localhost:9543/v1.0` */
  graphBaseUrl: string;
  accessToken: string;
}

export interface FetchOnlyResult {
  ms: number;
  pages: number;
  /** Objects in the pages (users, then groups), and the largest page seen. */
  objects: number;
  largestPage: number;
  /** Time and pages of each collection's read. */
  users: { ms: number; pages: number };
  groups: { ms: number; pages: number };
}

interface Page {
  value: unknown[];
  '@odata.nextLink'?: string;
}

/**
 * What Graph's pages cost alone: the sync's own delta requests (its first URLs, its `Prefer` page sizes, users then
 * groups, each nextLink followed as soon as its page is read), every page read and parsed, nothing written. A full
 * sync that takes no longer than this is bound by Graph, not by its writes.
 */
export async function runFetchOnly(options: FetchOnlyOptions, fetchPage: typeof fetch = fetch): Promise<FetchOnlyResult> {
  const result: FetchOnlyResult = {
    ms: 0,
    pages: 0,
    objects: 0,
    largestPage: 0,
    users: { ms: 0, pages: 0 },
    groups: { ms: 0, pages: 0 },
  };
  const started = performance.now();
  for (const resource of ['users', 'groups'] as const satisfies readonly SyncResource[]) {
    const resourceStarted = performance.now();
    let link: string | undefined = `${options.graphBaseUrl}${initialDeltaUrl(resource)}`;
    while (link) {
      const answer = await fetchPage(link, {
        headers: {
          Authorization: `Bearer ${options.accessToken}`,
          Prefer: `odata.maxpagesize=${resource === 'groups' ? GROUP_PAGE_SIZE : MAX_PAGE_SIZE}`,
        },
      });
      if (!answer.ok) throw new Error(`${resource} delta answered ${answer.status}`);
      const page = JSON.parse(await answer.text()) as Page;
      result.pages++;
      result[resource].pages++;
      result.objects += page.value.length;
      result.largestPage = Math.max(result.largestPage, page.value.length);
      link = page['@odata.nextLink'];
    }
    result[resource].ms = performance.now() - resourceStarted;
  }
  result.ms = performance.now() - started;
  return result;
}
