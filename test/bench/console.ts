// The console's bench row (issue #17): the first render of its overview ("All tenants", the page `options.html`
// opens on, lib/format/console-route.ts) with 30 seeded tenants × 3 connectors, against a bare React + Fluent UI +
// Dexie page listing the same tenants in a Fluent UI table (test/bench/bare-console), and, for scale, the popup's
// bare React + Dexie page (test/bench/bare-page). No target: the issue asks for the figure, and none is set yet.
// `npm run bench -- --only console`; part of `--only monitor` and the full run.
import os from 'node:os';
import { launchExtensionBrowser } from '../e2e/harness/browser';
import { troublesOf } from '../e2e/harness/many-tenants';
import { firstRender } from './monitor';
import { median, type Row } from './report';

export interface ConsoleBenchOptions {
  /** Tenants × 3 connectors seeded (every tenth from the fifth needs action), one overview row each. */
  tenants: number;
  reps: number;
}

const ms = (value: number): string => `${value.toFixed(0)} ms`;

/** The overview's first render in a browser of its own, its seeded tenants written by the bench's monitor page. */
export async function consoleRows(extensionDir: string, options: ConsoleBenchOptions): Promise<Row[]> {
  const { tenants, reps } = options;
  console.log(`\nConsole: the overview's first render, ${tenants} tenants…`);
  const browser = await launchExtensionBrowser({ extensionDir });
  try {
    const seeder = await browser.context.newPage();
    await seeder.goto(`chrome-extension://${browser.extensionId}/bench-monitor.html`);
    await seeder.waitForFunction(() => window.benchMonitor !== undefined);
    await seeder.evaluate((n) => window.benchMonitor!.seedTenants(n), tenants);
    await seeder.close();
    // The overview's rows, one per tenant once the statuses are derived; the bare pages' rows, one per tenant too.
    const pages = {
      console: () => firstRender(browser, 'options.html', 'tr[data-tenant]', tenants),
      fluent: () => firstRender(browser, 'bench-bare-console.html', 'tr[data-row]', tenants),
      bare: () => firstRender(browser, `bench-bare.html?rows=${tenants}`, 'li[data-row]', tenants),
    };
    const runs: Record<keyof typeof pages, number[]> = { console: [], fluent: [], bare: [] };
    // Interleaved, one unmeasured warm-up each: all see the same machine load and a warm disk cache.
    for (const render of Object.values(pages)) await render();
    for (let rep = 0; rep < reps; rep++)
      for (const [name, render] of Object.entries(pages)) runs[name as keyof typeof pages].push(await render());
    const consoleMs = median(runs.console);
    const fluentMs = median(runs.fluent);
    const bareMs = median(runs.bare);
    const ratio = consoleMs / fluentMs;
    // The machine's load (1, 5, 15 min): a first render on a shared, busy machine is noisy.
    const load = os.loadavg().map((l) => l.toFixed(1));
    console.log(
      `  console overview first render, ${tenants} tenants: ${ms(consoleMs)}, bare React + Fluent UI + Dexie page ${ms(fluentMs)} (${ratio.toFixed(2)}×), bare React + Dexie page ${ms(bareMs)}, load ${load.join(' ')}`,
    );
    const needing = troublesOf(tenants).size;
    return [
      {
        name: `Console overview first render, ${tenants} tenants × 3 connectors (${needing} needing action)`,
        value: `${ms(consoleMs)} (bare React + Fluent UI + Dexie table: ${ms(fluentMs)}; bare React + Dexie list: ${ms(bareMs)})`,
        ratio: `${ratio.toFixed(2)}× the bare Fluent UI page`,
        verdict: 'info',
        repetitions: runs.console.length,
        data: { consoleMs, fluentMs, bareMs, ratio, runs, tenants, needing, loadAverage: load },
      },
    ];
  } finally {
    await browser.close();
  }
}
