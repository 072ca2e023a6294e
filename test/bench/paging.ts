// The full sync under Graph's real paging (issue #13): the local tenant serves delta pages of Graph's size and waits
// Graph's time before each, and the same pages are then fetched alone (test/bench/floor/fetch-only.ts), so that the
// ratio says whether a real tenant's sync is bound by Graph (≈ 1) or by our writes. `npm run bench -- --only paging`.
import type { SyncRun } from '../../lib/db/types';
import { launchExtensionBrowser } from '../e2e/harness/browser';
import { E2E_TENANT_PORT } from '../e2e/harness/constants';
import { startTenant, type Tenant } from '../emulator';
import { acquireTokens } from '../emulator/test-support';
import { grantThroughConsole, lastRunOf, syncNow, wipeMirror } from './extension-sync';
import type { FetchOnlyResult } from './floor/fetch-only';
import { count, median, seconds, type Row } from './report';

/**
 * Objects per users/delta and groups/delta page at Microsoft, whatever `Prefer: odata.maxpagesize` asks. The API
 * pages (api-reference/v1.0/api/user-delta.md, group-delta.md) and concepts/delta-query-overview.md and paging.md of
 * microsoftgraph/microsoft-graph-docs-contrib give no number ("the number of objects in each page can vary"); what
 * is reported: "for users request we get fixed size of 200 entries per response", groups "starting from ~200" and
 * fewer (https://github.com/microsoftgraph/microsoft-graph-explorer-v4/issues/1157); a Microsoft moderator's answer:
 * the maximum is "200 for objects, such as users and contacts", "the same number is returned if odata.maxpagesize is
 * not set", and a higher value is capped (https://learn.microsoft.com/en-us/answers/questions/2276060); users delta
 * "consistently returns 200 or fewer records" (https://learn.microsoft.com/en-us/answers/questions/5875141).
 */
export const GRAPH_DELTA_PAGE_SIZE = 200;
// Not modelled: Graph may split a large group's members@delta across pages ("Paging through members in a large
// group", concepts/delta-query-groups.md; a moderator's answer gives 500 links a page, no doc does), which makes its
// groups take more pages than the local tenant's, each carrying fewer members: more of Graph's time, the same writes.

/**
 * Graph's time to serve one delta page. ASSUMPTION: nothing measured is published. Microsoft's docs give no latency
 * for delta (a maintainer: "we cannot provide specific numbers", microsoftgraph/microsoft-graph-docs#6376, about
 * change delays); the one figure found is an estimate of "~200–350 ms" a round trip for /users/delta pages
 * (https://github.com/pnp/copilot-adoption-bot/issues/20). 300 ms sits in it; `--graph-latency-ms` sets another.
 */
export const DEFAULT_GRAPH_LATENCY_MS = 300;

/** Matches users/delta and groups/delta (the tenant's latency and the request count). */
const DELTA_PATH = /^\/v1\.0\/(users|groups)\/delta$/;

export interface PagingBenchOptions {
  users: number;
  reps: number;
  latencyMs: number;
  pageSize: number;
  timeoutMs: number;
}

interface PagingRep {
  sync: Pick<SyncRun, 'trigger' | 'durationMs' | 'usersWritten' | 'groupsWritten' | 'membershipsWritten'>;
  /** Delta requests the sync made (its full reads and their catch-up increments). */
  syncDeltaRequests: number;
  /**
   * CORS preflights (OPTIONS) before them: the worker's Graph client sends headers that need one, and every nextLink
   * is a new URL, so each page costs Chromium a preflight; the tenant answers them at once (no latency).
   */
  syncPreflights: number;
  /**
   * The sync's users read (its first users/delta request to its first groups/delta request, the users' catch-up
   * included) and groups read (from there to the run's end), from the tenant's request log.
   */
  syncUsersMs?: number;
  syncGroupsMs?: number;
  fetchOnly: FetchOnlyResult;
  fetchOnlyPreflights: number;
}

function deltaRequests(tenant: Tenant): { requests: number; preflights: number; firstUsers?: number; firstGroups?: number } {
  const delta = tenant.control.requests().filter((r) => DELTA_PATH.test(r.path));
  const gets = delta.filter((r) => r.method === 'GET');
  return {
    requests: gets.length,
    preflights: delta.filter((r) => r.method === 'OPTIONS').length,
    firstUsers: gets.find((r) => r.path.includes('/users/'))?.time,
    firstGroups: gets.find((r) => r.path.includes('/groups/'))?.time,
  };
}

/** The row: the full sync (the grant's, then "Sync now" on an emptied mirror) and fetch-only, `reps` times each. */
export async function pagingRow(extensionDir: string, options: PagingBenchOptions): Promise<Row> {
  const { users, reps, latencyMs, pageSize, timeoutMs } = options;
  console.log(`\n${count(users)} users under Graph's paging (≤ ${pageSize} objects a page, ${latencyMs} ms a page)…`);
  const tenant = await startTenant({ port: E2E_TENANT_PORT, orgs: [{ users }] });
  tenant.control.capDeltaPages(pageSize);
  tenant.control.setLatency({ path: DELTA_PATH.source, ms: latencyMs });
  const browser = await launchExtensionBrowser({ extensionDir });
  const org = tenant.orgs[0]!;
  const measured: PagingRep[] = [];
  try {
    const page = await grantThroughConsole(browser, org, timeoutMs);
    const floorPage = await browser.context.newPage();
    await floorPage.goto(`chrome-extension://${browser.extensionId}/bench-floor.html`);
    for (let rep = 1; rep <= reps; rep++) {
      let run: SyncRun | undefined;
      if (rep === 1) run = await lastRunOf(page, 'grant');
      else {
        await wipeMirror(page);
        tenant.control.clearRequests();
        run = await syncNow(page, org.displayName, timeoutMs);
      }
      const syncDelta = deltaRequests(tenant);
      if (run?.outcome !== 'success') throw new Error(`the full sync under Graph's paging ended ${run?.outcome ?? 'unseen'}`);
      const { tokens } = await acquireTokens(tenant, {
        authority: org.tenantId,
        username: org.admin.userPrincipalName,
        password: org.admin.password,
        scopes: ['Directory.Read.All'],
      });
      tenant.control.clearRequests();
      const fetchOnly = await floorPage.evaluate((o) => window.benchFetchOnly!(o), {
        graphBaseUrl: `${tenant.graphBaseUrl}/v1.0`,
        accessToken: tokens.access_token,
      });
      const fetchOnlyDelta = deltaRequests(tenant);
      if (fetchOnlyDelta.requests !== fetchOnly.pages) throw new Error('the fetch-only client made other requests than its pages');
      const { trigger, durationMs, usersWritten, groupsWritten, membershipsWritten } = run;
      measured.push({
        sync: { trigger, durationMs, usersWritten, groupsWritten, membershipsWritten },
        syncDeltaRequests: syncDelta.requests,
        syncPreflights: syncDelta.preflights,
        ...(syncDelta.firstUsers !== undefined && syncDelta.firstGroups !== undefined
          ? {
              syncUsersMs: syncDelta.firstGroups - syncDelta.firstUsers,
              syncGroupsMs: run.startedAt + (durationMs ?? 0) - syncDelta.firstGroups,
            }
          : {}),
        fetchOnly,
        fetchOnlyPreflights: fetchOnlyDelta.preflights,
      });
      const last = measured.at(-1)!;
      console.log(
        `  full sync ${rep}/${reps}: ${seconds(durationMs ?? 0)} (users ${seconds(last.syncUsersMs ?? NaN)}, groups ${seconds(last.syncGroupsMs ?? NaN)}; ${syncDelta.requests} delta requests, ${syncDelta.preflights} preflights); fetch-only ${seconds(fetchOnly.ms)} (users ${seconds(fetchOnly.users.ms)} in ${fetchOnly.users.pages} pages, groups ${seconds(fetchOnly.groups.ms)} in ${fetchOnly.groups.pages}; ${count(fetchOnly.objects)} objects, ${fetchOnlyDelta.preflights} preflights)`,
      );
    }
    await floorPage.close();
  } finally {
    await browser.close();
    await tenant.close();
  }
  return pagingResultRow(users, org.groupCount, options, measured);
}

function pagingResultRow(users: number, groups: number, options: PagingBenchOptions, reps: PagingRep[]): Row {
  const syncMs = median(reps.map((r) => r.sync.durationMs ?? 0));
  const fetchOnlyMs = median(reps.map((r) => r.fetchOnly.ms));
  const ratio = syncMs / fetchOnlyMs;
  const pages = reps[0]?.fetchOnly.pages ?? 0;
  const largestPage = Math.max(...reps.map((r) => r.fetchOnly.largestPage));
  const part = (of: (r: PagingRep) => number | undefined) => median(reps.map((r) => of(r) ?? NaN));
  const usersRead = { syncMs: part((r) => r.syncUsersMs), fetchOnlyMs: part((r) => r.fetchOnly.users.ms) };
  const groupsRead = { syncMs: part((r) => r.syncGroupsMs), fetchOnlyMs: part((r) => r.fetchOnly.groups.ms) };
  return {
    name: `Full sync under Graph's paging, ${count(users)} users + ${count(groups)} groups (≤ ${options.pageSize} a page, ${options.latencyMs} ms a page)`,
    value:
      `${seconds(syncMs)} against ${seconds(fetchOnlyMs)} fetching the same ${count(pages)} pages alone ` +
      `(users ${seconds(usersRead.syncMs)} / ${seconds(usersRead.fetchOnlyMs)}, groups ${seconds(groupsRead.syncMs)} / ${seconds(groupsRead.fetchOnlyMs)})`,
    ratio: `${ratio.toFixed(2)}× fetch-only`,
    verdict: 'info',
    repetitions: reps.length,
    data: {
      userCount: users,
      groupCount: groups,
      pageSize: options.pageSize,
      largestPage,
      latencyMs: options.latencyMs,
      latencyIsAssumption: options.latencyMs === DEFAULT_GRAPH_LATENCY_MS,
      pages,
      syncMs,
      fetchOnlyMs,
      ratio,
      users: usersRead,
      groups: groupsRead,
      /** What the sync adds to Graph's own time: its writes and bookkeeping not hidden behind the next page's wait. */
      beyondGraphMs: syncMs - fetchOnlyMs,
      runs: reps,
    },
  };
}
