// `npm run bench`: the directory sync in real Chromium against the local tenant, against its floor; the pages'
// JavaScript sizes; the health monitor's rows (test/bench/monitor.ts); the console overview's first render
// (test/bench/console.ts); the upgrade of a version 3 mirror; the full sync under Graph's paging against fetching its pages alone
// (test/bench/paging.ts); the 7-day Purview backfill of 100,000 events, its time and the worker's heap
// (test/bench/purview.ts). Not part of `npm test`.
// Options: --only sync|monitor|popup|console|lookup|upgrade|paging|purview  --upgrade-memberships 634000
// --purview-events 100000
// --graph-latency-ms 300  --graph-page-size 200
// --sizes 10000,100000  --reps 3  --incremental-reps 3  --admin-pause-s 60  --profile  --no-floor  --no-reread  --no-history
// --console-profile PREFIX
// --popup-tenants 10,30  --popup-reps 7  --check-tenants 10  --check-reps 5
// --lookup-users 100000  --lookup-reps 5  --console-tenants 30  --console-reps 7
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import type { SyncRun } from '../../lib/db/types';
import { launchExtensionBrowser } from '../e2e/harness/browser';
import { E2E_TENANT_PORT, E2E_TENANT_URL, REPO_ROOT } from '../e2e/harness/constants';
import { startTenant, type Tenant } from '../emulator';
import { acquireTokens } from '../emulator/test-support';
import { benchBuild, productionBuild } from './build';
import { msalFiles, pageScripts } from './bundle-size';
import { grantThroughConsole, lastRunOf, mirroredIds, syncNow, wipeMirror } from './extension-sync';
import type { FloorResult } from './floor/floor';
import { count, kib, median, mib, printTable, seconds, verdict, writeResults, type Row } from './report';
import { lookupRows, monitorRows } from './monitor';
import { consoleRows } from './console';
import { DEFAULT_GRAPH_LATENCY_MS, GRAPH_DELTA_PAGE_SIZE, pagingRow } from './paging';
import { sampleWorkerHeap } from './worker-heap';
import { purviewRows } from './purview';
import { phaseTotals, profileLine, readProfile, startProfile, type PhaseTotal } from './sync-profile';
import { pausesLine, type TenantPauses, watchTenantPauses } from './tenant-pauses';
import { profileConsole } from './console-cpu';
import type { ProfileSpan } from '../../lib/sync/profile';

const TARGET_RATIO = 1.5;
const TARGET_INCREMENTAL_MS = 2000;
const TARGET_HEAP_BYTES = 64 * 1024 * 1024;
const TARGET_POPUP_GZIP = 180 * 1024;
const HEAP_SIZE = 100_000;
const SYNC_TIMEOUT_MS = 30 * 60_000;

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    reps: { type: 'string', default: '3' },
    'incremental-reps': { type: 'string', default: '3' },
    /** `--no-floor`: skip the floor runs (a quick look at the sync alone; the ratio rows then say so). */
    floor: { type: 'boolean', default: true },
    /** `--no-reread`: skip the full re-read over the 100,000-user mirror (a quick look at the increments). */
    reread: { type: 'boolean', default: true },
    /**
     * `--profile`: record where each increment's time goes (per phase, in the table's data and on the console), and
     * the full syncs' below 100,000 users (the activity read beside the directory's rounds).
     */
    profile: { type: 'boolean', default: false },
    /**
     * `--no-history`: the local tenant without its generated 30 days of audits and sign-ins, so the sync's 7-day
     * activity read has next to nothing to store (the floor never reads it): the with/without measure of its cost.
     */
    history: { type: 'boolean', default: true },
    /**
     * `--console-profile PREFIX`: the console page's CPU profile during each increment, written to
     * PREFIX-N.cpuprofile (Chrome DevTools opens it): what the page the admin watches costs the machine meanwhile.
     */
    'console-profile': { type: 'string' },
    /** Seconds between the grant's sync and the first "Sync now" (an admin's minute). */
    'admin-pause-s': { type: 'string', default: '60' },
    /**
     * `--only monitor`: the monitor's rows (and the bundle sizes) without the long sync rows; `--only sync` the reverse;
     * `--only popup`: the popup's first render (and the bundle sizes) alone, a minute or two;
     * `--only console`: the console overview's first render (and the bundle sizes) alone, a minute or two;
     * `--only lookup`: the quick lookup's row alone (no production build, no bundle sizes).
     */
    only: { type: 'string' },
    /** The popup's first-render rows: one per count of seeded tenants. */
    'popup-tenants': { type: 'string', default: '10,30' },
    'popup-reps': { type: 'string', default: '7' },
    'check-tenants': { type: 'string', default: '10' },
    'check-reps': { type: 'string', default: '5' },
    'lookup-users': { type: 'string', default: '100000' },
    'lookup-reps': { type: 'string', default: '5' },
    /** The console overview's first-render row (also in `--only monitor` and the full run). */
    'console-tenants': { type: 'string', default: '30' },
    'console-reps': { type: 'string', default: '7' },
    /** `--only upgrade`: the first open of a version 3 mirror (every membership copied, then packed), a few minutes. */
    'upgrade-memberships': { type: 'string', default: '634000' },
    /**
     * `--only paging`: the largest of `--sizes` synced with the tenant serving Graph's delta page size and waiting
     * Graph's time before each page, against the same pages fetched alone (`--reps` times each).
     */
    'graph-latency-ms': { type: 'string', default: String(DEFAULT_GRAPH_LATENCY_MS) },
    'graph-page-size': { type: 'string', default: String(GRAPH_DELTA_PAGE_SIZE) },
    /** `--only purview`: the 7-day Purview backfill of this many events (`--reps` times), its time and heap. */
    'purview-events': { type: 'string', default: '100000' },
  },
  allowNegative: true,
});
const sizes = args.sizes.split(',').map(Number);
const reps = Number(args.reps);
const incrementalReps = Number(args['incremental-reps']);
const incrementalSize = Math.max(...sizes);
if (args.only && !['sync', 'monitor', 'popup', 'console', 'lookup', 'upgrade', 'paging', 'purview'].includes(args.only))
  throw new Error(`--only sync, monitor, popup, console, lookup, upgrade, paging or purview, not ${args.only}`);
const runSync = !args.only || args.only === 'sync';
const runMonitor = !args.only || args.only === 'monitor' || args.only === 'popup';
const runConsole = !args.only || args.only === 'monitor' || args.only === 'console';
const runLookup = args.only === 'lookup';
const runUpgrade = !args.only || args.only === 'upgrade';
const runPaging = !args.only || args.only === 'paging';
const runPurview = !args.only || args.only === 'purview';

const records = (run: Pick<SyncRun, 'usersWritten' | 'groupsWritten' | 'membershipsWritten'>) =>
  run.usersWritten + run.groupsWritten + run.membershipsWritten;

function ensureSuccess(run: SyncRun, what: string): SyncRun {
  if (run.outcome !== 'success') throw new Error(`${what} ended ${run.outcome}: ${run.reasonCode ?? ''}`);
  return run;
}

/** 1% of the users change (half updated, a quarter added, a quarter deleted) and 1% of the groups gain a member. */
async function changeOnePercent(tenant: Tenant, page: Page, size: number, round: number): Promise<number> {
  const org = tenant.orgs[0]!;
  const fixed = new Set([org.admin.id, org.user.id]);
  const ids = await mirroredIds(page);
  const users = ids.users.filter((id) => !fixed.has(id));
  const changes = Math.max(4, Math.round(size / 100));
  const pick = (list: string[], n: number, offset: number) => list.filter((_, i) => i % Math.floor(list.length / n) === offset).slice(0, n);
  const updates = pick(users, changes / 2, round);
  const deletes = pick(users, changes / 4, round + 1);
  for (const id of updates) tenant.control.updateUser(id, { displayName: `Renamed ${round} ${id.slice(0, 8)}` });
  for (const id of deletes) tenant.control.deleteUser(id);
  for (let i = 0; i < changes / 4; i++) tenant.control.addUser({ displayName: `Hire ${round}-${i}`, mailNickname: `hire${round}x${i}` });
  const groups = pick(ids.groups, Math.max(1, Math.round(ids.groups.length / 100)), round);
  let joined = 0;
  for (const [i, id] of groups.entries()) {
    try {
      tenant.control.addGroupMember(id, updates[i % updates.length]!);
      joined++;
    } catch {
      // Already a member (an earlier round added them): the tenant refuses it, as Graph would.
    }
  }
  return updates.length + deletes.length + Math.floor(changes / 4) + joined;
}

interface Increment {
  changes: number;
  run: SyncRun;
  /** `--profile`: the spans of the run's work (lib/sync/profile.ts). */
  profile?: ProfileSpan[];
  /** `--profile`: the local tenant's own pauses meanwhile (test/bench/tenant-pauses.ts). */
  pauses?: TenantPauses;
}

interface SizeResult {
  size: number;
  groups: number;
  syncs: SyncRun[];
  floors: FloorResult[];
  heapPeakBytes?: number;
  heapSamples: number;
  /** A full re-read over the whole mirror (sync position expired, the old mirror swept at its end), with its heap. */
  reread?: { run: SyncRun; heapPeakBytes?: number; heapSamples: number };
  /** `--profile` below 100,000 users: each full sync's time per phase (test/bench/sync-profile.ts). */
  fullSyncPhases: Array<Record<string, PhaseTotal>>;
  /** "Sync now" a minute after the grant's full sync, then again: the order an admin meets them. */
  incremental: Increment[];
  /** The same increments right after the full re-read (information: not the target's measure). */
  incrementalAfterReread: Increment[];
}

/** Measure one tenant size into `result`, calling `measured` after each measurement (results are saved as they come). */
async function benchSize(extensionDir: string, result: SizeResult, measured: () => void): Promise<void> {
  const { size } = result;
  console.log(`\n${count(size)} users: starting the local tenant and the browser…`);
  const tenant = await startTenant({ port: E2E_TENANT_PORT, orgs: [{ users: size, history: args.history }] });
  if (!args.history) console.log('  (the tenant has no generated activity history: --no-history)');
  const browser = await launchExtensionBrowser({ extensionDir });
  try {
    const org = tenant.orgs[0]!;
    result.groups = org.groupCount;
    const sampleHeap = async <T>(work: () => Promise<T>, into: { heapPeakBytes?: number; heapSamples: number } = result): Promise<T> => {
      if (size !== HEAP_SIZE) return work();
      const heap = await sampleWorkerHeap(browser.context, browser.extensionId);
      try {
        return await work();
      } finally {
        const { peakBytes, samples } = await heap.stop();
        if (peakBytes !== undefined) into.heapPeakBytes = Math.max(into.heapPeakBytes ?? 0, peakBytes);
        into.heapSamples += samples;
      }
    };
    // The first full sync is the grant's own (the wizard's "initial directory sync" step); the others are "Sync now"
    // on an emptied mirror. All of them are the worker's lib/sync, started the way an admin starts them.
    // `--profile` below 100,000 users: where each full sync's time goes (its spans fit the worker's heap there).
    const profileFull = args.profile && size < HEAP_SIZE;
    if (profileFull) await startProfile(browser.context, browser.extensionId);
    const page = await sampleHeap(() => grantThroughConsole(browser, org, SYNC_TIMEOUT_MS));
    const grantRun = ensureSuccess((await lastRunOf(page, 'grant'))!, 'the grant sync');
    result.syncs.push(grantRun);
    const fullProfiles: string[] = [];
    const keepProfile = async () => {
      const spans = await readProfile(browser.context, browser.extensionId);
      fullProfiles.push(profileLine(spans));
      result.fullSyncPhases.push(spans ? phaseTotals(spans) : {});
    };
    if (profileFull) await keepProfile();
    measured();
    // Increments in the order an admin meets them: the grant's full sync, then "Sync now" a minute later, then the
    // later ones, each `pauseS` after the last (none after the full re-read). Back to back, an increment began while
    // the storage engine still compacted the last one's writes (docs/increment-profile.md), which no admin's "Sync
    // now" meets. Nothing else writes to the browser's storage in between (the floor comes after them).
    const increments = async (into: SizeResult['incremental'], label: string, round: number, pauseS = 0) => {
      for (let rep = 1; rep <= incrementalReps; rep++) {
        if (pauseS > 0) await new Promise((resolve) => setTimeout(resolve, pauseS * 1000));
        const changes = await changeOnePercent(tenant, page, size, round + rep);
        if (args.profile) await startProfile(browser.context, browser.extensionId);
        const watch = args.profile ? watchTenantPauses(() => tenant.control.requests()) : undefined;
        const consoleCpu = args['console-profile'] ? await profileConsole(page) : undefined;
        const run = ensureSuccess(await syncNow(page, org.displayName, SYNC_TIMEOUT_MS), 'the incremental sync');
        await consoleCpu?.(`${args['console-profile']}-${round + rep}.cpuprofile`);
        const pauses = watch?.stop();
        const profile = args.profile ? await readProfile(browser.context, browser.extensionId) : undefined;
        into.push({ changes, run, ...(profile ? { profile } : {}), ...(pauses ? { pauses } : {}) });
        measured();
        console.log(
          `  ${label} ${rep}/${incrementalReps}: ${count(changes)} changes in ${seconds(run.durationMs ?? 0)}${args.profile ? ` (${profileLine(profile)}; ${pausesLine(pauses!)})` : ''}`,
        );
      }
    };
    if (size === incrementalSize) {
      console.log(
        `  the grant's sync: ${seconds(grantRun.durationMs ?? 0)}; "Sync now" in ${args['admin-pause-s']} s, and again each ${args['admin-pause-s']} s after`,
      );
      await increments(result.incremental, 'incremental', 0, Number(args['admin-pause-s']));
    }
    const profiled = (rep: number) => (fullProfiles[rep - 1] ? `; ${fullProfiles[rep - 1]}` : '');
    const floorPage = await browser.context.newPage();
    await floorPage.goto(`chrome-extension://${browser.extensionId}/bench-floor.html`);
    for (let rep = 1; rep <= reps; rep++) {
      let run: SyncRun;
      if (rep === 1) run = grantRun;
      else {
        await wipeMirror(page);
        if (profileFull) await startProfile(browser.context, browser.extensionId);
        run = ensureSuccess(await sampleHeap(() => syncNow(page, org.displayName, SYNC_TIMEOUT_MS)), 'the full sync');
        if (profileFull) await keepProfile();
        result.syncs.push(run);
        measured();
      }
      if (!args.floor) {
        console.log(
          `  full sync ${rep}/${reps}: ${seconds(run.durationMs ?? 0)} (${count(records(run))} records); floor skipped${profiled(rep)}`,
        );
        continue;
      }
      // A fresh token per floor run: a long run must not outlive the access token.
      const { tokens } = await acquireTokens(tenant, {
        authority: org.tenantId,
        username: org.admin.userPrincipalName,
        password: org.admin.password,
        scopes: ['Directory.Read.All'],
      });
      const floor = await floorPage.evaluate((options) => window.benchFloor!(options), {
        graphBaseUrl: `${tenant.graphBaseUrl}/v1.0`,
        accessToken: tokens.access_token,
        tenantId: org.tenantId,
        dbName: 'bench-floor',
      });
      result.floors.push(floor);
      measured();
      console.log(
        `  full sync ${rep}/${reps}${rep === 1 ? " (the grant's)" : ''}: ${seconds(run.durationMs ?? 0)} (${count(records(run))} records); floor ${seconds(floor.ms)} (${count(floor.users + floor.groups + floor.memberships)} records)${profiled(rep)}`,
      );
    }
    await floorPage.close();
    if (size === HEAP_SIZE && args.reread) {
      // The sync position refused: the next run reads everything again over the full mirror and sweeps what it did
      // not see, the sweep that must stay within the heap budget too (1% of the users deleted meanwhile).
      const gone = await changeOnePercent(tenant, page, size, incrementalReps + 1);
      tenant.control.expireDeltaTokens();
      const heap: { heapPeakBytes?: number; heapSamples: number } = { heapSamples: 0 };
      const run = ensureSuccess(await sampleHeap(() => syncNow(page, org.displayName, SYNC_TIMEOUT_MS), heap), 'the full re-read');
      const reread = { run, ...heap };
      result.reread = reread;
      measured();
      console.log(
        `  full re-read over the mirror (${count(gone)} changes): ${seconds(reread.run.durationMs ?? 0)}, ${count(reread.run.usersRemoved)} users swept, heap peak ${reread.heapPeakBytes !== undefined ? mib(reread.heapPeakBytes) : 'not measured'}`,
      );
      // The same increments right after it: the browser is still tidying the records the re-read wrote and deleted.
      if (size === incrementalSize) await increments(result.incrementalAfterReread, 'incremental after the re-read', incrementalReps + 1);
    }
  } finally {
    await browser.close();
    await tenant.close();
  }
}

function fullSyncRow(result: SizeResult): Row {
  const syncMs = median(result.syncs.map((run) => run.durationMs ?? 0));
  const floorMs = result.floors.length ? median(result.floors.map((floor) => floor.ms)) : NaN;
  const written = median(result.syncs.map(records));
  const ratio = syncMs / floorMs;
  const targeted = result.size === HEAP_SIZE;
  return {
    name: `Full sync, ${count(result.size)} users + ${count(result.groups)} groups`,
    value: `${seconds(syncMs)}, ${count(written / (syncMs / 1000))} records/s (floor ${result.floors.length ? seconds(floorMs) : 'not run'})`,
    ratio: result.floors.length ? `${ratio.toFixed(2)}× the floor` : 'no floor',
    ...(targeted ? { target: `≤ ${TARGET_RATIO}× the floor` } : {}),
    verdict: targeted && result.floors.length ? verdict(ratio <= TARGET_RATIO) : 'info',
    repetitions: result.syncs.length,
    data: {
      users: result.size,
      groups: result.groups,
      recordsWritten: written,
      syncMs,
      floorMs,
      ratio,
      recordsPerSecond: written / (syncMs / 1000),
      floorRecordsPerSecond: result.floors.length
        ? median(result.floors.map((f) => (f.users + f.groups + f.memberships) / (f.ms / 1000)))
        : undefined,
      syncRuns: result.syncs.map(({ trigger, durationMs, usersWritten, groupsWritten, membershipsWritten }) => ({
        trigger,
        durationMs,
        usersWritten,
        groupsWritten,
        membershipsWritten,
      })),
      floorRuns: result.floors,
      ...(result.fullSyncPhases.length ? { phases: result.fullSyncPhases } : {}),
    },
  };
}

function rereadRow(result: SizeResult): Row {
  const reread = result.reread!;
  const peak = reread.heapPeakBytes;
  return {
    name: `Worker peak JS heap, full re-read over the ${count(result.size)}-user mirror`,
    value: `${peak !== undefined ? mib(peak) : 'not measured'} (the run: ${seconds(reread.run.durationMs ?? 0)}, ${count(reread.run.usersRemoved)} users swept)`,
    target: `< ${mib(TARGET_HEAP_BYTES)}`,
    verdict: peak !== undefined ? verdict(peak < TARGET_HEAP_BYTES) : 'fail',
    data: { peakBytes: peak, samples: reread.heapSamples, run: reread.run },
  };
}

function incrementalRow(result: SizeResult, afterReread = false): Row {
  const incremental = afterReread ? result.incrementalAfterReread : result.incremental;
  const times = incremental.map(({ run }) => run.durationMs ?? 0);
  const ms = median(times);
  // The target is every run, the first "Sync now" after the grant included, not the median.
  const slowest = Math.max(...times);
  return {
    name: afterReread
      ? `Incremental sync after 1% changes, ${count(result.size)} users, right after the full re-read`
      : `Incremental sync after 1% changes, ${count(result.size)} users: "Sync now" a minute after the grant, then a minute after each`,
    value: `${times.map((time) => seconds(time)).join(', ')} (median ${seconds(ms)}, ${count(median(incremental.map((i) => i.changes)))} changes)`,
    ...(afterReread
      ? { verdict: 'info' as const }
      : { target: `every run < ${seconds(TARGET_INCREMENTAL_MS)}`, verdict: verdict(slowest < TARGET_INCREMENTAL_MS) }),
    repetitions: incremental.length,
    data: {
      ms,
      slowestMs: slowest,
      runs: incremental.map(({ changes, run, profile, pauses }) => ({
        changes,
        durationMs: run.durationMs,
        usersWritten: run.usersWritten,
        usersRemoved: run.usersRemoved,
        groupsWritten: run.groupsWritten,
        membershipsWritten: run.membershipsWritten,
        membershipsRemoved: run.membershipsRemoved,
        ...(profile ? { phases: phaseTotals(profile), spans: profile } : {}),
        ...(pauses ? { tenantPauses: pauses } : {}),
      })),
    },
  };
}

function heapRow(result: SizeResult): Row {
  const peak = result.heapPeakBytes;
  return {
    name: `Worker peak JS heap, ${count(result.size)}-user full sync`,
    value: peak !== undefined ? mib(peak) : 'not measured',
    target: `< ${mib(TARGET_HEAP_BYTES)}`,
    verdict: peak !== undefined ? verdict(peak < TARGET_HEAP_BYTES) : 'fail',
    data: { peakBytes: peak, samples: result.heapSamples, syncs: result.syncs.length },
  };
}

function bundleRows(extensionDir: string): Row[] {
  const popup = pageScripts(extensionDir, 'popup.html');
  const options = pageScripts(extensionDir, 'options.html');
  const msalInPopup = msalFiles(extensionDir, popup.files);
  return [
    {
      name: 'Popup JavaScript, gzipped',
      value: `${kib(popup.gzipBytes)} in ${popup.files.length} files${msalInPopup.length ? ', msal-browser IN it' : ', no msal-browser'}`,
      target: `≤ ${kib(TARGET_POPUP_GZIP)}, no msal-browser`,
      verdict: verdict(popup.gzipBytes <= TARGET_POPUP_GZIP && msalInPopup.length === 0),
      data: { ...popup, msalFiles: msalInPopup },
    },
    {
      name: 'Console JavaScript, gzipped',
      value: `${kib(options.gzipBytes)} in ${options.files.length} files`,
      verdict: 'info',
      data: { ...options },
    },
  ];
}

/**
 * The first open of a version 3 mirror after an update: schema 4 copies its memberships into `memberOf`, schema 14 packs
 * their ids; in the bench build's floor page (test/bench/floor/upgrade.ts).
 */
async function upgradeRow(extensionDir: string, memberships: number): Promise<Row> {
  console.log(
    `\nUpgrade from schema 3 (schema 4's copy, schema 14's packed ids): writing a version 3 mirror of ${count(memberships)} memberships, then opening it…`,
  );
  const browser = await launchExtensionBrowser({ extensionDir });
  try {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/bench-floor.html`);
    const result = await page.evaluate((options) => window.benchUpgrade!(options), { memberships, dbName: 'bench-upgrade' });
    console.log(`  written in ${seconds(result.fillMs)}; upgraded in ${seconds(result.ms)}`);
    return {
      name: `Upgrade from schema 3 (first open: schema 4's copy, schema 14's packed ids), ${count(result.memberships)} memberships`,
      value: `${seconds(result.ms)}, ${count(result.memberships / (result.ms / 1000))} memberships/s`,
      verdict: 'info',
      repetitions: 1,
      data: { ...result },
    };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const extensionDir = benchBuild(E2E_TENANT_URL);
  const shippedDir =
    runLookup || args.only === 'upgrade' || args.only === 'paging' || args.only === 'purview' ? undefined : productionBuild();
  let chromium = '';
  {
    const probe = await launchExtensionBrowser({ extensionDir });
    chromium = probe.context.browser()?.version() ?? '';
    await probe.close();
  }
  const bundles = shippedDir ? bundleRows(shippedDir) : [];
  const results: SizeResult[] = [];
  const monitor: Row[] = [];
  const paging: Row[] = [];
  const rows = (): Row[] => [
    ...results.flatMap((result) => [
      ...(result.syncs.length ? [fullSyncRow(result)] : []),
      ...(result.size === HEAP_SIZE && result.heapSamples ? [heapRow(result)] : []),
      ...(result.reread ? [rereadRow(result)] : []),
      ...(result.incremental.length ? [incrementalRow(result)] : []),
      ...(result.incrementalAfterReread.length ? [incrementalRow(result, true)] : []),
    ]),
    ...paging,
    ...monitor,
    ...bundles,
  ];
  const file = path.join(REPO_ROOT, '.bench/results.json');
  const save = (state: 'running' | 'complete' | 'interrupted') =>
    writeResults(file, {
      at: new Date().toISOString(),
      state,
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryBytes: os.totalmem(), node: process.version, chromium },
      repetitions: { fullSync: reps, incremental: incrementalReps },
      durationMs: Date.now() - started,
      rows: rows(),
    });
  // Ctrl-C keeps what was measured so far: a 100,000-user run is long on a busy machine.
  process.once('SIGINT', () => {
    printTable(rows());
    save('interrupted');
    console.log(`Interrupted; what was measured is in ${path.relative(process.cwd(), file)}`);
    process.exit(130);
  });
  const monitorOptions = {
    popupTenants: args['popup-tenants'].split(',').map(Number),
    popupReps: Number(args['popup-reps']),
    checkTenants: Number(args['check-tenants']),
    checkReps: Number(args['check-reps']),
    lookupUsers: Number(args['lookup-users']),
    lookupReps: Number(args['lookup-reps']),
    popupOnly: args.only === 'popup',
  };
  if (runMonitor || runLookup) {
    monitor.push(...(await (runLookup ? lookupRows : monitorRows)(extensionDir, monitorOptions)));
    save('running');
  }
  if (runConsole) {
    monitor.push(...(await consoleRows(extensionDir, { tenants: Number(args['console-tenants']), reps: Number(args['console-reps']) })));
    save('running');
  }
  if (runUpgrade) {
    monitor.push(await upgradeRow(extensionDir, Number(args['upgrade-memberships'])));
    save('running');
  }
  for (const size of runSync ? sizes : []) {
    const result: SizeResult = {
      size,
      groups: 0,
      syncs: [],
      floors: [],
      heapSamples: 0,
      fullSyncPhases: [],
      incremental: [],
      incrementalAfterReread: [],
    };
    results.push(result);
    await benchSize(extensionDir, result, () => save('running'));
  }
  if (runPaging) {
    paging.push(
      await pagingRow(extensionDir, {
        users: incrementalSize,
        reps,
        latencyMs: Number(args['graph-latency-ms']),
        pageSize: Number(args['graph-page-size']),
        timeoutMs: SYNC_TIMEOUT_MS,
      }),
    );
    save('running');
  }
  if (runPurview) {
    paging.push(
      ...(await purviewRows(extensionDir, {
        events: Number(args['purview-events']),
        reps,
        timeoutMs: SYNC_TIMEOUT_MS,
        heapTargetBytes: TARGET_HEAP_BYTES,
      })),
    );
    save('running');
  }
  printTable(rows());
  save('complete');
  console.log(`Results: ${path.relative(process.cwd(), file)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
