import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, ImpactValue } from 'axe-core';
import type { Page } from 'playwright-core';
import { untilSettled } from './expect-until';

// axe's own bundle, read once. It is evaluated through the DevTools protocol, which the extension pages' CSP
// (script-src 'self') does not govern, so no script tag and no copy of axe in the build.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
// Moderate too (heading order, landmarks, …): no screen has one, and a screen reader user navigates by them (issue #6).
const FAILING: ImpactValue[] = ['moderate', 'serious', 'critical'];

export type ColorScheme = 'light' | 'dark';

/** Run axe-core on the page as it stands (WCAG 2.x A and AA, and axe's best practices) and return its results. */
export async function runAxe(page: Page, options: { include?: string } = {}): Promise<AxeResults> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (include) => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    // Tabster's dummy inputs (Fluent's focus management) are focusable and aria-hidden by design: one that gets the
    // focus hands it on at once to the element it guards, so a screen reader never rests on one.
    const context = { include: include ? [include] : [document.documentElement], exclude: ['[data-tabster-dummy]'] };
    const results = await axe.run(context as import('axe-core').ElementContext, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    // axe cuts long tags short: the element's own words (and whether it is disabled) say which one it is.
    for (const node of results.violations.flatMap((v) => v.nodes)) {
      const [selector] = node.target;
      const element = typeof selector === 'string' ? document.querySelector(selector) : null;
      const words = element?.textContent?.replace(/\s+/g, ' ').trim().slice(0, 60);
      node.html = node.html.slice(0, 120);
      if (words) node.html = `${node.html} “${words}”${element?.matches(':disabled') ? ' (disabled)' : ''}`;
    }
    return results;
  }, options.include);
}

/** The moderate, serious and critical violations, one line per element: rule, impact, target, what is wrong, and axe's help page. */
export function describeViolations(results: AxeResults): string[] {
  return results.violations
    .filter((v) => FAILING.includes(v.impact ?? null))
    .flatMap((v) =>
      v.nodes.map(
        (node) =>
          `${v.id} (${v.impact}) at ${node.target.join(' ')} ${node.html}: ${node.failureSummary?.replace(/\s+/g, ' ') ?? v.help} — ${v.helpUrl}`,
      ),
    );
}

/**
 * The moderate, serious and critical violations on the page in `scheme` (switched first, and the theme given time to follow:
 * contrast differs between light and dark), one line each; empty when there are none.
 */
export async function violations(page: Page, options: { scheme?: ColorScheme; include?: string } = {}): Promise<string[]> {
  // A background tab draws no frames, so its colour transitions stand still half-way: axe reads the tab in front.
  await page.bringToFront();
  if (options.scheme) await setColorScheme(page, options.scheme);
  return describeViolations(await runAxe(page, options));
}

/**
 * Emulate the system's colour scheme and wait until the page's theme follows it (ThemedRoot listens to the change).
 * Chromium reports a media query's change while it updates the page's rendering, so a page it has stopped drawing
 * (a tab behind another) hears nothing until it draws again: brought to the front once more, it follows. A theme that
 * still stands still fails with what the page reported.
 */
export async function setColorScheme(page: Page, scheme: ColorScheme) {
  await page.emulateMedia({ colorScheme: scheme });
  for (let attempt = 1; ; attempt++) {
    try {
      await page.waitForFunction(themeFollows, scheme === 'dark', { timeout: 10_000 });
      break;
    } catch (error) {
      if (attempt === 3) {
        const seen = await page.evaluate(() => ({
          visibility: document.visibilityState,
          dark: matchMedia('(prefers-color-scheme: dark)').matches,
          background: getComputedStyle(document.querySelector('.fui-FluentProvider') ?? document.body).backgroundColor,
        }));
        throw new Error(`The page's theme did not follow the ${scheme} scheme in 30 s: ${JSON.stringify(seen)}`, { cause: error });
      }
      await page.bringToFront();
    }
  }
  // Transitions (Fluent animates colours) must be over before contrast is measured.
  await untilSettled(page);
}

/** In the page: its Fluent root's background is dark when `dark`, light otherwise (no root: nothing to follow). */
function themeFollows(dark: boolean): boolean {
  const root = document.querySelector('.fui-FluentProvider');
  if (!root) return true;
  const [r, g, b] = (getComputedStyle(root).backgroundColor.match(/\d+/g) ?? ['255', '255', '255']).map(Number);
  const light = (r! + g! + b!) / 3 > 128;
  return dark ? !light : light;
}
