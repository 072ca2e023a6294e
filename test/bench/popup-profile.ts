// Where the popup's first render goes (docs/popup-profile.md): the bench's measure (test/bench/monitor.ts firstRender)
// of the popup and the bare page, with the popup's own marks (entrypoints/popup/main.tsx) and the moment the bench's
// poll first ran in each page. `--ab dirA,dirB` measures two builds side by side, interleaved, under the same load.
// `npx tsx test/bench/popup-profile.ts [--tenants 30] [--reps 7] [--ab .output/x/chrome-mv3,.output/y/chrome-mv3]`
// on a bench build (`npm run bench -- --only popup` makes one in .output/bench).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchExtensionBrowser, type ExtensionBrowser } from '../e2e/harness/browser';
import { REPO_ROOT } from '../e2e/harness/constants';
import { median } from './report';

const { values: args } = parseArgs({
  options: {
    tenants: { type: 'string', default: '30' },
    reps: { type: 'string', default: '7' },
    ab: { type: 'string' },
  },
});
const tenants = Number(args.tenants);
const reps = Number(args.reps);
const bareRows = Math.max(20, tenants);

interface Measured {
  /** performance.now() at the first animation frame showing every row (the bench's measure). */
  at: number;
  /** The page's marks, and `poll`: when the bench's check first ran in the page (it cannot see rows before). */
  marks: Record<string, number>;
}

/** The bench's firstRender, keeping the page's marks. */
async function measure(browser: ExtensionBrowser, file: string, selector: string, rows: number): Promise<Measured> {
  const page = await browser.context.newPage();
  try {
    await page.goto(`chrome-extension://${browser.extensionId}/${file}`, { waitUntil: 'commit' });
    const shown = await page.waitForFunction(
      ({ selector, rows }) => {
        if (!performance.getEntriesByName('poll').length) performance.mark('poll');
        return document.querySelectorAll(selector).length >= rows && performance.now();
      },
      { selector, rows },
      { polling: 'raf', timeout: 30_000 },
    );
    const at = (await shown.jsonValue()) as number;
    // The first of each mark: the live query's reads after the first paint mark `popup:read` again.
    const marks = await page.evaluate(() =>
      Object.fromEntries(
        performance
          .getEntriesByType('mark')
          .map((m): [string, number] => [m.name, m.startTime])
          .reverse(),
      ),
    );
    return { at, marks };
  } finally {
    await page.close();
  }
}

async function seeded(extensionDir: string): Promise<ExtensionBrowser> {
  const browser = await launchExtensionBrowser({ extensionDir });
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/bench-monitor.html`);
  await page.waitForFunction(() => window.benchMonitor !== undefined);
  await page.evaluate((n) => window.benchMonitor!.seedTenants(n), tenants);
  await page.close();
  return browser;
}

const line = ({ at, marks }: Measured) =>
  `${at.toFixed(0).padStart(4)} ms | ${Object.entries(marks)
    .sort((a, b) => a[1] - b[1])
    .map(([name, ms]) => `${name} ${ms.toFixed(0)}`)
    .join(', ')}`;

async function main(): Promise<void> {
  const dirs = args.ab?.split(',') ?? [path.join(REPO_ROOT, '.output/bench/chrome-mv3')];
  const browsers: ExtensionBrowser[] = [];
  try {
    for (const dir of dirs) browsers.push(await seeded(dir));
    const runs = dirs.map(() => ({ popup: [] as number[], bare: [] as number[] }));
    // One unmeasured warm-up each, then interleaved: popup, bare page, in each build in turn.
    for (let rep = 0; rep <= reps; rep++)
      for (const [i, browser] of browsers.entries()) {
        const popup = await measure(browser, 'popup.html', 'section[data-tenant-id]', tenants);
        const bare = await measure(browser, `bench-bare.html?rows=${bareRows}`, 'li[data-row]', bareRows);
        if (rep === 0) continue;
        runs[i]!.popup.push(popup.at);
        runs[i]!.bare.push(bare.at);
        const build = dirs.length > 1 ? `${i} ` : '';
        console.log(`${build}popup #${rep} ${line(popup)}\n${build}bare  #${rep} ${line(bare)}`);
      }
    for (const [i, dir] of dirs.entries()) {
      const { popup, bare } = runs[i]!;
      console.log(
        `${path.relative(REPO_ROOT, dir) || dir}: ${tenants} tenants, popup ${median(popup).toFixed(0)} ms, bare page ${median(bare).toFixed(0)} ms (${(median(popup) / median(bare)).toFixed(2)}×)`,
      );
    }
  } finally {
    for (const browser of browsers) await browser.close();
  }
}

void main();
