// The bench build's floor page (never in a production build: wxt.config.ts adds it only when WXT_BENCH_FLOOR is set).
import { runFetchOnly } from './fetch-only';
import { runFloor } from './floor';
import { runUpgrade } from './upgrade';

declare global {
  interface Window {
    /** Called by test/bench/bench.ts through Playwright. */
    benchFloor?: typeof runFloor;
    benchFetchOnly?: typeof runFetchOnly;
    benchUpgrade?: typeof runUpgrade;
  }
}

window.benchFloor = runFloor;
window.benchFetchOnly = runFetchOnly;
window.benchUpgrade = runUpgrade;
