// The health monitor's bench rows (issue #5): the popup's first render against a bare React + Dexie page (with 10 and
// 30 tenants, issue #17), a check of granted tenants (time and requests), and the quick lookup over 100,000 users.
// `npm run bench -- --only monitor`.
import os from 'node:os';
import type { Page } from 'playwright-core';
import { launchExtensionBrowser, type ExtensionBrowser } from '../e2e/harness/browser';
import { E2E_TENANT_PORT } from '../e2e/harness/constants';
import { checkNow } from '../e2e/harness/messages';
import { startTenant } from '../emulator';
import { troublesOf } from '../e2e/harness/many-tenants';
import { grantThroughConsole } from './extension-sync';
import { count, median, verdict, type Row } from './report';

const TARGET_POPUP_RATIO = 1.3;
const TARGET_LOOKUP_MS = 10;
const GRANT_TIMEOUT_MS = 120_000;

export interface MonitorBenchOptions {
  /** Tenants × 3 connectors seeded for the popup, one row each (every tenth from the fifth needs action). */
  popupTenants: number[];
  popupReps: number;
  /** Tenants granted through the console for the check (each a local tenant org). */
  checkTenants: number;
  checkReps: number;
  lookupUsers: number;
  lookupReps: number;
  /** The popup's first render alone (`--only popup`): no lookup, no check. */
  popupOnly?: boolean;
}

const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Open `file` in a fresh tab and return when `rows` elements match `selector`: performance.now() in the page at the
 * first animation frame that shows them, i.e. ms from the navigation's start (the page's time origin).
 */
export async function firstRender(browser: ExtensionBrowser, file: string, selector: string, rows: number): Promise<number> {
  const page = await browser.context.newPage();
  try {
    await page.goto(`chrome-extension://${browser.extensionId}/${file}`, { waitUntil: 'commit' });
    const shown = await page.waitForFunction(
      ({ selector, rows }) => document.querySelectorAll(selector).length >= rows && performance.now(),
      { selector, rows },
      { polling: 'raf', timeout: 30_000 },
    );
    return (await shown.jsonValue()) as number;
  } finally {
    await page.close();
  }
}

async function benchPage(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/bench-monitor.html`);
  await page.waitForFunction(() => window.benchMonitor !== undefined);
  return page;
}

/**
 * The popup with `tenants` seeded tenants against the bare page listing one row per tenant (at least 20): the popup
 * shows each tenant that is well as one line, and the few that need action (one in ten) a few lines each.
 */
async function popupRow(browser: ExtensionBrowser, page: Page, tenants: number, reps: number): Promise<Row> {
  await page.evaluate((n) => window.benchMonitor!.seedTenants(n), tenants);
  const connectors = tenants * 3;
  const bareRows = Math.max(20, tenants);
  const bareFile = `bench-bare.html?rows=${bareRows}`;
  const needing = troublesOf(tenants).size;
  const popup: number[] = [];
  const bare: number[] = [];
  // Interleaved, one unmeasured warm-up each: both see the same machine load and a warm disk cache.
  await firstRender(browser, 'popup.html', 'section[data-tenant-id]', tenants);
  await firstRender(browser, bareFile, 'li[data-row]', bareRows);
  for (let rep = 0; rep < reps; rep++) {
    popup.push(await firstRender(browser, 'popup.html', 'section[data-tenant-id]', tenants));
    bare.push(await firstRender(browser, bareFile, 'li[data-row]', bareRows));
  }
  const popupMs = median(popup);
  const bareMs = median(bare);
  const ratio = popupMs / bareMs;
  // The machine's load (1, 5, 15 min): a first render on a shared, busy machine is noisy.
  const load = os.loadavg().map((l) => l.toFixed(1));
  console.log(
    `  popup first render, ${tenants} tenants: ${ms(popupMs)}, bare React + Dexie page (${bareRows} rows) ${ms(bareMs)} (${ratio.toFixed(2)}×), load ${load.join(' ')}`,
  );
  return {
    name: `Popup first render, ${tenants} tenants × 3 connectors (${needing} needing action)`,
    value: `${ms(popupMs)} (bare React + Dexie page, ${bareRows} rows: ${ms(bareMs)})`,
    ratio: `${ratio.toFixed(2)}× the bare page`,
    target: `≤ ${TARGET_POPUP_RATIO}× the bare page`,
    verdict: verdict(ratio <= TARGET_POPUP_RATIO),
    repetitions: popup.length,
    data: { popupMs, bareMs, ratio, popupRuns: popup, bareRuns: bare, tenants, connectors, needing, bareRows, loadAverage: load },
  };
}

/** The lookup over `lookupUsers` users in the first of the seeded tenants (the others empty, as the popup's). */
async function lookupRow(page: Page, options: MonitorBenchOptions): Promise<Row> {
  console.log(`  seeding ${count(options.lookupUsers)} users…`);
  const seedStarted = Date.now();
  const groups = await page.evaluate((n) => window.benchMonitor!.seedUsers(n), options.lookupUsers);
  console.log(`  seeded in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s; timing lookups…`);
  // Typical prefixes: a first name, a full name, a sign-in name, a mail address (the mail starts with the surname).
  const queries = ['adele', 'Marco Ro', 'priya.', 'sven.lind', 'garcia.', 'tanaka.omar', 'Ka', 'zz-nobody'];
  const lookup = await page.evaluate(({ queries, reps }) => window.benchMonitor!.timeLookups(queries, reps), {
    queries,
    reps: options.lookupReps,
  });
  const lookupMedian = median(lookup.times);
  const lookupP90 = percentile(lookup.times, 90);
  console.log(
    `  lookup median ${ms(lookupMedian)}, p90 ${ms(lookupP90)}; the ${count(lookup.groupNames)} group names read once at open in ${ms(lookup.groupNamesMs)}`,
  );
  return {
    name: `Quick lookup, ${count(options.lookupUsers)} users`,
    value: `median ${ms(lookupMedian)}, p90 ${ms(lookupP90)} (group names read at open: ${ms(lookup.groupNamesMs)})`,
    target: `< ${TARGET_LOOKUP_MS} ms median`,
    verdict: verdict(lookupMedian < TARGET_LOOKUP_MS),
    repetitions: lookup.times.length,
    data: {
      medianMs: lookupMedian,
      p90Ms: lookupP90,
      groupNamesMs: lookup.groupNamesMs,
      users: options.lookupUsers,
      tenants: Math.max(...options.popupTenants),
      groups,
      queries,
      matches: lookup.matches,
      times: lookup.times,
    },
  };
}

/** The popup's first render, then (same database, same tenants) the lookup; `popup: false` seeds the tenants only. */
async function popupAndLookupRows(extensionDir: string, options: MonitorBenchOptions, popup: boolean): Promise<Row[]> {
  const browser = await launchExtensionBrowser({ extensionDir });
  try {
    const page = await benchPage(browser);
    const rows: Row[] = [];
    // Fewest first: each seeding adds to the tenants before it.
    if (popup)
      for (const tenants of [...options.popupTenants].sort((a, b) => a - b))
        rows.push(await popupRow(browser, page, tenants, options.popupReps));
    if (options.popupOnly) return rows;
    else await page.evaluate((n) => window.benchMonitor!.seedTenants(n), Math.max(...options.popupTenants));
    rows.push(await lookupRow(page, options));
    return rows;
  } finally {
    await browser.close();
  }
}

async function checkRow(extensionDir: string, options: MonitorBenchOptions): Promise<Row> {
  const orgs = Array.from({ length: options.checkTenants }, (_, i) =>
    i === 0 ? { users: 20 } : { users: 20, domain: `bench${i + 1}.onmicrosoft.com`, displayName: `Bench ${i + 1}` },
  );
  const tenant = await startTenant({ port: E2E_TENANT_PORT, orgs });
  const browser = await launchExtensionBrowser({ extensionDir });
  try {
    let page: Page | undefined;
    for (const org of tenant.orgs) {
      console.log(`  granting ${org.domain} through the console…`);
      const granted = await grantThroughConsole(browser, org, GRANT_TIMEOUT_MS, org.domain);
      if (page) await granted.close();
      else page = granted;
    }
    const graphPath = new URL(tenant.graphBaseUrl).pathname.replace(/\/$/, '') + '/v1.0/';
    const runs: Array<{ ms: number; token: number; graph: number; batch: number; other: number }> = [];
    await checkNow(page!); // unmeasured: the first check after the grants may still find work in flight
    for (let rep = 0; rep < options.checkReps; rep++) {
      tenant.control.clearRequests();
      const started = performance.now();
      await checkNow(page!);
      const elapsed = performance.now() - started;
      const requests = tenant.control.requests();
      // One host serves Entra and Graph here: the path tells them apart.
      const token = requests.filter((r) => r.path.endsWith('/token')).length;
      const graph = requests.filter((r) => r.path.startsWith(graphPath)).length;
      const batch = requests.filter((r) => r.path.endsWith('/$batch')).length;
      runs.push({ ms: elapsed, token, graph, batch, other: requests.length - token - graph });
    }
    const n = options.checkTenants;
    const checkMs = median(runs.map((r) => r.ms));
    const perTenant = (key: 'token' | 'graph') => median(runs.map((r) => r[key])) / n;
    const within = runs.every((r) => r.token <= n && r.graph <= n);
    console.log(`  check of ${n} tenants: ${ms(checkMs)}; requests per check ${JSON.stringify(runs.map(({ ms: _, ...r }) => r))}`);
    return {
      name: `Check, ${n} granted tenants × 3 connectors`,
      value: `${ms(checkMs)}, ${perTenant('token')} token + ${perTenant('graph')} Graph request(s) per tenant`,
      target: '≤ 1 token + 1 Graph request per tenant',
      verdict: verdict(within),
      repetitions: runs.length,
      data: { tenants: n, checkMs, runs },
    };
  } finally {
    await browser.close();
    await tenant.close();
  }
}

/** The monitor rows; each part in its own browser (the check's tenants are granted, the popup's are seeded). */
export async function monitorRows(extensionDir: string, options: MonitorBenchOptions): Promise<Row[]> {
  console.log(`\nMonitor: popup first render${options.popupOnly ? '' : ' and quick lookup'}…`);
  const rows = await popupAndLookupRows(extensionDir, options, true);
  if (options.popupOnly) return rows;
  console.log(`\nMonitor: a check of ${options.checkTenants} granted tenants…`);
  rows.push(await checkRow(extensionDir, options));
  return rows;
}

/** The lookup row alone (`--only lookup`): a quick loop while working on lib/directory/lookup.ts. */
export async function lookupRows(extensionDir: string, options: MonitorBenchOptions): Promise<Row[]> {
  console.log(`\nMonitor: quick lookup…`);
  return popupAndLookupRows(extensionDir, options, false);
}
