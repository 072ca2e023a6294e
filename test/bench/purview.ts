// The 7-day Purview backfill (issue #16): 100,000 Exchange, SharePoint and OneDrive audit events of the last 7 days in
// the local tenant, read through Microsoft Purview's audit search (lib/sync/audit-search.ts) and stored, with the
// worker's JS heap sampled meanwhile. `npm run bench -- --only purview`.
//
// What is timed is the "Sync now" that finds the grant's queries succeeded and stores their events: from the run's
// start (the queries have ended at Microsoft's side) to its close (every event stored; a run closes only once its
// activity read has stopped writing, lib/sync/sync-directory.ts). That is the part of the backfill that is ours and
// the wait an admin meets: the grant only starts the queries (it never waits for Microsoft), Microsoft then runs them
// for a time it does not document, and the events appear with the first sync after that. The grant's own time is in
// the row's data, for information.
import type { Page } from 'playwright-core';
import type { SyncRun } from '../../lib/db/types';
import { launchExtensionBrowser } from '../e2e/harness/browser';
import { E2E_TENANT_PORT } from '../e2e/harness/constants';
import { startTenant, type Tenant } from '../emulator';
import { adminToken, graph } from '../emulator/test-support';
import { grantThroughConsole, syncNow } from './extension-sync';
import { count, median, mib, seconds, verdict, type Row } from './report';
import { type PhaseTotal, phaseTotals, readProfile, startProfile } from './sync-profile';
import { sampleWorkerHeap } from './worker-heap';

const WINDOW_DAYS = 7;
/**
 * How long each query runs on the tenant clock before it succeeds. Microsoft documents no run time (minutes, in
 * practice; lib/sync/audit-search.ts): the grant starts the queries and leaves them running, the tenant clock is then
 * moved past this, and the next "Sync now" reads them, as it would at Microsoft.
 */
const QUERY_RUN_MS = 10 * 60_000;
/** The directory is small: the row measures the audit events, not the directory sync beside them. */
const USERS = 200;
const RECORDS_PATH = /^\/v1\.0\/security\/auditLog\/queries\/[^/]+\/records$/;
const QUERIES_PATH = '/v1.0/security/auditLog/queries';

export interface PurviewBenchOptions {
  events: number;
  reps: number;
  timeoutMs: number;
  heapTargetBytes: number;
}

interface PurviewRep {
  /** The grant through the console, from its start to "succeeded" (its queries started, none read). */
  grantMs: number;
  /** The "Sync now" that reads the succeeded queries: its record. */
  run: Pick<SyncRun, 'outcome' | 'durationMs'>;
  /** Of that run, the audit search's own part (the profile's `act-audit-search` span), when the worker kept it. */
  auditSearchMs?: number;
  /** Where the run's time went (lib/sync/profile.ts spans summed by phase: the record pages' fetches, the stores). */
  phases?: Record<string, PhaseTotal>;
  stored: Record<string, number>;
  recordPages: number;
  heapPeakBytes?: number;
  heapSamples: number;
}

/** The tenant's services' own events stored in the extension, per service (one cursor over the kind's batches). */
function storedAuditEvents(page: Page, tenantId: string): Promise<Record<string, number>> {
  return page.evaluate(
    (tid) =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const open = indexedDB.open('m365-connectors');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('eventBatches');
          const range = IDBKeyRange.bound([tid, 'auditSearch', -Infinity], [tid, 'auditSearch', Infinity]);
          const cursor = tx.objectStore('eventBatches').openCursor(range);
          const counts: Record<string, number> = {};
          cursor.onsuccess = () => {
            const at = cursor.result;
            if (!at) return;
            for (const event of (at.value as { events: Array<{ service?: string }> }).events) {
              const service = String(event.service);
              counts[service] = (counts[service] ?? 0) + 1;
            }
            at.continue();
          };
          tx.oncomplete = () => {
            db.close();
            resolve(counts);
          };
          tx.onerror = () => reject(new Error(String(tx.error)));
        };
      }),
    tenantId,
  );
}

/**
 * The tenant generates its history at the first read of a query's records: done here, before anything is timed, with
 * a query of its own (a second's window: its records are not kept large).
 */
async function warmHistory(tenant: Tenant): Promise<void> {
  const who = await adminToken(tenant, ['AuditLogsQuery-Exchange.Read.All']);
  const now = tenant.control.now();
  const created = await who.browser.request('POST', QUERIES_PATH, {
    headers: { authorization: `Bearer ${who.token}` },
    json: { filterStartDateTime: new Date(now - 1000).toISOString(), filterEndDateTime: new Date(now).toISOString() },
  });
  if (created.status !== 201) throw new Error(`the warm-up query answered ${created.status}`);
  const id = String(created.json<{ id: unknown }>().id);
  const records = await graph(who.browser, `/security/auditLog/queries/${id}/records`, who.token);
  if (records.status !== 200) throw new Error(`the warm-up records answered ${records.status}`);
}

async function purviewRep(extensionDir: string, options: PurviewBenchOptions): Promise<PurviewRep> {
  const tenant = await startTenant({ port: E2E_TENANT_PORT, orgs: [{ users: USERS }] });
  try {
    const { control } = tenant;
    const org = tenant.orgs[0]!;
    control.setAuditSearch({ recordsPerDay: Math.ceil(options.events / WINDOW_DAYS), days: WINDOW_DAYS, runMs: 0 });
    await warmHistory(tenant);
    control.setAuditSearch({ runMs: QUERY_RUN_MS });
    control.clearRequests();
    const browser = await launchExtensionBrowser({ extensionDir });
    try {
      const grantStart = Date.now();
      const page = await grantThroughConsole(browser, org, options.timeoutMs);
      const grantMs = Date.now() - grantStart;
      const posts = control.requests().filter((r) => r.method === 'POST' && r.path === QUERIES_PATH);
      if (posts.length !== 3 || posts.some((r) => r.status !== 201))
        throw new Error(`the grant started ${posts.length} audit queries (${posts.map((r) => r.status).join(', ')}), not 3`);

      // Microsoft's time: the queries succeed; the admin's next "Sync now" reads them.
      control.advanceTime(QUERY_RUN_MS);
      const before = control.requests().length;
      await startProfile(browser.context, browser.extensionId);
      const heap = await sampleWorkerHeap(browser.context, browser.extensionId);
      const ran = await syncNow(page, org.displayName, options.timeoutMs).then(
        (run) => ({ run }),
        (error: unknown) => ({ error }),
      );
      const sampled = await heap.stop();
      if ('error' in ran) throw ran.error;
      const { run } = ran;
      const profile = await readProfile(browser.context, browser.extensionId);
      if (run.outcome !== 'success') throw new Error(`the collecting sync ended ${run.outcome}: ${run.reasonCode ?? ''}`);
      const stored = await storedAuditEvents(page, org.tenantId);
      const recordPages = control
        .requests()
        .slice(before)
        .filter((r) => r.method === 'GET' && RECORDS_PATH.test(r.path)).length;
      const total = Object.values(stored).reduce((a, b) => a + b, 0);
      // The window's start moves with the real clock while the bench runs: a few of the oldest events fall out of it.
      if (total < options.events * 0.99 || ['exchange', 'sharepoint', 'onedrive'].some((s) => !stored[s]))
        throw new Error(`stored ${count(total)} events (${JSON.stringify(stored)}), not ${count(options.events)} over three services`);
      const phases = profile ? phaseTotals(profile) : undefined;
      const auditSearchMs = phases?.['act-audit-search']?.ms;
      return {
        grantMs,
        run: { outcome: run.outcome, durationMs: run.durationMs },
        ...(auditSearchMs !== undefined ? { auditSearchMs } : {}),
        ...(phases ? { phases } : {}),
        stored,
        recordPages,
        ...(sampled.peakBytes !== undefined ? { heapPeakBytes: sampled.peakBytes } : {}),
        heapSamples: sampled.samples,
      };
    } finally {
      await browser.close();
    }
  } finally {
    await tenant.close();
  }
}

/** The record pages' fetches and stores of a run, and reading the stored ids first. */
function phaseLine(phases: Record<string, PhaseTotal> | undefined): string {
  if (!phases) return 'no profile';
  const part = (phase: string, what: string) => `${what} ${seconds(phases[phase]?.ms ?? 0)}`;
  return [part('act-fetch:auditSearch', 'fetch'), part('act-store', 'store'), part('act-known', 'stored ids')].join(', ');
}

/** The two rows: the time from the queries' success to every event stored, and the worker's peak heap meanwhile. */
export async function purviewRows(extensionDir: string, options: PurviewBenchOptions): Promise<Row[]> {
  console.log(`\nPurview: ${count(options.events)} audit events of the last ${WINDOW_DAYS} days (Exchange, SharePoint, OneDrive)…`);
  const reps: PurviewRep[] = [];
  for (let rep = 1; rep <= options.reps; rep++) {
    const result = await purviewRep(extensionDir, options);
    reps.push(result);
    const total = Object.values(result.stored).reduce((a, b) => a + b, 0);
    console.log(
      `  ${rep}/${options.reps}: grant ${seconds(result.grantMs)}; "Sync now" stored ${count(total)} events in ${seconds(result.run.durationMs ?? 0)}` +
        ` (audit search ${result.auditSearchMs !== undefined ? seconds(result.auditSearchMs) : 'not profiled'}, ${result.recordPages} pages: ${phaseLine(result.phases)});` +
        ` heap peak ${result.heapPeakBytes !== undefined ? mib(result.heapPeakBytes) : 'not measured'}`,
    );
  }
  const syncMs = median(reps.map((r) => r.run.durationMs ?? 0));
  const events = median(reps.map((r) => Object.values(r.stored).reduce((a, b) => a + b, 0)));
  const audited = reps.filter((r) => r.auditSearchMs !== undefined).map((r) => r.auditSearchMs!);
  const peaks = reps.filter((r) => r.heapPeakBytes !== undefined).map((r) => r.heapPeakBytes!);
  const peak = peaks.length ? Math.max(...peaks) : undefined;
  const data = { windowDays: WINDOW_DAYS, queryRunMs: QUERY_RUN_MS, users: USERS, reps };
  return [
    {
      name: `Purview ${WINDOW_DAYS}-day backfill, ${count(options.events)} events: query succeeded → all stored`,
      value:
        `${seconds(syncMs)}, ${count(events / (syncMs / 1000))} events/s` +
        (audited.length ? ` (audit search ${seconds(median(audited))}; grant ${seconds(median(reps.map((r) => r.grantMs)))})` : ''),
      verdict: 'info',
      repetitions: reps.length,
      data: { ...data, syncMs, events, auditSearchMs: audited.length ? median(audited) : undefined },
    },
    {
      name: `Worker peak JS heap, Purview ${WINDOW_DAYS}-day backfill of ${count(options.events)} events`,
      value: peak !== undefined ? mib(peak) : 'not measured',
      target: `< ${mib(options.heapTargetBytes)}`,
      verdict: peak !== undefined ? verdict(peak < options.heapTargetBytes) : 'fail',
      repetitions: reps.length,
      data: { ...data, peakBytes: peak, samples: reps.reduce((n, r) => n + r.heapSamples, 0) },
    },
  ];
}
