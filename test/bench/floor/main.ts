// The bench build's floor page (never in a production build: wxt.config.ts adds it only when WXT_BENCH_FLOOR is set).
import { runFloor } from './floor';

declare global {
  interface Window {
    /** Called by test/bench/bench.ts through Playwright. */
    benchFloor?: typeof runFloor;
  }
}

window.benchFloor = runFloor;
